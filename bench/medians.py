#!/usr/bin/env python3
"""Medians per label of the rows that bench.py --tsv appends (Python stdlib).

Each row: label, n, wall, min, max, cpu, MB/s, roles (role=MiB;...). Prints one line per label,
in the order the labels first appear, tab-separated: label, median wall s, median cpu s, median
MB/s, and the peak RSS of each role over all its rows ("local 160 MiB, worker 326 MiB").

Usage: medians.py RESULTS.tsv
"""
import statistics
import sys


def main(path):
    rows = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        rows.setdefault(f[0], []).append(f)
    for label, rs in rows.items():
        wall = statistics.median(float(r[2]) for r in rs)
        cpu = statistics.median(float(r[5]) for r in rs)
        mbs = statistics.median(float(r[6]) for r in rs)
        peak = {}
        for r in rs:
            for kv in filter(None, r[7].split(";")):
                k, v = kv.split("=")
                if int(v) > 0:
                    peak[k] = max(peak.get(k, 0), int(v))
        peaks = ", ".join(f"{k} {v} MiB" for k, v in sorted(peak.items()))
        print(f"{label}\t{wall:.2f}\t{cpu:.2f}\t{mbs:.1f}\t{peaks}")


if __name__ == "__main__":
    main(sys.argv[1])
