"""Adds the page faults of one run, read from the report of `/usr/bin/time -v`, to its JSON line.

    python3 page_faults.py JSON_LINE TIME_REPORT   (prints the JSON line with page_faults and major_page_faults)
"""
import json
import sys

line, report = sys.argv[1], sys.argv[2]
result = json.loads(line)
faults = {}
with open(report) as f:
    for row in f:
        key, _, value = row.strip().rpartition(": ")
        if key in ("Major (requiring I/O) page faults", "Minor (reclaiming a frame) page faults"):
            faults[key.split()[0]] = int(value)
if len(faults) != 2:
    sys.exit(f"{report}: no page-fault counts (is it the report of /usr/bin/time -v?)")
result["page_faults"] = faults["Major"] + faults["Minor"]
result["major_page_faults"] = faults["Major"]
print(json.dumps(result))
