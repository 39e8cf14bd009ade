//! The output schemas (`spc_core::schema`): for real cases (every qicharts2 and NHSRplotthedots
//! reference case, the KOSTRA tables of the repository) each table's CSV and DataFrame agree
//! cell by cell, the DataFrame's column types are the schema's, no cell is written as `-0`, and
//! the columns are the contract scripts rely on.

mod common;

use std::path::{Path, PathBuf};

use common::cases;
use spc_core::io::{Columns, Table};
use spc_core::kostra::aggregate::{aggregate, AggregateOptions, Groups, Level};
use spc_core::kostra::compare::{compare, zscores, CompareOptions};
use spc_core::kostra::grouped::{charts, GroupedSpec};
use spc_core::kostra::{funnel_input, read_path, FunnelRequest, KostraTable};
use spc_core::schema::{self, format_date, format_number, Schema, Type};
use spc_core::{ChartSpec, Input};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

const POPULATION: &str = "data/kostra/ssb_07459_population_municipality_2005_2021.csv";
const EIENDOM: &str = "data/kostra/ssb_kostra_eiendom_2015.csv";
const GROUPS: &str = "data/kostra/ssb_kostra_groups_2015.csv";

/// The CSV of `t`, parsed: header and rows of cells.
fn csv_cells(t: &Schema<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let text = t.to_csv_string();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(String::from).collect()).collect();
    (head, rows)
}

/// A DataFrame cell as the CSV writer writes it.
#[cfg(feature = "polars")]
fn frame_text(v: spc_core::polars::prelude::AnyValue<'_>) -> String {
    use spc_core::polars::prelude::AnyValue;
    match v {
        AnyValue::Null => String::new(),
        AnyValue::Float64(x) => format_number(x),
        AnyValue::UInt32(x) => x.to_string(),
        AnyValue::Int64(x) => x.to_string(),
        AnyValue::Boolean(b) => b.to_string(),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Date(d) => {
            format_date(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::TimeDelta::days(i64::from(d)))
        }
        other => panic!("unexpected value {other:?}"),
    }
}

/// Checks `t` (called `what`): its CSV has its columns; every cell of the CSV is the cell of
/// the DataFrame written by the one formatter; the DataFrame's types are the schema's; no cell
/// is `-0`. Returns the number of cells compared.
fn agree(what: &str, t: &Schema<'_>) -> usize {
    let (head, rows) = csv_cells(t);
    assert_eq!(head, t.names(), "{what}: header");
    assert_eq!(rows.len(), t.rows(), "{what}: rows");
    for (i, r) in rows.iter().enumerate() {
        for (j, cell) in r.iter().enumerate() {
            let negative_zero = cell.starts_with('-') && cell.parse::<f64>().is_ok_and(|v| v == 0.0);
            assert!(!negative_zero, "{what}: row {i}, {}: {cell}", head[j]);
            if t.columns()[j].1 == Type::F64 && !cell.is_empty() {
                let v: f64 = cell.parse().unwrap();
                assert_eq!(format_number(v), *cell, "{what}: {} does not round-trip", head[j]);
            }
        }
    }
    #[cfg(feature = "polars")]
    {
        use spc_core::polars::prelude::DataType;
        let df = t.to_dataframe().unwrap();
        assert_eq!(df.height(), rows.len(), "{what}: DataFrame rows");
        for (j, (name, ty)) in t.columns().iter().enumerate() {
            let col = df.column(name).unwrap_or_else(|_| panic!("{what}: no column {name}"));
            assert_eq!(df.get_column_names()[j].as_str(), name.as_ref(), "{what}: column order");
            let want = match ty {
                Type::F64 => DataType::Float64,
                Type::U32 => DataType::UInt32,
                Type::I64 => DataType::Int64,
                Type::Bool => DataType::Boolean,
                Type::Text => DataType::String,
                Type::Date => DataType::Date,
            };
            assert_eq!(col.dtype(), &want, "{what}: type of {name}");
            for (i, r) in rows.iter().enumerate() {
                let ours = frame_text(col.get(i).unwrap());
                assert_eq!(ours, r[j], "{what}: row {i}, column {name}: DataFrame {ours:?}, CSV {:?}", r[j]);
            }
        }
    }
    rows.len() * head.len()
}

