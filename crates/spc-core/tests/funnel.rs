//! Funnel plots (docs/methods.md §11): limits against published numbers (§13.14, V14) and hand computations.
#![allow(clippy::unreadable_literal)] // published numbers as printed

use spc_core::funnel::{
    additive_limits, chisq_ratio_limits, dispersion, exact_binomial_limit, exact_poisson_limit, funnel, level_name,
    level_z, normal_limits, quantile7, DataType, Direction, Flag, FunnelSpec, LimitMethod, Overdispersion, Unit,
    UnitStatus,
};

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: got {a}, expected {b} (tolerance {tol})");
}

/// V14: FunnelPlotR `tests/testthat/test-poisson_limits.R`, target 1, unadjusted, at E = 15, 20, 30.
#[test]
fn v14_funnelplotr_chisq_limits() {
    let es = [15.0, 20.0, 30.0];
    let ll95 = [0.5596924, 0.6108260, 0.6746958];
    let ul95 = [1.649348, 1.544419, 1.427562];
    let ll99 = [0.3862650, 0.4479107, 0.5289724];
    let ul99 = [2.082907, 1.902094, 1.702771];
    for (i, &e) in es.iter().enumerate() {
        let (l, u) = chisq_ratio_limits(e, 1.0, 95.0);
        close(l, ll95[i], 5e-8, "ll95");
        close(u, ul95[i], 5e-7, "ul95");
        let (l, u) = chisq_ratio_limits(e, 1.0, 99.8);
        close(l, ll99[i], 5e-8, "ll99.8");
        close(u, ul99[i], 5e-7, "ul99.8");
    }
}

/// At E = 1e-6 the lower limit is 0 and the upper is χ²_0.975(≈2)/(2E) = −ln(0.025)/E
/// (χ² with 2 degrees of freedom is exponential with mean 2).
#[test]
fn chisq_limits_at_tiny_expected_count() {
    let e = 1e-6;
    let (l, u) = chisq_ratio_limits(e, 1.0, 95.0);
    close(l, 0.0, 1e-12, "lower");
    // Small E where the χ² quantile is tiny but representable: E = 0.2, p = 0.025:
    // P(0.2, x) ≈ x^0.2/Γ(1.2) near 0, so x = (0.025·Γ(1.2))^5; Γ(1.2) = 0.918168742399761.
    let (l, _) = chisq_ratio_limits(0.2, 1.0, 95.0);
    close(l, (0.025_f64 * 0.918_168_742_399_761).powi(5) / 0.2, 1e-13, "lower at E = 0.2");
    let expect = -(0.025_f64.ln()) / e;
    assert!(((u - expect) / expect).abs() < 1e-4, "upper {u} vs {expect}");
    // The funnel over a ratio with a tiny E does not fail.
    let f = funnel(
        &[Unit::new("a", "A", Some(0.0), Some(1e-6)), Unit::new("b", "B", Some(3.0), Some(2.0))],
        &FunnelSpec { data_type: DataType::Ratio, ..FunnelSpec::default() },
    )
    .unwrap();
    assert_eq!(f.target, 1.0);
    assert!(f.rows[0].limits[0].upper > 1e6);
}

/// Binomial CDF summed term by term.
fn binom_cdf_by_hand(n: u64, theta: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut acc = 0.0;
    for k in 0..=n {
        // C(n, k) by the product formula.
        let mut c = 1.0;
        for j in 0..k {
            c = c * (n - j) as f64 / (j + 1) as f64;
        }
        acc += c * theta.powi(k as i32) * (1.0 - theta).powi((n - k) as i32);
        out.push(acc);
    }
    out
}

fn interpolated_by_hand(cdf: &[f64], p: f64) -> f64 {
    let r = cdf.iter().position(|&f| f >= p).unwrap();
    let f_prev = if r == 0 { 0.0 } else { cdf[r - 1] };
    let alpha = (cdf[r] - p) / (cdf[r] - f_prev);
    r as f64 - alpha
}

