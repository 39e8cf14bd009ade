//! Grouped SPC over KOSTRA tables: one chart per region x indicator, checked by hand.

use spc_core::kostra::grouped::{charts, GroupedSpec, ValueSource};
use spc_core::kostra::{KostraTable, Period, Record, RegionType, Status};
use spc_core::rules::RuleSet;
use spc_core::{ChartKind, ChartSpec};

fn rec(code: &str, name: &str, indicator: &str, year: i32, value: Option<f64>, status: Option<Status>) -> Record {
    Record {
        region_code: code.into(),
        region_type: RegionType::Municipality,
        region_name: name.into(),
        indicator: indicator.into(),
        period: Period::Year(year),
        value,
        numerator: value.map(|v| v * 10.0),
        denominator: value.map(|_| 1000.0),
        status,
    }
}

/// 2 regions x 2 indicators, in scrambled order. Oslo `a`: 2015-2021 with 2018 absent (a gap)
/// and 2019 `..`; Oslo `b`: one value; Bergen `a`: 7 years; Bergen `b`: 3 years.
fn small() -> KostraTable {
    let na = Some(Status::NotAvailable);
    let mut records = vec![
        rec("4601", "Bergen", "b", 2021, Some(3.0), None),
        rec("4601", "Bergen", "b", 2019, Some(1.0), None),
        rec("4601", "Bergen", "b", 2020, Some(2.0), None),
        rec("0301", "Oslo", "b", 2021, Some(5.0), None),
        rec("0301", "Oslo", "a", 2021, Some(13.0), None),
        rec("0301", "Oslo", "a", 2016, Some(12.0), None),
        rec("0301", "Oslo", "a", 2015, Some(10.0), None),
        rec("0301", "Oslo", "a", 2019, None, na),
        rec("0301", "Oslo", "a", 2017, Some(11.0), None),
        rec("0301", "Oslo", "a", 2020, Some(15.0), None),
    ];
    for (k, y) in (2015..=2021).enumerate() {
        records.push(rec("4601", "Bergen", "a", y, Some([4.0, 6.0, 5.0, 7.0, 6.0, 8.0, 7.0][k]), None));
    }
    KostraTable { records, warnings: Vec::new() }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn i_chart_per_series_by_hand() {
    let out = charts(&small(), &GroupedSpec::new(ChartSpec::new(ChartKind::I))).unwrap();
    // Order: region code, then indicator.
    let keys: Vec<(&str, &str)> = out.series.iter().map(|s| (s.region_code.as_str(), s.indicator.as_str())).collect();
    assert_eq!(keys, [("0301", "a"), ("0301", "b"), ("4601", "a"), ("4601", "b")]);

    let oslo = &out.series[0];
    assert_eq!(oslo.region_name, "Oslo");
    let years: Vec<i32> = oslo.periods.iter().map(|p| p.year()).collect();
    assert_eq!(years, [2015, 2016, 2017, 2019, 2020, 2021]);
    // The `..` cell stays a point, missing, with its status.
    assert_eq!(oslo.statuses[3], Some(Status::NotAvailable));
    assert!(oslo.statuses.iter().enumerate().all(|(i, s)| i == 3 || s.is_none()));
    let c = oslo.chart.as_ref().unwrap();
    assert_eq!(c.len(), 6);
    assert!(c.y[3].is_nan());
    assert_eq!(c.x.format(0), "2015-01-01");
    assert_eq!(c.x.format(3), "2019-01-01");
    // Values 10, 12, 11, -, 15, 13: mean 61/5; moving ranges 2, 1, 2 (none next to the
    // missing point); UCL/LCL = mean ± 3 · MR̄/1.128 (≈ 2.66 · MR̄).
    let cl = 61.0 / 5.0;
    let mr = 5.0 / 3.0;
    assert!(close(c.cl[0], cl), "{}", c.cl[0]);
    assert!(close(c.ucl[0], cl + 3.0 * mr / 1.128), "{}", c.ucl[0]);
    assert!(close(c.lcl[5], cl - 3.0 * mr / 1.128), "{}", c.lcl[5]);
    // The absent 2018 is reported as a gap.
    assert!(c.warnings.iter().any(|w| w.contains("1 year(s)") && w.contains("2017-01-01")), "{:?}", c.warnings);

    // One value: an error for that series only.
    let e = out.series[1].chart.as_ref().unwrap_err();
    assert!(e.contains("too few values") && e.contains("1 of 1"), "{e}");
    assert_eq!(out.series[1].periods, [Period::Year(2021)]);

    // Bergen a: 4 6 5 7 6 8 7: mean 43/7, moving ranges 2 1 2 1 2 1 → 9/6.
    let b = out.series[2].chart.as_ref().unwrap();
    assert!(close(b.cl[0], 43.0 / 7.0));
    assert!(close(b.ucl[0], 43.0 / 7.0 + 3.0 * 1.5 / 1.128));
    assert!(!out.series[2].signal());
    assert!(out.series[3].chart.is_ok());
}

#[test]
fn filters_ratio_and_freeze() {
    let t = small();
    let spec =
        GroupedSpec::new(ChartSpec::new(ChartKind::P).freeze(3)).regions(["301"]).indicators(["a"]).years(2016, 2021);
    assert_eq!(spec.source, ValueSource::Ratio);
    let out = charts(&t, &spec).unwrap();
    assert_eq!(out.series.len(), 1);
    let s = &out.series[0];
    assert_eq!(s.periods.first(), Some(&Period::Year(2016)));
    let c = s.chart.as_ref().unwrap();
    // p = numerator/denominator; the values are percentages (value = 100 p), so the chart is
    // drawn in per cent like the values. Baseline 2016, 2017, 2019 (missing): (120+110)/2000.
    assert!(close(c.cl[0], 100.0 * 230.0 / 2000.0), "{}", c.cl[0]);
    assert!(close(c.y[0], 12.0));
    let p: f64 = 0.115;
    assert!(close(c.ucl[0], 100.0 * (p + 3.0 * (p * (1.0 - p) / 1000.0).sqrt())));
    // A multiplier given wins over the inferred one.
    let per_mille = GroupedSpec::new(ChartSpec::new(ChartKind::P).freeze(3).multiply(1000.0))
        .regions(["301"])
        .indicators(["a"])
        .years(2016, 2021);
    let c = charts(&t, &per_mille).unwrap().series[0].chart.clone().unwrap();
    assert!(close(c.cl[0], 1000.0 * 230.0 / 2000.0), "{}", c.cl[0]);

    // A ratio chart from values is an error for the whole run.
    let bad = GroupedSpec::new(ChartSpec::new(ChartKind::P)).source(ValueSource::Value);
    assert!(charts(&t, &bad).is_err());
    // A freeze beyond a series' length is that series' error.
    let out = charts(&t, &GroupedSpec::new(ChartSpec::new(ChartKind::I).freeze(5))).unwrap();
    let e = out.series[3].chart.as_ref().unwrap_err();
    assert!(e.contains("freeze = 5"), "{e}");
    assert!(out.series[0].chart.is_ok() && out.series[2].chart.is_ok());
}

#[test]
fn csv_tables_keep_missing_points_and_errors() {
    let t = small();
    let out = charts(&t, &GroupedSpec::new(ChartSpec::new(ChartKind::I)).rules([RuleSet::Anhoej])).unwrap();
    let mut buf = Vec::new();
    out.write_csv(&mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut want = vec!["region_code", "region_name", "indicator", "period", "status"];
    want.extend([
        "x",
        "y",
        "n",
        "cl",
        "lcl",
        "ucl",
        "lcl_95",
        "ucl_95",
        "target",
        "part",
        "baseline",
        "include",
        "runs_signal",
        "sigma_signal",
        "longest_run",
        "longest_run_max",
        "n_crossings",
        "n_crossings_min",
        "n_obs",
        "n_useful",
    ]);
    want.push("signal");
    assert_eq!(head, want);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6 + 1 + 7 + 3);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let missing = &rows[3];
    assert_eq!((&missing[0], &missing[3], &missing[4], &missing[col("y")]), ("0301", "2019", "..", ""));
    assert!(close(missing[col("cl")].parse().unwrap(), 12.2));
    assert_eq!(&missing[col("x")], "2019-01-01");
    // The one-point series: its value, no chart columns.
    let one = &rows[6];
    assert_eq!((&one[2], &one[col("y")], &one[col("cl")], &one[col("signal")]), ("b", "5", "", ""));

    let mut buf = Vec::new();
    out.write_summary_csv(&mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][col("n_missing")], "1");
    assert_eq!(&rows[0][col("n_obs")], "6");
    assert!(close(rows[0][col("cl")].parse().unwrap(), 12.2));
    assert!(rows[1][col("error")].contains("too few values"));
    assert_eq!(&rows[1][col("cl")], "");
    assert_eq!(&rows[2][col("first_period")], "2015");
    assert_eq!(&rows[2][col("signal")], "false");
}

