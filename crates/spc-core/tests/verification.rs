#![allow(clippy::unreadable_literal, clippy::inconsistent_digit_grouping)] // numbers as printed in their sources
//! The verification cases of docs/methods.md §13 that concern run and Shewhart charts: textbook
//! (Montgomery, via qcc and qicharts2 fixtures) and book (spc4hc) numbers. Each expected value
//! names its source.

use spc_core::{ChartKind, ChartSpec, Input};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr) => {
        assert!(close($a, $b, $tol), "{} = {} but expected {} (±{})", stringify!($a), $a, $b, $tol)
    };
}

/// V1: XmR, MDC testing document "Process limits": mean 23.20, MR̄ 5.43; with 2.66·MR̄ the
/// limits are 37.64 / 8.76. We use 3/1.128 = 2.6596 (qicharts2, qcc): the limits differ by
/// 0.015 % of MR̄ (docs/methods.md §3.2), within the document's 2-decimal rounding of ±0.01.
#[test]
fn v1_xmr_mdc() {
    let y = vec![20., 24., 20., 26., 22., 16., 18., 16., 31., 28., 34., 26., 30., 19., 18.];
    let c = ChartSpec::new(ChartKind::I).screen_mr(false).compute(&Input::from_y(y)).unwrap();
    assert_close!(c.cl[0], 23.20, 0.005);
    let mr_bar = (c.ucl[0] - c.cl[0]) / 3.0 * 1.128;
    assert_close!(mr_bar, 5.43, 0.005);
    assert_close!(c.ucl[0], 37.64, 0.01);
    assert_close!(c.lcl[0], 8.76, 0.01);
}

/// V2: MR screening, NHSRplotthedots vignette `deviations.Rmd`: mean 1.94; screened limits
/// 4.6 / -0.72, unscreened 6.95 / -3.06 (MR̄ screened = 1).
#[test]
fn v2_mr_screening() {
    let y = vec![1., 2., 1., 2., 10., 1., 2., 1., 2., 1., 2., 1., 2., 1., 2., 1., 2., 1.];
    let s = ChartSpec::new(ChartKind::I).compute(&Input::from_y(y.clone())).unwrap();
    assert_close!(s.cl[0], 1.94, 0.005);
    assert_close!(s.ucl[0], 1.9444 + 3.0 / 1.128, 1e-3);
    assert_close!(s.ucl[0], 4.6, 0.01);
    assert_close!(s.lcl[0], -0.72, 0.01);
    let u = ChartSpec::new(ChartKind::I).screen_mr(false).compute(&Input::from_y(y)).unwrap();
    assert_close!(u.ucl[0], 6.95, 0.01);
    assert_close!(u.lcl[0], -3.06, 0.01);
}

const VISCOSITY: [f64; 20] = [
    34.05, 34.40, 33.59, 35.96, 34.70, 33.51, 33.79, 34.04, 34.52, 33.75, 33.27, 33.71, 34.03, 34.58, 34.02, 33.97,
    34.05, 34.04, 33.73, 34.05,
];

/// V3: viscosity (Montgomery 5th ed. pp. 232-235, qcc vignette): CL 34.088, σ̂ 0.5076521,
/// limits 32.56504 / 35.61096 without screening; without batch 4: CL 33.98947, σ̂ 0.4117415.
#[test]
fn v3_viscosity() {
    let c = ChartSpec::new(ChartKind::I).screen_mr(false).compute(&Input::from_y(VISCOSITY.to_vec())).unwrap();
    assert_close!(c.cl[0], 34.088, 1e-9);
    assert_close!((c.ucl[0] - c.cl[0]) / 3.0, 0.507_652_1, 1e-7);
    assert_close!(c.lcl[0], 32.56504, 1e-5);
    assert_close!(c.ucl[0], 35.61096, 1e-5);
    let mut y = VISCOSITY.to_vec();
    y.remove(3);
    let c = ChartSpec::new(ChartKind::I).screen_mr(false).compute(&Input::from_y(y)).unwrap();
    assert_close!(c.cl[0], 33.98947, 1e-5);
    assert_close!((c.ucl[0] - c.cl[0]) / 3.0, 0.411_741_5, 1e-7);
    assert_close!(c.lcl[0], 32.75425, 1e-5);
    assert_close!(c.ucl[0], 35.2247, 1e-4);
}

