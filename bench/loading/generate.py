#!/usr/bin/env python3
"""bench/loading/generate.py — the loading benchmark's data, made here rather than committed:
ROWS CSV records (about 100 bytes each) and ROWS JSON documents (one per line), deterministic."""
import json
import sys

rows = int(sys.argv[1])
folder = sys.argv[2]
categories = ["books", "garden", "tools", "music", "games", "baby", "sports", "toys"]
with open(f"{folder}/rows.csv", "w") as csv:
    for i in range(rows):
        note = f"order {i} shipped, with care" if i % 10 == 0 else f"note number {i:08d} for the record"
        csv.write(f'{i},user_{i:07d},{(i * 37) % 100000 / 100:.2f},2026-{1 + i % 12:02d}-{1 + i % 28:02d},'
                  f'{categories[i % 8]},"{note}",{i % 3 == 0}\n')
with open(f"{folder}/docs.json", "w") as out:
    for i in range(rows):
        doc = {"id": i, "user": {"login": f"user_{i:07d}", "site_admin": i % 97 == 0},
               "state": "open" if i % 3 else "closed", "labels": [categories[i % 8]], "comments": i % 50}
        out.write(json.dumps(doc, separators=(",", ":")) + "\n")