/// n = 20, θ0 = 0.2: F(0) = 0.8^20 = 0.011529, F(1) = 0.069175 → r_0.025 = 1,
/// α = (0.069175 − 0.025)/(0.069175 − 0.011529) = 0.76632, limit 0.011684;
/// F(7) = 0.967857, F(8) = 0.990018 → r_0.975 = 8, α = 0.67769, limit 0.366115.
/// For p = 0.001, r_p = 0 and F(−1) = 0: α = 0.91326, (0 − α)/20 < 0 is clipped to 0.
#[test]
fn exact_binomial_interpolation_by_hand() {
    let cdf = binom_cdf_by_hand(20, 0.2);
    close(cdf[0], 0.8_f64.powi(20), 1e-15, "F(0)");
    for (p, published) in [(0.025, 0.011_684_043_449_71), (0.975, 0.366_115_479_450_97), (0.999, 0.489_254_126_284_24)]
    {
        let hand = interpolated_by_hand(&cdf, p) / 20.0;
        close(hand, published, 1e-12, "hand formula");
        close(exact_binomial_limit(20.0, 0.2, p), hand, 1e-10, &format!("p = {p}"));
    }
    close(interpolated_by_hand(&cdf, 0.001), -0.913_263_826_201_16, 1e-12, "r_p − α at p = 0.001");
    assert_eq!(exact_binomial_limit(20.0, 0.2, 0.001), 0.0);
}

/// Poisson with E = θ0·T = 0.02 × 500 = 10: rate limits (r_p − α)/T.
#[test]
fn exact_poisson_interpolation_by_hand() {
    let lambda: f64 = 10.0;
    let mut cdf = Vec::new();
    let (mut acc, mut term) = (0.0, (-lambda).exp());
    for k in 0..80 {
        if k > 0 {
            term *= lambda / f64::from(k);
        }
        acc += term;
        cdf.push(acc);
    }
    for (p, r) in [(0.025, 4.0), (0.975, 17.0), (0.001, 2.0), (0.999, 21.0)] {
        let hand = interpolated_by_hand(&cdf, p);
        assert!(hand > r - 1.0 && hand <= r, "r_p of {p}");
        close(exact_poisson_limit(lambda, p), hand / lambda, 1e-10, &format!("ratio scale p = {p}"));
    }
    // Through funnel(): a rate unit with exposure 500 at the given target 0.02, per 1 000.
    let f = funnel(
        &[Unit::new("x", "X", Some(10.0), Some(500.0))],
        &FunnelSpec { data_type: DataType::Rate, target: Some(0.02), multiplier: 1000.0, ..FunnelSpec::default() },
    )
    .unwrap();
    let l95 = f.rows[0].limits[0];
    close(l95.lower, interpolated_by_hand(&cdf, 0.025) / 500.0 * 1000.0, 1e-9, "rate lcl95");
    close(l95.upper, interpolated_by_hand(&cdf, 0.975) / 500.0 * 1000.0, 1e-9, "rate ucl95");
    close(f.rows[0].value.unwrap(), 20.0, 1e-12, "value per 1 000");
    close(f.target_value(), 20.0, 1e-12, "target per 1 000");
}

#[test]
fn normal_approximation_formulas() {
    close(level_z(95.0), 1.959964, 5e-7, "z95");
    close(level_z(99.8), 3.090232, 5e-7, "z99.8");
    // proportion: 0.1 ± z·sqrt(0.1·0.9/400) = 0.1 ± z·0.015
    let (l, u) = normal_limits(DataType::Proportion, 400.0, 0.1, 95.0, 1.0);
    close(l, 0.1 - 1.959_963_985 * 0.015, 1e-9, "lower");
    close(u, 0.1 + 1.959_963_985 * 0.015, 1e-9, "upper");
    // clipped at 0 for a small n
    let (l, _) = normal_limits(DataType::Proportion, 4.0, 0.1, 99.8, 1.0);
    assert_eq!(l, 0.0);
    // rate: 2 ± z·sqrt(2/50) = 2 ± z·0.2
    let (l, u) = normal_limits(DataType::Rate, 50.0, 2.0, 99.8, 1.0);
    close(l, 2.0 - 3.090_232_306 * 0.2, 1e-8, "rate lower");
    close(u, 2.0 + 3.090_232_306 * 0.2, 1e-8, "rate upper");
    // ratio: 1 ± z/sqrt(E), E = 25
    let (l, u) = normal_limits(DataType::Ratio, 25.0, 1.0, 95.0, 1.0);
    close(l, 1.0 - 1.959_963_985 / 5.0, 1e-9, "ratio lower");
    close(u, 1.0 + 1.959_963_985 / 5.0, 1e-9, "ratio upper");
}

#[test]
fn r_quantile_type_7() {
    // R: quantile(c(1, 2, 3, 4, 10), c(0.1, 0.9)) = 1.4, 7.6
    close(quantile7(&[4.0, 1.0, 10.0, 3.0, 2.0], 0.1), 1.4, 1e-12, "q10");
    close(quantile7(&[4.0, 1.0, 10.0, 3.0, 2.0], 0.9), 7.6, 1e-12, "q90");
}