#[test]
fn chart_tables_of_every_qicharts2_case() {
    let sets = spc_core::rules::parse_rule_sets("anhoej,ihi,western-electric,nelson").unwrap();
    let (mut cells, mut signals, mut verdicts) = (0, 0, 0);
    for case in &cases("qicharts2") {
        let (spec, input) = common::qic_spec_input(case).unwrap();
        let Ok(chart) = spec.compute(&input) else { continue };
        cells += agree(&format!("{} data", case.id), &schema::chart_data(&chart));
        cells += agree(&format!("{} summary", case.id), &schema::chart_summary(&chart));
        let s = spc_core::rules::signals(&chart, &sets);
        signals += s.len();
        cells += agree(&format!("{} signals", case.id), &schema::signals(&chart, &s));
        let v = spc_core::verdict::verdicts(&chart, &input, "increase".parse().unwrap(), spc_core::Lang::En).unwrap();
        verdicts += v.len();
        cells += agree(&format!("{} verdicts", case.id), &schema::verdicts(&chart, &v));
    }
    assert!(cells > 30_000 && signals > 100 && verdicts > 10, "{cells} cells, {signals} signals, {verdicts} verdicts");
}

#[test]
fn mdc_tables_of_every_plotthedots_case() {
    let mut n = 0;
    for case in &cases("plotthedots") {
        let t = Table::from_path(&case.input).unwrap();
        let x = t.x_column("date").unwrap();
        let y = t.numbers("value").unwrap();
        let facet = t.column("facet").ok().map(|_| t.texts("facet").unwrap());
        let mut spec = spc_core::mdc::MdcSpec::default();
        if let Some(d) = case.text("improvement_direction") {
            spec.improvement = d.parse().unwrap();
        }
        spec.target = case.number("target");
        let c = spc_core::mdc::mdc(&x, &y, facet.as_deref(), None, &spec).unwrap();
        n += agree(&format!("{} points", case.id), &schema::mdc_points(&c));
        n += agree(&format!("{} icons", case.id), &schema::mdc_icons(&c));
    }
    assert!(n > 1000, "{n}");
}

fn read(rel: &str) -> KostraTable {
    read_path(&repo(rel)).unwrap()
}

#[test]
fn kostra_tables_agree() {
    let pop = read(POPULATION);
    let eiendom = read(EIENDOM);
    let groups = Groups::from_path(repo(GROUPS), None).unwrap();
    agree("tidy population", &schema::kostra_tidy(&pop));
    agree("tidy eiendom", &schema::kostra_tidy(&eiendom));
    agree("tidy symbols", &schema::kostra_tidy(&read("tests/data/kostra/tidy_semicolon_symbols.csv")));
    for level in [Level::County, Level::Country, Level::Group] {
        let a = aggregate(&eiendom, level, Some(&groups), &AggregateOptions::default()).unwrap();
        assert!(!a.rows.is_empty());
        agree(&format!("aggregate {level:?}"), &schema::kostra_aggregate(&a));
    }
    let c = compare(&eiendom, "0101", &groups, &CompareOptions::default()).unwrap();
    assert!(c.iter().any(|r| r.rank.is_some()) && c.iter().any(|r| r.difference.is_none()));
    agree("compare", &schema::kostra_compare(&c));
    let z = zscores(&eiendom, "0101", &groups, &CompareOptions::default()).unwrap();
    assert!(!z.is_empty());
    agree("zscores", &schema::kostra_zscores(&z));
    let input = funnel_input(&pop, &FunnelRequest::new("share_aged_80plus_pct"), POPULATION).unwrap();
    let f = spc_core::funnel::funnel(&input.units, &input.spec).unwrap();
    assert_eq!(f.rows.len(), 356);
    agree("funnel", &schema::funnel_rows(&f));
}

