"""Time the Python SPC packages that compute the same charts as spc-core.

    python benches/compare/python_peers.py [--out results/peers.json] [--limit 60]

Peers (installed with pip into the same venv; one that fails to import is recorded so):
  pyqicharts      qic_table(df, x, y, chart=...)       the calculations of qic(), without matplotlib
  shewhart        imr / run_chart / p_chart / xbar_s   defaults (imr and xbar_s apply Nelson rules)
  controlchartspy spc(..., return_objs="limits")        limits only, no SVG; keys must be strings
Data: data.py, the same seeded numbers as the Rust benches (I/run: y = normal(n), x = 1..n;
p: counts and denominators of proportions(n); xbar: n rows = n/5 subgroups of 5).

Each (peer, chart, size) runs in its own child process: imports, a warm-up call on 100 points
(engines and caches initialised, not timed), the data frame built (not timed), then the call
timed with time.perf_counter: once, then again while the total stays under 2 s (at most 7
times); best and median are reported. A call that has not returned after --limit seconds
(default 60) is stopped and recorded as a timeout; larger sizes of that chart are then skipped.
"""
import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
import warnings
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from data import SIZES, normal, positions, proportions, subgroups  # noqa: E402

CHARTS = {
    "pyqicharts": ["i", "run", "p", "xbar"],
    "shewhart": ["i", "run", "p", "xbar"],
    "controlchartspy": ["i", "run", "p"],  # its xbar needs pre-computed subgroup SDs
}


def frame(chart, n, string_keys=False):
    import pandas as pd

    if chart in ("i", "run"):
        df = pd.DataFrame({"x": positions(n), "y": normal(n)})
    elif chart == "p":
        y, d = proportions(n)
        df = pd.DataFrame({"x": positions(n), "y": y, "d": d})
    elif chart == "xbar":
        x, y = subgroups(n)
        df = pd.DataFrame({"x": x, "y": y})
    else:
        raise ValueError(chart)
    if string_keys:
        df["k"] = [f"{i:07d}" for i in range(1, n + 1)]
    return df


def make_call(peer, chart, n):
    """Returns a zero-argument callable that computes the chart on data built now."""
    if peer == "pyqicharts":
        import pyqicharts as pq

        df = frame(chart, n)
        kw = {"denominator": "d"} if chart == "p" else {}
        return lambda: pq.qic_table(df, x="x", y="y", chart=chart, **kw)
    if peer == "shewhart":
        import shewhart as sw

        df = frame(chart, n)
        return {
            "i": lambda: sw.imr(df, value="y"),
            "run": lambda: sw.run_chart(df, value="y"),
            "p": lambda: sw.p_chart(df, defectives="y", size="d"),
            "xbar": lambda: sw.xbar_s(df, value="y", subgroup="x"),
        }[chart]
    if peer == "controlchartspy":
        import controlchartspy as cc

        df = frame(chart, n, string_keys=True)
        kw = {"denominators": "d"} if chart == "p" else {}
        return lambda: cc.spc(df, keys="k", numerators="y", spc_settings={"chart_type": chart}, return_objs="limits", **kw)
    raise ValueError(peer)


def child(peer, chart, n):
    warnings.simplefilter("ignore")
    make_call(peer, chart, 100)()  # warm-up
    call = make_call(peer, chart, n)
    times = []
    start = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
        if len(times) >= 7 or time.perf_counter() - start + times[-1] > 2.0:
            break
    print(json.dumps({"best_s": min(times), "median_s": statistics.median(times), "runs": len(times)}))


def version(peer):
    try:
        __import__(peer)
        return metadata.version(peer), None
    except Exception as e:  # noqa: BLE001 - any import failure is a result
        return None, f"{type(e).__name__}: {e}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=None)
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per call before giving up")
    ap.add_argument("--peers", default=",".join(CHARTS))
    ap.add_argument("--one", nargs=3, metavar=("PEER", "CHART", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        child(args.one[0], args.one[1], int(args.one[2]))
        return
    rows, meta = [], {"python": platform.python_version(), "limit_s": args.limit, "peers": {}}
    for peer in args.peers.split(","):
        ver, err = version(peer)
        meta["peers"][peer] = {"version": ver, "import_error": err}
        if err:
            print(f"{peer}: not available ({err})", flush=True)
            continue
        for chart in CHARTS[peer]:
            blocked = None
            for n in SIZES:
                row = {"peer": peer, "chart": chart, "n": n}
                if blocked:
                    row["status"] = f"skipped: n={blocked:,d} already exceeded {args.limit:.0f} s"
                else:
                    # Imports, warm-up and data building come on top of the limit.
                    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", peer, chart, str(n)]
                    t0 = time.perf_counter()
                    try:
                        p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.limit + 30)
                        if p.returncode != 0:
                            row["status"] = "error: " + (p.stderr.strip().splitlines() or ["?"])[-1]
                        else:
                            row.update(json.loads(p.stdout.strip().splitlines()[-1]))
                            row["status"] = "ok" if row["best_s"] <= args.limit else f"over {args.limit:.0f} s"
                    except subprocess.TimeoutExpired:
                        row["status"] = f"timeout: no result after {time.perf_counter() - t0:.0f} s (limit {args.limit:.0f} s + 30 s set-up)"
                    if row["status"] != "ok" and not row["status"].startswith("error"):
                        blocked = n
                rows.append(row)
                shown = f"best {row['best_s'] * 1e3:12.3f} ms  median {row['median_s'] * 1e3:12.3f} ms  ({row['runs']} runs)" if "best_s" in row else ""
                print(f"{peer:16s} {chart:5s} n={n:>9,d}  {row['status']:4s}  {shown}", flush=True)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