/// Rates with sqrt(y/n) = k/10 and target 0.49 (sqrt = 0.7): z = 2·sqrt(n)·(k/10 − 0.7),
/// i.e. 2(k − 7) at n = 100 and 4(k − 7) at n = 400.
fn rate_units() -> Vec<Unit> {
    // (code, y, n, k)
    let u = [
        ("A", 9.0, 100.0),   // k = 3: z = −8
        ("B", 36.0, 100.0),  // k = 6: z = −2
        ("C", 64.0, 100.0),  // k = 8: z = 2
        ("D", 100.0, 100.0), // k = 10: z = 6
        ("E", 64.0, 400.0),  // k = 4: z = −12
        ("F", 196.0, 400.0), // k = 7: z = 0
        ("G", 324.0, 400.0), // k = 9: z = 8
        ("H", 484.0, 400.0), // k = 11: z = 16
        ("I", 25.0, 100.0),  // k = 5: z = −4
        ("J", 144.0, 400.0), // k = 6: z = −4
    ];
    u.iter().map(|&(c, y, n)| Unit::new(c, c, Some(y), Some(n))).collect()
}

/// Sorted z: −12, −8, −4, −4, −2, 0, 2, 6, 8, 16. Type-7 quantiles: 10 % → −12 + 0.9·4 = −8.4,
/// 90 % → 8 + 0.1·8 = 8.8. Winsorised squares: 70.56 + 64 + 16 + 16 + 4 + 0 + 4 + 36 + 64 +
/// 77.44 = 352 → φ̂ = 35.2. Weights 4n: five of 400 and five of 1 600: Σw = 10 000,
/// Σw² = 13 600 000, Σw²/Σw = 1 360; τ̂² = (352 − 9)/(10 000 − 1 360) = 343/8 640.
#[test]
fn overdispersion_by_hand_rates() {
    let units = rate_units();
    let pairs: Vec<(f64, f64)> = units.iter().map(|u| (u.numerator.unwrap(), u.denominator.unwrap())).collect();
    let d = dispersion(DataType::Rate, &pairs, 0.49, 0.1).unwrap();
    close(d.phi, 35.2, 1e-9, "phi");
    close(d.tau2, 343.0 / 8640.0, 1e-12, "tau2");

    let spec = |od| FunnelSpec {
        data_type: DataType::Rate,
        target: Some(0.49),
        overdispersion: od,
        method: LimitMethod::Normal,
        ..FunnelSpec::default()
    };
    // Multiplicative: 0.49 ± z·sqrt(35.2 × 0.49 / 400) at n = 400.
    let f = funnel(&units, &spec(Overdispersion::Multiplicative)).unwrap();
    assert!(f.adjusted);
    close(f.phi.unwrap(), 35.2, 1e-9, "phi in result");
    let half = 1.959_963_985 * (35.2_f64 * 0.49 / 400.0).sqrt();
    close(f.rows[4].limits[0].lower, 0.49 - half, 1e-8, "mult lcl95 at n = 400");
    close(f.rows[4].limits[0].upper, 0.49 + half, 1e-8, "mult ucl95 at n = 400");
    // A (0.09) is below 0.49 − 3.090232·sqrt(0.17248) = −0.79 → clipped to 0: inside.
    assert_eq!(f.rows[0].limits[1].lower, 0.0);
    assert_eq!(f.rows[0].flag, Some(Flag::None));

    // Additive: (0.7 ± z·sqrt(1/400 + τ̂²))² at n = 100; (0.7 ± z·sqrt(1/1600 + τ̂²))² at n = 400.
    let f = funnel(&units, &spec(Overdispersion::Additive)).unwrap();
    assert!(f.adjusted);
    let tau2: f64 = 343.0 / 8640.0;
    for (row, n) in [(0usize, 100.0_f64), (4, 400.0)] {
        for (k, z) in [(0usize, 1.959_963_985), (1, 3.090_232_306)] {
            let half: f64 = z * (1.0 / (4.0 * n) + tau2).sqrt();
            let lo = if 0.7 - half > 0.0 { (0.7 - half).powi(2) } else { 0.0 };
            close(f.rows[row].limits[k].lower, lo, 1e-8, "add lcl");
            close(f.rows[row].limits[k].upper, (0.7 + half).powi(2), 1e-8, "add ucl");
        }
    }
    // H: 484/400 = 1.21; at n = 400 sqrt(0.000625 + 0.039699) = 0.200808: 95 % upper
    // (0.7 + 1.959964 × 0.200808)² = 1.19591 < 1.21, 99.8 % upper (0.7 + 3.090232 × 0.200808)² = 1.74383:
    // an alert, high.
    assert_eq!((f.rows[7].flag, f.rows[7].direction), (Some(Flag::Alert), Some(Direction::High)));
    close(f.rows[7].limits[0].upper, 1.19591, 5e-5, "H ucl95");
    close(f.rows[7].limits[1].upper, 1.74383, 5e-5, "H ucl99.8");
    // Unadjusted (none): H is far outside the Poisson limits 0.49 ± 3.09·sqrt(0.49/400) = [0.382, 0.598].
    let f = funnel(&units, &spec(Overdispersion::None)).unwrap();
    assert!(!f.adjusted);
    close(f.phi.unwrap(), 35.2, 1e-9, "phi reported without adjustment");
    assert_eq!(f.rows[7].flag, Some(Flag::Alarm));
    assert_eq!(f.rows[7].direction, Some(Direction::High));
    assert_eq!(f.rows[4].flag, Some(Flag::Alarm));
    assert_eq!(f.rows[4].direction, Some(Direction::Low));
}

