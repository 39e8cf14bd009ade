"""One numpy pass over the benchmark arrays: the target's yardstick.

    python benches/compare/numpy_baseline.py [--out results/numpy.json]

Times, for y = normal(n) of data.py (the same numbers as the Rust benches), at 1e3..1e6:
  numpy_pass:      y.mean(); mr = np.abs(np.diff(y)); mr.mean()      <- the target's yardstick
  numpy_pass_runs: the same plus a vectorised Anhoej runs analysis (signs against the mean,
                   crossings and longest run); context only, not the yardstick.
Each figure is timeit's best of 7 repeats (each repeat runs the statement autorange() times)
and the median of those 7, in seconds per call.
"""
import argparse
import json
import platform
import statistics
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import SIZES, normal  # noqa: E402


def numpy_pass(y):
    """Mean, moving ranges and their mean: the lines of an I chart."""
    cl = y.mean()
    mr = np.abs(np.diff(y))
    return cl, mr.mean()


def numpy_pass_runs(y):
    """numpy_pass plus crossings and the longest run about the mean (no missing values)."""
    cl, amr = numpy_pass(y)
    s = np.sign(y - cl)
    s = s[s != 0]
    change = np.flatnonzero(s[1:] != s[:-1])
    crossings = change.size
    bounds = np.concatenate(([-1], change, [s.size - 1]))
    longest = int(np.diff(bounds).max()) if s.size else 0
    return cl, amr, crossings, longest


def best_and_median(fn, y, repeat=7):
    timer = timeit.Timer(lambda: fn(y))
    number, _ = timer.autorange()
    times = [t / number for t in timer.repeat(repeat=repeat, number=number)]
    return min(times), statistics.median(times), number


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=None, help="write JSON results here")
    args = ap.parse_args()
    rows = []
    for n in SIZES:
        y = normal(n)
        for name, fn in [("numpy_pass", numpy_pass), ("numpy_pass_runs", numpy_pass_runs)]:
            best, med, number = best_and_median(fn, y)
            rows.append({"what": name, "n": n, "best_s": best, "median_s": med, "loops": number, "repeats": 7})
            print(f"{name:16s} n={n:>9,d}  best {best * 1e3:10.4f} ms  median {med * 1e3:10.4f} ms  ({number} loops x 7)", flush=True)
    meta = {"python": platform.python_version(), "numpy": np.__version__}
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
