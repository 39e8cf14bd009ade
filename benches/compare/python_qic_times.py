"""Times of `spc.qic` alone, to compare two builds of the package on the same machine and hour.

    /path/to/venv/bin/python benches/compare/python_qic_times.py [--rounds 2]

For each chart (i, run, p, xbar) at 1e4 and 1e6 rows (the frames of python_qic_vs_peers.py),
prints the best and the median of repeated `spc.qic` calls on a polars DataFrame (200 calls at
1e4, 30 at 1e6, after one warm-up call). With two venvs that hold
two builds (e.g. `maturin develop --release` of two commits), run it in each, alternating, with
`--rounds 1` several times: on a shared VM the time of fresh memory drifts within the hour.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import spc  # noqa: E402
from python_qic_vs_peers import frame  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    for _ in range(args.rounds):
        for chart in ("i", "run", "p", "xbar"):
            for n in (10_000, 1_000_000):
                df, cols = frame(chart, n)

                def call(df=df, cols=cols, chart=chart):
                    return spc.qic(df, chart=chart, **cols)

                call()
                times = []
                for _ in range(30 if n >= 1_000_000 else 200):
                    t = time.perf_counter()
                    call()
                    times.append(time.perf_counter() - t)
                times.sort()
                print(f"{chart:5s} {n:>9,d}  best {times[0] * 1e3:8.3f} ms  median {times[len(times) // 2] * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
