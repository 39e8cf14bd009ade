//! Each rule of each rule set fires on a small hand-made series built to trigger it, on nothing
//! else of its set, and not on its near miss (one point short).

use spc_core::rules::{parse_rule_sets, signals, swed_eisenhart_limits, Direction, RuleSet};
use spc_core::{Chart, ChartKind, ChartSpec, Input, Line};

/// A background with no pattern for any rule (CL 0, sigma 1): sides + - - +, runs of at most
/// 2, no trend longer than 3 points, no long alternation, never 2 points in a row within or
/// beyond 1 sigma.
const B: [f64; 4] = [0.3, -1.5, -0.2, 1.4];

/// The segment between two stretches of background, each joined by a separator point on the
/// other side of the centre line (within 1 sigma), so the background cannot extend a pattern.
fn series(segment: &[f64]) -> Vec<f64> {
    let sep = |v: Option<&f64>| if v.is_some_and(|v| *v > 0.0) { -0.4 } else { 0.4 };
    let mut y: Vec<f64> = B.iter().chain(&B).chain(&B).copied().collect();
    if !segment.is_empty() {
        y.push(sep(segment.first()));
        y.extend_from_slice(segment);
        y.push(sep(segment.last()));
    }
    y.extend(B.iter().chain(&B).chain(&B));
    y
}

/// A chart of `y` with centre line 0 and limits ±3 (sigma 1).
fn chart(y: &[f64], kind: ChartKind) -> Chart {
    let mut c = ChartSpec::new(ChartKind::I).compute(&Input::from_y(y.to_vec())).unwrap();
    c.spec.kind = kind;
    let m = c.len();
    c.cl = Line::constant(0.0, m);
    c.ucl = Line::constant(3.0, m);
    c.lcl = Line::constant(-3.0, m);
    c.ucl_95 = Line::constant(2.0, m);
    c.lcl_95 = Line::constant(-2.0, m);
    c
}

fn fired(set: &str, y: &[f64]) -> Vec<String> {
    let c = chart(y, ChartKind::I);
    let mut r: Vec<String> = signals(&c, &parse_rule_sets(set).unwrap()).into_iter().map(|s| s.rule).collect();
    r.dedup();
    r
}

fn fires_alone(set: &str, rule: &str, hit: &[f64], miss: &[f64]) {
    assert_eq!(fired(set, &series(hit)), [rule], "{rule} on {hit:?}");
    assert!(fired(set, &series(miss)).is_empty(), "{rule} near miss {miss:?}: {:?}", fired(set, &series(miss)));
}

#[test]
fn background_fires_nothing() {
    for set in ["anhoej", "ihi", "western-electric", "nelson", "mdc", "mdc6"] {
        assert!(fired(set, &series(&[])).is_empty(), "{set}: {:?}", fired(set, &series(&[])));
    }
}

#[test]
fn western_electric() {
    fires_alone("western-electric", "western_electric_1", &[3.5], &[2.9]);
    fires_alone("western-electric", "western_electric_2", &[2.5, -0.5, 2.5], &[2.5, -0.5, 1.9]);
    fires_alone("western-electric", "western_electric_3", &[1.5, 1.5, -0.5, 1.5, 1.5], &[1.5, 1.5, -0.5, 1.5, 0.5]);
    fires_alone("western-electric", "western_electric_4", &[0.5; 8], &[0.5; 7]);
}

