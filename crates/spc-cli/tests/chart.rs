//! `spc chart` as a user runs it: the reference cases through `--data`, the summary, and a
//! clear message and exit code for every kind of bad input.

mod common;

use common::{data, spc, stderr, Scratch};

#[test]
fn every_qicharts2_case_through_spc_chart_data() {
    let mut failures = Vec::new();
    let scratch = Scratch::new();
    for case in common::cases("qicharts2") {
        let out = scratch.path(&format!("{}.csv", case.id));
        let mut args: Vec<String> = vec!["chart".into(), case.input.display().to_string()];
        args.extend(case.cli_args());
        args.extend(["--data".into(), out.display().to_string()]);
        let o = spc(&args);
        if !o.status.success() {
            failures.push(format!("{}: exit {:?}: {}", case.id, o.status.code(), stderr(&o)));
            continue;
        }
        let skip: &[&str] = match case.id.as_str() {
            // Documented in spc-core/tests/qicharts2.rs (pooled SD over empty subgroups).
            "xbar_na_test" => &["lcl", "ucl", "lcl.95", "ucl.95"],
            "s_na_test" => &["cl", "ucl", "lcl", "lcl.95", "ucl.95"],
            _ => &[],
        };
        failures.extend(common::compare_qic(&case, &std::fs::read_to_string(&out).unwrap(), skip));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn summary_in_words_on_the_bundled_sick_leave_data() {
    let f = data("sykefravaer_totalt.csv");
    let o = spc(&["chart", &f, "--chart", "i", "--x", "kvartal", "--y", "sykefravær_prosent", "--part", "16"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).unwrap();
    // Part 1: 2000K2-2004K1 (16 quarters), part 2: 2004K2-2011K3 (30 quarters).
    assert!(s.contains("part 1: 2000-04-01 to 2004-01-01 (16 points"), "{s}");
    assert!(s.contains("part 2: 2004-04-01 to 2011-07-01 (30 points"), "{s}");
    // Mean of part 1 = 122.6 / 16 = 7.6625.
    assert!(s.contains("centre line: 7.6625\n"), "{s}");
    assert!(s.lines().any(|l| l.starts_with("Signal: non-random runs in part 1")), "{s}");
    // The verdict: part 2 against part 1 (no improvement direction given).
    assert_eq!(
        s.lines().last().unwrap(),
        "After the change in 2004 Q2, 19 points in a row lie below the baseline centre line: a sustained change (Anhøj: longest run 19 > 9; 3-sigma rule: 10 point(s) below the lower limit)."
    );
}

#[test]
fn data_to_stdout_has_the_contract_columns() {
    let f = data("sykefravaer_totalt.csv");
    let o = spc(&["chart", &f, "--chart", "run", "--x", "kvartal", "--y", "sykefravær_prosent", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).unwrap();
    let mut lines = s.lines();
    assert_eq!(
        lines.next().unwrap(),
        "x,y,n,cl,lcl,ucl,lcl_95,ucl_95,target,part,baseline,include,runs_signal,sigma_signal,longest_run,longest_run_max,n_crossings,n_crossings_min,n_obs,n_useful"
    );
    // First quarter: 6.9 %; the median of the 46 quarters is 7.1 and 5 quarters equal it, so
    // 41 useful points: longest run 12 (> 8 = round(log2 41) + 3), 14 crossings (< 15 =
    // qbinom(0.05, 40, 0.5)); computed by hand in Python from the file. No limits on a run chart.
    assert_eq!(lines.next().unwrap(), "2000-04-01,6.9,,7.1,,,,,,1,true,true,true,false,12,8,14,15,46,41");
}

fn fails_with(args: &[&str], code: i32, needles: &[&str]) {
    let o = spc(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    let e = stderr(&o);
    for n in needles {
        assert!(e.contains(n), "{args:?}: expected {n:?} in {e:?}");
    }
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn errors_name_the_culprit() {
    let scratch = Scratch::new();
    let good = scratch.file("good.csv", "x,y,n\n1,3,10\n2,4,10\n3,5,10\n4,2,10\n5,3,10\n");
    fails_with(&["chart", &good, "--chart", "q", "--x", "x", "--y", "y"], 2, &["--chart", "'q'", "xbar"]);
    fails_with(&["chart", &good, "--chart", "i", "--x", "x", "--y", "z"], 2, &["good.csv", "'z'", "x, y, n"]);
    fails_with(&["chart", &good, "--chart", "p", "--x", "x", "--y", "y"], 2, &["p chart needs a denominator", "--n"]);
    fails_with(
        &["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--freeze", "9"],
        2,
        &["freeze = 9", "only 5 points"],
    );
    fails_with(
        &["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--part", "5"],
        2,
        &["part position 5", "between 1 and 4"],
    );
    fails_with(&["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--exclude", "0"], 2, &["exclude position 0"]);
    fails_with(
        &["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--method", "best"],
        2,
        &["--method", "'best'", "bestbox"],
    );
    fails_with(&["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--agg", "max"], 2, &["--agg", "'max'"]);
    fails_with(&["chart", &good, "--chart", "i", "--x", "x", "--y", "y", "--freeze", "x"], 2, &["--freeze"]);
    fails_with(&["chart", &good, "--chart", "i", "--y", "y"], 2, &["--x"]);

    let neg = scratch.file("neg.csv", "x,y,n\n1,3,10\n2,4,-10\n");
    fails_with(
        &["chart", &neg, "--chart", "p", "--x", "x", "--y", "y", "--n", "n"],
        1,
        &["neg.csv: row 3, column 'n': negative denominator -10"],
    );
    let text = scratch.file("text.csv", "x,y\n1,3\n2,4\n3,fire\n");
    fails_with(
        &["chart", &text, "--chart", "i", "--x", "x", "--y", "y"],
        1,
        &["text.csv", "row 4", "column 'y'", "'fire'"],
    );
    let empty = scratch.file("empty.csv", "");
    fails_with(&["chart", &empty, "--chart", "i", "--x", "x", "--y", "y"], 1, &["empty.csv", "empty"]);
    let header = scratch.file("header.csv", "x,y\n");
    fails_with(&["chart", &header, "--chart", "i", "--x", "x", "--y", "y"], 1, &["header.csv", "no data rows"]);
    let ragged = scratch.file("ragged.csv", "x,y\n1,2\n2\n");
    fails_with(&["chart", &ragged, "--chart", "i", "--x", "x", "--y", "y"], 1, &["ragged.csv", "row 3"]);
    let t = scratch.file("t.csv", "x,y\n1,3\n2,0\n3,4\n");
    fails_with(&["chart", &t, "--chart", "t", "--x", "x", "--y", "y"], 1, &["T chart", "> 0", "row 3"]);
    fails_with(&["chart", "/nonexistent/file.csv", "--x", "x", "--y", "y"], 1, &["/nonexistent/file.csv"]);
}

/// Every error about a value says where it is in one format, `FILE: row R, column 'C': what`,
/// the row as a spreadsheet shows it (the header is row 1) and the column by its name in the
/// file; `spc mdc` too. A header naming a column twice is refused, naming it.
#[test]
fn data_errors_name_file_row_and_column_in_one_format() {
    let scratch = Scratch::new();
    // (file, its content, the arguments after it, the message after "FILE: ").
    let cases: [(&str, &str, &[&str], &str); 6] = [
        (
            "inf.csv",
            "x,y\n1,3\n2,4\n3,inf\n",
            &["--chart", "i", "--x", "x", "--y", "y"],
            "row 4, column 'y': value is inf; values must be finite",
        ),
        (
            "t.csv",
            "uke;dager\n1;3\n\n2;0\n",
            &["--chart", "t", "--x", "uke", "--y", "dager"],
            "row 4, column 'dager': a T chart needs times between events > 0, got 0",
        ),
        (
            "n.csv",
            "uke,antall,pasienter\n1,3,10\n2,4,-10\n",
            &["--chart", "p", "--x", "uke", "--y", "antall", "--n", "pasienter"],
            "row 3, column 'pasienter': negative denominator -10: denominators must be >= 0",
        ),
        (
            "text.csv",
            "x,y\n1,3\n2,fire\n",
            &["--chart", "i", "--x", "x", "--y", "y"],
            "row 3, column 'y': 'fire' is not a number",
        ),
        (
            "mdc.csv",
            "d,v\n2021-01-01,1\n,2\n2021-03-01,3\n",
            &["--x", "d", "--y", "v"],
            "row 3, column 'd': the value is missing; every point of an MDC chart needs a date",
        ),
        (
            "twice.csv",
            "x,y,y\n1,3,30\n2,4,40\n",
            &["--chart", "i", "--x", "x", "--y", "y"],
            "column 'y': the header names two columns so (columns 2 and 3); rename one of them",
        ),
    ];
    for (name, content, rest, want) in cases {
        let f = scratch.file(name, content);
        let command = if name == "mdc.csv" { "mdc" } else { "chart" };
        let mut args = vec![command, f.as_str()];
        args.extend(rest);
        let o = spc(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), format!("spc: error: {f}: {want}\n"));
    }
}

/// Counts above their denominators on a P, P' or NP chart are charted, with a warning naming
/// the rows (as the file numbers them).
#[test]
fn counts_above_their_denominator_are_warned_naming_the_rows() {
    let scratch = Scratch::new();
    let f = scratch.file("p.csv", "x,y,n\n1,3,10\n2,15,10\n3,4,10\n4,12,8\n5,2,10\n");
    for (kind, name) in [("p", "a P"), ("pp", "a P'"), ("np", "an NP")] {
        let o = spc(&["chart", &f, "--chart", kind, "--x", "x", "--y", "y", "--n", "n"]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let want = format!(
            "spc: warning: 2 row(s) have a count above their denominator (y > n): a proportion above 1, which {name} \
             chart cannot have (are y and n the right columns?): row(s) 3, 5\n"
        );
        assert!(stderr(&o).contains(&want), "{kind}: {}", stderr(&o));
    }
    let o = spc(&["chart", &f, "--chart", "u", "--x", "x", "--y", "y", "--n", "n"]);
    assert!(o.status.success() && !stderr(&o).contains("above their denominator"), "{}", stderr(&o));
}

/// Every output is written to a temporary file beside it and renamed into place: a run leaves
/// only the files asked for, a failing run leaves an existing output byte for byte as it was,
/// and an output that cannot be written is an error naming it that leaves nothing behind.
#[test]
fn outputs_are_written_whole_or_not_at_all() {
    let scratch = Scratch::new();
    let input = common::qic_case_input("c_montgomery_7_8").display().to_string();
    let chart = ["chart", input.as_str(), "--chart", "c", "--x", "x", "--y", "y"];
    let names = || {
        let mut v: Vec<String> =
            std::fs::read_dir(scratch.dir()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        v.sort();
        v
    };
    let (data, summary, signals, baseline, svg) =
        (scratch.arg("d.csv"), scratch.arg("s.csv"), scratch.arg("g.csv"), scratch.arg("b.json"), scratch.arg("c.svg"));
    let mut args = chart.to_vec();
    args.extend(["--data", &data, "--summary", &summary, "--signals", &signals, "--save-baseline", &baseline]);
    args.extend(["-o", &svg]);
    let o = spc(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(), ["b.json", "c.svg", "d.csv", "g.csv", "s.csv"]);
    // A run that fails while drawing leaves the image there as it was.
    let before = std::fs::read(&svg).unwrap();
    let mut args = chart.to_vec();
    args.extend(["-o", &svg, "--note", "99=Late"]);
    let o = spc(&args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&svg).unwrap(), before);
    // A folder where the data should go, or a folder that does not exist: an error naming the
    // target (exit 1), the folder as it was, and no file anywhere.
    std::fs::create_dir(scratch.path("dir.csv")).unwrap();
    for target in [scratch.arg("dir.csv"), scratch.arg("no/such/folder/d.csv")] {
        let mut args = chart.to_vec();
        args.extend(["--data", &target]);
        let o = spc(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).starts_with(&format!("spc: error: cannot write the data to {target}: ")), "{}", stderr(&o));
    }
    assert!(scratch.path("dir.csv").is_dir());
    assert_eq!(names(), ["b.json", "c.svg", "d.csv", "dir.csv", "g.csv", "s.csv"]);
}

#[test]
fn too_few_points_and_gaps_are_warned_on_stderr() {
    let scratch = Scratch::new();
    let f = scratch.file("gaps.csv", "month,y\n2021-01-01,5\n2021-02-01,6\n2021-04-01,5\n2021-05-01,7\n2021-06-01,6\n");
    let o = spc(&["chart", &f, "--chart", "i", "--x", "month", "--y", "y"]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(e.contains("1 month(s) without data") && e.contains("between 2021-02-01 and 2021-04-01"), "{e}");
    assert!(e.contains("5 baseline point(s)") && e.contains("at least 12"), "{e}");
    assert!(e.contains("only 5 useful point(s)"), "{e}");
}

#[test]
fn missing_values_stay_as_gaps() {
    let scratch = Scratch::new();
    let f = scratch.file("na.csv", "x,y\n1,3\n2,\n3,4\n4,NA\n5,6\n");
    let o = spc(&["chart", &f, "--chart", "i", "--x", "x", "--y", "y", "--data", "-"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<&str> = s.lines().skip(1).collect();
    assert_eq!(rows.len(), 5, "every x stays in the output");
    assert!(rows[1].starts_with("2,,,"), "{}", rows[1]);
    assert!(rows[3].starts_with("4,,,"), "{}", rows[3]);
}

#[test]
fn help_shows_examples() {
    let o = spc(&["chart", "--help"]);
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("Examples:") && s.contains("--freeze-part") && s.contains("--part-col"), "{s}");
}
