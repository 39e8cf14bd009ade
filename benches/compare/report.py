"""Tables for BENCHMARKS.md from the results of run_all.sh.

    python benches/compare/report.py CRITERION_DIR RESULTS_DIR > RESULTS_DIR/tables.md

spc figures are criterion medians (target/criterion/<group>/<id>/new/estimates.json); numpy and
the peers are best-of-N (see numpy_baseline.py, python_peers.py). Ratios divide the Python time
by the spc time, so a best-case Python figure is set against a typical spc one.
"""
import json
import sys
from pathlib import Path

SIZES = [1_000, 10_000, 100_000, 1_000_000]
PEERS = ["pyqicharts", "shewhart", "controlchartspy"]


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def criterion(cdir, group, bench):
    p = Path(cdir) / group / str(bench) / "new" / "estimates.json"
    if not p.exists():
        return None
    return json.loads(p.read_text())["median"]["point_estimate"] * 1e-9


def main():
    cdir, rdir = sys.argv[1], Path(sys.argv[2])
    numpy = {(r["what"], r["n"]): r for r in json.loads((rdir / "numpy.json").read_text())["rows"]}
    peers_doc = json.loads((rdir / "peers.json").read_text())
    peers = {(r["peer"], r["chart"], r["n"]): r for r in peers_doc["rows"]}
    out = []
    w = out.append

    w("### I chart with Anhøj runs analysis vs one numpy pass (target: within 3x at 1e6)\n")
    w("| n | spc `compute` (i) | spc kernel (i_kernel) | numpy pass (mean + MR) | numpy pass + runs | compute / numpy | kernel / numpy |")
    w("|---:|---:|---:|---:|---:|---:|---:|")
    for n in SIZES:
        c, k = criterion(cdir, "i", n), criterion(cdir, "i_kernel", n)
        npb = numpy[("numpy_pass", n)]["best_s"]
        npr = numpy[("numpy_pass_runs", n)]["best_s"]
        w(f"| {n:,} | {fmt(c)} | {fmt(k)} | {fmt(npb)} | {fmt(npr)} | {c / npb:.1f}x | {k / npb:.1f}x |")
    w("")

    worst = []
    for chart in ["i", "run", "p", "xbar"]:
        w(f"### {chart} chart: spc vs Python peers (target: every peer >= 10x slower)\n")
        w("| n | spc (criterion median) | " + " | ".join(f"{p} (best) | {p} / spc" for p in PEERS) + " |")
        w("|---:|---:|" + "---:|---:|" * len(PEERS))
        for n in SIZES:
            s = criterion(cdir, chart, n)
            cells = [f"{n:,}", fmt(s)]
            for p in PEERS:
                r = peers.get((p, chart, n))
                if r is None:
                    cells += ["not supported", "—"]
                elif "best_s" in r and r["status"] == "ok":
                    ratio = r["best_s"] / s
                    worst.append((ratio, p, chart, n))
                    cells += [fmt(r["best_s"]), f"{ratio:,.1f}x" + ("" if ratio >= 10 else " **(missed)**")]
                elif r["status"].startswith("over") and "best_s" in r:
                    ratio = r["best_s"] / s
                    worst.append((ratio, p, chart, n))
                    cells += [fmt(r["best_s"]) + " (over the limit)", f"{ratio:,.0f}x"]
                elif r["status"].startswith("timeout"):
                    limit = peers_doc["meta"]["limit_s"]
                    worst.append((limit / s, p, chart, n))
                    cells += [f"> {limit:.0f} s (timeout)", f"> {limit / s:,.0f}x"]
                elif r["status"].startswith("skipped"):
                    cells += ["skipped (smaller n timed out)", "—"]
                else:
                    cells += [r["status"][:60], "—"]
            w("| " + " | ".join(cells) + " |")
        w("")

    w("### Faceted and pieces (spc only, criterion medians)\n")
    w("| benchmark | median |")
    w("|---|---:|")
    for g, b in [("i_faceted", "400x20"), ("i_kernel_parts", "mean_and_mr_1e6"), ("i_kernel_parts", "runs_analysis_1e6"),
                 ("i_kernel_parts", "runs_reference_branchless_1e6"), ("anhoej_limits", 20), ("anhoej_limits", 1000),
                 ("anhoej_limits", 1_000_000), ("fresh_24_columns", 100_000), ("fresh_24_columns", 1_000_000)]:
        w(f"| {g}/{b} | {fmt(criterion(cdir, g, b))} |")
    w("")
    missed = sorted(x for x in worst if x[0] < 10)
    w(f"Peer comparisons below 10x: {len(missed)} of {len(worst)}" + (":" if missed else "."))
    for ratio, p, chart, n in missed:
        w(f"- {p} {chart} n={n:,}: {ratio:.2f}x")
    print("\n".join(out))


if __name__ == "__main__":
    main()