/// Proportions: z = (asin(sqrt(y/n)) − asin(sqrt(θ0)))·2·sqrt(n) with the pooled θ0.
#[test]
fn overdispersion_by_hand_proportions() {
    let data = [
        (5.0, 50.0),
        (12.0, 80.0),
        (30.0, 100.0),
        (20.0, 150.0),
        (45.0, 200.0),
        (30.0, 250.0),
        (90.0, 300.0),
        (40.0, 400.0),
    ];
    let theta: f64 = 272.0 / 1530.0; // Σy / Σn
    let t = theta.sqrt().asin();
    let mut z: Vec<f64> =
        data.iter().map(|&(y, n): &(f64, f64)| ((y / n).sqrt().asin() - t) * 2.0 * n.sqrt()).collect();
    z.sort_by(f64::total_cmp);
    // 8 values: 10 % at h = 0.7, 90 % at h = 6.3.
    let lz = z[0] + 0.7 * (z[1] - z[0]);
    let uz = z[6] + 0.3 * (z[7] - z[6]);
    let phi = z.iter().map(|v| v.clamp(lz, uz).powi(2)).sum::<f64>() / 8.0;
    let sw: f64 = data.iter().map(|d| 4.0 * d.1).sum(); // 4 × 1530 = 6120
    let sw2: f64 = data.iter().map(|d| (4.0 * d.1).powi(2)).sum();
    let tau2 = (8.0 * phi - 7.0) / (sw - sw2 / sw);
    assert!(phi > 1.0 && tau2 > 0.0);

    let units: Vec<Unit> =
        data.iter().enumerate().map(|(i, &(y, n))| Unit::new(format!("{i}"), "", Some(y), Some(n))).collect();
    let f = funnel(&units, &FunnelSpec { overdispersion: Overdispersion::Additive, ..FunnelSpec::default() }).unwrap();
    close(f.target, theta, 1e-15, "pooled target");
    close(f.phi.unwrap(), phi, 1e-10, "phi");
    close(f.tau2.unwrap(), tau2, 1e-12, "tau2");
    // Limits at n = 50: sin²(t ± z·sqrt(1/200 + τ̂²)).
    let half = 1.959_963_985 * (1.0 / 200.0 + tau2).sqrt();
    close(f.rows[0].limits[0].lower, (t - half).sin().powi(2), 1e-8, "lcl95");
    close(f.rows[0].limits[0].upper, (t + half).sin().powi(2), 1e-8, "ucl95");
    let (l, u) = additive_limits(DataType::Proportion, 50.0, theta, 95.0, tau2);
    close(l, (t - half).sin().powi(2), 1e-8, "additive_limits lower");
    close(u, (t + half).sin().powi(2), 1e-8, "additive_limits upper");
}

