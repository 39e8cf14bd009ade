//! Options beyond the reference cases: freeze and part together, per-part freezes, categorical
//! x, facets, polars output, and an error for every kind of bad input that names the culprit.

use spc_core::{ChartKind, ChartSpec, Error, Input, XColumn};

fn y24() -> Vec<f64> {
    // 12 points around 10, then 12 around 14.
    let a = [10., 11., 9., 10., 12., 8., 10., 11., 9., 10., 10., 11.];
    let b = [14., 15., 13., 14., 16., 12., 14., 15., 13., 14., 14., 15.];
    a.iter().chain(&b).copied().collect()
}

#[test]
fn freeze_applies_within_every_part() {
    let y = y24();
    let c = ChartSpec::new(ChartKind::I).part([12]).freeze(6).compute(&Input::from_y(y.clone())).unwrap();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!((c.cl[0] - mean(&y[..6])).abs() < 1e-12, "part 1 centre from points 1-6");
    assert!((c.cl[12] - mean(&y[12..18])).abs() < 1e-12, "part 2 centre from points 13-18");
    assert_eq!(c.baseline.iter().filter(|&b| b).count(), 12);
    assert!(c.baseline[5] && !c.baseline[6] && c.baseline[12] && !c.baseline[18]);
    // Per-part freezes: 4 points of part 1, the whole of part 2 (0).
    let c = ChartSpec::new(ChartKind::I).part([12]).freeze_part([4, 0]).compute(&Input::from_y(y.clone())).unwrap();
    assert!((c.cl[0] - mean(&y[..4])).abs() < 1e-12);
    assert!((c.cl[23] - mean(&y[12..])).abs() < 1e-12);
    let e = ChartSpec::new(ChartKind::I).part([12]).freeze_part([4]).compute(&Input::from_y(y)).unwrap_err();
    assert_eq!(e, Error::FreezePartCount { got: 1, parts: 2, facet: String::new() });
    assert_eq!(e.to_string(), "freeze_part has 1 values but there are 2 parts");
}

#[test]
fn categorical_x_has_no_runs_analysis() {
    let units: Vec<Option<String>> = [
        "Bergen",
        "Oslo",
        "Tromsø",
        "Ålesund",
        "Bodø",
        "Molde",
        "Hamar",
        "Lillehammer",
        "Gjøvik",
        "Moss",
        "Halden",
        "Ski",
    ]
    .iter()
    .map(|s| Some((*s).to_string()))
    .collect();
    let y = vec![5., 7., 6., 8., 9., 10., 11., 12., 13., 14., 15., 16.];
    let c = ChartSpec::new(ChartKind::P)
        .compute(&Input::new(XColumn::Text(units.clone()), y).with_n(vec![40.0; 12]))
        .unwrap();
    assert!(c.categorical);
    assert!(!c.summary[0].runs_signal, "12 points in a rising line would signal as a time series");
    // Units keep their order of appearance.
    assert_eq!(c.x, XColumn::Text(units));
}

#[cfg(feature = "polars")]
#[test]
fn facets_are_analysed_separately_in_sorted_order() {
    let y: Vec<f64> = (0..20).map(|i| f64::from(i % 7)).collect();
    let x: Vec<f64> = (0..20).map(|i| f64::from(i % 10)).collect();
    let f: Vec<String> = (0..20).map(|i| if i < 10 { "b".into() } else { "a".into() }).collect();
    let c = ChartSpec::new(ChartKind::I)
        .compute(&Input::new(XColumn::Number(spc_core::Values::from(x)), y.clone()).with_facet(f))
        .unwrap();
    assert_eq!(c.summary.len(), 2);
    assert_eq!(c.summary[0].facet.as_deref(), Some("a"));
    let mean_a = y[10..].iter().sum::<f64>() / 10.0;
    assert!((c.cl[0] - mean_a).abs() < 1e-12);
    let df = c.to_dataframe().unwrap();
    assert_eq!(df.height(), 20);
    assert_eq!(df.get_column_names().len(), 21, "20 contract columns + facet");
    assert_eq!(c.summary_dataframe().unwrap().height(), 2);
}

#[cfg(feature = "polars")]
#[test]
fn dataframe_keeps_missing_values_as_nulls_and_dates_as_dates() {
    let d = |m| chrono::NaiveDate::from_ymd_opt(2021, m, 1);
    let x = XColumn::Date((1..=12).map(d).collect());
    let mut y: Vec<f64> = (1..=12).map(f64::from).collect();
    y[3] = f64::NAN;
    let c = ChartSpec::new(ChartKind::Run).compute(&Input::new(x, y)).unwrap();
    let df = c.to_dataframe().unwrap();
    assert_eq!(df.column("y").unwrap().null_count(), 1);
    assert_eq!(df.column("x").unwrap().dtype(), &spc_core::polars::prelude::DataType::Date);
    assert_eq!(df.column("lcl").unwrap().null_count(), 12, "a run chart has no limits");
}

