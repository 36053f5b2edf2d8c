#!/usr/bin/env python3
"""Times a command as a whole process tree (Python stdlib, Linux).

Runs COMMAND --warmup times (not counted), then -n times, and prints the min, median and max of:
wall seconds, cpu seconds (user + system of the command and every descendant it waited for), and
the peak RSS of every process of the tree, grouped by role (the quern subcommand the process runs:
'local', 'worker', ...). Peaks come from each process's VmHWM (its own high-water mark), sampled
every 50 ms while it lives, so a peak is missed only for a process younger than one sample.

Usage: bench.py [-n 3] [--warmup 1] [--label NAME] [--bytes N] [--log FILE] [--tsv FILE]
                -- COMMAND [ARG ...]
"""
import argparse
import os
import statistics
import sys
import threading
import time


def children_of(pid):
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def role_of(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except OSError:
        return None
    args = [a.decode(errors="replace") for a in args if a]
    for i, a in enumerate(args):
        if a.endswith("QuernMain") and i + 1 < len(args):
            return args[i + 1]
    return os.path.basename(args[0]) if args else None


def hwm_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def sample_tree(root, peaks, stop):
    while not stop.is_set():
        todo = [root]
        while todo:
            pid = todo.pop()
            todo.extend(children_of(pid))
            kib = hwm_kib(pid)
            if kib is not None:
                key = (pid, role_of(pid))
                peaks[key] = max(peaks.get(key, 0), kib)
        stop.wait(0.05)


def run_once(cmd, log_path):
    out = open(log_path, "ab") if log_path else open(os.devnull, "wb")
    peaks = {}
    with out:
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)
                fd = os.open(os.devnull, os.O_RDONLY)
                os.dup2(fd, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
                os.execvp(cmd[0], cmd)
            finally:
                os._exit(127)
        stop = threading.Event()
        sampler = threading.Thread(target=sample_tree, args=(pid, peaks, stop), daemon=True)
        sampler.start()
        _, status, ru = os.wait4(pid, 0)
        wall = time.monotonic() - t0
        stop.set()
        sampler.join()
    # The child is sampled as this timer until its exec; that sample is not a process of the tree.
    own = role_of(os.getpid())
    execed = {p for (p, r) in peaks if r != own}
    by_role = {}
    for (p, role), kib in peaks.items():
        if role and not (role == own and p in execed):
            by_role[role] = max(by_role.get(role, 0), kib / 1024.0)
    return wall, ru.ru_utime + ru.ru_stime, by_role, os.waitstatus_to_exitcode(status)


def main(argv=None):
    ap = argparse.ArgumentParser(usage=__doc__.split("Usage: ")[1])
    ap.add_argument("-n", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--label", default=None)
    ap.add_argument("--bytes", type=int, default=0, help="input size, for MB/s")
    ap.add_argument("--log", default=None, help="append the command's output here")
    ap.add_argument("--tsv", default=None, help="append one result row here")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no COMMAND")
    label = args.label or os.path.basename(cmd[0])
    for _ in range(args.warmup):
        run_once(cmd, args.log)
    runs = []
    for i in range(args.n):
        wall, cpu, roles, code = run_once(cmd, args.log)
        runs.append((wall, cpu, roles))
        peaks = ", ".join(f"{r} {m:.0f} MiB" for r, m in sorted(roles.items()))
        print(f"{label} run {i + 1}: wall {wall:.2f} s, cpu {cpu:.2f} s, peak RSS {peaks}, exit {code}",
              file=sys.stderr)
        if code != 0:
            print(f"{label}: exit {code}, stopping", file=sys.stderr)
            return 1
    walls = [r[0] for r in runs]
    cpus = [r[1] for r in runs]
    roles = sorted({k for r in runs for k in r[2]})
    peak = {k: max(r[2].get(k, 0) for r in runs) for k in roles}
    med_wall, med_cpu = statistics.median(walls), statistics.median(cpus)
    mbs = args.bytes / 1e6 / med_wall if args.bytes else 0.0
    print(f"{label}: wall median {med_wall:.2f} s [{min(walls):.2f}-{max(walls):.2f}], "
          f"cpu median {med_cpu:.2f} s, " + (f"{mbs:.1f} MB/s, " if args.bytes else "")
          + "peak RSS " + ", ".join(f"{k} {v:.0f} MiB" for k, v in peak.items()))
    if args.tsv:
        with open(args.tsv, "a") as f:
            f.write(f"{label}\t{args.n}\t{med_wall:.3f}\t{min(walls):.3f}\t{max(walls):.3f}\t{med_cpu:.3f}\t"
                    f"{mbs:.1f}\t" + ";".join(f"{k}={v:.0f}" for k, v in peak.items()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
