//! `spc kostra chart` as a user runs it, on the population file of the repository: values
//! checked against the medians and runs computed here from the file.

mod common;

use std::path::Path;

use common::{spc, stderr, Scratch};

fn population() -> String {
    common::data("kostra/ssb_07459_population_municipality_2005_2021.csv")
}

/// The (year, value) pairs of one region and indicator, read from the file.
fn series(code: &str, indicator: &str) -> Vec<(String, f64)> {
    let mut r = csv::Reader::from_path(population()).unwrap();
    let mut out: Vec<(String, f64)> = r
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[0] == code && &row[2] == indicator)
        .map(|row| (row[3].to_string(), row[4].parse().unwrap()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        f64::midpoint(s[m - 1], s[m])
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().iter().map(String::from).collect();
    (head, r.records().map(Result::unwrap).collect())
}

fn col(head: &[String], name: &str) -> usize {
    head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {head:?}"))
}

#[test]
fn oslo_run_chart_centre_line_is_the_median_and_the_long_run_signals() {
    let scratch = Scratch::new();
    let s = series("0301", "share_aged_67plus_pct");
    assert_eq!(s.len(), 17);
    let values: Vec<f64> = s.iter().map(|p| p.1).collect();
    let cl = median(&values);
    // Anhøj: the longest run of points on one side of the median (points on it skipped) against
    // round(log2(useful) + 3).
    let sides: Vec<i8> = values.iter().filter(|&&v| v != cl).map(|&v| if v > cl { 1 } else { -1 }).collect();
    let (mut longest, mut run) = (1, 1);
    for w in sides.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    let limit = ((sides.len() as f64).log2() + 3.0).round() as usize;
    assert!(longest > limit, "the data should have a long run: {longest} vs {limit}");

    let data = scratch.path("oslo.csv");
    let o = spc(&[
        "kostra",
        "chart",
        &population(),
        "--region",
        "0301",
        "--indicator",
        "share_aged_67plus_pct",
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (head, rows) = read_csv(&data);
    assert_eq!(rows.len(), 17);
    for (row, (period, v)) in rows.iter().zip(&s) {
        assert_eq!(&row[col(&head, "region_code")], "0301");
        assert_eq!(&row[col(&head, "period")], period.as_str());
        assert_eq!(row[col(&head, "x")], format!("{period}-01-01"));
        assert!((row[col(&head, "y")].parse::<f64>().unwrap() - v).abs() < 1e-12);
        assert!((row[col(&head, "cl")].parse::<f64>().unwrap() - cl).abs() < 1e-12);
        assert_eq!(row[col(&head, "longest_run")], longest.to_string());
        assert_eq!(row[col(&head, "longest_run_max")], limit.to_string());
        assert_eq!(&row[col(&head, "signal")], "true");
    }
    assert_eq!(&rows[16][col(&head, "region_name")], "Oslo");
}

#[test]
fn summary_in_words_per_series() {
    let o = spc(&["kostra", "chart", &population(), "--region", "0301,0101", "--indicator", "share_aged_67plus_pct"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    // Region order, then indicator.
    assert!(lines[0].starts_with("0101 Halden | share_aged_67plus_pct |"), "{out}");
    let oslo = median(&series("0301", "share_aged_67plus_pct").iter().map(|p| p.1).collect::<Vec<_>>());
    assert!(lines[1].starts_with("0301 Oslo | share_aged_67plus_pct | 2005-2021:"), "{out}");
    assert!(lines[1].contains(&format!("centre line {}", (oslo * 1e4).round() / 1e4)), "{out}");
    assert!(lines[1].ends_with("signal: yes"), "{out}");
}

#[test]
fn i_chart_summary_with_years_and_a_series_too_short() {
    let scratch = Scratch::new();
    let sum = scratch.path("summary.csv");
    let o = spc(&[
        "kostra",
        "chart",
        &population(),
        "--chart",
        "i",
        "--region",
        "0301,4601",
        "--indicator",
        "share_aged_67plus_pct",
        "--years",
        "2010-2016,2021",
        "--summary",
        sum.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let (head, rows) = read_csv(&sum);
    assert_eq!(rows.len(), 2);
    // Oslo 2010-2016 and 2021: I chart, CL = mean, a gap of 4 years.
    let s: Vec<f64> = series("0301", "share_aged_67plus_pct")
        .into_iter()
        .filter(|(p, _)| ("2010".."2017").contains(&p.as_str()) || p == "2021")
        .map(|p| p.1)
        .collect();
    assert_eq!(s.len(), 8);
    let mean = s.iter().sum::<f64>() / 8.0;
    let oslo = &rows[0];
    assert_eq!(
        (&oslo[0], &oslo[col(&head, "first_period")], &oslo[col(&head, "last_period")]),
        ("0301", "2010", "2021")
    );
    assert!((oslo[col(&head, "cl")].parse::<f64>().unwrap() - mean).abs() < 1e-9);
    assert!(stderr(&o).contains("0301 share_aged_67plus_pct") && stderr(&o).contains("4 year(s)"), "{}", stderr(&o));
    // Bergen (4601, from 2020) has only 2021 in the selection: no chart, the reason in `error`.
    let bergen = &rows[1];
    assert_eq!(&bergen[0], "4601");
    assert!(bergen[col(&head, "error")].contains("too few values"), "{bergen:?}");
    assert_eq!(&bergen[col(&head, "cl")], "");
}

#[test]
fn images_one_file_or_one_per_series() {
    let scratch = Scratch::new();
    let png = scratch.path("oslo.png");
    let args = ["kostra", "chart", &population(), "--indicator", "share_aged_67plus_pct"];
    let o = spc(&[&args[..], &["--region", "0301", "-o", png.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));

    // Several series into one file: a usage error naming the count.
    let o = spc(&[&args[..], &["--region", "0301,0101", "-o", png.to_str().unwrap()]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2 series"), "{}", stderr(&o));

    let dir = scratch.path("images");
    let o = spc(&[&args[..], &["--region", "0301,0101", "--format", "svg", "-o", dir.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["0101_share_aged_67plus_pct.svg", "0301_share_aged_67plus_pct.svg"]);
    let svg = std::fs::read_to_string(dir.join("0301_share_aged_67plus_pct.svg")).unwrap();
    assert!(svg.contains("0301 Oslo"), "the title names the region");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let f = population();
    for (args, needle) in [
        (vec!["--years", "2010-20x"], "--years"),
        (vec!["--years", "2015-2010"], "after the last"),
        (vec!["--chart", "xbar"], "subgroups"),
        (vec!["--chart", "p", "--from", "value"], "denominator"),
        (vec!["--rules", "nonsense"], "--rules"),
    ] {
        let o = spc(&[&["kostra", "chart", f.as_str()][..], &args].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
    let o = spc(&["kostra", "chart", &f, "--indicator", "no_such_indicator"]);
    assert_eq!(o.status.code(), Some(2), "an indicator not in the table is a bad argument");
    assert!(stderr(&o).contains("'no_such_indicator' not in the table"), "{}", stderr(&o));
    assert!(stderr(&o).contains("share_aged_67plus_pct"), "the message lists the indicators: {}", stderr(&o));
}

#[test]
fn ihi_rules_name_the_shift_and_the_trend() {
    let v: Vec<f64> = series("0301", "share_aged_67plus_pct").into_iter().map(|p| p.1).collect();
    // The longest stretch of points each higher than the one before (IHI trend: 5 or more).
    let (mut up, mut run) = (1, 1);
    for w in v.windows(2) {
        run = if w[1] > w[0] { run + 1 } else { 1 };
        up = up.max(run);
    }
    assert!(up >= 5, "{up}");
    let o = spc(&[
        "kostra",
        "chart",
        &population(),
        "--region",
        "0301",
        "--indicator",
        "share_aged_67plus_pct",
        "--rules",
        "ihi",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("signal: yes (") && out.contains("ihi_shift") && out.contains("ihi_trend"), "{out}");
}

/// `--harmonise 2021` joins Halden's two codes (0101 to 2019, 3001 from 2020) into one run chart
/// of 17 years: its centre line is the median of both pieces read from the file.
#[test]
fn harmonise_joins_a_renumbered_municipality() {
    let scratch = Scratch::new();
    let ind = "share_aged_80plus_pct";
    let mut values: Vec<f64> = series("0101", ind).into_iter().map(|(_, v)| v).collect();
    values.extend(series("3001", ind).into_iter().map(|(_, v)| v));
    assert_eq!(values.len(), 17);
    let out = scratch.path("halden_harmonised.csv");
    let o = spc(&[
        "kostra",
        "chart",
        &population(),
        "--harmonise",
        "2021",
        "--region",
        "3001",
        "--indicator",
        ind,
        "--data",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("3001 <- 0101"), "{}", stderr(&o));
    let (head, rows) = read_csv(&out);
    assert_eq!(rows.len(), 17);
    assert_eq!(&rows[0][col(&head, "period")], "2005");
    assert_eq!(&rows[16][col(&head, "period")], "2021");
    let cl: f64 = rows[0][col(&head, "cl")].parse().unwrap();
    assert!((cl - median(&values)).abs() < 1e-9, "{cl} vs {}", median(&values));
    // Without harmonising, 3001 has only 2020 and 2021.
    let o = spc(&["kostra", "chart", &population(), "--region", "3001", "--indicator", ind, "--summary", "-"]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(text.lines().nth(1).unwrap().contains(",2020,2021,2,"), "{text}");
}

/// A p chart of a percentage indicator is drawn in per cent, like its values (Σnum/Σden × 100
/// from the file); `--multiply 1` gives proportions.
#[test]
fn p_chart_of_a_percentage_is_in_per_cent() {
    let mut r = csv::Reader::from_path(population()).unwrap();
    let (num, den) = r
        .records()
        .map(Result::unwrap)
        .filter(|row| &row[0] == "0301" && &row[2] == "share_aged_80plus_pct")
        .fold((0.0, 0.0), |a, row| (a.0 + row[5].parse::<f64>().unwrap(), a.1 + row[6].parse::<f64>().unwrap()));
    let file = population();
    for (flags, scale) in [(vec![], 100.0), (vec!["--multiply", "1"], 1.0)] {
        let args = [
            &["kostra", "chart", file.as_str(), "--chart", "p", "--region", "0301"][..],
            &["--indicator", "share_aged_80plus_pct", "--summary", "-"],
            &flags,
        ]
        .concat();
        let o = spc(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let head: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        let row = rd.records().next().unwrap().unwrap();
        let cl: f64 = row[col(&head, "cl")].parse().unwrap();
        assert!((cl - scale * num / den).abs() < 1e-9, "{flags:?}: {cl} vs {}", scale * num / den);
    }
}

/// The options of kostra chart, funnel and dashboard are checked by the library (GroupedSpec,
/// FunnelSpec, DashboardOptions) and named as the flags; the defaults are the library's.
#[test]
fn kostra_options_are_checked_by_the_library_and_named_as_flags() {
    let f = population();
    for (args, want) in [
        (
            vec!["chart", "--chart", "xbar"],
            "spc: error: --chart: a KOSTRA series has one value per period, so there are no subgroups",
        ),
        (vec!["chart", "--chart", "p", "--from", "value"], "spc: error: --from: a p chart needs a denominator"),
        (vec!["chart", "--freeze", "0"], "spc: error: --freeze: must be at least 1 (the number of baseline points)"),
        (vec!["chart", "--multiply", "0"], "spc: error: --multiply: must be a finite number other than 0, got 0"),
        (vec!["chart", "--method", "x"], "spc: error: --method: unknown value 'x' for method"),
        (
            vec!["chart", "--region", "0301", "--format", "gif", "-o", "dir/"],
            "spc: error: --format: unknown value 'gif'",
        ),
        (
            vec!["funnel", "--indicator", "share_aged_80plus_pct", "--levels", "100"],
            "spc: error: --levels: 100 is not a coverage in per cent",
        ),
        (
            vec!["funnel", "--indicator", "share_aged_80plus_pct", "--overdispersion", "x"],
            "spc: error: --overdispersion: unknown value 'x'",
        ),
        (
            vec!["dashboard", "--region", "0301", "--chart", "p"],
            "spc: error: --chart: the dashboard draws i or run charts, not p",
        ),
        (
            vec!["dashboard", "--region", "0301", "--freeze", "0"],
            "spc: error: --freeze: must be at least 1 (the number of baseline years)",
        ),
    ] {
        let o = spc(&[&["kostra", args[0], f.as_str()][..], &args[1..]].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).lines().any(|l| l.starts_with(want)), "{args:?}: {}", stderr(&o));
    }
    // The help shows the library's defaults.
    let help = String::from_utf8(spc(&["kostra", "funnel", "--help"]).stdout).unwrap();
    assert!(help.contains("[default: 95,99.8]") && help.contains("[default: exact]"), "{help}");
}
