//! `spc chart` with rule sets, the signals table, the verdict and baselines.

mod common;

use std::fmt::Write as _;

use common::{spc, stderr, Scratch};

fn sick_leave() -> String {
    common::data("sykefravaer_totalt.csv")
}

#[test]
fn signals_table_and_verdict_on_the_sick_leave_series() {
    let scratch = Scratch::new();
    let out = scratch.arg("signals.csv");
    let o = spc(&[
        "chart",
        &sick_leave(),
        "--chart",
        "i",
        "--x",
        "kvartal",
        "--y",
        "sykefravær_prosent",
        "--part",
        "16",
        "--improvement",
        "decrease",
        "--rules",
        "anhoej,nelson",
        "--lang",
        "nb",
        "--signals",
        &out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    // Before the 2004 reform the level drifts: 3 crossings among 16 quarters (< 4).
    assert!(text.contains("anhoej_few_crossings: 16 punkt(er), 2000-04-01 til 2004-01-01"), "{text}");
    // After it, 19 quarters in a row lie below the 2000-2004 mean of 7.66 %.
    assert!(
        text.contains("Etter endringen i 2004K2 ligger 19 punkter på rad under baseline-senterlinjen: en varig forbedring (Anhøj: lengste serie 19 > 9; 3-sigma-regelen: 10 punkt(er) under nedre kontrollgrense)."),
        "{text}"
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "rule,part,facet,first_x,last_x,points,direction");
    assert_eq!(
        lines.next().unwrap(),
        "anhoej_few_crossings,1,,2000-04-01,2004-01-01,1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16,"
    );
    assert!(csv.contains("nelson_6,1,,2000-04-01,2001-04-01,"), "{csv}");
}

#[test]
fn baseline_saved_and_used_for_monitoring() {
    let scratch = Scratch::new();
    let first = scratch.arg("first.csv");
    let second = scratch.arg("second.csv");
    let y = [
        310., 288., 297., 298., 307., 303., 294., 297., 308., 306., 294., 299., 297., 299., 314., 295., 293., 306.,
        301., 304., 305., 282., 305., 296., 314., 295., 287., 301., 298., 311., 310., 292., 305., 299., 304., 310.,
        304., 305., 333., 328.,
    ];
    let csv = |r: std::ops::Range<usize>| {
        let mut s = String::from("week,cost\n");
        for i in r {
            let _ = writeln!(s, "{},{}", i + 1, y[i]);
        }
        s
    };
    std::fs::write(&first, csv(0..20)).unwrap();
    std::fs::write(&second, csv(20..40)).unwrap();
    let b = scratch.arg("baseline.json");
    let o = spc(&["chart", &first, "--chart", "i", "--x", "week", "--y", "cost", "--save-baseline", &b]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(&b).unwrap();
    assert!(json.contains("\"cl\": 300.5") && json.contains("\"chart\": \"i\""), "{json}");
    let o = spc(&["chart", &second, "--chart", "i", "--x", "week", "--y", "cost", "--baseline", &b, "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<&str> = data.lines().skip(1).collect();
    // Weeks 39 and 40 lie above the baseline UCL 321.216685 (Montgomery Example 6.5).
    for (k, week) in [(18, "39"), (19, "40")] {
        let f: Vec<&str> = rows[k].split(',').collect();
        assert_eq!((f[0], f[3]), (week, "300.5"));
        assert!((f[5].parse::<f64>().unwrap() - 321.216_685).abs() < 1e-6);
        assert_eq!(f[13], "true", "sigma_signal of week {week}");
    }
    assert_eq!(rows.iter().filter(|r| r.split(',').nth(13) == Some("true")).count(), 2);
    let o = spc(&["chart", &second, "--chart", "c", "--x", "week", "--y", "cost", "--baseline", &b]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--baseline: invalid baseline: the baseline is of a i chart, not c"));
}

#[test]
fn unknown_rules_and_directions_are_usage_errors() {
    for (flag, value, msg) in [
        ("--rules", "anhoej,westernish", "--rules: unknown value 'westernish' for rules"),
        ("--improvement", "better", "--improvement: unknown value 'better' for improvement"),
    ] {
        let o =
            spc(&["chart", &sick_leave(), "--chart", "i", "--x", "kvartal", "--y", "sykefravær_prosent", flag, value]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(msg), "{}", stderr(&o));
    }
}

#[test]
fn astronomical_points_from_the_command_line() {
    let scratch = Scratch::new();
    let out = scratch.arg("astro.csv");
    let o = spc(&[
        "chart",
        &sick_leave(),
        "--chart",
        "run",
        "--x",
        "kvartal",
        "--y",
        "sykefravær_prosent",
        "--rules",
        "ihi",
        "--astronomical",
        "2003K4",
        "--signals",
        &out,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // 2003K4 (8.5 %) is above the median of 7.1 %: the 15th point.
    assert!(std::fs::read_to_string(&out).unwrap().contains("ihi_astronomical,1,,2003-10-01,2003-10-01,15,up"));
    let o = spc(&["chart", &sick_leave(), "--x", "kvartal", "--y", "sykefravær_prosent", "--astronomical", "1999K1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--astronomical: invalid astronomical: '1999K1' is not an x of the chart"));
}
