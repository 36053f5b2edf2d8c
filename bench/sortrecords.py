#!/usr/bin/env python3
"""Generates sort records for bench/bounded-memory.sh, independently of the engine (stdlib only).

A record is one line of exactly 100 bytes: a 10-byte key of printable ASCII (0x21..0x7E), a TAB,
the row number (12 digits, zero-padded), 76 filler letters and a newline. The same seed gives the
same bytes.

Usage: sortrecords.py --bytes N [--files 16] [--seed 42] --out DIR
    writes N // 100 records into part-00000.txt ... of DIR (created; it must not exist).
"""
import argparse
import os
import random
import sys

RECORD = 100
KEY = 10
BLOCK = 10_000  # records built at once; the row number's last 4 digits repeat every block
PRINTABLE = bytes(0x21 + (b % 94) for b in range(256))
FILLER = (b"abcdefghijklmnopqrstuvwxyz" * 3)[:RECORD - KEY - 1 - 12 - 1]


def template():
    """One block of records with their key bytes and the top 8 row digits still to fill in."""
    out = bytearray()
    for i in range(BLOCK):
        out += b"K" * KEY + b"\t" + b"00000000" + b"%04d" % i + FILLER + b"\n"
    assert len(out) == BLOCK * RECORD
    return out


def block(rng, number, base):
    """Block NUMBER (rows NUMBER * BLOCK ...): slice assignments keep the work in C."""
    buf = bytearray(base)
    keys = rng.randbytes(BLOCK * KEY).translate(PRINTABLE)
    for j in range(KEY):
        buf[j::RECORD] = keys[j::KEY]
    high = b"%08d" % number
    for d in range(8):
        buf[KEY + 1 + d::RECORD] = high[d:d + 1] * BLOCK
    return buf


def main():
    ap = argparse.ArgumentParser(usage=__doc__.split("Usage: ")[1])
    ap.add_argument("--bytes", type=int, required=True)
    ap.add_argument("--files", type=int, default=16)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    total = args.bytes // RECORD
    if total >= BLOCK * 10 ** 8 or args.files < 1:
        ap.error("too many records, or no files")
    os.makedirs(args.out)
    rng = random.Random(args.seed)
    base = template()
    current, current_number = None, -1
    row = 0
    for f in range(args.files):
        left = total // args.files + (1 if f < total % args.files else 0)
        with open(os.path.join(args.out, f"part-{f:05d}.txt"), "wb") as out:
            while left:
                number, offset = divmod(row, BLOCK)
                if number != current_number:
                    current, current_number = block(rng, number, base), number
                n = min(BLOCK - offset, left)
                out.write(current[offset * RECORD:(offset + n) * RECORD])
                row += n
                left -= n
    return 0


if __name__ == "__main__":
    sys.exit(main())
