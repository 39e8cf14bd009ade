//! The improvement verdict on reference cases with parts and freezes, asserted in full.

mod common;

use spc_core::io::{Columns, Table};
use spc_core::mdc::Improvement;
use spc_core::verdict::{verdicts, Change, Lang, Verdict};
use spc_core::ChartSpec;

fn case_verdicts(id: &str, improvement: Improvement, lang: Lang) -> Vec<Verdict> {
    let case = common::cases("qicharts2").into_iter().find(|c| c.id == id).unwrap();
    let t = Table::from_path(&case.input).unwrap();
    let cols = Columns { x: "x".into(), y: "y".into(), n: case.has_n().then(|| "n".into()), facet: None, part: None };
    let input = t.input(&cols).unwrap();
    let mut spec =
        ChartSpec::new(case.chart().parse().unwrap()).part(case.positions("part")).exclude(case.positions("exclude"));
    if let Some(&f) = case.positions("freeze").first() {
        spec = spec.freeze(f);
    }
    verdicts(&spec.compute(&input).unwrap(), &input, improvement, lang).unwrap()
}

fn one(id: &str, improvement: Improvement, lang: Lang) -> Verdict {
    let v = case_verdicts(id, improvement, lang);
    assert_eq!(v.len(), 1, "{id}");
    v.into_iter().next().unwrap()
}

/// Frozen baseline of 12 points, no signal after it (qicharts2: longest run 4, 11 crossings).
#[test]
fn run_freeze24_shows_no_change() {
    let v = one("run_freeze24", Improvement::Increase, Lang::En);
    assert_eq!((v.change, v.improvement, v.split_at, v.stable), (Change::None, None, None, false));
    assert!(v.evidence.is_empty());
    assert_eq!(
        v.sentence,
        "After the baseline (from x = 13), the process shows no sign of change from the baseline: the variation is random (Anhøj: longest run 4 ≤ 8, 11 crossings ≥ 8)."
    );
    assert_eq!(
        one("run_freeze24", Improvement::Increase, Lang::Nb).sentence,
        "Etter baseline-perioden (fra x = 13) viser prosessen ingen tegn til endring fra baseline: variasjonen er tilfeldig (Anhøj: lengste serie 4 ≤ 8, 11 kryssinger ≥ 8)."
    );
}

/// A shift after point 12 (part = 12): all 12 later points above the baseline mean 48.55.
#[test]
fn i_part24_is_a_sustained_improvement() {
    let v = one("i_part24", Improvement::Increase, Lang::Nb);
    assert_eq!((v.part, v.first, v.change, v.improvement), (2, 12, Change::Up, Some(true)));
    assert_eq!((v.split_at, v.stable), (Some(12), true));
    assert_eq!(
        v.sentence,
        "Etter endringen ved x = 13 ligger 12 punkter på rad over baseline-senterlinjen: en varig forbedring (Anhøj: lengste serie 12 > 8)."
    );
    // The same shift is a deterioration when lower is better, and a change without a direction.
    assert_eq!(one("i_part24", Improvement::Decrease, Lang::En).improvement, Some(false));
    assert_eq!(
        one("i_part24", Improvement::Neutral, Lang::En).sentence,
        "After the change at x = 13, 12 points in a row lie above the baseline centre line: a sustained change (Anhøj: longest run 12 > 8)."
    );
}

/// Montgomery's orange-juice cans: the machine was adjusted after sample 30; the fraction
/// nonconforming fell (p̄ 0.215 before, 0.110 after), which is an improvement.
#[test]
fn p_montgomery_7_3_is_a_sustained_improvement() {
    let v = one("p_montgomery_7_3", Improvement::Decrease, Lang::En);
    assert_eq!((v.part, v.change, v.improvement, v.stable), (2, Change::Down, Some(true), true));
    // Sample 33 lies above the baseline p̄ (12/50 = 0.24 > 0.215); the run of 43 below starts
    // at sample 34 (index 33), the suggested place to split.
    assert_eq!(v.split_at, Some(33));
    assert_eq!(
        v.sentence,
        "After the change at x = 31, 43 points in a row lie below the baseline centre line: a sustained improvement (Anhøj: longest run 43 > 10; 3-sigma rule: 4 point(s) below the lower limit)."
    );
}