#[test]
fn grouped_tables_agree_with_and_without_charts() {
    let pop = read(POPULATION);
    for kind in ["i", "p", "run"] {
        let spec = GroupedSpec::new(ChartSpec::new(kind.parse().unwrap()))
            .regions(["0301", "0101", "3001", "1103"])
            .rules(spc_core::rules::parse_rule_sets("anhoej,nelson").unwrap());
        let out = charts(&pop, &spec).unwrap();
        agree(&format!("grouped {kind} data"), &schema::grouped_data(&out));
        agree(&format!("grouped {kind} summary"), &schema::grouped_summary(&out));
    }
    // Series that cannot be charted keep their rows: 0101 ends in 2019, so 2020-2021 leave it
    // with no values.
    let spec = GroupedSpec::new(ChartSpec::new("i".parse().unwrap())).regions(["0101", "0301"]).years(2019, 2021);
    let out = charts(&pop, &spec).unwrap();
    assert!(out.series.iter().any(|s| s.chart.is_err()) && out.charted().next().is_some());
    let data = schema::grouped_data(&out);
    agree("grouped with errors", &data);
    assert_eq!(data.rows(), out.series.iter().map(|s| s.periods.len()).sum::<usize>());
    agree("grouped summary with errors", &schema::grouped_summary(&out));
}

/// The columns of every table, in order: the contract of `spc chart`, `spc mdc` and `spc
/// kostra` (and of the Python package, which returns the same tables).
#[test]
fn the_columns_are_the_contract() {
    let csv_head = |t: &Schema<'_>| t.to_csv_string().lines().next().unwrap().to_string();
    let data = "y,n,cl,lcl,ucl,lcl_95,ucl_95,target,part,baseline,include,runs_signal,sigma_signal,\
                longest_run,longest_run_max,n_crossings,n_crossings_min,n_obs,n_useful";
    let input = Input::from_y(vec![3.0, -1.0, 2.0, 5.0, 4.0, 1.0]);
    let chart = ChartSpec::new("i".parse().unwrap()).part([3]).compute(&input).unwrap();
    assert_eq!(csv_head(&schema::chart_data(&chart)), format!("x,{data}"));
    let mut faceted = input.clone();
    faceted.facet = Some(["a", "a", "a", "b", "b", "b"].map(String::from).to_vec());
    let fc = ChartSpec::new("i".parse().unwrap()).compute(&faceted).unwrap();
    assert_eq!(csv_head(&schema::chart_data(&fc)), format!("x,facet,{data}"));
    let cusum = ChartSpec::new("cusum".parse().unwrap()).compute(&input).unwrap();
    assert_eq!(csv_head(&schema::chart_data(&cusum)), format!("x,{data},cusum_lower"));
    assert_eq!(
        csv_head(&schema::chart_summary(&chart)),
        "facet,part,first_x,last_x,n_obs,n_useful,n_baseline,cl,lcl_min,lcl_max,ucl_min,ucl_max,longest_run,\
         longest_run_max,n_crossings,n_crossings_min,runs_signal,n_sigma_signals"
    );
    assert_eq!(csv_head(&schema::signals(&chart, &[])), "rule,part,facet,first_x,last_x,points,direction");
    assert_eq!(
        csv_head(&schema::verdicts(&chart, &[])),
        "facet,part,change,improvement,evidence,split_at,stable,sentence"
    );
    let x = spc_core::XColumn::Number((1..=6).map(f64::from).collect::<Vec<_>>().into());
    let m = spc_core::mdc::mdc(&x, input.y.as_slice(), None, None, &spc_core::mdc::MdcSpec::default()).unwrap();
    assert_eq!(csv_head(&schema::mdc_points(&m)), "x,y,cl,lcl,ucl,part,point_type,target");
    assert_eq!(csv_head(&schema::mdc_icons(&m)), "x,variation_icon,assurance_icon");
    let facet = ["a", "a", "a", "b", "b", "b"].map(String::from);
    let m = spc_core::mdc::mdc(&x, input.y.as_slice(), Some(&facet), None, &spc_core::mdc::MdcSpec::default()).unwrap();
    assert_eq!(csv_head(&schema::mdc_points(&m)), "x,facet,y,cl,lcl,ucl,part,point_type,target");
    assert_eq!(csv_head(&schema::mdc_icons(&m)), "facet,x,variation_icon,assurance_icon");

    let pop = read(POPULATION);
    let eiendom = read(EIENDOM);
    let groups = Groups::from_path(repo(GROUPS), None).unwrap();
    assert_eq!(
        csv_head(&schema::kostra_tidy(&pop)),
        "region_code,region_type,region_name,indicator,period,value,numerator,denominator,status"
    );
    let a = aggregate(&eiendom, Level::Country, None, &AggregateOptions::default()).unwrap();
    assert_eq!(
        csv_head(&schema::kostra_aggregate(&a)),
        "region_code,region_name,indicator,period,value,numerator,denominator,method,n_units,n_missing"
    );
    assert_eq!(
        csv_head(&schema::kostra_compare(&[])),
        "region_code,region_name,indicator,period,value,reference_type,reference_code,reference_name,\
         reference_value,reference_source,difference,rank,n_ranked"
    );
    let z = zscores(&eiendom, "0101", &groups, &CompareOptions::default()).unwrap();
    assert_eq!(
        csv_head(&schema::kostra_zscores(&z)),
        "indicator,period,value,group_code,group_mean,group_sd,z,n_members,reason"
    );
    let input = funnel_input(&pop, &FunnelRequest::new("share_aged_80plus_pct"), POPULATION).unwrap();
    let f = spc_core::funnel::funnel(&input.units, &input.spec).unwrap();
    assert_eq!(
        csv_head(&schema::funnel_rows(&f)),
        "region_code,region_name,numerator,denominator,value,target,lcl_95,ucl_95,lcl_99_8,ucl_99_8,flag,\
         direction,status"
    );
    let out = charts(&pop, &GroupedSpec::new(ChartSpec::new("run".parse().unwrap())).regions(["0301"])).unwrap();
    assert_eq!(
        csv_head(&schema::grouped_data(&out)),
        format!("region_code,region_name,indicator,period,status,x,{data},signal")
    );
    assert_eq!(
        csv_head(&schema::grouped_summary(&out)),
        "region_code,region_name,indicator,first_period,last_period,n_periods,n_missing,n_obs,n_useful,cl,lcl,\
         ucl,runs_signal,n_sigma_signals,rule_signals,signal,error"
    );
    let empty = charts(&pop, &GroupedSpec::new(ChartSpec::new("run".parse().unwrap())).regions(["9999"])).unwrap();
    assert!(empty.series.is_empty());
    assert_eq!(
        csv_head(&schema::grouped_data(&empty)),
        format!("region_code,region_name,indicator,period,status,x,{data},signal")
    );
}

