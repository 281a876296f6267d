#!/usr/bin/env python3
"""`snowlite serve` under a parent that records its CPU time (bench/snow-app/bench_snow_app.py).

Given as SNOWLITE_BIN to the client suite's fixtures: runs the real binary (SNOW_APP_REAL_SNOWLITE)
with the same arguments and standard streams, forwards SIGTERM and SIGINT, and when it exits writes
its user and system CPU seconds to SNOW_APP_SERVER_TIMES, then exits with its status.
"""

import os
import resource
import signal
import subprocess
import sys

child = subprocess.Popen([os.environ["SNOW_APP_REAL_SNOWLITE"], *sys.argv[1:]])
for number in (signal.SIGTERM, signal.SIGINT):
    signal.signal(number, lambda received, _frame: child.send_signal(received))
status = child.wait()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(os.environ["SNOW_APP_SERVER_TIMES"], "w") as out:
    out.write(f"{usage.ru_utime} {usage.ru_stime}\n")
sys.exit(status if status >= 0 else 128 - status)
