#!/usr/bin/env python3
"""Turns the suite's raw per-run rows into markdown tables and checks the performance goals
(Python stdlib). bench/suite.sh calls it; it is not meant to be run by hand.

  suite_report.py table --runs RUNS.tsv --bytes N [--ratio A/B ...] [--metrics FILE]
      RUNS.tsv rows: round, then bench.py's --tsv row of a one-run call (label, n, wall, min, max,
      cpu, MB/s, role=MiB;...). Round 0 is the warm-up and is left out. Prints a table of every
      label (in order of first appearance): median wall [min-max], median cpu, peak RSS per role
      (the largest over the runs), MB/s on the median wall. Each --ratio A/B adds a row to a second
      table: the median over rounds of wall(A) / wall(B) in the same round; with --metrics, each
      such median is also appended there as "A/B VALUE".

  suite_report.py goals --metrics FILE [--stage NAME=MARKDOWN ...]
      Prints the goal lines (markdown list) with met / missed / not measured. The sort and tiny-job
      figures come from those stages' sections: an explicit line "<!-- metric NAME VALUE -->"
      (sort: "sort.quern_over_gnu", tiny job: "tiny.median_ms") wins; otherwise the stage's first
      table is read (the Quern and GNU rows' median wall; the tiny job's median in ms).
"""
import argparse
import re
import statistics
import sys


SMALL_MIB = 8


def read_runs(path):
    rows = []
    with open(path) as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 8:
                continue
            peaks = {}
            for item in filter(None, cells[8].split(";")) if len(cells) > 8 else []:
                role, _, mib = item.partition("=")
                peaks[role] = float(mib)
            rows.append({"round": int(cells[0]), "label": cells[1], "wall": float(cells[3]),
                         "cpu": float(cells[6]), "peaks": peaks})
    return rows


def table(args):
    rows = [r for r in read_runs(args.runs) if r["round"] > 0]
    if not rows:
        sys.exit("suite_report: no timed runs in " + args.runs)
    labels = list(dict.fromkeys(r["label"] for r in rows))
    print("| system | runs | wall s, median [min-max] | cpu s, median | peak RSS MiB by role (max over runs; roles under 8 MiB left out) | MB/s |")
    print("|---|---|---|---|---|---|")
    walls = {}
    for label in labels:
        mine = [r for r in rows if r["label"] == label]
        w = [r["wall"] for r in mine]
        walls[label] = {r["round"]: r["wall"] for r in mine}
        peak = {k: max(r["peaks"].get(k, 0) for r in mine) for r in mine for k in r["peaks"]}
        # Helpers a launcher forks for a moment (sh, chmod, ls) are left out: below SMALL_MIB.
        peaks = ", ".join(f"{k} {v:.0f}" for k, v in sorted(peak.items()) if v >= SMALL_MIB or len(peak) == 1)
        med = statistics.median(w)
        mbs = f"{args.bytes / 1e6 / med:.1f}" if args.bytes else ""
        print(f"| {label} | {len(w)} | {med:.2f} [{min(w):.2f}-{max(w):.2f}] | "
              f"{statistics.median(r['cpu'] for r in mine):.2f} | {peaks} | {mbs} |")
    if not args.ratio:
        return
    print()
    print("| ratio (wall, same round) | median of the per-round ratios [min-max] | rounds |")
    print("|---|---|---|")
    metrics = open(args.metrics, "a") if args.metrics else None
    for spec in args.ratio:
        a, _, b = spec.partition("/")
        common = sorted(set(walls.get(a, {})) & set(walls.get(b, {})))
        if not common:
            print(f"| {a} / {b} | not measured | 0 |")
            continue
        per_round = [walls[a][i] / walls[b][i] for i in common]
        med = statistics.median(per_round)
        print(f"| {a} / {b} | {med:.2f} [{min(per_round):.2f}-{max(per_round):.2f}] | {len(common)} |")
        if metrics:
            metrics.write(f"{a}/{b} {med:.4f}\n")
    if metrics:
        metrics.close()


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def number(cell):
    m = NUMBER.search(cell.replace(",", ""))
    return float(m.group()) if m else None


