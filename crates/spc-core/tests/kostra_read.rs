//! The KOSTRA / SSB readers: tidy CSV, StatBank CSV variants, JSON-stat, spreadsheets.
//! Expected values are read by hand from the source files (or SSB's published tables).

use std::path::{Path, PathBuf};

use spc_core::kostra::{read_bytes, read_path, KostraTable, Period, Record, RegionType, Status};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

fn read(rel: &str) -> KostraTable {
    read_path(&repo(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn err(text: &str) -> String {
    read_bytes(text.as_bytes(), "t.csv").unwrap_err().to_string()
}

fn find<'a>(t: &'a KostraTable, code: &str, indicator: &str, period: &str) -> &'a Record {
    let p: Period = period.parse().unwrap();
    t.records
        .iter()
        .find(|r| r.region_code == code && r.indicator == indicator && r.period == p)
        .unwrap_or_else(|| panic!("no record {code} / {indicator} / {period}"))
}

/// A record as a tuple: code, type, name, period, value, numerator, denominator, status.
type Row<'a> = (&'a str, RegionType, &'a str, Period, Option<f64>, Option<f64>, Option<f64>, Option<Status>);

// ---------------------------------------------------------------- tidy CSV

#[test]
fn tidy_population_file() {
    let t = read("data/kostra/ssb_07459_population_municipality_2005_2021.csv");
    assert_eq!(t.records.len(), 21186);
    let r = &t.records[0];
    assert_eq!(
        (r.region_code.as_str(), r.region_type, r.region_name.as_str(), r.indicator.as_str()),
        ("0101", RegionType::Municipality, "Halden", "population_total")
    );
    assert_eq!(
        (r.period, r.value, r.numerator, r.denominator, r.status),
        (Period::Year(2005), Some(27582.0), None, None, None)
    );
    let r = &t.records[1];
    assert_eq!(r.indicator, "share_aged_67plus_pct");
    assert_eq!((r.value, r.numerator, r.denominator), (Some(15.4231), Some(4254.0), Some(27582.0)));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    assert!(t.records.iter().all(|r| r.value.is_some() && r.status.is_none()));
}

#[test]
fn tidy_missing_values_get_a_reason() {
    let t = read("data/kostra/ssb_kostra_eiendom_2015.csv");
    assert_eq!(t.records.len(), 7722);
    let energy = "DERIVED ratio: Energikostnader til kommunale idrettsbygg konsern / Samlet areal på kommunale idrettsbygg konsern";
    let area = "DERIVED ratio: Samlet areal på kommunale idrettsbygg konsern / Folkemengde i alt";
    // line 145: 0121 Rømskog, numerator 0 and denominator 0
    let r = find(&t, "0121", energy, "2015");
    assert_eq!(
        (r.value, r.numerator, r.denominator, r.status),
        (None, Some(0.0), Some(0.0), Some(Status::ZeroDenominator))
    );
    // line 471: everything empty
    let r = find(&t, "0221", "Areal på eide kommunale idrettsbygg konsern", "2015");
    assert_eq!((r.value, r.status), (None, Some(Status::Unknown)));
    assert_eq!(r.region_name, "Aurskog-Høland");
    // line 486: denominator 15914 (the population), numerator empty
    let r = find(&t, "0221", area, "2015");
    assert_eq!(
        (r.value, r.numerator, r.denominator, r.status),
        (None, None, Some(15914.0), Some(Status::NumeratorMissing))
    );
    // line 487: numerator 0, denominator empty
    let r = find(&t, "0221", energy, "2015");
    assert_eq!(
        (r.value, r.numerator, r.denominator, r.status),
        (None, Some(0.0), None, Some(Status::DenominatorMissing))
    );
    // 473 + 105 + 57 + 33 + 2 empty values (counted in the file)
    assert_eq!(t.records.iter().filter(|r| r.value.is_none()).count(), 670);
    assert_eq!(t.records.iter().filter(|r| r.status == Some(Status::ZeroDenominator)).count(), 33);
    assert_eq!(t.records.iter().filter(|r| r.status == Some(Status::NumeratorMissing)).count(), 105 + 2);
    assert_eq!(t.records.iter().filter(|r| r.status == Some(Status::DenominatorMissing)).count(), 57);
    assert_eq!(t.records.iter().filter(|r| r.status == Some(Status::Unknown)).count(), 473);
}

#[test]
fn tidy_quarters_and_group_codes() {
    let t = read("data/kostra/ssb_sick_leave_men_by_residence_2008K1_2009K1_excerpt.csv");
    assert_eq!(t.records.len(), 64);
    let r = &t.records[0];
    assert_eq!((r.region_code.as_str(), r.region_type), ("0", RegionType::Country));
    assert_eq!(
        (r.period, r.value, r.numerator, r.denominator),
        (Period::Quarter(2008, 1), Some(4.7), Some(2_829_083.0), None)
    );
    let t = read("data/kostra/ssb_kostra_eiendom_2015_group_estimates.csv");
    let r = find(&t, "EKG13", "Folkemengde i alt", "2015");
    assert_eq!((r.region_type, r.value), (RegionType::KostraGroup, Some(1_921_427.0)));
}

#[test]
fn tidy_semicolon_decimal_comma_symbols_and_statuses() {
    use Period::Quarter as Q;
    use RegionType as T;
    let t = read("tests/data/kostra/tidy_semicolon_symbols.csv");
    let ind = "Sykefraværsprosent menn";
    let got: Vec<Row<'_>> = t
        .records
        .iter()
        .map(|r| {
            assert_eq!(r.indicator, ind);
            (
                r.region_code.as_str(),
                r.region_type,
                r.region_name.as_str(),
                r.period,
                r.value,
                r.numerator,
                r.denominator,
                r.status,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("0", T::Country, "I alt (hele landet)", Q(2008, 1), Some(4.7), Some(2_829_083.0), None, None),
            ("0101", T::Municipality, "Halden", Q(2008, 1), Some(5.3), Some(17_923.0), None, None),
            ("0101", T::Municipality, "Halden", Q(2008, 2), None, None, None, Some(Status::NotAvailable)),
            ("0104", T::Municipality, "Moss", Q(2008, 1), None, None, None, Some(Status::Confidential)),
            ("0104", T::Municipality, "Moss", Q(2008, 2), Some(0.0), None, None, Some(Status::Nil)),
            ("EKG13", T::KostraGroup, "Kostragruppe 13", Q(2008, 1), Some(6.1), None, None, Some(Status::Provisional)),
            (
                "0301",
                T::Municipality,
                "Oslo kommune",
                Q(2008, 1),
                None,
                Some(120.0),
                Some(0.0),
                Some(Status::ZeroDenominator)
            ),
            ("030101", T::Ward, "Gamle Oslo", Q(2008, 1), None, None, Some(2000.0), Some(Status::NumeratorMissing)),
            ("030102a", T::Ward, "Grünerløkka", Q(2008, 1), None, Some(35.0), None, Some(Status::DenominatorMissing)),
            ("3001", T::Municipality, "Halden", Q(2020, 1), Some(6.0), None, None, None),
        ]
    );
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("K-") && t.warnings[0].contains("tidy_semicolon_symbols.csv"), "{}", t.warnings[0]);
}

#[test]
fn tidy_round_trips_through_write_csv() {
    let t = read("tests/data/kostra/tidy_semicolon_symbols.csv");
    let mut out = Vec::new();
    t.write_csv(&mut out).unwrap();
    let back = read_bytes(&out, "out.csv").unwrap();
    assert_eq!(back.records, t.records);
}

#[test]
fn tidy_errors_name_file_line_column_and_text() {
    let head = "region_code,region_name,indicator,period,value\n";
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0101,Halden,pop,2020,x\n"));
    assert_eq!(e, "t.csv: row 3, column 'value': 'x' is neither a number nor an SSB symbol");
    let e = err(&format!("{head}0101,Halden,pop,2019,n/a\n"));
    assert!(e.contains("row 2, column 'value': 'n/a'"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n1301,X,pop,2019,3\n"));
    assert!(e.starts_with("t.csv: row 3, column 'region_code': unknown region code '1301'"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0101,Halden,pop,2019K5,3\n"));
    assert!(e.starts_with("t.csv: row 3, column 'period': '2019K5' is not an SSB period"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0102,Sarpsborg,pop,2019,1\n101,Halden,pop,2019,13\n"));
    assert!(e.contains("row 4 repeats region 0101, indicator 'pop', period 2019 of row 2"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0101,Halden,pop\n"));
    assert!(e.starts_with("t.csv: ") && e.contains("row 3"), "{e}");
    let e = err("region_code,indicator,period,value,status\n0101,pop,2019,,??\n");
    assert!(e.contains("row 2, column 'status': '??' is not a status"), "{e}");
    let e = err("region_code,indicator,period,value,status\n0101,pop,2019,5,..\n");
    assert!(e.contains("row 2, column 'value': '5' has the status '..'"), "{e}");
}

#[test]
fn tidy_extra_columns_join_the_indicator_and_are_named_in_a_warning() {
    let text = "region_code,indicator,sex,period,value,\n0101,pop,women,2019,12,x\n0101,pop,men,2019,11,y\n";
    let t = read_bytes(text.as_bytes(), "t.csv").unwrap();
    let got: Vec<(&str, Option<f64>)> = t.records.iter().map(|r| (r.indicator.as_str(), r.value)).collect();
    assert_eq!(got, [("pop, women, x", Some(12.0)), ("pop, men, y", Some(11.0))]);
    assert_eq!(
        t.warnings,
        ["t.csv: columns 'sex', 6 (no name) are not tidy columns: their values were appended to the indicator, as in 'pop, women, x'"]
    );
    let t = read_bytes(b"region_code,indicator,period,value,sex\n0101,pop,2019,12,women\n", "t.csv").unwrap();
    assert_eq!(
        t.warnings,
        ["t.csv: column 'sex' is not a tidy column: its values were appended to the indicator, as in 'pop, women'"]
    );
}

// ---------------------------------------------------------------- StatBank CSV variants

/// (code, name, indicator, period, value) of every record.
fn cells(t: &KostraTable) -> Vec<(String, String, String, String, f64)> {
    t.records
        .iter()
        .map(|r| {
            assert_eq!(r.status, None, "{r:?}");
            assert_eq!((r.numerator, r.denominator), (None, None));
            (r.region_code.clone(), r.region_name.clone(), r.indicator.clone(), r.period.to_string(), r.value.unwrap())
        })
        .collect()
}

fn rows(list: &[(&str, &str, &str, &str, f64)]) -> Vec<(String, String, String, String, f64)> {
    list.iter().map(|&(c, n, i, p, v)| (c.into(), n.into(), i.into(), p.into(), v)).collect()
}

#[test]
fn statbank_a_tab_quoted_latin1_wide() {
    let t = read("tests/data/samples/ssb07459_tab_quoted_latin1_wide_2005-2009_excerpt.csv");
    assert_eq!(t.records.len(), 9 * 5);
    let mut want = Vec::new();
    let halden: [(&str, [f64; 5]); 7] = [
        ("0 years", [314.0, 273.0, 291.0, 309.0, 312.0]),
        ("1 year", [306.0, 328.0, 290.0, 300.0, 314.0]),
        ("2 years", [327.0, 308.0, 339.0, 297.0, 309.0]),
        ("3 years", [338.0, 333.0, 307.0, 343.0, 306.0]),
        ("4 years", [339.0, 344.0, 332.0, 319.0, 351.0]),
        ("5 years", [324.0, 341.0, 350.0, 341.0, 327.0]),
        ("6 years", [312.0, 332.0, 342.0, 351.0, 341.0]),
    ];
    for (age, vals) in halden {
        for (k, v) in vals.into_iter().enumerate() {
            want.push(("0101", "Halden", format!("Persons, {age}"), format!("{}", 2005 + k), v));
        }
    }
    for age in ["104 years", "105 years or older"] {
        for k in 0..5 {
            want.push(("2030", "Sør-Varanger", format!("Persons, {age}"), format!("{}", 2005 + k), 0.0));
        }
    }
    let want: Vec<_> = want.into_iter().map(|(c, n, i, p, v)| (c.to_string(), n.to_string(), i, p, v)).collect();
    assert_eq!(cells(&t), want);
    assert!(t.records.iter().all(|r| r.region_type == RegionType::Municipality));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn statbank_b_comma_unquoted_with_lost_letters() {
    let t = read("tests/data/samples/ssb07459_comma_unquoted_2019_excerpt.csv");
    assert_eq!(
        cells(&t),
        rows(&[
            ("0101", "Halden", "Persons, 0 years", "2019", 245.0),
            ("0101", "Halden", "Persons, 1 year", "2019", 309.0),
            ("0101", "Halden", "Persons, 2 years", "2019", 311.0),
            ("0101", "Halden", "Persons, 3 years", "2019", 303.0),
            ("0101", "Halden", "Persons, 4 years", "2019", 318.0),
            ("0101", "Halden", "Persons, 5 years", "2019", 342.0),
            ("0101", "Halden", "Persons, 6 years", "2019", 326.0),
            ("0121", "R\u{fffd}mskog", "Persons, 0 years", "2019", 6.0),
            ("0121", "R\u{fffd}mskog", "Persons, 1 year", "2019", 2.0),
        ])
    );
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("U+FFFD") && t.warnings[0].contains("comma_unquoted"), "{}", t.warnings[0]);
}

#[test]
fn statbank_c_tab_k_prefix_and_k_rest() {
    let t = read("tests/data/samples/ssb07459_tab_Kprefix_2020_excerpt.csv");
    let got = cells(&t);
    assert_eq!(got.len(), 11);
    assert_eq!(got[0], ("3001".into(), "Halden".into(), "Persons, 0 years".into(), "2020".into(), 256.0));
    let vals: Vec<f64> = got[..7].iter().map(|r| r.4).collect();
    assert_eq!(vals, [256.0, 256.0, 322.0, 321.0, 320.0, 324.0, 350.0]);
    assert_eq!(
        got[7],
        ("Rest".into(), "Divided municalities and unknown".into(), "Persons, 104 years".into(), "2020".into(), 0.0)
    );
    assert_eq!(got[8].2, "Persons, 105 years or older");
    assert_eq!(t.records[7].region_type, RegionType::Other);
    assert_eq!(got[9], ("3026".into(), "Aurskog-Høland".into(), "Persons, 0 years".into(), "2020".into(), 166.0));
    assert_eq!(got[10].4, 161.0);
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("11 rows have K- region codes"), "{}", t.warnings[0]);
}

#[test]
fn statbank_d_semicolon_title_line() {
    let t = read("tests/data/samples/ssb07459_semicolon_title_Kprefix_2021_excerpt.csv");
    assert_eq!(
        cells(&t),
        rows(&[
            ("3001", "Halden", "Persons, 0 years", "2021", 253.0),
            ("3001", "Halden", "Persons, 1 year", "2021", 269.0),
            ("3001", "Halden", "Persons, 2 years", "2021", 261.0),
            ("3001", "Halden", "Persons, 3 years", "2021", 322.0),
            ("3001", "Halden", "Persons, 4 years", "2021", 326.0),
            ("3001", "Halden", "Persons, 5 years", "2021", 317.0),
            ("3001", "Halden", "Persons, 6 years", "2021", 317.0),
            ("3026", "Aurskog-Høland", "Persons, 0 years", "2021", 162.0),
            ("3026", "Aurskog-Høland", "Persons, 1 year", "2021", 167.0),
        ])
    );
    assert!(t.warnings.iter().any(|w| w.contains("K-")));
}

#[test]
fn statbank_e_extra_sex_dimension() {
    let t = read("tests/data/samples/ssb07459_semicolon_title_sex_2021_excerpt.csv");
    assert_eq!(
        cells(&t),
        rows(&[
            ("3001", "Halden", "Persons, Males, 0 years", "2021", 136.0),
            ("3001", "Halden", "Persons, Males, 1 year", "2021", 139.0),
            ("3001", "Halden", "Persons, Males, 2 years", "2021", 131.0),
            ("3001", "Halden", "Persons, Males, 3 years", "2021", 173.0),
            ("3001", "Halden", "Persons, Males, 4 years", "2021", 177.0),
            ("3026", "Aurskog-Høland", "Persons, Males, 0 years", "2021", 86.0),
            ("3026", "Aurskog-Høland", "Persons, Males, 1 year", "2021", 80.0),
        ])
    );
}

#[test]
fn statbank_f_ward_suffixes_latin1() {
    let t = read("tests/data/samples/ssb10826_semicolon_title_latin1_wards_2021_excerpt.csv");
    let got = cells(&t);
    assert_eq!(got.len(), 7);
    assert_eq!(got[0], ("030100aa".into(), "Oslo total".into(), "Persons, 0 years".into(), "2021".into(), 8843.0));
    let vals: Vec<f64> = got[..5].iter().map(|r| r.4).collect();
    assert_eq!(vals, [8843.0, 8486.0, 7875.0, 7810.0, 7777.0]);
    assert_eq!(got[5], ("030102a".into(), "Grünerløkka".into(), "Persons, 0 years".into(), "2021".into(), 989.0));
    assert_eq!(got[6].4, 870.0);
    assert!(t.records.iter().all(|r| r.region_type == RegionType::Ward));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn statbank_halden_newborns_across_the_reform() {
    // docs/kostra.md: Halden 0-year-olds 2019 = 245 (0101), 2020 = 256 and 2021 = 253 (K-3001)
    let b = read("tests/data/samples/ssb07459_comma_unquoted_2019_excerpt.csv");
    let c = read("tests/data/samples/ssb07459_tab_Kprefix_2020_excerpt.csv");
    let d = read("tests/data/samples/ssb07459_semicolon_title_Kprefix_2021_excerpt.csv");
    assert_eq!(find(&b, "0101", "Persons, 0 years", "2019").value, Some(245.0));
    assert_eq!(find(&c, "3001", "Persons, 0 years", "2020").value, Some(256.0));
    assert_eq!(find(&d, "3001", "Persons, 0 years", "2021").value, Some(253.0));
}

#[test]
fn statbank_period_column_symbols_and_decimal_comma() {
    // constructed: a long download with a year column and two contents columns
    let text = "\"12345: Constructed\"\n\n\"region\";\"år\";\"Andel\";\"Antall\"\n\
                \"0301 Oslo\";\"2020\";4,7;2 829 083\n\"0301 Oslo\";\"2021\";..;-\n\"3001 Halden\";\"2021\";:;\n";
    let t = read_bytes(text.as_bytes(), "long.csv").unwrap();
    let got: Vec<_> = t
        .records
        .iter()
        .map(|r| (r.region_code.as_str(), r.indicator.as_str(), r.period.to_string(), r.value, r.status))
        .collect();
    assert_eq!(
        got,
        [
            ("0301", "Andel", String::from("2020"), Some(4.7), None),
            ("0301", "Antall", String::from("2020"), Some(2_829_083.0), None),
            ("0301", "Andel", String::from("2021"), None, Some(Status::NotAvailable)),
            ("0301", "Antall", String::from("2021"), Some(0.0), Some(Status::Nil)),
            ("3001", "Andel", String::from("2021"), None, Some(Status::Confidential)),
            ("3001", "Antall", String::from("2021"), None, Some(Status::Unknown)),
        ]
    );
}

#[test]
fn statbank_errors_name_file_line_column_and_text() {
    let e = err("region,age,Persons 2019\n0101 Halden,0 years,245\n0101 Halden,1 year,x\n");
    assert_eq!(e, "t.csv: row 3, column 'Persons 2019': 'x' is neither a number nor an SSB symbol");
    let e = err("region,age,Persons 2019\n0101 Halden,0 years,245\n1301 Nowhere,1 year,3\n");
    assert!(e.starts_with("t.csv: row 3, column 'region': unknown region code '1301'"), "{e}");
    let e = err("region,age,Persons 2019\n0101 Halden,0 years,245\n0101 Halden,0 years,246\n");
    assert!(e.contains("row 3, column 'Persons 2019' repeats region 0101, indicator 'Persons, 0 years'"), "{e}");
    assert!(e.contains("of row 2, column 'Persons 2019'"), "{e}");
    let e = err("region,age,Persons 2019\n0101 Halden,0 years,245\n0101 Halden,1 year\n");
    assert!(e.contains("row 3"), "{e}");
    let e = err("region;year;Persons\n0101 Halden;2019;245\n0101 Halden;20x9;3\n");
    assert_eq!(
        e,
        "t.csv: row 3, column 'year': '20x9' is not an SSB period (expected YYYY, YYYYKq, YYYYMmm or YYYYUww)"
    );
    let e = err("region,age,Persons\n0101 Halden,0 years,245\n");
    assert!(e.contains("no value column"), "{e}");
}

// ---------------------------------------------------------------- JSON-stat

#[test]
fn jsonstat2_docs_example() {
    let t = read("tests/data/kostra/jsonstat2_docs_example.json");
    let got: Vec<_> = t
        .records
        .iter()
        .map(|r| {
            (
                r.region_code.as_str(),
                r.region_name.as_str(),
                r.indicator.as_str(),
                r.period.to_string(),
                r.value,
                r.status,
            )
        })
        .collect();
    let ind = "07459: Population (subset)";
    assert_eq!(
        got,
        [
            ("0101", "Halden", ind, String::from("2019"), Some(31177.0), None),
            ("0101", "Halden", ind, String::from("2020"), None, Some(Status::NotApplicable)),
            ("3001", "Halden", ind, String::from("2019"), None, Some(Status::NotApplicable)),
            ("3001", "Halden", ind, String::from("2020"), Some(31373.0), None),
        ]
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn jsonstat1_regions_contents_and_statuses() {
    let t = read("tests/data/kostra/jsonstat1_constructed_regions.json");
    assert_eq!(t.records.len(), 12);
    let share = "Share aged 67 or older (percent)";
    let r = find(&t, "0101", share, "2005");
    assert_eq!((r.region_name.as_str(), r.value, r.status), ("Halden", Some(15.4231), None));
    assert_eq!(find(&t, "0101", share, "2006").status, Some(Status::NotAvailable));
    assert_eq!(find(&t, "0101", share, "2006").value, None);
    assert_eq!(find(&t, "0101", "Persons", "2006").value, Some(27722.0));
    assert_eq!(find(&t, "0104", share, "2006").value, Some(14.3283));
    assert_eq!(find(&t, "0104", "Persons", "2005").value, Some(28040.0));
    let r = find(&t, "EKG13", share, "2005");
    assert_eq!((r.region_type, r.value, r.status), (RegionType::KostraGroup, None, Some(Status::Confidential)));
    assert_eq!(find(&t, "EKG13", "Persons", "2005").status, Some(Status::NotAvailable));
    let r = find(&t, "EKG13", "Persons", "2006");
    assert_eq!((r.value, r.status), (Some(0.0), Some(Status::Nil)));
}

#[test]
fn jsonstat2_real_ssb_response_05300() {
    let t = read("tests/data/kostra/ssb_05300_jsonstat2.json");
    assert_eq!(t.records.len(), 6 * 8 * 9);
    assert!(t.records.iter().all(|r| r.region_code == "0" && r.region_type == RegionType::Country));
    let ind = |dist: &str, venue: &str| format!("Avstand til nærmeste lokale/sted, {dist}, {venue}");
    let kino = "Kino eller lokale med jevnlig spillefilmframvisning";
    // value[0] and value[8]: under 1 km, cinema, 1991 and 2021
    assert_eq!(find(&t, "0", &ind("Under 1 km", kino), "1991").value, Some(16.0));
    assert_eq!(find(&t, "0", &ind("Under 1 km", kino), "2021").value, Some(12.0));
    // value[45]: under 1 km, sports ground, 1991
    assert_eq!(find(&t, "0", &ind("Under 1 km", "Idrettsplass eller idrettshall"), "1991").value, Some(38.0));
    // value[71] null with status ".": under 1 km, bookshop, 2021
    let r = find(&t, "0", &ind("Under 1 km", "Bokhandel"), "2021");
    assert_eq!((r.value, r.status), (None, Some(Status::NotApplicable)));
    // value[360] null with status "..": 50 km or more, cinema, 1991
    let r = find(&t, "0", &ind("50 km eller over", kino), "1991");
    assert_eq!((r.value, r.status), (None, Some(Status::NotAvailable)));
    let count = |st| t.records.iter().filter(|r| r.status == Some(st)).count();
    assert_eq!((count(Status::NotApplicable), count(Status::NotAvailable)), (20, 8));
    assert_eq!(t.records.iter().filter(|r| r.value.is_none()).count(), 28);
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("no region dimension"), "{}", t.warnings[0]);
}

#[test]
fn jsonstat1_real_ssb_response_1120_weeks() {
    let t = read("tests/data/kostra/ssb_1120_jsonstat1.json");
    let fresh = "Fish-farm bred salmon, fresh or chilled";
    let frozen = "Fish-farm bred salmon, frozen";
    let v = |ind: String, p| find(&t, "0", &ind, p).value;
    assert_eq!(v(format!("Weight (tonnes), {fresh}"), "2014U30"), Some(14297.0));
    assert_eq!(v(format!("Price per kilo (NOK), {fresh}"), "2014U30"), Some(42.23));
    assert_eq!(v(format!("Weight (tonnes), {fresh}"), "2014U31"), Some(15439.0));
    assert_eq!(v(format!("Price per kilo (NOK), {fresh}"), "2014U31"), Some(37.7));
    assert_eq!(v(format!("Weight (tonnes), {frozen}"), "2014U30"), Some(342.0));
    assert_eq!(v(format!("Price per kilo (NOK), {frozen}"), "2014U31"), Some(43.32));
    assert_eq!(t.records.len(), 8);
    assert_eq!(t.records[0].period, Period::Week(2014, 30));
}

fn json_err(text: &str) -> String {
    read_bytes(text.as_bytes(), "t.json").unwrap_err().to_string()
}

#[test]
fn jsonstat_errors() {
    let e = json_err("{\"class\": \"dataset\",\n \"id\": [\"Region\", ");
    assert!(e.starts_with("t.json: not valid JSON: ") && e.contains("line 2 column"), "{e}");
    let dim = r#""dimension": {"Region": {"category": {"index": ["0101", "0104"]}}, "Tid": {"category": {"index": ["2019"]}}}"#;
    let doc = |id: &str, size: &str, value: &str, status: &str| {
        format!(r#"{{"class": "dataset", "id": {id}, "size": {size}, {dim}, "value": {value}{status}}}"#)
    };
    let ids = r#"["Region", "Tid"]"#;
    let ok = read_bytes(doc(ids, "[2, 1]", "[1, 2]", "").as_bytes(), "t.json").unwrap();
    assert_eq!(ok.records.iter().map(|r| r.value).collect::<Vec<_>>(), [Some(1.0), Some(2.0)]);
    let e = json_err(&doc(ids, "[2, 1]", "[1, 2, 3]", ""));
    assert_eq!(e, "t.json: 'value' has 3 entries but the sizes [2, 1] multiply to 2 cells");
    let e = json_err(&doc(ids, "[2, 1]", "[1, null]", r#", "status": {"7": ".."}"#));
    assert_eq!(e, "t.json: cell index 7 is out of range: there are 2 cells");
    let e = json_err(&doc(ids, "[2, 1]", "[1, null]", r#", "status": {"1": "x"}"#));
    assert_eq!(e, "t.json: value 1 (Region=0104, Tid=2019): status 'x' is not an SSB symbol (. .. ... : - * |)");
    let e = json_err(&doc(r#"["Region", "Kjonn", "Tid"]"#, "[2, 1, 1]", "[1, 2]", ""));
    assert_eq!(e, "t.json: missing dimension 'Kjonn': it is named in 'id' but not in 'dimension'");
    let e = json_err(&doc(ids, "[3, 1]", "[1, 2, 3]", ""));
    assert_eq!(e, "t.json: dimension 'Region': 2 categories but the size is 3");
    let e = json_err(&doc(ids, "[2, 1]", r#"[1, "n/a"]"#, ""));
    assert_eq!(e, "t.json: value 1 (Region=0104, Tid=2019): 'n/a' is neither a number nor an SSB symbol");
    let e = json_err(
        r#"{"class": "dataset", "id": ["Region"], "size": [1], "dimension": {"Region": {"category": {"index": {"0101": 3}}}}, "value": [1]}"#,
    );
    assert!(e.contains("category '0101' has the position 3, out of range"), "{e}");
    let e = json_err(
        r#"{"class": "dataset", "id": ["Region"], "size": [1], "dimension": {"Region": {"category": {"index": ["0101"]}}}, "value": [1]}"#,
    );
    assert!(e.contains("missing dimension: no time dimension"), "{e}");
    let e = json_err(
        r#"{"class": "dataset", "id": ["Region", "Tid"], "size": [1, 1], "dimension": {"Region": {"category": {"index": ["1301"]}}, "Tid": {"category": {"index": ["2019"]}}}, "value": [1]}"#,
    );
    assert!(e.starts_with("t.json: value 0 (Region=1301, Tid=2019): unknown region code '1301'"), "{e}");
    let e = json_err(r#"{"class": "collection", "link": {}}"#);
    assert!(e.contains("a JSON-stat 'collection', not a dataset"), "{e}");
    // sparse values: absent cells are missing
    let sparse = read_bytes(doc(ids, "[2, 1]", r#"{"1": 5}"#, "").as_bytes(), "t.json").unwrap();
    let got: Vec<_> = sparse.records.iter().map(|r| (r.value, r.status)).collect();
    assert_eq!(got, [(None, Some(Status::Unknown)), (Some(5.0), None)]);
}

// ---------------------------------------------------------------- spreadsheets

#[test]
fn sheet_tidy_xlsx() {
    use Period::{Quarter as Q, Year};
    use RegionType as T;
    let t = read("tests/data/kostra/sheet_tidy.xlsx");
    let got: Vec<Row<'_>> = t
        .records
        .iter()
        .map(|r| {
            (
                r.region_code.as_str(),
                r.region_type,
                r.region_name.as_str(),
                r.period,
                r.value,
                r.numerator,
                r.denominator,
                r.status,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("0", T::Country, "I alt (hele landet)", Q(2008, 1), Some(4.7), Some(2_829_083.0), None, None),
            ("0101", T::Municipality, "Halden", Q(2008, 1), Some(5.3), Some(17_923.0), None, None),
            ("0104", T::Municipality, "Moss", Q(2008, 1), None, None, None, Some(Status::Confidential)),
            ("0104", T::Municipality, "Moss", Q(2008, 2), None, None, None, Some(Status::NotAvailable)),
            ("030101", T::Ward, "Gamle Oslo", Q(2008, 1), None, None, Some(2000.0), Some(Status::NumeratorMissing)),
            ("0101", T::Municipality, "Halden", Year(2005), Some(27582.0), None, None, None),
        ]
    );
    assert_eq!(t.records[0].indicator, "Sykefraværsprosent menn");
    assert_eq!(t.records[5].indicator, "population_total");
}

#[test]
fn sheet_statbank_xlsx_and_ods_with_title_row() {
    let want = rows(&[
        ("3001", "Halden", "Persons, 0 years", "2021", 253.0),
        ("3001", "Halden", "Persons, 1 year", "2021", 269.0),
        ("3001", "Halden", "Persons, 2 years", "2021", 261.0),
        ("3026", "Aurskog-Høland", "Persons, 0 years", "2021", 162.0),
        ("3026", "Aurskog-Høland", "Persons, 1 year", "2021", 167.0),
    ]);
    for f in ["tests/data/kostra/sheet_statbank.xlsx", "tests/data/kostra/sheet_statbank.ods"] {
        let t = read(f);
        assert_eq!(cells(&t), want, "{f}");
        assert!(t.warnings.iter().any(|w| w.contains("K-")), "{f}: {:?}", t.warnings);
        // the same bytes without a file name: the container is recognised
        let bytes = std::fs::read(repo(f)).unwrap();
        let m = read_bytes(&bytes, "upload").unwrap();
        assert_eq!(cells(&m), want, "{f} from bytes");
    }
}

#[test]
fn sheet_date_cells_read_the_same_for_charts_and_kostra() {
    // One cell-to-text for both readers: an Excel date cell is its ISO date (a date-time with
    // `T`), never the serial number.
    let f = "tests/data/kostra/sheet_date.xlsx";
    let want = ["2021-01-01", "2021-03-01T12:00:00"];
    let chart = spc_core::io::Table::from_path(&repo(f)).unwrap();
    assert_eq!(chart.texts("dato").unwrap(), want);
    let kostra = read(f);
    let tail: Vec<&str> = kostra.records.iter().map(|r| r.indicator.strip_prefix("pop, ").unwrap()).collect();
    assert_eq!(tail, want);
    // the same bytes without a file name
    let m = read_bytes(&std::fs::read(repo(f)).unwrap(), "upload").unwrap();
    assert_eq!(m.records, kostra.records);
    // and the chart reader takes the column as dates
    assert!(matches!(chart.x_column("dato").unwrap(), spc_core::XColumn::Date(_)));
}

#[test]
fn sheet_error_cells_are_the_same_error_for_charts_and_kostra() {
    let f = repo("tests/data/kostra/sheet_error.xlsx");
    let chart = spc_core::io::Table::from_path(&f).unwrap_err().to_string();
    let kostra = read_path(&f).unwrap_err().to_string();
    assert!(
        chart.ends_with(
            "sheet_error.xlsx [Feil]: row 3, column 'value': the cell holds the spreadsheet error #DIV/0! (cell D3)"
        ),
        "{chart}"
    );
    assert_eq!(kostra, chart);
}

#[test]
fn sheet_damaged_is_an_error() {
    let e = read_path(&repo("tests/data/excel/broken.xlsx")).unwrap_err().to_string();
    assert!(e.contains("broken.xlsx") && e.contains("spreadsheet"), "{e}");
    let bytes = std::fs::read(repo("tests/data/excel/broken.xlsx")).unwrap();
    let e = read_bytes(&bytes, "b.xlsx").unwrap_err().to_string();
    assert!(e.starts_with("b.xlsx: cannot read it as a spreadsheet"), "{e}");
}

// ---------------------------------------------------------------- DataFrame

#[cfg(feature = "polars")]
#[test]
fn to_dataframe_has_the_tidy_columns_with_nulls() {
    let t = read("tests/data/kostra/tidy_semicolon_symbols.csv");
    let df = t.to_dataframe().unwrap();
    let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "region_code",
            "region_type",
            "region_name",
            "indicator",
            "period",
            "value",
            "numerator",
            "denominator",
            "status"
        ]
    );
    assert_eq!(df.height(), 10);
    let value = df.column("value").unwrap().f64().unwrap();
    assert_eq!(value.get(0), Some(4.7));
    assert_eq!(value.get(2), None);
    assert_eq!(value.null_count(), 5);
    let num = df.column("numerator").unwrap().f64().unwrap();
    assert_eq!(num.get(0), Some(2_829_083.0));
    let st = df.column("status").unwrap().str().unwrap();
    assert_eq!((st.get(0), st.get(2), st.get(6)), (None, Some(".."), Some("zero_denominator")));
    let per = df.column("period").unwrap().str().unwrap();
    assert_eq!(per.get(0), Some("2008K1"));
    let code = df.column("region_code").unwrap().str().unwrap();
    assert_eq!((code.get(1), code.get(8)), (Some("0101"), Some("030102a")));
    let kind = df.column("region_type").unwrap().str().unwrap();
    assert_eq!(kind.get(8), Some("ward"));
}

#[test]
fn line_numbers_count_blank_lines_and_crlf() {
    let e = err("region_code,indicator,period,value\n0101,pop,2019,1\n\n\n0101,pop,2020,x\n");
    assert_eq!(e, "t.csv: row 5, column 'value': 'x' is neither a number nor an SSB symbol");
    let e = err("region_code,indicator,period,value\r\n0101,pop,2019,1\r\n\r\n0101,pop,2020,x\r\n");
    assert_eq!(e, "t.csv: row 4, column 'value': 'x' is neither a number nor an SSB symbol");
    let e = err("\"Title\"\n\nregion;year;Persons\n0101 Halden;2019;1\n\n0101 Halden;2019;2\n");
    assert!(
        e.contains("row 6, column 'Persons' repeats region 0101, indicator 'Persons', period 2019 of row 4"),
        "{e}"
    );
}

#[test]
fn sheet_errors_name_the_worksheet_row() {
    let e = read_path(&repo("tests/data/kostra/sheet_bad_value.xlsx")).unwrap_err().to_string();
    assert!(
        e.ends_with(
            "sheet_bad_value.xlsx [07459]: row 6, column 'Persons 2021': 'n/a' is neither a number nor an SSB symbol"
        ),
        "{e}"
    );
}

#[test]
fn sheet_xls_without_regions_is_an_error_naming_the_sheet() {
    let e = read_path(&repo("tests/data/excel/sick_leave.xls")).unwrap_err().to_string();
    assert!(e.ends_with("sick_leave.xls [Kvartal]: no region column: expected a column named region, or codes such as '0101 Halden'; the columns are: kvartal, sykefravær"), "{e}");
}

/// A header that names a column twice is an error naming the column and the file, in every
/// layout (the tidy columns are found ignoring case, so `value` and `Value` are the same name).
#[test]
fn a_column_named_twice_is_an_error() {
    assert_eq!(
        err("region_code,indicator,period,value,value\n0101,pop,2019,1,2\n"),
        "t.csv: column 'value': the header names two columns so (columns 4 and 5); rename one of them"
    );
    assert_eq!(
        err("region_code,indicator,period,value,Value\n0101,pop,2019,1,2\n"),
        "t.csv: column 'Value': the header names two columns so (columns 4 and 5); rename one of them"
    );
    assert_eq!(
        err("region;Persons 2019;Persons 2019\n0101 Halden;1;2\n"),
        "t.csv: column 'Persons 2019': the header names two columns so (columns 2 and 3); rename one of them"
    );
    // Unnamed columns (as spreadsheets leave them) are not names.
    assert!(read_bytes(b"region_code,indicator,period,value,,\n0101,pop,2019,1,,\n", "t.csv").is_ok());
}