/// The population file's run chart of the share aged 67+ in Oslo 2005-2021: the centre line is
/// the median of the 17 values, read from the file here.
#[test]
fn oslo_share_67plus_run_chart() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/kostra/ssb_07459_population_municipality_2005_2021.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let mut oslo = Vec::new();
    for row in r.records() {
        let row = row.unwrap();
        if &row[0] == "0301" && &row[2] == "share_aged_67plus_pct" {
            oslo.push(row[4].parse::<f64>().unwrap());
        }
    }
    assert_eq!(oslo.len(), 17);
    oslo.sort_by(f64::total_cmp);
    let median = oslo[8];
    let table = spc_core::kostra::read_path(std::path::Path::new(path)).unwrap();
    let spec = GroupedSpec::new(ChartSpec::new(ChartKind::Run)).indicators(["share_aged_67plus_pct"]);
    let out = charts(&table, &spec).unwrap();
    let s = out.series.iter().find(|s| s.region_code == "0301").unwrap();
    assert_eq!(s.region_name, "Oslo"); // the name of the latest period
    assert_eq!(s.periods.len(), 17);
    assert_eq!(s.periods[0], Period::Year(2005));
    let c = s.chart.as_ref().unwrap();
    assert!(close(c.cl[0], median), "{} vs {median}", c.cl[0]);
    // Ordered by region code, all of them the one indicator.
    assert!(out.series.windows(2).all(|w| w[0].region_code < w[1].region_code));
    assert!(out.series.iter().all(|s| s.indicator == "share_aged_67plus_pct"));
}

