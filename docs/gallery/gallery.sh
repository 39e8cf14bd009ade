#!/usr/bin/env bash
# Regenerates the gallery: one PNG per chart kind on the qicharts2 reference data, a faceted
# chart, and a Norwegian A3 poster with three notes and a goal. Run by `make gallery`.
set -euo pipefail
SPC=${SPC:-target/release/spc}
OUT=${1:-docs/gallery}
C=tests/data/reference/qicharts2/cases
mkdir -p "$OUT"
chart() { # NAME CASE KIND [FLAGS...]
  local name=$1 case=$2 kind=$3; shift 3
  "$SPC" chart "$C/$case.input.csv" --chart "$kind" --x x --y y "$@" --lang en -o "$OUT/$name.png" >/dev/null
}
chart run     run_cdi_part          run  --n n --part-col part --title "Run chart: C. difficile infections, before and after" --ylab "infections per 10,000 bed days" --multiply 10000
chart i       i_montgomery_6_5      i    --freeze 20 --title "I chart: weekly cost (Montgomery 6.5), baseline of 20 weeks"
chart mr      mr_montgomery_6_5     mr   --freeze 20 --title "MR chart: weekly cost (Montgomery 6.5)"
chart xbar    xbar_cabg_age         xbar --title "Xbar chart: age of CABG patients by month" --ylab "years"
chart s       s_cabg_age            s    --title "S chart: age of CABG patients by month" --ylab "years"
chart r       xbar_montgomery_6_3   r    --title "R chart: piston ring diameters (Montgomery 6.3)"
chart t       t_montgomery_7_14     t    --title "T chart: days between events (Montgomery 7.14)"
chart p       p_cabg_readm_freeze_mult p --n n --freeze 12 --multiply 100 --title "P chart: readmissions after CABG, baseline of 12 months" --ylab "per cent"
chart pp      pp_nhs_accidents      pp   --n n --title "P' chart: NHS accidents (Laney)"
chart np      p_montgomery_7_4      np   --n n --title "NP chart: nonconforming units (Montgomery 7.4)"
chart c       c_montgomery_7_8      c    --freeze 26 --exclude 6,20 --title "C chart: nonconformities (Montgomery 7.8), two points excluded"
chart u       u_cdi_part            u    --n n --part-col part --multiply 10000 --title "U chart: C. difficile per 10,000 bed days, before and after"
chart up      up_cdi_freeze         up   --n n --freeze 24 --title "U' chart: C. difficile, baseline of 24 months"
chart g       g_syn30               g    --title "G chart: opportunities between events"
chart ip      ip_lots               ip   --n n --title "I' chart: lots of varying size"
chart ewma    i_montgomery_6_5      ewma --freeze 20 --title "EWMA chart: weekly cost (Montgomery 6.5), lambda 0.2"
chart cusum   i_montgomery_6_5      cusum --freeze 20 --title "Tabular CUSUM: weekly cost (Montgomery 6.5), k 0.5, h 5"
chart facets  u_hai_cdi_facets      u    --n n --facet g --multiply 10000 --title "U chart by hospital: C. difficile per 10,000 bed days"
# Categorical x (units instead of time): dots only, no runs analysis. Constructed example data.
"$SPC" chart docs/gallery/falls_by_unit.csv --chart u --x avdeling --y fall --n liggedogn --multiply 1000 \
  --lang nb --title "Fall per 1000 liggedøgn etter avdeling (konstruerte tall)" -o "$OUT/categorical_nb.png" >/dev/null 2>&1
"$SPC" chart data/sykefravaer_totalt.csv --chart i --x kvartal --y sykefravær_prosent --part 16 \
  --lang nb --poster --goal 6.5 --improvement decrease --title "Sykefravær, alle næringer (SSB)" \
  --subtitle "Tapte dagsverk i prosent av avtalte dagsverk, arbeidstakere 16–69 år" \
  --ylab "sykefravær (%)" --caption "Kilde: Statistisk sentralbyrå, sykefraværsstatistikken" \
  --note 2001K4="IA-avtalen inngås" --note 2004K2="Endret sykmeldingsregelverk" --note 2010K1="Ny IA-avtale" \
  -o "$OUT/poster_nb.png" >/dev/null
echo "gallery written to $OUT"
