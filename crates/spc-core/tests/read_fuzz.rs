//! The chart reader (`Table::read_csv`, `Table::read_path` for spreadsheets) never panics and
//! finishes quickly, whatever the bytes: random bytes and text, and the real files of the
//! repository (`data/*.csv`, `tests/data/samples/*`, the spreadsheets of `tests/data/excel`)
//! with bytes flipped, cut short, or with separators, quotes, decimal commas and line breaks
//! inserted. Each input either reads or is refused with an error that names the file; what
//! reads is made into chart input and charted, which may fail with an error but never panics.
//! (The KOSTRA readers have the same tests in `kostra_read_fuzz.rs`.)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "common/mutate.rs"]
mod mutate;

use mutate::{apply, edit};
use proptest::prelude::*;
use spc_core::io::{Columns, Encoding, ReadOptions, Table};
use spc_core::{ChartKind, ChartSpec};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The files of `dir` (relative to the repository) whose name ends in `ext`, sorted.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(ext))
        .collect();
    v.sort();
    v
}

/// The CSV files: `data/*.csv` and every StatBank sample.
fn csv_fixtures() -> Vec<PathBuf> {
    let mut v = files("data", ".csv");
    v.extend(files("tests/data/samples", ""));
    v
}

/// The spreadsheets that read (`broken.xlsx` is broken on purpose).
fn sheet_fixtures() -> Vec<PathBuf> {
    ["sick_leave.xlsx", "sick_leave.xls", "sick_leave.ods"]
        .iter()
        .map(|n| repo().join("tests/data/excel").join(n))
        .collect()
}

/// Bytes likely to break a reader in interesting ways.
const INSERTS: [&[u8]; 16] = [
    b",",
    b";",
    b"\t",
    b"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b",5",
    b"NA",
    b"inf",
    b"-",
    b"x",
    b"\xff",
    b"\xef\xbb\xbf",
    b"1e308",
    b"\"\"",
];

/// The read options tried on each input: detected, and forced the Norwegian Excel way.
fn options() -> [ReadOptions; 2] {
    [
        ReadOptions::default(),
        ReadOptions { sep: Some(b';'), decimal_comma: Some(true), encoding: Some(Encoding::Latin1), sheet: None },
    ]
}

/// Charts what was read: the first two columns as x and y (and the third as n for a P chart),
/// each kind in turn. Errors are fine; a panic is not.
fn chart(t: &Table) {
    let [x, y, rest @ ..] = t.header.as_slice() else { return };
    let cols = Columns { x: x.clone(), y: y.clone(), n: rest.first().cloned(), ..Columns::default() };
    let Ok(input) = t.input(&cols) else { return };
    for kind in [ChartKind::Run, ChartKind::I, ChartKind::P, ChartKind::Xbar, ChartKind::C] {
        if let Err(e) = ChartSpec::new(kind).compute(&input) {
            assert!(!t.locate(e, &cols).to_string().is_empty());
        }
    }
}

/// Reads `bytes` as a CSV file named `source`: within 2 s, and an error names the file.
fn check(bytes: &[u8], source: &str) {
    for opts in options() {
        let t0 = Instant::now();
        let r = Table::read_csv(bytes, source, &opts);
        assert!(t0.elapsed() < Duration::from_secs(2), "{source}: took {:?}", t0.elapsed());
        match r {
            Ok(t) => {
                assert_eq!(t.rows.len(), t.row_numbers.len(), "{source}: a row number per row");
                assert!(t.rows.iter().all(|r| r.len() == t.header.len()), "{source}: rows as wide as the header");
                chart(&t);
            }
            Err(e) => assert!(e.to_string().starts_with(source), "an error names the file: {e}"),
        }
    }
}

/// Reads `bytes` as a spreadsheet of extension `ext` (written to a temporary file, removed
/// after, as the reader opens a path): an error names the file.
fn check_sheet(bytes: &[u8], ext: &str) {
    let mut file = tempfile::Builder::new().suffix(&format!(".{ext}")).tempfile().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    let source = file.path().display().to_string();
    match Table::read_path(file.path(), &ReadOptions::default()) {
        Ok(t) => chart(&t),
        Err(e) => assert!(e.to_string().starts_with(&source), "an error names the file: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes, "random.bin");
    }

    #[test]
    fn random_text_never_panics(text in "[0-9a-zK\\-.,; \t\"\r\n]{0,300}") {
        check(text.as_bytes(), "random.csv");
    }

    #[test]
    fn mutated_csv_files_never_panic(which in any::<usize>(), edits in proptest::collection::vec(edit(), 1..6)) {
        let files = csv_fixtures();
        let bytes = apply(std::fs::read(&files[which % files.len()]).unwrap(), &edits, &INSERTS);
        check(&bytes, "mutated.csv");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_spreadsheets_never_panic(
        which in any::<usize>(),
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let files = sheet_fixtures();
        let file = &files[which % files.len()];
        let ext = file.extension().unwrap().to_string_lossy().into_owned();
        check_sheet(&apply(std::fs::read(file).unwrap(), &edits, &INSERTS), &ext);
    }
}

/// The files the mutations start from read and chart as they are.
#[test]
fn every_fixture_reads_before_mutation() {
    let csv = csv_fixtures();
    assert!(csv.len() >= 8, "{csv:?}");
    for p in csv.iter().chain(&sheet_fixtures()) {
        let t = Table::read_path(p, &ReadOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(!t.rows.is_empty(), "{}", p.display());
        chart(&t);
    }
}