/// A per-part count column of the frame: its name and its value for a part.
#[cfg(feature = "polars")]
type Count<'a> = (&'a str, &'a dyn Fn(&spc_core::PartSummary) -> Option<u32>);

/// Every cell of `c.to_dataframe()` against the chart it came from: floats (nulls where NaN),
/// the per-part counts and the flags, with the contract's types.
#[cfg(feature = "polars")]
fn frame_is_the_chart(c: &spc_core::Chart) {
    use spc_core::polars::prelude::DataType;
    let df = c.to_dataframe().unwrap();
    let m = c.len();
    assert_eq!(df.height(), m);
    let float = |name: &str, want: &dyn Fn(usize) -> f64| {
        let col = df.column(name).unwrap().as_materialized_series().clone();
        assert_eq!(col.dtype(), &DataType::Float64, "{name}");
        let ca = col.f64().unwrap();
        for i in 0..m {
            let w = want(i);
            assert_eq!(ca.get(i), (!w.is_nan()).then_some(w), "{name}[{i}]");
        }
    };
    if let XColumn::Number(x) = &c.x {
        float("x", &|i| x[i]);
    }
    float("y", &|i| c.y[i]);
    for (name, l) in
        [("n", &c.n), ("cl", &c.cl), ("lcl", &c.lcl), ("ucl", &c.ucl), ("lcl_95", &c.lcl_95), ("ucl_95", &c.ucl_95)]
    {
        float(name, &|i| l[i]);
    }
    float("target", &|_| c.target());
    let counts: [Count<'_>; 7] = [
        ("part", &|s| Some(s.part)),
        ("longest_run", &|s| s.longest_run),
        ("longest_run_max", &|s| s.longest_run_max),
        ("n_crossings", &|s| s.n_crossings),
        ("n_crossings_min", &|s| s.n_crossings_min),
        ("n_obs", &|s| Some(s.n_obs)),
        ("n_useful", &|s| Some(s.n_useful)),
    ];
    for (name, f) in counts {
        let col = df.column(name).unwrap().as_materialized_series().clone();
        assert_eq!(col.dtype(), &DataType::UInt32, "{name}");
        for i in 0..m {
            assert_eq!(col.u32().unwrap().get(i), f(c.part_of(i)), "{name}[{i}]");
        }
    }
    let flags: [(&str, &dyn Fn(usize) -> bool); 4] = [
        ("baseline", &|i| c.baseline[i]),
        ("include", &|i| c.include[i]),
        ("runs_signal", &|i| c.part_of(i).runs_signal),
        ("sigma_signal", &|i| c.sigma_signal[i]),
    ];
    for (name, f) in flags {
        let col = df.column(name).unwrap().as_materialized_series().clone();
        for i in 0..m {
            assert_eq!(col.bool().unwrap().get(i), Some(f(i)), "{name}[{i}]");
        }
    }
}

#[cfg(feature = "polars")]
#[test]
fn dataframe_cells_are_the_charts_values() {
    let y: Vec<f64> = (0..40).map(|i| 10.0 + f64::from((i * 7) % 11) + if i > 25 { 6.0 } else { 0.0 }).collect();
    let mut gappy = y.clone();
    gappy[3] = f64::NAN;
    let n: Vec<f64> = (0..40).map(|i| 20.0 + f64::from(i % 5)).collect();
    let counts: Vec<f64> = y.iter().map(|v| (v / 2.0).floor()).collect();
    let charts = [
        // One part: lines, target and counts stored once.
        ChartSpec::new(ChartKind::I).target(12.0).compute(&Input::from_y(y.clone())),
        // Two parts, a frozen baseline and an exclusion: per-part values point by point.
        ChartSpec::new(ChartKind::I).part(vec![20]).freeze(8).exclude(vec![30]).compute(&Input::from_y(y.clone())),
        // A run chart with a missing value: limits all null, y with one null.
        ChartSpec::new(ChartKind::Run).compute(&Input::from_y(gappy.clone())),
        // Limits by point, signals.
        ChartSpec::new(ChartKind::P).compute(&Input::from_y(counts.clone()).with_n(n.clone())),
        ChartSpec::new(ChartKind::U).part(vec![25]).multiply(100.0).compute(&Input::from_y(counts).with_n(n)),
        ChartSpec::new(ChartKind::Cusum).compute(&Input::from_y(y)),
    ];
    for c in charts {
        frame_is_the_chart(&c.unwrap());
    }
}

#[test]
fn zero_over_zero_is_missing_and_zero_denominators_are_reported() {
    let c = ChartSpec::new(ChartKind::P)
        .compute(&Input::from_y(vec![1., 0., 2., 3.]).with_n(vec![10., 0., 10., 10.]))
        .unwrap();
    assert!(c.y[1].is_nan() && c.lcl[1].is_nan());
    let c = ChartSpec::new(ChartKind::P)
        .compute(&Input::from_y(vec![1., 4., 2., 3.]).with_n(vec![10., 0., 10., 10.]))
        .unwrap();
    assert!(c.y[1].is_nan());
    assert!(c.warnings.iter().any(|w| w.contains("denominator of 0") && w.contains("row(s) 2")), "{:?}", c.warnings);
}