const CIRCUIT: [f64; 46] = [
    21., 24., 16., 12., 15., 5., 28., 20., 31., 25., 20., 24., 16., 19., 10., 17., 13., 22., 18., 39., 30., 24., 16.,
    19., 17., 15., 16., 18., 12., 15., 24., 21., 28., 20., 25., 19., 18., 21., 16., 22., 19., 12., 14., 9., 16., 21.,
];

/// V4: C chart, circuit boards (Montgomery, qcc vignette; qicharts2 fixture ex_7.3).
#[test]
fn v4_c_chart_circuit_boards() {
    let phase1 = CIRCUIT[..26].to_vec();
    let c = ChartSpec::new(ChartKind::C).compute(&Input::from_y(phase1)).unwrap();
    assert_close!(c.cl[0], 19.84615, 1e-5);
    assert_close!(c.lcl[0], 6.481447, 1e-6);
    assert_close!(c.ucl[0], 33.21086, 1e-5);
    let outside: Vec<usize> = (0..26).filter(|&i| c.sigma_signal[i]).map(|i| i + 1).collect();
    assert_eq!(outside, [6, 20]);
    let c = ChartSpec::new(ChartKind::C).exclude([6, 20]).freeze(26).compute(&Input::from_y(CIRCUIT.to_vec())).unwrap();
    assert_close!(c.cl[0], 19.66667, 1e-5);
    assert_close!(c.lcl[0], 6.362532, 1e-6);
    assert_close!(c.ucl[0], 32.9708, 1e-4);
    let s = &c.summary[0];
    assert_eq!((s.n_useful, s.longest_run, s.longest_run_max), (44, Some(8), Some(8)));
    assert_eq!((s.n_crossings, s.n_crossings_min, s.runs_signal), (Some(14), Some(16), true));
}

const ORANGE: [f64; 30] = [
    12., 15., 8., 10., 4., 7., 16., 9., 14., 10., 5., 6., 17., 12., 22., 8., 10., 5., 13., 11., 20., 18., 24., 15., 9.,
    12., 7., 13., 9., 6.,
];

/// V5: P and NP charts, orange-juice cans, n = 50 (Montgomery, qcc vignette).
#[test]
fn v5_p_and_np_orange_juice() {
    let input = Input::from_y(ORANGE.to_vec()).with_n(vec![50.0; 30]);
    let p = ChartSpec::new(ChartKind::P).compute(&input).unwrap();
    assert_close!(p.cl[0], 0.231_333_3, 1e-7);
    assert_close!((p.ucl[0] - p.cl[0]) / 3.0, 0.059_635_26, 1e-8);
    assert_close!(p.lcl[0], 0.052_427_55, 1e-8);
    assert_close!(p.ucl[0], 0.410_239_1, 1e-7);
    let np = ChartSpec::new(ChartKind::Np).compute(&input).unwrap();
    assert_close!(np.cl[0], 11.56667, 1e-5);
    assert_close!(np.lcl[0], 2.621377, 1e-6);
    assert_close!(np.ucl[0], 20.51196, 1e-5);
    assert_eq!(np.y[14], 22.0, "an NP chart plots the count");
    let p = ChartSpec::new(ChartKind::P).exclude([15, 23]).compute(&input).unwrap();
    assert_close!(p.cl[0], 0.215, 1e-12);
    assert_close!(p.lcl[0], 0.040_702_84, 1e-8);
    assert_close!(p.ucl[0], 0.389_297_2, 1e-7);
}

/// V6: U chart, `pcmanufact` (Montgomery, qcc vignette), n = 5.
#[test]
fn v6_u_chart() {
    let y = vec![10., 12., 8., 14., 10., 16., 11., 7., 10., 15., 9., 5., 7., 11., 12., 6., 8., 10., 7., 5.];
    let c = ChartSpec::new(ChartKind::U).compute(&Input::from_y(y).with_n(vec![5.0; 20])).unwrap();
    assert_close!(c.cl[0], 1.93, 1e-12);
    assert_close!(c.lcl[0], 0.066_133_05, 1e-8);
    assert_close!(c.ucl[0], 3.793_867, 1e-6);
}

