//! Properties that hold for any data (proptest).

use proptest::prelude::*;
use spc_core::{ChartKind, ChartSpec, Input, XColumn};

fn values(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1e6..1e6_f64, len)
}

/// A chart as written: its data CSV, its summary CSV (-0 and 0 alike, as R writes them) and its
/// warnings.
fn written(c: &spc_core::Chart) -> (String, String, Vec<String>) {
    let (mut data, mut summary) = (Vec::new(), Vec::new());
    spc_core::io::write_data_csv(c, &mut data).unwrap();
    spc_core::io::write_summary_csv(c, &mut summary).unwrap();
    (String::from_utf8(data).unwrap(), String::from_utf8(summary).unwrap(), c.warnings.clone())
}

/// `input` (its rows in order, no part column) charted by `spec` with and without its n, against
/// the same rows with a part column of one label, which sends them through the listed, sorted
/// grouping (one part, same points, same row numbers): the same chart, or the same kind of error
/// (its message may show a -0 of the input as 0).
fn same_as_listed_rows(spec: &ChartSpec, input: &Input) -> Result<(), TestCaseError> {
    let mut listed = input.clone();
    listed.part = Some(vec!["a".to_string(); input.len()]);
    for drop_n in [false, true] {
        let (mut a_in, mut b_in) = (input.clone(), listed.clone());
        if drop_n {
            a_in.n = None;
            b_in.n = None;
        }
        match (spec.compute(&a_in), spec.compute(&b_in)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(written(&a), written(&b)),
            (Err(a), Err(b)) => prop_assert_eq!(std::mem::discriminant(&a), std::mem::discriminant(&b)),
            (a, b) => return Err(TestCaseError::fail(format!("{}: {:?} vs {:?}", spec.kind, a.err(), b.err()))),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn limits_bracket_the_centre_line(y in values(2..60), kind in prop::sample::select(vec![ChartKind::I, ChartKind::Run, ChartKind::Mr])) {
        let c = ChartSpec::new(kind).compute(&Input::from_y(y)).unwrap();
        for i in 0..c.len() {
            if !c.lcl[i].is_nan() {
                prop_assert!(c.lcl[i] <= c.cl[i] && c.cl[i] <= c.ucl[i]);
                prop_assert!(c.lcl[i] <= c.lcl_95[i] && c.ucl_95[i] <= c.ucl[i]);
            }
        }
    }

    #[test]
    fn shifting_y_shifts_an_i_chart(y in values(3..60), shift in -1e3..1e3_f64) {
        let a = ChartSpec::new(ChartKind::I).compute(&Input::from_y(y.clone())).unwrap();
        let b = ChartSpec::new(ChartKind::I).compute(&Input::from_y(y.iter().map(|v| v + shift).collect())).unwrap();
        let tol = 1e-6 * (1.0 + y.iter().fold(0.0_f64, |m, v| m.max(v.abs())));
        for i in 0..a.len() {
            prop_assert!((b.cl[i] - a.cl[i] - shift).abs() < tol);
            prop_assert!((b.ucl[i] - a.ucl[i] - shift).abs() < tol);
            prop_assert!((b.lcl[i] - a.lcl[i] - shift).abs() < tol);
        }
    }

    #[test]
    fn p_chart_limits_stay_in_the_unit_interval(rows in prop::collection::vec((0u32..50, 1u32..60), 2..40)) {
        let n: Vec<f64> = rows.iter().map(|r| f64::from(r.1)).collect();
        let y: Vec<f64> = rows.iter().map(|r| f64::from(r.0.min(r.1))).collect();
        let c = ChartSpec::new(ChartKind::P).compute(&Input::from_y(y).with_n(n)).unwrap();
        for i in 0..c.len() {
            for v in [c.lcl[i], c.ucl[i], c.lcl_95[i], c.ucl_95[i]] {
                prop_assert!(v.is_nan() || (0.0..=1.0).contains(&v), "{v}");
            }
        }
    }

    #[test]
    fn crossings_are_fewer_than_useful_points(y in prop::collection::vec(0u8..5, 1..80)) {
        let y: Vec<f64> = y.into_iter().map(f64::from).collect();
        let c = ChartSpec::new(ChartKind::Run).compute(&Input::from_y(y)).unwrap();
        let s = &c.summary[0];
        if let Some(cr) = s.n_crossings {
            prop_assert!(cr < s.n_useful);
            prop_assert!(s.longest_run.unwrap() <= s.n_useful);
        } else {
            prop_assert_eq!(s.n_useful, 0);
        }
    }

    #[test]
    fn row_order_does_not_matter(rows in prop::collection::vec((0u8..30, -100.0..100.0_f64, 1.0..50.0_f64), 2..60), seed in any::<u64>()) {
        let make = |r: &[(u8, f64, f64)]| Input::new(XColumn::Number(r.iter().map(|v| f64::from(v.0)).collect()), r.iter().map(|v| v.1).collect())
            .with_n(r.iter().map(|v| v.2).collect());
        let mut shuffled = rows.clone();
        // Fisher-Yates with a simple LCG.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        for kind in [ChartKind::I, ChartKind::Run, ChartKind::Xbar] {
            let (a, b) = match (ChartSpec::new(kind).compute(&make(&rows)), ChartSpec::new(kind).compute(&make(&shuffled))) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(ea), Err(eb)) => {
                    prop_assert_eq!(ea, eb);
                    continue;
                }
                (a, b) => return Err(TestCaseError::fail(format!("{kind}: {:?} vs {:?}", a.err(), b.err()))),
            };
            prop_assert_eq!(&a.x, &b.x);
            for i in 0..a.len() {
                for (u, v) in [(a.y[i], b.y[i]), (a.cl[i], b.cl[i]), (a.ucl[i], b.ucl[i])] {
                    prop_assert!((u.is_nan() && v.is_nan()) || (u - v).abs() <= 1e-9 * (1.0 + u.abs()), "{kind}: {u} vs {v}");
                }
            }
            prop_assert_eq!(&a.summary[0].longest_run, &b.summary[0].longest_run);
        }
    }

    #[test]
    fn taking_the_input_gives_the_same_chart(y in prop::collection::vec(prop::option::of(-10.0..10.0_f64), 2..40), dup in any::<bool>(),
                                             faceted in any::<bool>(), multiply in prop::sample::select(vec![1.0, 100.0, -2.5]),
                                             kind in prop::sample::select(ChartKind::ALL.to_vec())) {
        let len = y.len();
        let y: Vec<f64> = y.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        // x = 1..len, or with pairs of rows sharing an x (aggregated points).
        let x: Vec<f64> = (0..len).map(|i| if dup { (i / 2) as f64 } else { i as f64 }).collect();
        let mut input = Input::new(XColumn::Number(spc_core::Values::from(x)), y).with_n(vec![3.0; len]);
        if !kind.needs_denominator() && kind != ChartKind::Ip {
            input.n = None;
        }
        if faceted {
            input = input.with_facet((0..len).map(|i| if i % 3 == 0 { "a".to_string() } else { "b".to_string() }).collect());
        }
        let spec = ChartSpec::new(kind).multiply(multiply);
        match (spec.compute(&input), spec.compute_owned(input.clone())) {
            (Ok(a), Ok(b)) => prop_assert_eq!(written(&a), written(&b)),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => return Err(TestCaseError::fail(format!("{kind}: {:?} vs {:?}", a.err(), b.err()))),
        }
    }

    #[test]
    fn rows_in_order_are_grouped_as_listed_rows(rows in prop::collection::vec((0u8..4, prop::sample::select(vec![f64::NAN, -0.0, 0.0, 1.0, 2.5, 7.0, 30.0]),
                                                                               prop::sample::select(vec![f64::NAN, 0.0, 1.0, 10.0, 50.0])), 2..60),
                                                kind in prop::sample::select(ChartKind::ALL.to_vec())) {
        // x that only goes up, with runs of equal x (subgroups, or rows to aggregate): grouped
        // in place.
        let mut x = 0.0;
        let xs: Vec<f64> = rows.iter().map(|r| { x += f64::from(u8::from(r.0 == 0)); x }).collect();
        let input = Input::new(XColumn::Number(spc_core::Values::from(xs)), rows.iter().map(|r| r.1).collect()).with_n(rows.iter().map(|r| r.2).collect());
        for agg in [spc_core::Agg::Mean, spc_core::Agg::Median] {
            same_as_listed_rows(&ChartSpec { agg, ..ChartSpec::new(kind) }, &input)?;
        }
    }

    #[test]
    fn rows_as_points_agree_with_grouping(rows in prop::collection::vec((prop::sample::select(vec![f64::NAN, -0.0, 0.0, 1.0, 2.0, 7.0, 30.0]),
                                                                         prop::sample::select(vec![f64::NAN, 0.0, 1.0, 10.0, 50.0])), 2..40),
                                          kind in prop::sample::select(ChartKind::ALL.to_vec())) {
        // One row per x, in order: the fast paths.
        let len = rows.len();
        let input = Input::new(XColumn::Number((0..len).map(|i| i as f64).collect()), rows.iter().map(|r| r.0).collect())
            .with_n(rows.iter().map(|r| r.1).collect());
        same_as_listed_rows(&ChartSpec::new(kind), &input)?;
    }

    #[test]
    fn no_input_panics(y in prop::collection::vec(prop::option::of(-10.0..10.0_f64), 0..30), n in prop::collection::vec(prop::option::of(0.0..5.0_f64), 0..30),
                       kind in prop::sample::select(ChartKind::ALL.to_vec()), freeze in 0usize..40, part in 0usize..40) {
        let len = y.len().min(n.len());
        let y: Vec<f64> = y[..len].iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        let n: Vec<f64> = n[..len].iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        let mut spec = ChartSpec::new(kind).part([part]);
        if freeze > 0 { spec = spec.freeze(freeze); }
        let _ = spec.compute(&Input::from_y(y).with_n(n));
    }
}