def first_table(markdown):
    """The first markdown table of the text: (header cells, data rows of cells)."""
    lines = [l.strip() for l in markdown.splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|[\s:|-]+\|?", lines[i + 1]):
            split = lambda l: [c.strip().strip("*").strip() for c in l.strip("|").split("|")]
            body = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                body.append(split(row))
            return split(line), body
    return None, []


def explicit(markdown, name):
    m = re.search(r"<!--\s*metric\s+" + re.escape(name) + r"\s+(-?[\d.]+)\s*-->", markdown)
    return float(m.group(1)) if m else None


def sort_ratio(markdown):
    value = explicit(markdown, "sort.quern_over_gnu")
    if value is not None:
        return value
    header, body = first_table(markdown)
    if not header:
        return None
    col = next((i for i, h in enumerate(header) if "wall" in h.lower()), None)
    if col is None:
        return None
    find = lambda word: next((number(r[col]) for r in body
                              if len(r) > col and word in r[0].lower() and number(r[col])), None)
    quern, gnu = find("quern"), find("gnu")
    return quern / gnu if quern and gnu else None


def tiny_ms(markdown):
    value = explicit(markdown, "tiny.median_ms")
    if value is not None:
        return value
    header, body = first_table(markdown)
    if not header:
        return None
    col = next((i for i, h in enumerate(header) if "median" in h.lower()), None)
    if col is not None:
        seconds = re.search(r"\bs\b", header[col]) and "ms" not in header[col]
        for r in body:
            if len(r) > col and number(r[col]) is not None:
                return number(r[col]) * (1000 if seconds else 1)
    for r in body:  # a table with one row per statistic: | median | 212 ms |
        if r and "median" in r[0].lower():
            for c in r[1:]:
                if number(c) is not None:
                    return number(c) * (1000 if re.search(r"\d\s*s\b", c) and "ms" not in c else 1)
    return None


def goals(args):
    metrics = {}
    if args.metrics:
        try:
            with open(args.metrics) as f:
                for line in f:
                    name, _, value = line.strip().partition(" ")
                    if value:
                        metrics[name] = float(value)
        except FileNotFoundError:
            pass
    stages = dict(s.split("=", 1) for s in args.stage or [])
    def stage_text(name):
        try:
            with open(stages[name]) as f:
                return f.read()
        except (KeyError, OSError):
            return ""
    sort = sort_ratio(stage_text("sort"))
    tiny = tiny_ms(stage_text("tiny-job"))
    lines = [
        ("word count at least 3x faster than Hadoop", "Hadoop wall / Quern wall",
         metrics.get("Hadoop/Quern"), lambda v: v >= 3, "x"),
        ("word count at least 1.5x faster than Spark", "Spark wall / Quern wall",
         metrics.get("Spark/Quern"), lambda v: v >= 1.5, "x"),
        ("word count within 2x of TwoThreads", "Quern wall / TwoThreads wall",
         metrics.get("Quern/TwoThreads"), lambda v: v <= 2, "x"),
        ("sort within 2x of GNU sort", "Quern wall / GNU sort wall", sort, lambda v: v <= 2, "x"),
        ("tiny job under 300 ms", "median, submit to _SUCCESS", tiny, lambda v: v < 300, " ms"),
    ]
    for goal, measure, value, met, unit in lines:
        if value is None:
            print(f"- {goal}: **not measured** (stage not run or no figure)")
        else:
            shown = f"{value:.0f}{unit}" if unit == " ms" else f"{value:.2f}{unit}"
            print(f"- {goal}: {measure} = {shown}: **{'met' if met(value) else 'missed'}**")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("table")
    t.add_argument("--runs", required=True)
    t.add_argument("--bytes", type=int, default=0)
    t.add_argument("--ratio", action="append")
    t.add_argument("--metrics")
    g = sub.add_parser("goals")
    g.add_argument("--metrics")
    g.add_argument("--stage", action="append")
    args = ap.parse_args()
    (table if args.cmd == "table" else goals)(args)


if __name__ == "__main__":
    main()
