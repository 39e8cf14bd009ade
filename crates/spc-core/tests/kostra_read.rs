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
    assert_eq!(e, "t.csv: line 3, column 'value': 'x' is neither a number nor an SSB symbol");
    let e = err(&format!("{head}0101,Halden,pop,2019,n/a\n"));
    assert!(e.contains("line 2, column 'value': 'n/a'"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n1301,X,pop,2019,3\n"));
    assert!(e.starts_with("t.csv: line 3, column 'region_code': unknown region code '1301'"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0101,Halden,pop,2019K5,3\n"));
    assert!(e.starts_with("t.csv: line 3, column 'period': '2019K5' is not an SSB period"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0102,Sarpsborg,pop,2019,1\n101,Halden,pop,2019,13\n"));
    assert!(e.contains("line 4 repeats region 0101, indicator 'pop', period 2019 of line 2"), "{e}");
    let e = err(&format!("{head}0101,Halden,pop,2019,12\n0101,Halden,pop\n"));
    assert!(e.starts_with("t.csv: ") && e.contains("line 3"), "{e}");
    let e = err("region_code,indicator,period,value,status\n0101,pop,2019,,??\n");
    assert!(e.contains("line 2, column 'status': '??' is not a status"), "{e}");
    let e = err("region_code,indicator,period,value,status\n0101,pop,2019,5,..\n");
    assert!(e.contains("line 2, column 'value': '5' has the status '..'"), "{e}");
}