/// V7: P chart with varying n (Montgomery Table 7.4, qicharts2 fixture tbl_7.4) and the U chart
/// of cloth rolls with multiply = 50 (ex_7.5).
#[test]
fn v7_varying_n() {
    let pairs = [
        (100., 12.),
        (80., 8.),
        (80., 6.),
        (100., 9.),
        (110., 10.),
        (110., 12.),
        (100., 11.),
        (100., 16.),
        (90., 10.),
        (90., 6.),
        (110., 20.),
        (120., 15.),
        (120., 9.),
        (120., 8.),
        (110., 6.),
        (80., 8.),
        (80., 10.),
        (80., 7.),
        (90., 5.),
        (100., 8.),
        (100., 5.),
        (100., 8.),
        (100., 10.),
        (90., 6.),
        (90., 9.),
    ];
    let input = Input::from_y(pairs.iter().map(|p| p.1).collect()).with_n(pairs.iter().map(|p| p.0).collect());
    let c = ChartSpec::new(ChartKind::P).compute(&input).unwrap();
    assert_close!(c.cl[0], 234.0 / 2450.0, 1e-15);
    for (i, n, lcl, ucl) in [
        (1, 80., 0.0, 0.194_093),
        (8, 90., 0.002_565, 0.188_455),
        (0, 100., 0.007_335, 0.183_686),
        (4, 110., 0.011_438, 0.179_582),
        (11, 120., 0.015_017, 0.176_003),
    ] {
        assert_eq!(c.n[i], n);
        assert_close!(c.lcl[i], lcl, 1e-6);
        assert_close!(c.ucl[i], ucl, 1e-6);
    }
    assert!(c.sigma_signal[10] && c.sigma_signal.iter().filter(|&&s| s).count() == 1, "sample 11 above UCL");

    let counts = vec![14., 12., 20., 11., 7., 10., 21., 16., 19., 23.];
    let metres = vec![500., 400., 650., 500., 475., 500., 600., 525., 600., 625.];
    let u = ChartSpec::new(ChartKind::U).multiply(50.0).compute(&Input::from_y(counts).with_n(metres)).unwrap();
    assert_close!(u.cl[0], 1.423_256, 1e-6);
    assert_close!(u.lcl[0], 0.291_474, 1e-6);
    assert_close!(u.ucl[0], 2.555_038, 1e-6);
    assert_close!(u.lcl[2], 0.430_617, 1e-6);
    assert_close!(u.ucl[2], 2.415_894, 1e-6);
}

/// qcc `pistonrings` samples 1-25 (Montgomery 2nd ed.).
const PISTON_RINGS: [[f64; 5]; 25] = [
    [74.030, 74.002, 74.019, 73.992, 74.008],
    [73.995, 73.992, 74.001, 74.011, 74.004],
    [73.988, 74.024, 74.021, 74.005, 74.002],
    [74.002, 73.996, 73.993, 74.015, 74.009],
    [73.992, 74.007, 74.015, 73.989, 74.014],
    [74.009, 73.994, 73.997, 73.985, 73.993],
    [73.995, 74.006, 73.994, 74.000, 74.005],
    [73.985, 74.003, 73.993, 74.015, 73.988],
    [74.008, 73.995, 74.009, 74.005, 74.004],
    [73.998, 74.000, 73.990, 74.007, 73.995],
    [73.994, 73.998, 73.994, 73.995, 73.990],
    [74.004, 74.000, 74.007, 74.000, 73.996],
    [73.983, 74.002, 73.998, 73.997, 74.012],
    [74.006, 73.967, 73.994, 74.000, 73.984],
    [74.012, 74.014, 73.998, 73.999, 74.007],
    [74.000, 73.984, 74.005, 73.998, 73.996],
    [73.994, 74.012, 73.986, 74.005, 74.007],
    [74.006, 74.010, 74.018, 74.003, 74.000],
    [73.984, 74.002, 74.003, 74.005, 73.997],
    [74.000, 74.010, 74.013, 74.020, 74.003],
    [73.988, 74.001, 74.009, 74.005, 73.996],
    [74.004, 73.999, 73.990, 74.006, 74.009],
    [74.010, 73.989, 73.990, 74.009, 74.014],
    [74.015, 74.008, 73.993, 74.000, 74.010],
    [73.982, 73.984, 73.995, 74.017, 74.013],
];

fn piston_rings_from(rings: &[[f64; 5]; 25]) -> Input {
    let x: Vec<f64> = (1..=25).flat_map(|i| std::iter::repeat_n(f64::from(i), 5)).collect();
    let y: Vec<f64> = rings.iter().flatten().copied().collect();
    Input::new(spc_core::XColumn::Number(spc_core::Values::from(x)), y)
}

