//! The chart summary in Norwegian bokmål (`summary_text_lang`) on reference cases, asserted in
//! full. Every number the text states is checked against qicharts2's expected output of the
//! case (and, for Montgomery's example, against the published limits).

mod common;

use std::collections::HashMap;

use spc_core::io::{Columns, Table};
use spc_core::verdict::Lang;
use spc_core::{summary_text, summary_text_lang, Chart, ChartSpec};

/// The chart of a reference case, computed as `spc chart` computes it.
fn case_chart(id: &str) -> Chart {
    let case = common::cases("qicharts2").into_iter().find(|c| c.id == id).unwrap();
    let t = Table::from_path(&case.input).unwrap();
    let cols = Columns { x: "x".into(), y: "y".into(), n: case.has_n().then(|| "n".into()), facet: None, part: None };
    let input = t.input(&cols).unwrap();
    let mut spec =
        ChartSpec::new(case.chart().parse().unwrap()).part(case.positions("part")).exclude(case.positions("exclude"));
    if let Some(&f) = case.positions("freeze").first() {
        spec = spec.freeze(f);
    }
    if let Some(m) = case.number("multiply") {
        spec = spec.multiply(m);
    }
    spec.compute(&input).unwrap()
}

/// qicharts2's expected per-point output of a case.
struct Expected(HashMap<String, Vec<String>>);

impl Expected {
    fn of(id: &str) -> Expected {
        let case = common::cases("qicharts2").into_iter().find(|c| c.id == id).unwrap();
        Expected(common::read_csv(&std::fs::read_to_string(&case.expected).unwrap()))
    }

    /// The rows of part `part` (1-based).
    fn rows(&self, part: u32) -> Vec<usize> {
        let p = part.to_string();
        self.0["part"].iter().enumerate().filter(|(_, v)| **v == p).map(|(i, _)| i).collect()
    }

    fn num(&self, col: &str, row: usize) -> f64 {
        self.0[col][row].parse().unwrap()
    }

    fn is_true(&self, col: &str, row: usize) -> bool {
        self.0[col][row] == "TRUE"
    }
}

/// Asserts that the number written as `shown` (decimal comma, at most 4 decimals) is `v`.
fn shows(shown: &str, v: f64) {
    assert!(!shown.contains('.'), "{shown}: a decimal point in Norwegian text");
    let parsed: f64 = shown.replace(',', ".").parse().unwrap();
    assert!((parsed - v).abs() <= 0.5e-4 + 1e-12, "{shown} is not {v} to 4 decimals");
}

/// What the text states about one part, checked against the expected output: the number of
/// points, the baseline points the lines come from (included, not missing), the centre line,
/// the smallest and largest limits, the points outside them and the runs analysis
/// (useful points, longest run and its maximum, crossings and their minimum).
struct Part<'a> {
    points: usize,
    baseline: usize,
    cl: &'a str,
    lcl: (&'a str, &'a str),
    ucl: (&'a str, &'a str),
    outside: usize,
    runs: [u32; 5],
}

fn check(e: &Expected, part: u32, p: &Part<'_>) {
    let rows = e.rows(part);
    assert_eq!(rows.len(), p.points);
    let base =
        rows.iter().filter(|&&r| e.is_true("baseline", r) && e.is_true("include", r) && e.0["y"][r] != "NA").count();
    assert_eq!(base, p.baseline);
    shows(p.cl, e.num("cl", rows[0]));
    for (col, (lo, hi)) in [("lcl", p.lcl), ("ucl", p.ucl)] {
        let mut v: Vec<f64> = rows.iter().map(|&r| e.num(col, r)).collect();
        v.sort_by(f64::total_cmp);
        shows(lo, v[0]);
        shows(hi, v[v.len() - 1]);
    }
    assert_eq!(rows.iter().filter(|&&r| e.is_true("sigma.signal", r)).count(), p.outside);
    let cols = ["n.useful", "longest.run", "longest.run.max", "n.crossings", "n.crossings.min"];
    for (col, want) in cols.iter().zip(p.runs) {
        assert_eq!(e.0[*col][rows[0]], want.to_string(), "{col}");
    }
}