/// The sick-leave chart of the README (I chart, part after 16 quarters): real values in the
/// CSV and in the DataFrame, and a zero that came out of the arithmetic as `-0` written `0`.
#[test]
fn sick_leave_values_and_no_negative_zero() {
    let t = Table::from_path(&repo("data/sykefravaer_totalt.csv")).unwrap();
    let cols = Columns { x: "kvartal".into(), y: "sykefravær_prosent".into(), ..Columns::default() };
    let chart = ChartSpec::new("i".parse().unwrap()).part([16]).compute(&t.input(&cols).unwrap()).unwrap();
    let data = schema::chart_data(&chart);
    let (head, rows) = csv_cells(&data);
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    assert_eq!(rows[0][col("x")], "2000-04-01");
    assert_eq!(rows[0][col("y")], format_number(chart.y[0]));
    assert_eq!(rows[0][col("cl")], format_number(chart.cl[0]));
    assert_eq!((rows[15][col("part")].as_str(), rows[16][col("part")].as_str()), ("1", "2"));
    agree("sick leave", &data);
    // y = -0 (a mean of -0 and -0 stays -0) is written 0, in the chart data and in the MDC table.
    let input = Input::from_y(vec![-0.0, 1.0, -0.0, 2.0, 0.5, -0.0]);
    let c = ChartSpec::new("i".parse().unwrap()).compute(&input).unwrap();
    assert!(c.y[0].is_sign_negative());
    assert_eq!(csv_cells(&schema::chart_data(&c)).1[0][col("y")], "0");
    let x = spc_core::XColumn::Number(vec![-0.0, 1.0, 2.0, 3.0, 4.0, 5.0].into());
    let m = spc_core::mdc::mdc(&x, input.y.as_slice(), None, None, &spc_core::mdc::MdcSpec::default()).unwrap();
    let (_, rows) = csv_cells(&schema::mdc_points(&m));
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), ("0", "0"));
    agree("negative zeros", &schema::mdc_points(&m));
}
