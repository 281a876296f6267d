# Snowlite — make targets. `make demo` runs the main job (the quickstart, offline), `make test` the
# test suite. The quickstart's own targets and variables work as in its Makefile: `make build`,
# `make deploy`, `make install` with APP_NAME, APP_VERSION, STAGE_DB, STAGE_NAME, WAREHOUSE and
# CONNECTION (a [connections.NAME] section of ~/.snowsql/config; GITHUB_TOKEN for install).
SWIFT ?= swift
BIN ?= .build/release
SNOWSQL ?= $(BIN)/snowsql
SNOWSQL_OPTIONS ?=
APP_NAME ?= EXAMPLE_GITHUB_PYTHON_CONNECTOR
APP_VERSION ?= V_1_0_0
STAGE_DB ?= $(APP_NAME)_STAGE
STAGE_NAME ?= $(STAGE_DB).PUBLIC.ARTIFACTS
WAREHOUSE ?= XS
CONNECTION ?= native_sdk_connection
GITHUB_TOKEN ?=

.PHONY: packages build sf_build deploy install demo serve test client-test lint fuzz bench bench-driver bench-snow-app bench-python bench-loading bench-scripts clean

# The Debian packages the build links against, installed when missing (as root, or with sudo).
packages:
	@scripts/packages.sh

# A release build of Snowlite, and sf_build/: what the quickstart's build step stages. The Swift
# runtime and Foundation are linked in (RELEASE_FLAGS), and so are SQLite, readline, zlib and libstdc++
# where the machine has their archives (RELEASE_SWIFT, scripts/static-libs.sh; Package.swift says how):
# the dynamic loader no longer binds their symbols at every start (bench/results.md, start-up). Every
# module, the dependencies' too, reaches generic types' metadata through accessors, not mangled names
# the runtime looks up on first use (Package.swift sets it for Snowlite's own targets), and puts each
# function in a section of its own, so that lld can place those a start runs together
# (scripts/start-up-order.sh).
RELEASE_FLAGS ?= -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors -Xswiftc -Xfrontend -Xswiftc -function-sections
RELEASE_SWIFT = SNOWLITE_STATIC_LIBS=$$(scripts/static-libs.sh) $(SWIFT)
build: packages
	$(RELEASE_SWIFT) build $(RELEASE_FLAGS)
	@$(MAKE) --no-print-directory sf_build

sf_build:
	rm -rf sf_build && mkdir -p sf_build
	cp manifest.yml setup.sql streamlit_app.py sf_build/
	cd Sources/GitHubConnector && python3 -m zipfile -c ../../sf_build/snowflake_github_connector.zip *.swift

deploy:
	$(SNOWSQL) $(SNOWSQL_OPTIONS) -f sql/deploy.sql -c $(CONNECTION) -D APP_NAME=$(APP_NAME) -D STAGE_DB=$(STAGE_DB) \
		-D STAGE_NAME=$(STAGE_NAME) -D APP_VERSION=$(APP_VERSION)

install:
	$(SNOWSQL) $(SNOWSQL_OPTIONS) -f sql/install.sql -c $(CONNECTION) -D APP_NAME=$(APP_NAME) -D APP_VERSION=$(APP_VERSION) \
		-D WAREHOUSE=$(WAREHOUSE) -D token=$(GITHUB_TOKEN)

# The main job: the whole quickstart on a fresh account in .build/demo-home (scripts/demo.sh).
demo: build
	BIN=$(BIN) scripts/demo.sh

serve:
	$(BIN)/snowlite serve

# CLI tests run the real snowsql binary, so the debug executables are built first. The suite is
# XCTest; Swift Testing is off so the run does not close on an empty "0 tests" line of its own.
# Then the client suite (client-test).
test: packages
	$(SWIFT) build
	$(SWIFT) test --disable-swift-testing
	Tests/Clients/run.sh

# The client suite (Tests/Clients, pytest): the real Python connector 4.x and 5.x, Snowpark, the snow
# CLI and SQLAlchemy against a `snowlite serve` on a free port. Tests/Clients/venvs.sh builds their two
# pinned environments (.build/clients-venv4, .build/clients-venv5) from PyPI when the requirements change.
client-test: packages
	$(SWIFT) build --product snowlite
	Tests/Clients/run.sh