#[test]
fn units_not_plotted_are_kept_with_a_reason() {
    let units = vec![
        Unit::new("1", "ok", Some(3.0), Some(10.0)),
        Unit::new("2", "no num", None, Some(10.0)),
        Unit::new("3", "no den", Some(3.0), None),
        Unit::new("4", "zero", Some(3.0), Some(0.0)),
        Unit::new("5", "neg", Some(3.0), Some(-2.0)),
        Unit::new("6", "too many", Some(12.0), Some(10.0)),
        Unit::new("7", "ok", Some(1.0), Some(30.0)),
    ];
    let f = funnel(&units, &FunnelSpec::default()).unwrap();
    assert_eq!(f.rows.len(), 7);
    let st: Vec<UnitStatus> = f.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        st,
        vec![
            UnitStatus::Ok,
            UnitStatus::MissingNumerator,
            UnitStatus::MissingDenominator,
            UnitStatus::ZeroDenominator,
            UnitStatus::NegativeDenominator,
            UnitStatus::NumeratorExceedsDenominator,
            UnitStatus::Ok
        ]
    );
    // Pooled over the plotted units only: 4 / 40.
    close(f.target, 0.1, 1e-15, "target");
    assert!(f.rows[3].value.is_none() && f.rows[3].limits.is_empty() && f.rows[3].flag.is_none());
    assert_eq!(f.plotted(), 2);

    let mut out = Vec::new();
    f.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "region_code,region_name,numerator,denominator,value,target,lcl_95,ucl_95,lcl_99_8,ucl_99_8,flag,direction,status"
    );
    assert_eq!(lines.nth(3).unwrap(), "4,zero,3,0,,0.1,,,,,,,zero_denominator");

    // Nothing plottable: an error naming what was found.
    let e = funnel(&units[1..6], &FunnelSpec::default()).unwrap_err().to_string();
    assert!(e.contains("zero_denominator") && e.contains("numerator_missing"), "{e}");
}

#[test]
fn flags_alert_alarm_and_inclusive_boundaries() {
    // Normal limits around the given θ0 = 0.5 at n = 100: 95 % 0.5 ± 0.098, 99.8 % 0.5 ± 0.1545.
    let units = vec![
        Unit::new("a", "", Some(62.0), Some(100.0)), // 0.62: outside 95 %, inside 99.8 %
        Unit::new("b", "", Some(30.0), Some(100.0)), // 0.30: outside 99.8 %
        Unit::new("c", "", Some(50.0), Some(100.0)),
    ];
    let spec = FunnelSpec { target: Some(0.5), method: LimitMethod::Normal, ..FunnelSpec::default() };
    let f = funnel(&units, &spec).unwrap();
    assert_eq!((f.rows[0].flag, f.rows[0].direction), (Some(Flag::Alert), Some(Direction::High)));
    assert_eq!(f.rows[0].exceeded, Some(95.0));
    assert_eq!((f.rows[1].flag, f.rows[1].direction), (Some(Flag::Alarm), Some(Direction::Low)));
    assert_eq!((f.rows[2].flag, f.rows[2].direction), (Some(Flag::None), None));
    // Target 0: exact limits are [0, 0] and a value of 0 lies on them: inside.
    let f = funnel(
        &[Unit::new("z", "", Some(0.0), Some(10.0))],
        &FunnelSpec { target: Some(0.0), ..FunnelSpec::default() },
    )
    .unwrap();
    assert_eq!(f.rows[0].limits[1].upper, 0.0);
    assert_eq!(f.rows[0].flag, Some(Flag::None));
    // Three levels: the highest exceeded one decides; names of the columns.
    let spec = FunnelSpec {
        target: Some(0.5),
        method: LimitMethod::Normal,
        levels: vec![99.8, 80.0, 95.0],
        ..FunnelSpec::default()
    };
    let f = funnel(&units, &spec).unwrap();
    assert_eq!(f.spec.levels, vec![80.0, 95.0, 99.8]);
    assert_eq!(f.rows[0].exceeded, Some(95.0));
    assert_eq!(f.rows[0].flag, Some(Flag::Alert));
    assert_eq!(level_name(99.8), "99_8");
    assert_eq!(level_name(95.0), "95");
    assert_eq!(f.curves.len(), 3);
    assert_eq!(f.curves[0].points.len(), 200);
}

#[test]
fn curves_span_the_denominators_and_narrow() {
    let units: Vec<Unit> = [(2.0, 20.0), (15.0, 100.0), (90.0, 1000.0)]
        .iter()
        .map(|&(y, n)| Unit::new("u", "", Some(y), Some(n)))
        .collect();
    let f = funnel(&units, &FunnelSpec::default()).unwrap();
    let c = &f.curves[1];
    close(c.points[0].denominator, 20.0, 1e-9, "first");
    close(c.points[199].denominator, 1000.0, 1e-9, "last");
    let w0 = c.points[0].upper - c.points[0].lower;
    let w1 = c.points[199].upper - c.points[199].lower;
    assert!(w1 < w0);
    // Exact limits at the unit's own denominator equal the curve's at the same n.
    close(f.rows[0].limits[1].upper, c.points[0].upper, 1e-12, "ucl at n = 20");
}

