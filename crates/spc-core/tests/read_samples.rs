//! Every raw SSB StatBank sample (`tests/data/samples`, copied from `../shared/data/samples`) read
//! by `Table::read_path`: the cells equal the values in the file, split and decoded here by hand.

use std::path::{Path, PathBuf};

use spc_core::io::{ReadOptions, Table};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/samples")
}

/// The file's cells by a plain reading: Latin-1 unless valid UTF-8, SSB title and blank line
/// skipped, split on `sep`, surrounding quotes removed.
fn by_hand(path: &Path, sep: char) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap_or_else(|_| bytes.iter().map(|&b| char::from(b)).collect());
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.get(1).is_some_and(|l| l.is_empty()) {
        lines.drain(..2);
    }
    let split = |l: &str| l.split(sep).map(|c| c.trim_matches('"').to_string()).collect::<Vec<_>>();
    (split(lines[0]), lines[1..].iter().map(|l| split(l)).collect())
}

fn check(name: &str, sep: char) -> Table {
    let path = samples().join(name);
    let t = Table::read_path(&path, &ReadOptions::default()).unwrap();
    let (header, rows) = by_hand(&path, sep);
    assert_eq!(t.header, header, "{name}");
    assert_eq!(t.rows, rows, "{name}");
    // Every count column parses as the numbers written in the file.
    for (c, h) in header.iter().enumerate().filter(|(_, h)| h.starts_with("Persons")) {
        let want: Vec<f64> = rows.iter().map(|r| r[c].parse().unwrap()).collect();
        assert_eq!(t.numbers(h).unwrap(), want, "{name} {h}");
    }
    t
}

#[test]
fn comma_unquoted_utf8_with_replacement_characters() {
    let t = check("ssb07459_comma_unquoted_2019_excerpt.csv", ',');
    assert_eq!(t.numbers("Persons 2019").unwrap()[0], 245.0); // Halden 0 years 2019 (data README)
    assert!(t.rows.iter().any(|r| r[0] == "0121 R\u{fffd}mskog"));
    assert!(t.warnings.iter().any(|w| w.contains("U+FFFD")), "{:?}", t.warnings);
}

#[test]
fn semicolon_with_title_latin1() {
    let t = check("ssb07459_semicolon_title_Kprefix_2021_excerpt.csv", ';');
    assert_eq!(t.numbers("Persons 2021").unwrap()[0], 253.0);
    assert!(t.rows.iter().any(|r| r[0] == "K-3026 Aurskog-Høland"));
    assert!(t.warnings.is_empty());
}

#[test]
fn semicolon_with_title_and_sex() {
    let t = check("ssb07459_semicolon_title_sex_2021_excerpt.csv", ';');
    assert_eq!(t.header, ["region", "sex", "age", "Persons 2021"]);
    assert_eq!(t.texts("sex").unwrap()[0], "Males");
}

#[test]
fn tab_with_k_prefix_latin1() {
    let t = check("ssb07459_tab_Kprefix_2020_excerpt.csv", '\t');
    assert_eq!(t.numbers("Persons 2020").unwrap()[0], 256.0);
    assert!(t.rows.iter().any(|r| r[0] == "K-Rest Divided municalities and unknown" && r[1] == "105 years or older"));
}

#[test]
fn tab_quoted_latin1_wide() {
    let t = check("ssb07459_tab_quoted_latin1_wide_2005-2009_excerpt.csv", '\t');
    assert_eq!(t.header.len(), 7);
    assert_eq!(t.numbers("Persons 2009").unwrap()[0], 312.0);
    assert!(t.rows.iter().any(|r| r[0] == "2030 Sør-Varanger"));
}

#[test]
fn semicolon_wards_latin1() {
    let t = check("ssb10826_semicolon_title_latin1_wards_2021_excerpt.csv", ';');
    assert_eq!(t.numbers("Persons 2021").unwrap()[0], 8843.0);
    assert!(t.rows.iter().any(|r| r[0] == "030102a Grünerløkka"));
}

#[test]
fn every_sample_is_covered() {
    let n = std::fs::read_dir(samples()).unwrap().count();
    assert_eq!(n, 6, "a new sample needs its own test above");
}