fn piston_rings() -> Input {
    piston_rings_from(&PISTON_RINGS)
}

/// V8 (a): R chart on qcc's piston rings, first 25 samples of 5 (qcc vignette): CL 0.02276,
/// UCL 0.04812533, LCL 0. The X̄ and S numbers of V8 (b, c) are the qicharts2 reference cases
/// `xbar_montgomery_6_3/6_4` and `s_montgomery_6_3/6_4`, tested to 1e-9 in qicharts2.rs.
#[test]
fn v8_r_chart_piston_rings() {
    let input = piston_rings();
    let r = ChartSpec::new(ChartKind::R).compute(&input).unwrap();
    assert_eq!(r.len(), 25);
    assert_close!(r.cl[0], 0.02276, 1e-9);
    assert_close!(r.ucl[0], 0.048_125_33, 1e-6);
    assert_eq!(r.lcl[0], 0.0);
    let xbar = ChartSpec::new(ChartKind::Xbar).compute(&input).unwrap();
    assert_close!(xbar.cl[0], 74.00118, 5e-6); // printed to 5 decimals
}

/// V9: I and MR charts with a frozen baseline (Montgomery Example 6.5, qicharts2 ex_6.5).
#[test]
fn v9_frozen_baseline() {
    let y = vec![
        310., 288., 297., 298., 307., 303., 294., 297., 308., 306., 294., 299., 297., 299., 314., 295., 293., 306.,
        301., 304., 305., 282., 305., 296., 314., 295., 287., 301., 298., 311., 310., 292., 305., 299., 304., 310.,
        304., 305., 333., 328.,
    ];
    let i = ChartSpec::new(ChartKind::I).freeze(20).compute(&Input::from_y(y.clone())).unwrap();
    assert_close!(i.cl[0], 300.5, 1e-12);
    assert_close!(i.lcl[0], 279.783_315, 1e-6);
    assert_close!(i.ucl[0], 321.216_685, 1e-6);
    let out: Vec<usize> = (0..40).filter(|&k| i.sigma_signal[k]).map(|k| k + 1).collect();
    assert_eq!(out, [39, 40]);
    let mr = ChartSpec::new(ChartKind::Mr).freeze(20).compute(&Input::from_y(y)).unwrap();
    assert_close!(mr.cl[1], 7.789_474, 1e-6);
    assert_close!(mr.ucl[1], 25.448_211, 1e-6);
}

/// V10: CDI run chart with frozen median and split C chart (qicharts2 vignette, Case 2).
#[test]
fn v10_cdi() {
    let y = vec![
        17., 12., 27., 20., 20., 18., 22., 19., 19., 24., 17., 16., 24., 19., 19., 22., 25., 19., 17., 6., 25., 17.,
        11., 14., 9., 11., 7., 13., 5., 5., 3., 5., 9., 4., 5., 9.,
    ];
    let run = ChartSpec::new(ChartKind::Run).freeze(24).compute(&Input::from_y(y.clone())).unwrap();
    assert_eq!(run.cl[0], 19.0);
    let s = &run.summary[0];
    assert_eq!((s.n_useful, s.longest_run, s.longest_run_max, s.runs_signal), (31, Some(15), Some(8), true));
    let c = ChartSpec::new(ChartKind::C).part([24]).compute(&Input::from_y(y)).unwrap();
    assert_close!(c.cl[0], 18.708, 1e-3);
    assert_close!(c.cl[30], 7.083, 1e-3);
    assert_eq!(c.lcl[30], 0.0);
    assert_close!(c.ucl[30], 15.07, 0.005);
}

/// V11: C chart of bacteraemia (spc4hc `22_control_limits.Rmd`): 22.7, 8.4 to 36.9.
#[test]
fn v11_bacteraemia() {
    let y = vec![
        24., 29., 26., 16., 28., 16., 14., 18., 27., 30., 28., 24., 16., 25., 20., 25., 22., 28., 23., 23., 17., 22.,
        21., 22.,
    ];
    let c = ChartSpec::new(ChartKind::C).compute(&Input::from_y(y)).unwrap();
    assert_close!(c.cl[0], 22.7, 0.05);
    assert_close!(c.lcl[0], 8.4, 0.05);
    assert_close!(c.ucl[0], 36.9, 0.05);
}

