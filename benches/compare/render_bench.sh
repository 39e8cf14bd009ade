#!/usr/bin/env bash
# Chart image speed: the whole `spc chart -o` process (50-point PNG and SVG, 1,000-point PNG,
# an A3 poster) against matplotlib drawing the same chart in one script run. Needs hyperfine
# (apt-get install hyperfine) and a Python with matplotlib (MPL_PYTHON, default: a venv in
# /tmp/mplvenv, made with `python3 -m venv /tmp/mplvenv && /tmp/mplvenv/bin/pip install matplotlib`).
# Writes benches/compare/results/render_hyperfine.{md,json}.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${MPL_PYTHON:-/tmp/mplvenv/bin/python}
SPC=target/release/spc
D=$(mktemp -d)
cargo build --release -p spc-cli >/dev/null 2>&1
$PY benches/compare/render_matplotlib.py --make-data "$D"
R=benches/compare/results
mkdir -p "$R"
hyperfine -N --warmup 3 --min-runs 20 \
  -n "spc 50 points PNG"    "$SPC chart $D/i50.csv --chart i --x x --y y --lang en -o $D/spc50.png" \
  -n "spc 50 points SVG"    "$SPC chart $D/i50.csv --chart i --x x --y y --lang en -o $D/spc50.svg" \
  -n "spc 50 points PDF"    "$SPC chart $D/i50.csv --chart i --x x --y y --lang en -o $D/spc50.pdf" \
  -n "spc 1000 points PNG"  "$SPC chart $D/i1000.csv --chart i --x x --y y --lang en -o $D/spc1000.png" \
  -n "spc 50 points A3 poster PNG" "$SPC chart $D/i50.csv --chart i --x x --y y --lang en --poster -o $D/poster.png" \
  -n "matplotlib 50 points PNG"   "$PY benches/compare/render_matplotlib.py $D/i50.csv $D/mpl50.png" \
  -n "matplotlib 1000 points PNG" "$PY benches/compare/render_matplotlib.py $D/i1000.csv $D/mpl1000.png" \
  --export-markdown "$R/render_hyperfine.md" --export-json "$R/render_hyperfine.json"
echo "matplotlib in-process split (one run each):"
$PY benches/compare/render_matplotlib.py "$D/i50.csv" "$D/mpl50.png"
$PY benches/compare/render_matplotlib.py "$D/i1000.csv" "$D/mpl1000.png"
ls -l "$D"