#[test]
fn nelson() {
    fires_alone("nelson", "nelson_1", &[-3.5], &[-2.9]);
    fires_alone(
        "nelson",
        "nelson_2",
        &[-0.5, -0.6, -0.5, -0.6, -0.5, -0.6, -0.5, -0.6, -0.5],
        &[-0.5, -0.6, -0.5, -0.6, -0.5, -0.6, -0.5, -0.6],
    );
    fires_alone("nelson", "nelson_3", &[-1.2, -0.9, -0.1, 0.2, 0.9, 1.1], &[-1.2, -0.9, -0.1, 0.2, 0.9]);
    let alt: Vec<f64> =
        (0..14).map(|i| if i % 2 == 0 { 0.6 } else { -0.6 } * if i % 4 < 2 { 1.0 } else { 2.2 }).collect();
    // On its own (the background would continue the alternation): 14 alternating points fire,
    // 13 do not.
    assert_eq!(fired("nelson", &alt), ["nelson_4"]);
    assert!(fired("nelson", &alt[..13]).is_empty(), "{:?}", fired("nelson", &alt[..13]));
    fires_alone("nelson", "nelson_5", &[-2.5, -0.5, -2.5], &[-2.5, -0.5, -1.9]);
    fires_alone("nelson", "nelson_6", &[-1.5, -1.5, -0.5, -1.5, -1.5], &[-1.5, -1.5, -0.5, -1.5, 0.5]);
    let hug: Vec<f64> = (0..15).map(|i| [0.5, 0.2, -0.5, -0.2][i % 4]).collect();
    // Between two points beyond 1 sigma (the background's 1.4 before, 1.5 after).
    let hugging = |n: usize| -> Vec<f64> {
        let mut y: Vec<f64> = B.iter().chain(&B).chain(&B).copied().collect();
        y.extend_from_slice(&hug[..n]);
        y.push(1.5);
        y.extend(B.iter().chain(&B));
        y
    };
    assert_eq!(fired("nelson", &hugging(15)), ["nelson_7"]);
    assert!(fired("nelson", &hugging(14)).is_empty(), "{:?}", fired("nelson", &hugging(14)));
    let mix = [1.5, 1.6, -1.5, -1.6, 1.5, 1.6, -1.5, -1.6];
    assert!(fired("nelson", &series(&mix)).contains(&"nelson_8".to_string()), "{:?}", fired("nelson", &series(&mix)));
    assert!(!fired("nelson", &series(&mix[..7])).contains(&"nelson_8".to_string()));
}

#[test]
fn mdc_rules() {
    fires_alone("mdc", "mdc_outside_limits", &[3.2], &[3.0]);
    fires_alone("mdc", "mdc_two_in_three", &[2.5, 0.5, 2.5], &[2.5, -0.5, 2.5]);
    // Points beyond the limits do not count for 2 of 3 (they are outside_limits signals).
    assert_eq!(fired("mdc", &series(&[3.5, 0.5, 2.5])), ["mdc_outside_limits"]);
    fires_alone("mdc", "mdc_shift", &[0.5; 7], &[0.5; 6]);
    fires_alone("mdc6", "mdc_shift", &[0.5; 6], &[0.5; 5]);
    fires_alone("mdc", "mdc_trend", &[-1.9, -1.2, -0.8, -0.2, 0.2, 0.8, 1.3], &[-1.9, -1.2, -0.8, -0.2, 0.2, 0.8]);
}

#[test]
fn ihi_rules() {
    fires_alone("ihi", "ihi_shift", &[0.5; 6], &[0.5; 5]);
    // Points on the median neither break nor extend a shift.
    assert_eq!(fired("ihi", &series(&[0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5])), ["ihi_shift"]);
    fires_alone("ihi", "ihi_trend", &[-0.3, -0.1, 0.05, 0.1, 0.2], &[-0.3, -0.1, 0.05, 0.1]);
    // Repeated values neither make nor break a trend.
    assert!(fired("ihi", &series(&[-0.3, -0.1, -0.1, 0.05, 0.1, 0.2])).contains(&"ihi_trend".to_string()));
    // Runs of the given lengths, alternating above and below the centre line.
    let runs = |lengths: &[usize]| -> Vec<f64> {
        lengths
            .iter()
            .enumerate()
            .flat_map(|(k, &l)| std::iter::repeat_n(if k % 2 == 0 { 0.5 } else { -0.5 }, l))
            .collect()
    };
    // Too many runs: 24 points, 24 runs > R_hi(24) = 18; near miss: 18 runs.
    assert_eq!(fired("ihi", &runs(&[1; 24])), ["ihi_too_many_runs"]);
    let eighteen: Vec<usize> = (0..18).map(|k| if k < 6 { 2 } else { 1 }).collect();
    assert!(fired("ihi", &runs(&eighteen)).is_empty(), "{:?}", fired("ihi", &runs(&eighteen)));
    // Too few runs: 20 points, 6 runs < R_lo(20) = 7 (no run reaches a shift of 6); near miss: 7 runs.
    assert_eq!(fired("ihi", &runs(&[4, 4, 3, 3, 3, 3])), ["ihi_too_few_runs"]);
    assert!(fired("ihi", &runs(&[3, 3, 3, 3, 3, 3, 2])).is_empty());
}

