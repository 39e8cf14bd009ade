//! Input the way users have it, through `spc chart`: Norwegian CSV (`;`, decimal comma,
//! Latin-1), spreadsheets, and one clear line with the right exit code for every malformed file.

mod common;

use std::process::Output;

use common::{repo, spc, spc_command, stderr, stdout, Scratch};

/// Runs `spc chart FILE --chart run --x x --y y [extra]` and returns (exit code, stderr).
fn run(file: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["chart", file, "--chart", "run", "--x", "x", "--y", "y", "--data", "-"];
    args.extend(extra);
    let o = spc(&args);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

fn y_of(out: &Output) -> Vec<f64> {
    let text = stdout(out);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let col = r.headers().unwrap().iter().position(|h| h == "y").unwrap();
    r.records().map(|rec| rec.unwrap()[col].parse().unwrap_or(f64::NAN)).collect()
}

#[test]
fn norwegian_excel_csv_semicolon_decimal_comma_latin1() {
    let scratch = Scratch::new();
    // "måned;verdi" in Latin-1 with decimal commas, as Norwegian Excel saves it.
    let mut bytes = b"m\xe5ned;verdi\n".to_vec();
    bytes.extend_from_slice(b"2021M01;1,5\n2021M02;2,25\n2021M03;NA\n2021M04;1\xa0234,5\n");
    let f = scratch.file("nb.csv", &bytes);
    let o = spc(&["chart", &f, "--chart", "run", "--x", "måned", "--y", "verdi", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let y = y_of(&o);
    assert_eq!(&y[..2], [1.5, 2.25]);
    assert_eq!(y[3], 1234.5);
}

#[test]
fn overrides_sep_decimal_encoding() {
    let scratch = Scratch::new();
    let f = scratch.file("pipe.txt", b"x|y\n1|0,5\n2|1,5\n3|2,5\n");
    let o = spc(&["chart", &f, "--x", "x", "--y", "y", "--sep", "|", "--decimal", ",", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(y_of(&o), [0.5, 1.5, 2.5]);
    // Valid UTF-8 read as Latin-1 on request: "Ã¥" instead of "å", so the column is not found.
    let f = scratch.file("utf8.csv", "å,y\n1,2\n".as_bytes());
    let o = spc(&["chart", &f, "--x", "å", "--y", "y", "--encoding", "latin1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("column 'å' not found; the columns are: Ã¥, y"));
    let (code, err) = run(&f, &["--encoding", "ebcdic"]);
    assert_eq!(
        (code, err.trim()),
        (2, "spc: error: --encoding: unknown value 'ebcdic' for encoding: expected one of utf8, latin1")
    );
}

#[test]
fn xlsx_xls_and_ods_with_dates_and_sheets() {
    let f = repo("tests/data/excel/sick_leave.xlsx");
    let o = spc(&["chart", &f, "--chart", "i", "--x", "kvartal", "--y", "sykefravær", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(y_of(&o), [6.9, 7.1, 5.8, 6.4, 7.6]);
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with("2021-01-01,"));
    // The same rows as OpenDocument (LibreOffice), dates as ODS date cells.
    let ods = repo("tests/data/excel/sick_leave.ods");
    let o = spc(&["chart", &ods, "--chart", "i", "--x", "kvartal", "--y", "sykefravær", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(y_of(&o), [6.9, 7.1, 5.8, 6.4, 7.6]);
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with("2021-01-01,"));
    // And as Excel 97-2003 (.xls, BIFF8), dates as Excel date cells (tests/data/excel/make_xls.py).
    let xls = repo("tests/data/excel/sick_leave.xls");
    let o = spc(&["chart", &xls, "--chart", "i", "--x", "kvartal", "--y", "sykefravær", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(y_of(&o), [6.9, 7.1, 5.8, 6.4, 7.6]);
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with("2021-01-01,"));
    let o = spc(&["chart", &f, "--sheet", "2", "--x", "x", "--y", "label"]);
    assert_eq!(o.status.code(), Some(1));
    let (code, err) = run(&f, &["--sheet", "Ark9"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!("spc: error: invalid sheet: no worksheet 'Ark9' in {f}; the sheets are: Kvartal, Notater")
    );
}

/// A malformed file: name, content, extra flags, exit code, the message.
type Malformed<'a> = (&'a str, &'a [u8], &'a [&'a str], i32, String);

/// Each malformed input: one line naming the file (and row and column where there are ones),
/// exit code 1 for bad data, 2 for bad arguments.
#[test]
fn malformed_inputs_give_one_clear_line() {
    let scratch = Scratch::new();
    let cases: Vec<Malformed<'_>> = vec![
        ("empty.csv", b"", &[], 1, "the file is empty: expected a header line and data rows".into()),
        ("header_only.csv", b"x,y\n", &[], 1, "no data rows after the header".into()),
        ("ragged.csv", b"x,y\n1,2\n2\n3,4\n", &[], 1, "row 3: 1 field(s) where the header has 2".into()),
        ("text.csv", b"x,y\n1,2\n2,abc\n", &[], 1, "row 3, column 'y': 'abc' is not a number".into()),
        ("unknown.csv", b"x,value\n1,2\n", &[], 2, "column 'y' not found; the columns are: x, value".into()),
        (
            "wrong_sep.csv",
            b"x;y\n1;2\n",
            &["--sep", ","],
            1,
            "the header has one column 'x;y', so the separator is wrong: the file seems to use ';' (--sep)".into(),
        ),
    ];
    for (name, content, extra, want_code, want) in cases {
        let f = scratch.file(name, content);
        let (code, err) = run(&f, extra);
        assert_eq!(code, want_code, "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.starts_with("spc: error: ") && err.contains(&f), "{name}: {err}");
        assert!(err.contains(&want), "{name}: {err}");
    }
    let f = repo("tests/data/excel/broken.xlsx");
    let (code, err) = run(&f, &[]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1);
    assert!(err.starts_with(&format!("spc: error: {f}: cannot read it as a spreadsheet: ")), "{err}");
}

#[test]
fn stdin_reads_csv() {
    use std::io::Write;
    let mut child = spc_command()
        .args(["chart", "-", "--x", "x", "--y", "y", "--data", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"x;y\n1;1,5\n2;2,5\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(y_of(&o), [1.5, 2.5]);
}
