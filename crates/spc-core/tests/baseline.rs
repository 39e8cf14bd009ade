//! Phase II monitoring: a saved baseline judges new data without recomputing the lines.

use spc_core::baseline::Baseline;
use spc_core::{ChartKind, ChartSpec, Input};

/// Montgomery Example 6.5 (weekly cost, qicharts2 ex_6.5): baseline weeks 1-20 give CL 300.5
/// and UCL 321.216685 (docs/methods.md §13.9); weeks 21-40 judged against it put weeks 39 and 40 above.
#[test]
fn i_chart_baseline_judges_new_weeks() {
    let y = [
        310., 288., 297., 298., 307., 303., 294., 297., 308., 306., 294., 299., 297., 299., 314., 295., 293., 306.,
        301., 304., 305., 282., 305., 296., 314., 295., 287., 301., 298., 311., 310., 292., 305., 299., 304., 310.,
        304., 305., 333., 328.,
    ];
    let spec = ChartSpec::new(ChartKind::I);
    let first_year = spec.clone().compute(&Input::from_y(y[..20].to_vec())).unwrap();
    let b = Baseline::from_chart(&first_year).unwrap();
    assert!((b.cl - 300.5).abs() < 1e-12);
    assert!((b.sigma.unwrap() - 6.905_562).abs() < 1e-6);
    let b = Baseline::from_json(&b.to_json(), "b.json").unwrap();
    let new = b.judge(&spec, &Input::from_y(y[20..].to_vec())).unwrap();
    assert!((new.cl[0] - 300.5).abs() < 1e-12);
    assert!((new.ucl[0] - 321.216_685).abs() < 1e-6);
    let above: Vec<usize> = (0..20).filter(|&i| new.sigma_signal[i]).map(|i| i + 21).collect();
    assert_eq!(above, [39, 40]);
}

/// Circuit boards (docs/methods.md §13.4): baseline samples 1-26 without 6 and 20, c̄ 19.66667, limits
/// 6.362532 / 32.9708, applied to samples 27-46.
#[test]
fn c_chart_baseline() {
    let phase1 = vec![
        21., 24., 16., 12., 15., 5., 28., 20., 31., 25., 20., 24., 16., 19., 10., 17., 13., 22., 18., 39., 30., 24.,
        16., 19., 17., 15.,
    ];
    let phase2 =
        vec![16., 18., 12., 15., 24., 21., 28., 20., 25., 19., 18., 21., 16., 22., 19., 12., 14., 9., 16., 21.];
    let spec = ChartSpec::new(ChartKind::C);
    let b = Baseline::from_chart(&spec.clone().exclude([6, 20]).compute(&Input::from_y(phase1)).unwrap()).unwrap();
    assert_eq!(b.sigma, None);
    let c = b.judge(&spec, &Input::from_y(phase2)).unwrap();
    assert!((c.cl[0] - 19.66667).abs() < 1e-5);
    assert!((c.lcl[0] - 6.362_532).abs() < 1e-6);
    assert!((c.ucl[0] - 32.9708).abs() < 1e-4);
}

#[test]
fn baseline_errors_say_why() {
    let b =
        Baseline::from_chart(&ChartSpec::new(ChartKind::I).compute(&Input::from_y(vec![1., 2., 3.])).unwrap()).unwrap();
    let e = b.judge(&ChartSpec::new(ChartKind::P), &Input::from_y(vec![1.]).with_n(vec![2.])).unwrap_err();
    assert_eq!(e.to_string(), "invalid baseline: the baseline is of a i chart, not p");
    let e = Baseline::from_json("{\"x\": 1}", "old.json").unwrap_err().to_string();
    assert!(e.starts_with("old.json: not a baseline file"), "{e}");
    let g = ChartSpec::new(ChartKind::G).compute(&Input::from_y(vec![3., 5., 9.])).unwrap();
    // (R and I' baselines can be saved: see below.)
    assert_eq!(
        Baseline::from_chart(&g).unwrap_err().to_string(),
        "invalid save_baseline: a baseline of a G chart cannot be saved yet"
    );
}

/// Rows of `values` in subgroups: x = 1, 1, 1, 2, 2, ... with the given sizes.
fn subgroups(sizes: &[usize], values: &[f64]) -> Input {
    let x: Vec<f64> = sizes.iter().enumerate().flat_map(|(g, &k)| std::iter::repeat_n((g + 1) as f64, k)).collect();
    Input::new(spc_core::XColumn::Number(spc_core::Values::from(x)), values[..sizes.iter().sum::<usize>()].to_vec())
}

/// A baseline of an R or I' chart (the limits rest on one sigma) judges the data it came from
/// with the very lines of that chart, and new data with lines from the stored sigma.
#[test]
fn r_and_i_prime_baselines_keep_their_lines() {
    let values: Vec<f64> = (0..60).map(|i| 10.0 + f64::from((i * 37 % 23) as u8) / 4.0).collect();
    let sizes = [5, 5, 3, 5, 4, 5, 5, 2, 5, 5];
    for kind in [ChartKind::R, ChartKind::Ip] {
        let spec = ChartSpec::new(kind);
        let first = spec.compute(&subgroups(&sizes, &values)).unwrap();
        let b = Baseline::from_json(&Baseline::from_chart(&first).unwrap().to_json(), "b.json").unwrap();
        let sigma = b.sigma.expect("R and I' baselines store a sigma");
        assert!(sigma > 0.0, "{kind}: sigma {sigma}");
        let again = b.judge(&spec, &subgroups(&sizes, &values)).unwrap();
        for i in 0..first.len() {
            for (name, u, v) in [
                ("cl", first.cl[i], again.cl[i]),
                ("lcl", first.lcl[i], again.lcl[i]),
                ("ucl", first.ucl[i], again.ucl[i]),
            ] {
                assert!((u - v).abs() <= 1e-12 * u.abs().max(1.0), "{kind} {name}[{i}]: {u} vs {v}");
            }
        }
        // New subgroups of sizes 2 and 5: the lines follow the stored sigma, not the new data.
        let new = b.judge(&spec, &subgroups(&[2, 5], &[0.0, 100.0, 1.0, 1.0, 1.0, 1.0, 1.0])).unwrap();
        if kind == ChartKind::R {
            // R: CL = d2(n)·sigma (d2(2) = 1.128, d2(5) = 2.326).
            assert!((new.cl[0] - 1.128 * sigma).abs() < 1e-3 * sigma, "{}", new.cl[0]);
            assert!((new.cl[1] - 2.326 * sigma).abs() < 1e-3 * sigma, "{}", new.cl[1]);
        } else {
            // I': CL stays the baseline's, limits CL ± 3·sigma/√n.
            assert!((new.cl[0] - b.cl).abs() < 1e-12);
            assert!((new.ucl[1] - (b.cl + 3.0 * sigma / 5f64.sqrt())).abs() < 1e-9);
        }
    }
}