#[test]
fn bad_specs_are_errors() {
    let units = vec![Unit::new("a", "", Some(1.0), Some(10.0))];
    for spec in [
        FunnelSpec { levels: vec![100.0], ..FunnelSpec::default() },
        FunnelSpec { levels: vec![], ..FunnelSpec::default() },
        FunnelSpec { multiplier: 0.0, ..FunnelSpec::default() },
        FunnelSpec { target: Some(1.5), ..FunnelSpec::default() },
    ] {
        assert!(funnel(&units, &spec).is_err(), "{spec:?}");
    }
    assert!("binomial".parse::<DataType>().is_err());
    assert_eq!("additive".parse::<Overdispersion>().unwrap(), Overdispersion::Additive);
}

/// Odd inputs through every combination of options: no panic, finite ordered limits.
#[test]
fn odd_inputs_never_panic() {
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut sets: Vec<Vec<Unit>> = vec![
        vec![Unit::new("a", "", Some(0.0), Some(10.0)), Unit::new("b", "", Some(0.0), Some(1e6))],
        vec![Unit::new("a", "", Some(10.0), Some(10.0)), Unit::new("b", "", Some(5.0), Some(5.0))],
        vec![Unit::new("a", "", Some(0.3), Some(0.5))],
        vec![Unit::new("a", "", Some(1e9), Some(2e9)), Unit::new("b", "", Some(3.0), Some(1e-9))],
        vec![Unit::new("a", "", Some(f64::NAN), Some(3.0)), Unit::new("b", "", Some(2.0), Some(f64::INFINITY))],
    ];
    for _ in 0..5 {
        let k = 2 + (next() * 30.0) as usize;
        sets.push(
            (0..k)
                .map(|i| {
                    let n = (10f64.powf(next() * 6.0)).round();
                    let y = (n * next() * next()).round();
                    Unit::new(format!("{i}"), "", Some(y), Some(n))
                })
                .collect(),
        );
    }
    for units in &sets {
        for dt in [DataType::Proportion, DataType::Rate, DataType::Ratio] {
            for method in [LimitMethod::Exact, LimitMethod::Normal] {
                for od in [Overdispersion::None, Overdispersion::Multiplicative, Overdispersion::Additive] {
                    for target in [None, Some(0.0), Some(0.5)] {
                        let spec = FunnelSpec {
                            data_type: dt,
                            method,
                            overdispersion: od,
                            target,
                            curve_points: 20,
                            ..FunnelSpec::default()
                        };
                        let Ok(f) = funnel(units, &spec) else { continue };
                        for r in f.rows.iter().filter(|r| r.plotted()) {
                            for l in &r.limits {
                                assert!(
                                    l.lower.is_finite() && l.upper.is_finite() && l.lower <= l.upper + 1e-12,
                                    "{dt:?} {method:?} {od:?} {target:?} {r:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A municipality whose cell SSB suppressed (`:`) or did not receive (`..`) stays in the funnel
/// table with SSB's symbol as its status; one without numerator for another reason gets this
/// module's reason; plotted units have no status.
#[test]
fn ssb_symbols_of_units_not_plotted_are_kept() {
    let csv = "region_code,region_name,indicator,period,value,numerator,denominator\n\
               0101,Halden,andel,2015,10,10,100\n\
               0104,Moss,andel,2015,20,20,100\n\
               0105,Sarpsborg,andel,2015,:,,100\n\
               0106,Fredrikstad,andel,2015,..,,\n\
               0111,Hvaler,andel,2015,,,100\n\
               0118,Aremark,andel,2015,15,15,100\n";
    let table = spc_core::kostra::read_bytes(csv.as_bytes(), "t.csv").unwrap();
    let input =
        spc_core::kostra::funnel_input(&table, &spc_core::kostra::FunnelRequest::new("andel"), "t.csv").unwrap();
    let f = spc_core::funnel::funnel(&input.units, &input.spec).unwrap();
    let mut out = Vec::new();
    f.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let status: Vec<&str> = text.lines().skip(1).map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(status, ["", "", ":", "..", "numerator_missing", ""], "{text}");
}