/// Circuit boards, baseline 26 samples (excluding 6 and 20): too few crossings over the whole
/// series (14 < 16, docs/methods.md §13.4), most later samples below the baseline mean.
#[test]
fn c_montgomery_7_8_has_too_few_crossings() {
    let v = one("c_montgomery_7_8", Improvement::Decrease, Lang::Nb);
    assert_eq!((v.change, v.improvement, v.split_at), (Change::Down, Some(true), None));
    assert_eq!(
        v.sentence,
        "Etter baseline-perioden (fra x = 27) ligger de fleste punktene under baseline-senterlinjen: en varig forbedring (Anhøj: 14 kryssinger < 16)."
    );
}

/// Yearly dates (1 January of each year, as KOSTRA series are charted) are named by the year,
/// not as the first quarter.
#[test]
fn yearly_dates_are_named_by_year() {
    let dates = (2005..2021).map(|y| chrono::NaiveDate::from_ymd_opt(y, 1, 1)).collect();
    let y = vec![10., 11., 9., 10., 12., 10., 9., 11., 10., 11., 20., 21., 19., 20., 22., 21.];
    let input = spc_core::Input::new(spc_core::XColumn::Date(dates), y);
    let spec = ChartSpec::new(spc_core::ChartKind::I).freeze(10);
    let nb = verdicts(&spec.compute(&input).unwrap(), &input, Improvement::Increase, Lang::Nb).unwrap();
    assert!(nb[0].sentence.contains("(fra 2015)"), "{}", nb[0].sentence);
    let en = verdicts(&spec.compute(&input).unwrap(), &input, Improvement::Increase, Lang::En).unwrap();
    assert!(en[0].sentence.contains("(from 2015)"), "{}", en[0].sentence);
    assert!(!en[0].sentence.contains("Q1"), "{}", en[0].sentence);
}

/// A later part is judged as the chart frozen at the end of the baseline judges the same
/// points, exclusions in that part included (they were dropped before). The data: a baseline of
/// 12 points around 10, then 12 points above its centre line but one far below, point 19;
/// excluded, the 11 others make a run longer than the Anhøj limit.
#[test]
fn a_later_part_is_judged_as_a_frozen_chart_of_the_same_points() {
    let y = vec![
        10., 11., 9., 10., 12., 10., 9., 11., 10., 11., 9., 10., // baseline, mean 10.17
        11., 11.5, 11., 12., 11., 11.5, 5., 11., 11.5, 11., 12., 11., // later
    ];
    let input = spc_core::Input::from_y(y);
    for exclude in [vec![], vec![19]] {
        let parts = ChartSpec::new(spc_core::ChartKind::I).part(vec![12]).exclude(exclude.clone());
        let frozen = ChartSpec::new(spc_core::ChartKind::I).freeze(12).exclude(exclude.clone());
        let by_parts = verdicts(&parts.compute(&input).unwrap(), &input, Improvement::Increase, Lang::En).unwrap();
        let by_freeze = verdicts(&frozen.compute(&input).unwrap(), &input, Improvement::Increase, Lang::En).unwrap();
        assert_eq!((by_parts.len(), by_freeze.len()), (1, 1));
        let (p, f) = (&by_parts[0], &by_freeze[0]);
        assert_eq!(
            (p.change, p.improvement, p.split_at, &p.evidence),
            (f.change, f.improvement, f.split_at, &f.evidence)
        );
        assert_eq!((p.first, f.first), (12, 12));
        let runs = p.evidence.iter().any(|e| e.starts_with("Anhøj: longest run 11 > 8"));
        assert_eq!(runs, !exclude.is_empty(), "{exclude:?}: {:?}", p.evidence);
    }
}
