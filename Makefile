# Snowlite — make targets. `make demo` runs the main job, `make test` the test suite.
SWIFT ?= swift
BIN := .build/debug
DEMO_HOME := .build/demo-home

.PHONY: build test demo clean

build:
	$(SWIFT) build

# Builds the executables first: CLI tests run the real snowsql binary. The suite is XCTest;
# Swift Testing is off so the run does not close on an empty "0 tests" line of its own.
test: build
	$(SWIFT) test --disable-swift-testing

# The main job: a fresh account in a scratch home, the demo script through snowsql.
demo: build
	rm -rf $(DEMO_HOME)
	SNOWLITE_HOME=$(DEMO_HOME) $(BIN)/snowsql -o friendly=false -o exit_on_error=true -o variable_substitution=true \
		-D DEMO_DB=SNOWLITE_DEMO -f sql/demo.sql

clean:
	rm -rf .build

# Benchmarks (bench/README.md): a release build in .build-bench, the 5,405-statement workload
# (bench/run.sh) and MERGE scaling (bench/merge-scaling.sh). Timing lives only here, never in `make test`.
.PHONY: bench
bench:
	status=0; bench/run.sh || status=1; bench/merge-scaling.sh || status=1; exit $$status
