"""spc.qic against one peer on the same data, measured in turns within the same minutes.

On a shared VM the same call runs up to 40 % slower in one phase than in another, so a ratio
of two figures measured an hour apart can say more about the machine than about the code. This
script times the pairs that are nearest the 10x target in turns: the peer (best of up to 7 calls
in its own child process, as python_peers.py times it), then spc.qic on a polars DataFrame of
the same seeded data (best of 30 calls, 10 at 1e6), ROUNDS times, and prints each round's ratio.

    (cd crates/spc-py && VIRTUAL_ENV=/tmp/pybench CARGO_TARGET_DIR=/tmp/target-release \\
        /tmp/pybench/bin/maturin develop --release)
    /tmp/pybench/bin/python benches/compare/python_pairs.py [--rounds 3] [PEER:CHART:N ...]

Default pairs: shewhart run at 1e4, 1e5 and 1e6, pyqicharts xbar at 1e6.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from python_qic_vs_peers import best, fmt, frame  # noqa: E402

import spc  # noqa: E402

PAIRS = ["shewhart:run:10000", "shewhart:run:100000", "shewhart:run:1000000", "pyqicharts:xbar:1000000"]


def peer_best(peer: str, chart: str, n: int) -> float:
    cmd = [sys.executable, str(HERE / "python_peers.py"), "--one", peer, chart, str(n)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["best_s"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("pairs", nargs="*", default=PAIRS, metavar="PEER:CHART:N")
    args = ap.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, {args.rounds} rounds")
    print("| pair | round | peer (best) | spc.qic (best) | peer / spc.qic |")
    print("|---|---:|---:|---:|---:|")
    for pair in args.pairs:
        peer, chart, n_text = pair.split(":")
        n = int(n_text)
        df, cols = frame(chart, n)
        for r in range(1, args.rounds + 1):
            p = peer_best(peer, chart, n)
            s = best(lambda: spc.qic(df, chart=chart, **cols), 30 if n < 1_000_000 else 10)
            print(f"| {peer} {chart} {n:,} | {r} | {fmt(p)} | {fmt(s)} | {p / s:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