/// Montgomery's orange-juice cans (Example 7.1): 30 samples of 50 before the machine was
/// adjusted, samples 15 and 23 left out (assignable causes), 64 samples after. The revised
/// limits of the first 30 are published: p̄ = 0.2150, LCL = 0.0407, UCL = 0.3893. Samples 15,
/// 21 and 23 lie above them, so the summary ends with a signal.
#[test]
fn p_chart_with_parts_and_points_outside_the_limits() {
    let e = Expected::of("p_montgomery_7_3");
    check(
        &e,
        1,
        &Part {
            points: 30,
            baseline: 28,
            cl: "0,215",
            lcl: ("0,0407", "0,0407"),
            ucl: ("0,3893", "0,3893"),
            outside: 3,
            runs: [28, 5, 8, 13, 9],
        },
    );
    check(
        &e,
        2,
        &Part {
            points: 64,
            baseline: 64,
            cl: "0,1097",
            lcl: ("0", "0"),
            ucl: ("0,2423", "0,2423"),
            outside: 0,
            runs: [64, 7, 9, 30, 25],
        },
    );
    // The published revised limits of the first part.
    shows("0,215", 0.2150);
    shows("0,0407", 0.0407);
    shows("0,3893", 0.3893);
    // The lower limit of part 2, p̄ - 3 √(p̄ (1 - p̄) / 50), is negative and set to 0.
    let p2 = e.num("cl", e.rows(2)[0]);
    assert!(p2 - 3.0 * (p2 * (1.0 - p2) / 50.0).sqrt() < 0.0);
    assert_eq!(
        summary_text_lang(&case_chart("p_montgomery_7_3"), Lang::Nb),
        "P-diagram, 94 punkter

del 1: 1 til 30 (30 punkter, 28 i grunnlaget)
  senterlinje: 0,215
  kontrollgrenser: 0,0407 (nedre), 0,3893 (øvre)
  punkter utenfor kontrollgrensene: 3
  serieanalyse (Anhøj): 28 nyttige punkter, lengste serie 5 (maks 8), kryssinger 13 (min 9)

del 2: 31 til 94 (64 punkter, 64 i grunnlaget)
  senterlinje: 0,1097
  kontrollgrenser: 0 (nedre), 0,2423 (øvre)
  punkter utenfor kontrollgrensene: 0
  serieanalyse (Anhøj): 64 nyttige punkter, lengste serie 7 (maks 9), kryssinger 30 (min 25)

Signal: 3 punkter utenfor kontrollgrensene – prosessen har endret seg eller er ikke stabil (ikke-tilfeldig variasjon).
"
    );
}

/// Readmissions after CABG in per cent (`multiply = 100`), monthly dates, baseline of the
/// first 12 months, limits that vary with the number of patients: the limits are written
/// as the smallest to the largest, and there is no signal.
#[test]
fn p_chart_in_per_cent_with_dates_frozen_baseline_and_no_signal() {
    let e = Expected::of("p_cabg_readm_freeze_mult");
    check(
        &e,
        1,
        &Part {
            points: 36,
            baseline: 12,
            cl: "20,1065",
            lcl: ("1,0951", "6,9874"),
            ucl: ("33,2257", "39,118"),
            outside: 0,
            runs: [36, 6, 8, 19, 13],
        },
    );
    assert_eq!((e.0["x"][0].as_str(), e.0["x"][35].as_str()), ("2011-07-01", "2014-06-01"));
    assert_eq!(
        summary_text_lang(&case_chart("p_cabg_readm_freeze_mult"), Lang::Nb),
        "P-diagram, 36 punkter (verdiene ganget med 100)

del 1: 2011-07-01 til 2014-06-01 (36 punkter, 12 i grunnlaget)
  senterlinje: 20,1065
  kontrollgrenser: 1,0951 til 6,9874 (nedre), 33,2257 til 39,118 (øvre)
  punkter utenfor kontrollgrensene: 0
  serieanalyse (Anhøj): 36 nyttige punkter, lengste serie 6 (maks 8), kryssinger 19 (min 13)

Ingen signal: variasjonen ser tilfeldig ut (bare tilfeldig variasjon, ingen spesielle årsaker).
"
    );
}

/// Montgomery's circuit boards (Example 7.3; samples 6 and 20 left out of the baseline of 26):
/// 2 counts above the upper limit and too few crossings (14 < 16), both reasons named.
#[test]
fn c_chart_with_a_runs_signal_and_points_outside_the_limits() {
    let e = Expected::of("c_montgomery_7_8");
    check(
        &e,
        1,
        &Part {
            points: 46,
            baseline: 24,
            cl: "19,6667",
            lcl: ("6,3625", "6,3625"),
            ucl: ("32,9708", "32,9708"),
            outside: 2,
            runs: [44, 8, 8, 14, 16],
        },
    );
    assert!(e.is_true("runs.signal", 0));
    // c̄ = 472 / 24 (Montgomery's revised centre line 19.67), limits c̄ ± 3 √c̄.
    let c = 472.0 / 24.0;
    shows("19,6667", c);
    shows("6,3625", c - 3.0 * f64::sqrt(c));
    shows("32,9708", c + 3.0 * f64::sqrt(c));
    assert_eq!(
        summary_text_lang(&case_chart("c_montgomery_7_8"), Lang::Nb),
        "C-diagram, 46 punkter

del 1: 1 til 46 (46 punkter, 24 i grunnlaget)
  senterlinje: 19,6667
  kontrollgrenser: 6,3625 (nedre), 32,9708 (øvre)
  punkter utenfor kontrollgrensene: 2
  serieanalyse (Anhøj): 44 nyttige punkter, lengste serie 8 (maks 8), kryssinger 14 (min 16) -> signal

Signal: 2 punkter utenfor kontrollgrensene og ikke-tilfeldige serier i del 1 – prosessen har endret seg eller er ikke stabil (ikke-tilfeldig variasjon).
"
    );
}