/// V12: G chart of deliveries between asphyxia cases (spc4hc `42_rare_events.Rmd`): mean 129,
/// median 73 shown, UCL 129 + 3·sqrt(129·130) = 517.5 ("at least 518 deliveries"), LCL 0.
#[test]
fn v12_g_chart() {
    let g = vec![99., 64., 255., 68., 148., 73., 35., 63., 286., 24., 176., 33., 418., 139., 54.];
    let c = ChartSpec::new(ChartKind::G).compute(&Input::from_y(g)).unwrap();
    assert_eq!(c.cl[0], 73.0);
    assert_close!(c.ucl[0], 129.0 + 3.0 * (129.0_f64 * 130.0).sqrt(), 1e-9);
    assert_close!(c.ucl[0], 517.5, 0.05);
    assert_eq!(c.lcl[0], 0.0);
}

/// V13: T chart, hours between failures (Montgomery Example 7.6, qicharts2 ex_7.6): CL 430.040952,
/// UCL 6937.933488, LCL 0.
#[test]
fn v13_t_chart() {
    let t = vec![
        286., 948., 536., 124., 816., 729., 4., 143., 431., 8., 2837., 596., 81., 227., 603., 492., 1199., 1214.,
        2831., 96.,
    ];
    let c = ChartSpec::new(ChartKind::T).compute(&Input::from_y(t)).unwrap();
    assert_close!(c.cl[0], 430.040_952, 1e-6);
    assert_close!(c.ucl[0], 6937.933_488, 1e-5);
    assert_eq!(c.lcl[0], 0.0);
}

/// V3 (EWMA): viscosity batches 1-20, λ = 0.2, L = 2.7 (qcc vignette): limits of the first
/// point 33.81387 / 34.36213 (σ = MR̄/1.128 = 0.5076521, no screening as qcc).
#[test]
fn v3_ewma_viscosity() {
    let c = ChartSpec::new(ChartKind::Ewma)
        .ewma(0.2, 2.7)
        .screen_mr(false)
        .compute(&Input::from_y(VISCOSITY.to_vec()))
        .unwrap();
    assert_close!(c.lcl[0], 33.81387, 1e-5);
    assert_close!(c.ucl[0], 34.36213, 1e-5);
    // z_1 = 0.2·34.05 + 0.8·34.088.
    assert_close!(c.y[0], 0.2 * 34.05 + 0.8 * 34.088, 1e-12);
    assert!(!c.summary[0].runs_signal, "no runs analysis on an EWMA");
}

/// V8 (EWMA): piston rings, 25 subgroups of 5, λ = 0.2, L = 3 (qcc vignette): limits at
/// i = 1: 73.99855 / 74.00380, i = 2: 73.99781 / 74.00454, i = 25: 73.99680 / 74.00555
/// (σ UWAVE-R = 0.009785039).
#[test]
fn v8_ewma_piston_rings() {
    let input = piston_rings();
    let c = ChartSpec::new(ChartKind::Ewma).compute(&input).unwrap();
    for (i, lo, hi) in [(0, 73.99855, 74.00380), (1, 73.99781, 74.00454), (24, 73.99680, 74.00555)] {
        assert_close!(c.lcl[i], lo, 1e-5);
        assert_close!(c.ucl[i], hi, 1e-5);
    }
}

/// Tabular CUSUM, Montgomery (2009) Example 9.1 / Table 9.2: μ0 = 10, σ = 1, k = 0.5, h = 5;
/// C+ first exceeds h at period 29 (C+_29 = 5.28, C+_30 = 5.30), C- never does.
#[test]
fn cusum_montgomery_9_1() {
    let x = vec![
        9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62,
        10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
    ];
    let c = ChartSpec::new(ChartKind::Cusum).cl(10.0).sigma(1.0).compute(&Input::from_y(x)).unwrap();
    assert_close!(c.y[28], 5.28, 0.005);
    assert_close!(c.y[29], 5.30, 0.005);
    let first = c.sigma_signal.iter().position(|&s| s).unwrap();
    assert_eq!(first + 1, 29);
    assert!(c.cusum_lower.as_ref().unwrap().iter().all(|&v| v > -5.0));
    assert_eq!((c.ucl[0], c.lcl[0], c.cl[0]), (5.0, -5.0, 0.0));
}
