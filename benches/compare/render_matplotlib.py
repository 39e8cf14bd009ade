"""The same I chart as `spc chart IN.csv --chart i --x x --y y -o OUT.png`, drawn by matplotlib in
one script run: centre line, 3-sigma step limits from the average moving range, points outside
them in red, the line values at the right edge, 1200 x 750 pixels. Used by render_bench.sh.

    python render_matplotlib.py IN.csv OUT.png      # draw (the time of the whole run is measured)
    python render_matplotlib.py --make-data DIR     # write DIR/i50.csv and DIR/i1000.csv (seeded)

The time of the drawing and saving alone (after the imports) is printed to stderr.
"""
import csv
import random
import sys
import time


def make_data(d):
    rng = random.Random(20_240_531)
    for n in (50, 1000):
        with open(f"{d}/i{n}.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["x", "y"])
            for i in range(1, n + 1):
                w.writerow([i, round(100 + rng.gauss(0, 10) + (8 if i > n * 0.7 else 0), 2)])


def main(src, out):
    t0 = time.perf_counter()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t1 = time.perf_counter()
    with open(src) as f:
        rows = list(csv.DictReader(f))
    x = [float(r["x"]) for r in rows]
    y = [float(r["y"]) for r in rows]
    cl = sum(y) / len(y)
    mr = [abs(b - a) for a, b in zip(y, y[1:])]
    sigma = (sum(mr) / len(mr)) / 1.128
    ucl, lcl = cl + 3 * sigma, cl - 3 * sigma
    fig, ax = plt.subplots(figsize=(12, 7.5), dpi=100)
    ax.plot(x, y, color="steelblue", marker="o", markersize=3, linewidth=1.5)
    out_x = [a for a, b in zip(x, y) if b > ucl or b < lcl]
    out_y = [b for b in y if b > ucl or b < lcl]
    ax.plot(out_x, out_y, "o", color="tomato", markersize=4)
    ax.step(x, [cl] * len(x), where="mid", color="#4d4d4d", linewidth=1.8)
    for v in (ucl, lcl):
        ax.step(x, [v] * len(x), where="mid", color="#8c8c8c", linewidth=1.3)
    for v in (ucl, cl, lcl):
        ax.annotate(f"{v:.1f}", xy=(1.005, v), xycoords=("axes fraction", "data"), va="center")
    ax.set_title("I chart - y", loc="left", fontweight="bold")
    ax.grid(axis="y", color="#e4e4e4")
    for s in ("top", "right", "left"):
        ax.spines[s].set_visible(False)
    fig.savefig(out)
    t2 = time.perf_counter()
    print(f"imports {1000 * (t1 - t0):.1f} ms, read+draw+save {1000 * (t2 - t1):.1f} ms", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "--make-data":
        make_data(sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2])