#[test]
fn errors_name_the_culprit() {
    let y = vec![1., 2., 3., 4., 5.];
    let cases: Vec<(spc_core::Result<spc_core::Chart>, &str)> = vec![
        (ChartSpec::new(ChartKind::P).compute(&Input::from_y(y.clone())), "a p chart needs a denominator: give n (--n COLUMN)"),
        (ChartSpec::new(ChartKind::P).compute(&Input::from_y(y.clone()).with_n(vec![1., 2., -3., 4., 5.])), "row 3, column 'n': negative denominator -3: denominators must be >= 0"),
        (ChartSpec::new(ChartKind::I).compute(&Input::from_y(y.clone()).with_n(vec![1., 2.])), "n has 2 values but y has 5"),
        (ChartSpec::new(ChartKind::I).freeze(6).compute(&Input::from_y(y.clone())), "freeze = 6 is beyond the data: there are only 5 points after aggregation"),
        (ChartSpec::new(ChartKind::I).part([5]).compute(&Input::from_y(y.clone())), "part position 5 is out of range: it must be between 1 and 4 (the number of points minus one)"),
        (ChartSpec::new(ChartKind::I).exclude([7]).compute(&Input::from_y(y.clone())), "exclude position 7 is out of range: it must be between 1 and 5"),
        (ChartSpec::new(ChartKind::I).compute(&Input::from_y(vec![1.0, f64::NAN])), "too few points for the centre line and limits of an I chart: 2 needed, 1 given in part 1 (non-missing, included baseline points)"),
        (ChartSpec::new(ChartKind::T).compute(&Input::from_y(vec![3., 0., 2.])), "row 2, column 'y': a T chart needs times between events > 0, got 0"),
        (ChartSpec::new(ChartKind::I).multiply(0.0).compute(&Input::from_y(y.clone())), "invalid multiply: must be a finite number other than 0, got 0"),
    ];
    for (r, msg) in cases {
        assert_eq!(r.unwrap_err().to_string(), msg);
    }
    // An infinite y is found (and its row named) wherever it is in a long series: by the check
    // before the chart (run chart, I chart with a baseline) or by the I chart's first pass.
    for row in [1, 256, 257, 1000] {
        let mut long: Vec<f64> = (0..1000).map(f64::from).collect();
        long[row - 1] = f64::NEG_INFINITY;
        for spec in
            [ChartSpec::new(ChartKind::I), ChartSpec::new(ChartKind::Run), ChartSpec::new(ChartKind::I).freeze(500)]
        {
            assert_eq!(
                spec.compute(&Input::from_y(long.clone())).unwrap_err().to_string(),
                format!("row {row}, column 'y': value is -inf; values must be finite")
            );
        }
        // +inf and -inf together (their sum is NaN): the first is named.
        long[999] = f64::INFINITY;
        let first = if row == 1000 { "value is inf" } else { "value is -inf" };
        assert_eq!(
            ChartSpec::new(ChartKind::I).compute(&Input::from_y(long)).unwrap_err().to_string(),
            format!("row {row}, column 'y': {first}; values must be finite")
        );
    }
    // A long run chart: the median's bracketed pass sees the infinite y.
    let mut state = 1u64;
    let mut long: Vec<f64> = (0..5000)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect();
    long[3999] = f64::INFINITY;
    assert_eq!(
        ChartSpec::new(ChartKind::Run).compute(&Input::from_y(long)).unwrap_err().to_string(),
        "row 4000, column 'y': value is inf; values must be finite"
    );
    // An infinite y among too few points: the infinite y is the error, as before any other.
    assert_eq!(
        ChartSpec::new(ChartKind::I).compute(&Input::from_y(vec![f64::INFINITY, f64::NAN])).unwrap_err().to_string(),
        "row 1, column 'y': value is inf; values must be finite"
    );
    // Finite values whose sum overflows are not an error.
    let huge = vec![1e308, 1.5e308, 1e308, 1.2e308];
    let c = ChartSpec::new(ChartKind::I).compute(&Input::from_y(huge.clone())).expect("finite values");
    assert_eq!((c.y.to_vec(), c.summary[0].n_obs), (huge, 4));
    assert_eq!(
        "w".parse::<ChartKind>().unwrap_err().to_string(),
        "unknown chart kind 'w': expected one of run, i, mr, xbar, s, r, t, p, pp, np, c, u, up, g, ip, ewma, cusum"
    );
    assert_eq!(
        "x".parse::<spc_core::RunsMethod>().unwrap_err().to_string(),
        "unknown value 'x' for method: expected one of anhoej, bestbox, cutbox"
    );
    let t = spc_core::io::Table::from_reader("a,b\n1,2\n".as_bytes(), "f.csv").unwrap();
    assert_eq!(t.column("y").unwrap_err().to_string(), "f.csv: column 'y' not found; the columns are: a, b");
}