/// A run chart: the median (no limits), the Anhøj analysis only.
#[test]
fn run_chart_states_the_median() {
    let e = Expected::of("run_freeze24");
    let rows = e.rows(1);
    shows("47,08", e.num("cl", rows[0]));
    assert_eq!(
        summary_text_lang(&case_chart("run_freeze24"), Lang::Nb),
        "Seriediagram, 24 punkter

del 1: 1 til 24 (24 punkter, 12 i grunnlaget)
  median: 47,08
  serieanalyse (Anhøj): 24 nyttige punkter, lengste serie 4 (maks 8), kryssinger 11 (min 8)

Ingen signal: variasjonen ser tilfeldig ut (bare tilfeldig variasjon, ingen spesielle årsaker).
"
    );
}

/// English stays the default and is what `summary_text` writes.
#[test]
fn english_is_summary_text() {
    for id in ["p_montgomery_7_3", "c_montgomery_7_8", "run_freeze24"] {
        let c = case_chart(id);
        assert_eq!(summary_text_lang(&c, Lang::En), summary_text(&c), "{id}");
        assert_eq!(summary_text_lang(&c, Lang::default()), summary_text(&c), "{id}");
    }
    let c = case_chart("c_montgomery_7_8");
    assert!(summary_text(&c).ends_with(
        "Signal: non-random runs in part 1 and 2 point(s) outside the control limits - the process has changed or is not stable (special cause variation).\n"
    ));
}

/// A chart without points (as of an empty DataFrame) says so instead of "no signal".
#[test]
fn a_chart_without_points_has_nothing_to_judge() {
    for kind in ["run", "i", "p"] {
        let input = spc_core::Input::from_y(Vec::new());
        let input = if kind == "p" { input.with_n(Vec::new()) } else { input };
        let c = ChartSpec::new(kind.parse().unwrap()).compute(&input).unwrap();
        let upper = kind.to_uppercase();
        assert_eq!(summary_text(&c), format!("{upper} chart, 0 points\n\nNo points to judge.\n"));
        assert!(summary_text_lang(&c, Lang::Nb).ends_with("0 punkter\n\nIngen punkter å vurdere.\n"), "{kind}");
    }
}

/// Rows without a facet value are a facet of their own, named "(blank)" / "(tom)" in the text.
#[test]
fn the_facet_of_rows_without_a_facet_value_is_named() {
    let input = spc_core::Input::from_y(vec![5.0, 6.0, 7.0, 8.0, 6.0, 7.0])
        .with_facet(["a", "a", "", "", "a", ""].map(String::from).to_vec());
    let c = ChartSpec::new("run".parse().unwrap()).compute(&input).unwrap();
    let en = summary_text(&c);
    assert!(en.contains("\n(blank), part 1: 3 to 6 (3 points, 3 in the baseline)\n"), "{en}");
    assert!(en.contains("\na, part 1: 1 to 5 (3 points, 3 in the baseline)\n"), "{en}");
    let nb = summary_text_lang(&c, Lang::Nb);
    assert!(nb.contains("\n(tom), del 1: 3 til 6 (3 punkter, 3 i grunnlaget)\n"), "{nb}");
    // The signal line names the facet the same way: the blank facet rises steadily (one
    // crossing of its median, a runs signal), facet "a" alternates 6, 8, 6, 8 (no signal).
    let y: Vec<f64> = (0..24).map(|i| if i % 2 == 0 { f64::from(i) } else { 5.0 + f64::from(i % 4) }).collect();
    let facet: Vec<String> = (0..24).map(|i| if i % 2 == 0 { String::new() } else { "a".into() }).collect();
    let c = ChartSpec::new("run".parse().unwrap()).compute(&spc_core::Input::from_y(y).with_facet(facet)).unwrap();
    let en = summary_text(&c);
    assert!(en.contains("Signal: non-random runs in (blank) part 1 -"), "{en}");
}
