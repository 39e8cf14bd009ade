//! `spc kostra read` as a user runs it: every input format through the binary, the tidy CSV it
//! writes (values read by hand from the fixtures), warnings on stderr, errors with exit code 1.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{repo, spc, spc_command, stderr, stdout, Scratch};

const HEADER: &str = "region_code,region_type,region_name,indicator,period,value,numerator,denominator,status";

/// Reads INPUT to stdout; checks success and returns the CSV lines.
fn read_ok(rel: &str) -> (Vec<String>, String) {
    let o = spc(&["kostra", "read", &repo(rel)]);
    assert!(o.status.success(), "{rel}: exit {:?}: {}", o.status.code(), stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines[0], HEADER, "{rel}");
    (lines, stderr(&o))
}

#[test]
fn statbank_csv_wide_latin1() {
    let (lines, err) = read_ok("tests/data/samples/ssb07459_tab_quoted_latin1_wide_2005-2009_excerpt.csv");
    assert_eq!(lines.len(), 1 + 45);
    assert_eq!(lines[1], "0101,municipality,Halden,\"Persons, 0 years\",2005,314,,,");
    assert_eq!(lines[5], "0101,municipality,Halden,\"Persons, 0 years\",2009,312,,,");
    assert_eq!(lines[45], "2030,municipality,Sør-Varanger,\"Persons, 105 years or older\",2009,0,,,");
    assert_eq!(err, "");
}

#[test]
fn statbank_csv_k_prefix_warns_on_stderr() {
    let (lines, err) = read_ok("tests/data/samples/ssb07459_semicolon_title_Kprefix_2021_excerpt.csv");
    assert_eq!(lines[1], "3001,municipality,Halden,\"Persons, 0 years\",2021,253,,,");
    assert_eq!(lines[8], "3026,municipality,Aurskog-Høland,\"Persons, 0 years\",2021,162,,,");
    assert!(err.starts_with("spc: warning: ") && err.contains("K- region codes"), "{err}");
}

#[test]
fn tidy_csv_with_symbols_to_out_file() {
    let scratch = Scratch::new();
    let out = scratch.path("tidy.csv");
    let o = spc(&[
        "kostra",
        "read",
        &repo("tests/data/kostra/tidy_semicolon_symbols.csv"),
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], HEADER);
    assert_eq!(lines[1], "0,country,I alt (hele landet),Sykefraværsprosent menn,2008K1,4.7,2829083,,");
    assert_eq!(lines[3], "0101,municipality,Halden,Sykefraværsprosent menn,2008K2,,,,..");
    assert_eq!(lines[5], "0104,municipality,Moss,Sykefraværsprosent menn,2008K2,0,,,-");
    assert_eq!(lines[7], "0301,municipality,Oslo kommune,Sykefraværsprosent menn,2008K1,,120,0,zero_denominator");
}

#[test]
fn jsonstat_through_the_binary() {
    let (lines, err) = read_ok("tests/data/kostra/jsonstat2_docs_example.json");
    assert_eq!(
        lines[1..],
        [
            "0101,municipality,Halden,07459: Population (subset),2019,31177,,,",
            "0101,municipality,Halden,07459: Population (subset),2020,,,,.",
            "3001,municipality,Halden,07459: Population (subset),2019,,,,.",
            "3001,municipality,Halden,07459: Population (subset),2020,31373,,,",
        ]
    );
    assert_eq!(err, "");
    let (lines, err) = read_ok("tests/data/kostra/ssb_05300_jsonstat2.json");
    assert_eq!(lines.len(), 1 + 432);
    assert_eq!(
        lines[1],
        "0,country,,\"Avstand til nærmeste lokale/sted, Under 1 km, Kino eller lokale med jevnlig spillefilmframvisning\",1991,16,,,"
    );
    assert!(lines[72].ends_with(",2021,,,,."), "{}", lines[72]);
    assert!(err.contains("spc: warning: ") && err.contains("no region dimension"), "{err}");
}

#[test]
fn spreadsheet_through_the_binary() {
    let (lines, _) = read_ok("tests/data/kostra/sheet_statbank.xlsx");
    assert_eq!(lines[1], "3001,municipality,Halden,\"Persons, 0 years\",2021,253,,,");
    assert_eq!(lines.len(), 6);
    let (lines, _) = read_ok("tests/data/kostra/sheet_tidy.xlsx");
    assert_eq!(lines[2], "0101,municipality,Halden,Sykefraværsprosent menn,2008K1,5.3,17923,,");
}

#[test]
fn standard_input() {
    let mut child = spc_command()
        .args(["kostra", "read", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"region;year;Persons\n\"0301 Oslo\";2020;693494\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{HEADER}\n0301,municipality,Oslo,Persons,2020,693494,,,\n"));
}

#[test]
fn bad_files_exit_1_with_the_place() {
    let scratch = Scratch::new();
    let bad = scratch.path("bad.csv");
    std::fs::write(
        &bad,
        "region_code,region_name,indicator,period,value\n0101,Halden,pop,2019,12\n0101,Halden,pop,2020,n/a\n",
    )
    .unwrap();
    let o = spc(&["kostra", "read", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("spc: error: {}: row 3, column 'value': 'n/a' is neither a number nor an SSB symbol\n", bad.display())
    );
    let bad = scratch.path("bad.json");
    std::fs::write(&bad, "{\"class\": \"dataset\", \"id\": [").unwrap();
    let o = spc(&["kostra", "read", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not valid JSON") && stderr(&o).contains("line 1 column"), "{}", stderr(&o));
    let o = spc(&["kostra", "read", &repo("tests/data/kostra/no_such_file.csv")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no_such_file.csv"), "{}", stderr(&o));
}

/// `--region`, `--indicator` and `--years` keep only the rows asked for; the rows are those of
/// the file (Oslo's population 2019-2021 as the file has them).
#[test]
fn selection_flags_keep_the_rows_asked_for() {
    let file = repo("data/kostra/ssb_07459_population_municipality_2005_2021.csv");
    let o =
        spc(&["kostra", "read", &file, "--region", "301", "--indicator", "population_total", "--years", "2019-2021"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected: Vec<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter(|l| {
            l.starts_with("0301,")
                && l.contains(",population_total,")
                && (2019..=2021).any(|y| l.contains(&format!(",{y},")))
        })
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{},municipality,{},{},{},{},,,", f[0], f[1], f[2], f[3], f[4])
        })
        .collect();
    assert_eq!(expected.len(), 3);
    assert_eq!(stdout(&o), format!("{HEADER}\n{}\n", expected.join("\n")));
    let o = spc(&["kostra", "read", &file, "--indicator", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'nope'"), "{}", stderr(&o));
}