# The fuzz harness (Sources/Fuzzing) for FUZZ_SECONDS: the project's own SQL, mutated, through the
# engine in worker processes; inputs that kill or hang a worker are kept in .build/fuzz. `make test`
# runs a fixed-seed campaign of 800 inputs (Tests/FuzzTests).
FUZZ_SECONDS ?= 600
FUZZ_SEED ?= $(shell date +%s)
# swift-format's findings against .swift-format, per kind (scripts/lint.sh; --strict FILE… to hold files to it).
lint:
	@scripts/lint.sh

fuzz: packages
	$(SWIFT) build --product snowlite-fuzz
	.build/debug/snowlite-fuzz --corpus sql --corpus setup.sql --corpus Tests --seed $(FUZZ_SEED) \
		--duration $(FUZZ_SECONDS) --out .build/fuzz

clean:
	rm -rf .build sf_build

# Benchmarks (bench/README.md): a release build in .build-bench (never racing a developer's .build), then
# snowlite-bench, which measures start-up, the workload, ingestion, the quickstart, the idle scheduler and
# 1,000,000 issues (scale) against SQLite and rewrites bench/results.md (about 15 minutes on 2 cores, after
# the build). BENCH_OPTIONS
# passes options on, e.g. BENCH_OPTIONS="--only workload --runs 1"; then bench-driver below. Timing lives only
# here, never in `make test`.
BENCH_SCRATCH ?= .build-bench
BENCH_OPTIONS ?=
# The programs the benchmarks run, built one by one: a plain `swift build` also links GRDB's dynamic
# library product, which --static-swift-stdlib cannot link.
BENCH_PRODUCTS = snowsql snowlite snowlite-workload snowlite-bench snowlite-bench-spawn
BENCH_BUILD = for product in $(BENCH_PRODUCTS); do \
	$(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --product $$product || exit 1; done
bench:
	$(BENCH_BUILD)
	bin=$$($(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
		"$$bin/snowlite-bench" --bin "$$bin" --output bench/results.md $(BENCH_OPTIONS)
	@$(MAKE) --no-print-directory bench-driver
	@$(MAKE) --no-print-directory bench-snow-app
	@$(MAKE) --no-print-directory bench-python
	@$(MAKE) --no-print-directory bench-loading

# The driver protocol against fakesnow's server (bench/driver/run.sh): the same connector 4.x code, select 1
# round trips, the workload statement by statement and 100,000 rows fetched as JSON and Arrow; rewrites
# bench/driver-results.md. Its Python environment (.build/bench-driver-venv) comes from PyPI, pinned in
# bench/driver/requirements.txt. BENCH_DRIVER_OPTIONS passes options on, e.g. "--runs 1 --workload-runs 1".
BENCH_DRIVER_OPTIONS ?=
bench-driver:
	$(BENCH_BUILD)
	bin=$$($(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
		SNOWLITE_BIN="$$bin/snowlite" bench/driver/run.sh $(BENCH_DRIVER_OPTIONS)

# The Snowflake CLI's `snow app` acceptance scenario against Snowlite (bench/snow-app/run.sh), next to
# the CLI's own start-up; rewrites bench/snow-app-results.md. Uses the client suite's connector 4.x venv.
bench-snow-app:
	$(BENCH_BUILD)
	bin=$$($(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
		SNOWLITE_BIN="$$bin/snowlite" bench/snow-app/run.sh

# Python procedures against Swift handlers (bench/python-procedures/run.sh): a trivial Python CALL cold and
# warm beside a SQL one, and the quickstart's INGEST_DATA of 250 issues as Python and as Swift; rewrites
# bench/python-procedures-results.md. Its Python environment is the client suite's connector 4.x one.
bench-python:
	$(BENCH_BUILD)
	bin=$$($(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
		SNOWLITE_BIN="$$bin/snowlite" bench/python-procedures/run.sh

# COPY INTO against the sqlite3 shell's .import (bench/loading/run.sh): 1,000,000 CSV rows and 1,000,000
# JSON documents, generated by the script and never committed; rewrites bench/loading-results.md.
bench-loading:
	$(BENCH_BUILD)
	bin=$$($(RELEASE_SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SCRATCH) --show-bin-path) && \
		SNOWLITE_BIN_DIR="$$bin" bench/loading/run.sh

# The developer scripts beside the runner: the workload in memory and on WAL, and MERGE scaling.
bench-scripts:
	status=0; bench/run.sh || status=1; bench/merge-scaling.sh || status=1; exit $$status