#[cfg(feature = "polars")]
#[test]
fn one_dataframe_of_every_series() {
    let out = charts(&small(), &GroupedSpec::new(ChartSpec::new(ChartKind::I))).unwrap();
    let df = out.to_dataframe().unwrap();
    // 6 + 1 + 7 + 3 rows: the one-point series has no chart and keeps its row, as in the CSV.
    assert_eq!(df.height(), 17);
    let names: Vec<String> = df.get_column_names().iter().map(ToString::to_string).collect();
    assert_eq!(&names[..6], ["region_code", "region_name", "indicator", "period", "status", "x"]);
    assert_eq!(names.last().map(String::as_str), Some("signal"));
    let status = df.column("status").unwrap().str().unwrap().get(3);
    assert_eq!(status, Some(".."));
    let cl = df.column("cl").unwrap().f64().unwrap().get(0).unwrap();
    assert!(close(cl, 12.2));
    assert_eq!(df.column("region_code").unwrap().str().unwrap().get(7), Some("4601"));
    // The one-point series: its value, no chart values.
    let one = |c: &str| df.column(c).unwrap().get(6).unwrap().to_string();
    assert_eq!([one("indicator"), one("y"), one("cl"), one("signal")], ["\"b\"", "5.0", "null", "null"]);
}

#[test]
fn a_period_twice_or_mixed_frequencies_is_that_series_error() {
    let mut t = small();
    t.records.push(rec("4601", "Bergen", "b", 2020, Some(9.0), None));
    let mut q = rec("4601", "Bergen", "a", 2021, Some(1.0), None);
    q.period = Period::Quarter(2021, 1);
    t.records.push(q);
    let out = charts(&t, &GroupedSpec::new(ChartSpec::new(ChartKind::Run))).unwrap();
    let e = out.series[3].chart.as_ref().unwrap_err();
    assert!(e.contains("period 2020 appears more than once"), "{e}");
    let e = out.series[2].chart.as_ref().unwrap_err();
    assert!(e.contains("different frequencies") && e.contains("2021K1"), "{e}");
    // The periods are all kept, in order.
    assert_eq!(out.series[3].periods.len(), 4);
    assert!(out.series[0].chart.is_ok());
}
