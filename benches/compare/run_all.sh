#!/usr/bin/env bash
# Reruns every figure of BENCHMARKS.md: criterion benches, the numpy pass, the Python peers,
# peak memory; then writes benches/compare/results/tables.md.
#   bash benches/compare/run_all.sh            (about 15 minutes on 2 cores)
# VENV (default /tmp/benchvenv), PEER_LIMIT (seconds per peer call, default 60).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VENV="${VENV:-/tmp/benchvenv}"
RES="$ROOT/benches/compare/results"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$RES"

# 1. Python environment: numpy and the peers (a peer that fails to install is noted, not fatal).
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
"$VENV/bin/pip" install -q "numpy==2.4.6"
: > "$RES/pip_install.txt"
for peer in pyqicharts==2.0.0 controlchartspy==0.1.3 shewhart==0.1.1; do
  if "$VENV/bin/pip" install -q "$peer" >> "$RES/pip_install.txt" 2>&1; then
    echo "$peer: installed" | tee -a "$RES/pip_install.txt"
  else
    echo "$peer: FAILED to install" | tee -a "$RES/pip_install.txt"
  fi
done

# 2. Machine.
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep -m1 MemTotal /proc/meminfo
  rustc --version
  "$VENV/bin/python" --version
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none) $(git diff --quiet -- crates 2>/dev/null || echo '(crates/ has uncommitted changes)')"
} > "$RES/machine.txt"
cat "$RES/machine.txt"

# 3. spc: criterion (spc-core without polars).
cargo bench -p spc-benches 2>&1 | tee "$RES/cargo_bench.log"

# 4. Memory of one 1e6-row compute, and the whole process under /usr/bin/time -v.
cargo build --release -p spc-benches --example peak_memory
: > "$RES/memory.jsonl"
for kind in i run p xbar; do
  "$TARGET/release/examples/peak_memory" "$kind" 1000000 >> "$RES/memory.jsonl"
done
"$TARGET/release/examples/peak_memory" i 1000000 3 >> "$RES/memory.jsonl"
/usr/bin/time -v "$TARGET/release/examples/peak_memory" i 1000000 > /dev/null 2> "$RES/time_v_i_1e6.txt" || true
cat "$RES/memory.jsonl"; grep -E "Maximum resident|Elapsed" "$RES/time_v_i_1e6.txt" || true

# 5. numpy pass and the Python peers (same seeded data, benches/compare/data.py).
"$VENV/bin/python" benches/compare/data.py | tee "$RES/data_checksum.txt"
"$VENV/bin/python" benches/compare/numpy_baseline.py --out "$RES/numpy.json" | tee "$RES/numpy.txt"
"$VENV/bin/python" benches/compare/python_peers.py --out "$RES/peers.json" --limit "${PEER_LIMIT:-60}" | tee "$RES/peers.txt"

# 6. Tables.
"$VENV/bin/python" benches/compare/report.py "$TARGET/criterion" "$RES" | tee "$RES/tables.md"