#[test]
fn anhoej_rules() {
    let c = chart(&series(&[0.5; 9]), ChartKind::Run);
    let s = signals(&c, &[RuleSet::Anhoej]);
    // 35 useful points: longest run allowed round(log2 35) + 3 = 8, so 9 above signals, 8 not.
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].rule, "anhoej_long_run");
    assert_eq!(s[0].direction, Direction::Up);
    assert_eq!(s[0].points.len(), 9);
    assert!(fired("anhoej", &series(&[0.5; 8])).is_empty());
}

#[test]
fn runs_table_matches_methods() {
    // docs/methods.md §2.5, derived Swed-Eisenhart limits (§6.3).
    for (n, lo, hi) in [(10, 3, 9), (16, 5, 13), (24, 8, 18), (31, 11, 22), (45, 17, 30), (60, 24, 38)] {
        assert_eq!(swed_eisenhart_limits(n), (lo, hi), "n = {n}");
    }
}

#[test]
fn unknown_rule_set_names_the_culprit() {
    let e = parse_rule_sets("nelson,foo").unwrap_err().to_string();
    assert_eq!(
        e,
        "unknown value 'foo' for rules: expected one of anhoej, ihi, western-electric, nelson, mdc (or mdc6)"
    );
}

#[test]
fn thresholds_can_be_changed() {
    assert_eq!("mdc:shift=6:trend=7".parse::<RuleSet>().unwrap(), RuleSet::Mdc { shift: 6, trend: 7, sigma: 3.0 });
    assert_eq!("ihi:shift=8".parse::<RuleSet>().unwrap(), RuleSet::Ihi { shift: 8, trend: 5 });
    assert_eq!("western-electric:run=9".parse::<RuleSet>().unwrap(), RuleSet::WesternElectric { run: 9, sigma: 3.0 });
    assert_eq!("nelson:sigma=2.5".parse::<RuleSet>().unwrap(), RuleSet::Nelson { sigma: 2.5 });
    // A 2.5-sigma first rule fires on 2.7, which the 3-sigma default does not.
    fires_alone("nelson:sigma=2.5", "nelson_1", &[2.7], &[2.4]);
    assert!(fired("nelson", &series(&[2.7])).is_empty());
    assert!("ihi:sigma=2".parse::<RuleSet>().unwrap_err().to_string().contains("ihi has no threshold 'sigma'"));
    assert!("nelson:sigma=0"
        .parse::<RuleSet>()
        .unwrap_err()
        .to_string()
        .contains("expected sigma=K with a number K > 0"));
    fires_alone("mdc:shift=6", "mdc_shift", &[0.5; 6], &[0.5; 5]);
    assert_eq!(
        "nelson:shift=3".parse::<RuleSet>().unwrap_err().to_string(),
        "invalid rules: nelson has no threshold 'shift' (ihi and mdc: shift, trend; western-electric: run)"
    );
    assert!("mdc:shift=x".parse::<RuleSet>().unwrap_err().to_string().contains("'shift=x' in 'mdc:shift=x'"));
}

/// EWMA and CUSUM charts report their own limits only (their points are correlated).
#[test]
fn cusum_signals_come_from_its_sums() {
    // Montgomery Example 9.1: C+ exceeds h = 5 at periods 29 and 30.
    let x = vec![
        9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62,
        10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
    ];
    let c = ChartSpec::new(ChartKind::Cusum).cl(10.0).sigma(1.0).compute(&Input::from_y(x)).unwrap();
    let s = signals(&c, &[RuleSet::Anhoej, RuleSet::Nelson { sigma: 3.0 }]);
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].rule.as_str(), s[0].points.clone(), s[0].direction), ("cusum", vec![28, 29], Direction::Up));
}

/// The astronomical point is the team's judgement: named by x, reported with its side.
#[test]
fn astronomical_points_are_named_not_computed() {
    let c = chart(&series(&[2.0]), ChartKind::Run);
    let x13 = c.x.format(13); // the segment point (after 12 background points and a separator)
    let s = spc_core::rules::astronomical(&c, &[x13]).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].rule.as_str(), s[0].points.clone(), s[0].direction),
        ("ihi_astronomical", vec![13], Direction::Up)
    );
    let e = spc_core::rules::astronomical(&c, &["99".to_string()]).unwrap_err().to_string();
    assert!(e.starts_with("invalid astronomical: '99' is not an x of the chart"), "{e}");
}
