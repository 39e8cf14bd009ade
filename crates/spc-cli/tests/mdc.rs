//! `spc mdc`: every NHSRplotthedots reference case through `--data` and `--icons`, and its errors.

mod common;

use common::{spc, stderr, Scratch};

#[test]
fn every_plotthedots_case_through_spc_mdc() {
    let mut diffs = Vec::new();
    let scratch = Scratch::new();
    for case in common::cases("plotthedots") {
        let (data, icons) =
            (scratch.path(&format!("{}.data.csv", case.id)), scratch.path(&format!("{}.icons.csv", case.id)));
        let mut args: Vec<String> = vec![
            "mdc".into(),
            case.input.display().to_string(),
            "--x".into(),
            "date".into(),
            "--y".into(),
            "value".into(),
        ];
        let faceted = case.json["facet"].as_bool().unwrap();
        if faceted {
            args.extend(["--facet".into(), "facet".into()]);
        }
        if let Some(d) = case.text("improvement_direction") {
            args.extend(["--improvement".into(), d]);
        }
        if let Some(t) = case.number("target") {
            args.extend(["--target".into(), t.to_string()]);
        }
        if let Some(r) = case.text("rebase") {
            args.extend(["--rebase".into(), r]);
        }
        args.extend(["--data".into(), data.display().to_string(), "--icons".into(), icons.display().to_string()]);
        let o = spc(&args);
        assert!(o.status.success(), "{}: {}", case.id, stderr(&o));
        let ours = common::read_csv(&std::fs::read_to_string(&data).unwrap());
        let exp = common::read_csv(&std::fs::read_to_string(&case.expected).unwrap());
        let mut expected_cols: Vec<&str> = vec!["x", "y", "cl", "lcl", "ucl", "part", "point_type", "target"];
        if faceted {
            expected_cols.push("facet");
        }
        let mut keys: Vec<&String> = ours.keys().collect();
        keys.sort();
        let mut want: Vec<&str> = expected_cols.clone();
        want.sort_unstable();
        assert_eq!(keys, want, "{}: --data columns", case.id);
        for (col, theirs) in [
            ("x", "x"),
            ("y", "y"),
            ("cl", "mean_col"),
            ("lcl", "lpl"),
            ("ucl", "upl"),
            ("point_type", "point_type"),
            ("target", "target"),
            ("facet", "f"),
        ] {
            if col == "facet" && !faceted {
                continue;
            }
            for (i, (a, b)) in ours[col].iter().zip(&exp[theirs]).enumerate() {
                if !common::cells_agree(a, b) {
                    diffs.push(format!("{} row {} {col}: {a:?} vs {b:?}", case.id, i + 1));
                }
            }
        }
        for (i, (a, b)) in ours["part"].iter().zip(&exp["rebase_group"]).enumerate() {
            if a.parse::<u32>().unwrap() != b.parse::<u32>().unwrap() + 1 {
                diffs.push(format!("{} row {} part", case.id, i + 1));
            }
        }
        let ic = common::read_csv(&std::fs::read_to_string(&icons).unwrap());
        let ef = common::read_csv(
            &std::fs::read_to_string(case.expected.with_file_name(format!("{}.facets.csv", case.id))).unwrap(),
        );
        for (col, theirs) in
            [("x", "last_x"), ("variation_icon", "variation_icon"), ("assurance_icon", "assurance_icon")]
        {
            if ic[col]
                != ef[theirs].iter().map(|v| if v == "NA" { String::new() } else { v.clone() }).collect::<Vec<_>>()
            {
                diffs.push(format!("{} icons {col}: {:?} vs {:?}", case.id, ic[col], ef[theirs]));
            }
        }
        assert_eq!(ic.contains_key("facet"), faceted);
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn mdc_errors_name_the_culprit() {
    let scratch = Scratch::new();
    let f = scratch.file("m.csv", "d,v\n2021-01-01,1\n2021-02-01,2\n2021-03-01,3\n");
    for (args, code, needle) in [
        (vec!["--improvement", "up"], 2, "--improvement: unknown value 'up'"),
        (vec!["--target", "abc"], 2, "--target: 'abc' is not a number"),
        (vec!["--rebase", "2022-01-01"], 2, "'2022-01-01' is not an x of the data"),
        (vec!["--fix-after", "0"], 2, "--fix-after: must be at least 1"),
    ] {
        let mut a = vec!["mdc", f.as_str(), "--x", "d", "--y", "v"];
        a.extend(args);
        let o = spc(&a);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{a:?}: {e}");
        assert!(e.contains(needle), "{a:?}: {e}");
    }
}
