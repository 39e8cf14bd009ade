//! CLI conventions: `--spec`/`--print-spec` round trip, completions, `--version`, examples in
//! every help, `--batch` writing one image per value.

mod common;

use common::{spc, spc_command, text, Scratch};

fn sick_leave() -> String {
    common::data("sykefravaer_totalt.csv")
}

#[test]
fn print_spec_then_spec_reproduces_the_command_and_flags_win() {
    let scratch = Scratch::new();
    let d = scratch.dir();
    let png = d.join("a.png").display().to_string();
    let base = ["chart", &sick_leave(), "--chart", "i", "--x", "kvartal", "--y", "sykefravær_prosent", "--part", "16"];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--lang", "nb", "--goal", "6.5", "--note", "2004K2=Nye regler", "-o", &png, "--print-spec"]);
    let o = spc(&args);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let spec = text(&o.stdout);
    for line in ["chart = \"i\"", "goal = 6.5", "part = [16]", "note = [\"2004K2=Nye regler\"]", "lang = \"nb\""] {
        assert!(spec.lines().any(|l| l == line), "{line} in\n{spec}");
    }
    let file = d.join("chart.toml");
    std::fs::write(&file, &spec).unwrap();
    let f = file.display().to_string();
    // The spec alone gives the same summary as the flags.
    let mut direct: Vec<&str> = base.to_vec();
    direct.extend(["--lang", "nb"]);
    let direct = spc(&direct);
    let from_spec = spc(&["chart", "--spec", &f]);
    assert!(from_spec.status.success(), "{}", text(&from_spec.stderr));
    assert_eq!(text(&from_spec.stdout), text(&direct.stdout));
    assert!(std::fs::metadata(&png).is_ok());
    // A flag overrides the file.
    let o = spc(&["chart", "--spec", &f, "--chart", "run", "--print-spec"]);
    assert!(text(&o.stdout).contains("chart = \"run\""), "{}", text(&o.stdout));
    // Unknown keys are usage errors naming the key.
    std::fs::write(&file, "chart = \"i\"\ncolour = \"red\"\n").unwrap();
    let o = spc(&["chart", "--spec", &f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("unknown key 'colour'"), "{}", text(&o.stderr));
}

#[test]
fn completions_version_and_examples() {
    for sh in ["bash", "zsh", "fish"] {
        let o = spc(&["completions", sh]);
        assert!(o.status.success());
        assert!(text(&o.stdout).contains("spc"), "{sh}");
    }
    let o = spc(&["--version"]);
    assert_eq!(text(&o.stdout).trim(), format!("spc {}", env!("CARGO_PKG_VERSION")));
    for args in [vec!["--help"], vec!["chart", "--help"], vec!["completions", "--help"]] {
        let o = spc(&args);
        assert!(text(&o.stdout).contains("Examples:"), "{args:?}");
    }
}

#[test]
fn batch_writes_one_image_per_value() {
    let scratch = Scratch::new();
    let d = scratch.path("batch");
    let input = common::qic_case_input("u_hai_cdi_facets").display().to_string();
    let dir = d.display().to_string();
    let args = ["chart", &input, "--chart", "u", "--x", "x", "--y", "y", "--n", "n"];
    let mut a = args.to_vec();
    a.extend(["--batch", "g", "--out-dir", &dir, "--format", "svg"]);
    let o = spc(&a);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut names: Vec<String> =
        std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["AHH.svg", "BFH.svg", "BOH.svg", "HGH.svg", "NOH.svg", "RGH.svg"]);
    let svg = std::fs::read_to_string(d.join("BFH.svg")).unwrap();
    assert!(svg.contains("U chart – y – BFH"));
    let mut a = args.to_vec();
    a.extend(["--batch", "nope", "--out-dir", &dir]);
    assert_eq!(spc(&a).status.code(), Some(2));
}

#[test]
fn notes_from_a_csv_file_and_free_y_scales() {
    let scratch = Scratch::new();
    let d = scratch.dir();
    let notes = d.join("notes.csv");
    std::fs::write(&notes, "x;label\n2004K2;Endret sykmeldingsregelverk\n2010K1;Ny IA-avtale\n").unwrap();
    let svg = d.join("notes.svg").display().to_string();
    let o = spc(&[
        "chart",
        &sick_leave(),
        "--chart",
        "i",
        "--x",
        "kvartal",
        "--y",
        "sykefravær_prosent",
        "--notes",
        &notes.display().to_string(),
        "--note",
        "2001K4=IA-avtalen",
        "-o",
        &svg,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s = std::fs::read_to_string(&svg).unwrap();
    for label in ["Endret sykmeldingsregelverk", "Ny IA-avtale", "IA-avtalen"] {
        assert!(s.contains(label), "{label}");
    }
    // free_y: each panel has its own y ticks, so the two panels' tick sets differ.
    let csv = d.join("two.csv");
    let mut rows = String::from("x,y,unit\n");
    for i in 1..=12 {
        use std::fmt::Write;
        let (small, large) = (1.0 + f64::from(i % 3) * 0.1, 1000.0 + f64::from(i % 4) * 50.0);
        write!(rows, "{i},{small},small\n{i},{large},large\n").unwrap();
    }
    std::fs::write(&csv, rows).unwrap();
    let ticks = |scales: &str| {
        let out = d.join(format!("{scales}.svg")).display().to_string();
        let c = csv.display().to_string();
        let a =
            ["chart", &c, "--chart", "i", "--x", "x", "--y", "y", "--facet", "unit", "--scales", scales, "-o", &out];
        let o = spc(&a);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let s = std::fs::read_to_string(&out).unwrap();
        s.matches("text-anchor=\"end\"").count()
    };
    assert_ne!(ticks("fixed"), ticks("free_y"));
    let c = csv.display().to_string();
    let o = spc(&["chart", &c, "--x", "x", "--y", "y", "--scales", "loose", "-o", "x.png"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `spc ... | head -1`: when the reader closes the pipe, spc ends quietly (SIGPIPE, as Unix
/// tools do): no panic (exit 101), no error message.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_spc_quietly() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let pop = common::repo_root().join("data/kostra/ssb_07459_population_municipality_2005_2021.csv");
    for args in [
        vec!["kostra", "read", pop.to_str().unwrap()],
        vec!["kostra", "aggregate", pop.to_str().unwrap(), "--to", "county"],
        vec!["kostra", "chart", pop.to_str().unwrap(), "--indicator", "population_total"],
    ] {
        let mut child = spc_command().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "{args:?}");
        // The reader is dropped here: the pipe is closed while spc still writes.
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {}", text(&out.stderr));
        assert!(out.status.success() || out.status.signal() == Some(13), "{args:?}: {:?}", out.status);
        assert!(!text(&out.stderr).contains("Broken pipe"), "{args:?}: {}", text(&out.stderr));
    }
}

/// Every option the library checks is named as its flag in the message (exit 2), given on the
/// command line or in a spec file; the defaults and checks are the library's (ChartRequest).
#[test]
fn every_checked_option_is_named_as_its_flag() {
    let scratch = Scratch::new();
    let d = scratch.dir().join("checks");
    std::fs::create_dir_all(&d).unwrap();
    let csv = d.join("g.csv");
    let mut rows = String::from("x,y,g\n");
    for i in 1..=12 {
        use std::fmt::Write;
        writeln!(rows, "{i},{},{}", 10 + i % 4, if i <= 6 { "a" } else { "b" }).unwrap();
    }
    std::fs::write(&csv, rows).unwrap();
    let baseline = d.join("b.json").display().to_string();
    let input = csv.display().to_string();
    let chart = |extra: &[&str]| {
        let mut a = vec!["chart", input.as_str(), "--x", "x", "--y", "y"];
        a.extend(extra);
        spc(&a)
    };
    assert!(chart(&["--chart", "i", "--save-baseline", &baseline]).status.success());
    for (args, want) in [
        (vec!["--chart", "ewma", "--lambda", "0"], "spc: error: --lambda: must be in (0, 1], got 0"),
        (vec!["--chart", "ewma", "--width=-1"], "spc: error: --width: must be a number >= 0, got -1"),
        (vec!["--chart", "cusum", "--k", "NaN"], "spc: error: --k: must be a number >= 0, got NaN"),
        (vec!["--chart", "cusum", "--h", "inf"], "spc: error: --h: must be a number >= 0, got inf"),
        (vec!["--chart", "i", "--sigma", "0"], "spc: error: --sigma: must be a number > 0, got 0"),
        (vec!["--multiply", "0"], "spc: error: --multiply: must be a finite number other than 0, got 0"),
        (vec!["--cl", "inf"], "spc: error: --cl: must be a finite number, got inf"),
        (vec!["--target", "NaN"], "spc: error: --target: must be a finite number, got NaN"),
        (vec!["--freeze", "0"], "spc: error: --freeze: must be at least 1 (the number of baseline points)"),
        (
            vec!["--part", "6", "--part-col", "g"],
            "spc: error: --part: give part positions or a part column (part_col), not both",
        ),
        (
            vec!["--chart", "i", "--baseline", &baseline, "--freeze", "6"],
            "spc: error: --baseline: a saved baseline sets the lines; leave out freeze",
        ),
        (vec!["--chart", "q"], "spc: error: --chart: unknown chart kind 'q'"),
        (vec!["--method", "x"], "spc: error: --method: unknown value 'x' for method"),
        (vec!["--agg", "x"], "spc: error: --agg: unknown value 'x' for agg"),
        (vec!["--improvement", "x"], "spc: error: --improvement: unknown value 'x' for improvement"),
        (vec!["--decimal", "x"], "spc: error: --decimal: unknown decimal mark 'x': expected '.' or ','"),
        (vec!["--sep", "xx"], "spc: error: --sep: unknown value 'xx' for sep"),
        (vec!["--poster", "--size", "1600x900", "-o", "p.png"], "spc: error: --size: a poster is A3 or A4"),
        (vec!["--scales", "loose", "-o", "p.png"], "spc: error: --scales: unknown scales 'loose'"),
        (vec!["--batch", "g", "--format", "gif"], "spc: error: --format: unknown value 'gif' for format"),
    ] {
        let o = chart(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).starts_with(want), "{args:?}: {}", text(&o.stderr));
    }
    // The same checks of a spec file's values, named as the flags.
    let spec = d.join("s.toml");
    for (toml, want) in [
        ("chart = \"ewma\"\nlambda = 2\n", "spc: error: --lambda: must be in (0, 1], got 2"),
        ("freeze_part = [3]\npart = 6\npart-col = \"g\"\n", "spc: error: --part: give part positions or a part column"),
        ("sigma = \"two\"\n", "spc: error: --spec: "),
    ] {
        std::fs::write(&spec, format!("input = \"{}\"\nx = \"x\"\ny = \"y\"\n{toml}", input.replace('\\', "/")))
            .unwrap();
        let o = spc(&["chart", "--spec", &spec.display().to_string()]);
        assert_eq!(o.status.code(), Some(2), "{toml}: {}", text(&o.stderr));
        assert!(text(&o.stderr).starts_with(want), "{toml}: {}", text(&o.stderr));
    }
    assert!(text(&spc(&["chart", "--spec", &spec.display().to_string()]).stderr)
        .contains("key 'sigma': expected a number, got 'two'"));
    // spc mdc: the library's MdcSpec checks.
    let mdc = |extra: &[&str]| {
        let mut a = vec!["mdc", input.as_str(), "--x", "x", "--y", "y"];
        a.extend(extra);
        spc(&a)
    };
    for (args, want) in [
        (vec!["--shift-n", "1"], "spc: error: --shift-n: a shift needs at least 2 points, got 1"),
        (vec!["--trend-n", "2"], "spc: error: --trend-n: a trend needs at least 3 points, got 2"),
        (vec!["--fix-after", "0"], "spc: error: --fix-after: must be at least 1"),
        (vec!["--target", "inf"], "spc: error: --target: must be a finite number, got inf"),
    ] {
        let o = mdc(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).starts_with(want), "{args:?}: {}", text(&o.stderr));
    }
}

/// A spec file: keys with `_` or `-`, an unknown key or one given twice named, the command
/// line over the file for every kind of value, and --print-spec writing what was merged.
#[test]
fn spec_keys_and_the_command_line_over_them() {
    let scratch = Scratch::new();
    let d = scratch.dir().join("spec");
    std::fs::create_dir_all(&d).unwrap();
    let spec = d.join("s.toml");
    let f = spec.display().to_string();
    let data = sick_leave().replace('\\', "/");
    for (toml, want) in [
        ("colour = 1\n", "unknown key 'colour'"),
        ("save_baselin = \"b.json\"\n", "unknown key 'save_baselin'"),
        ("part-col = \"a\"\npart_col = \"b\"\n", "'part_col' is given twice"),
    ] {
        std::fs::write(&spec, toml).unwrap();
        let o = spc(&["chart", "--spec", &f]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains(want), "{}", text(&o.stderr));
    }
    std::fs::write(
        &spec,
        format!(
            "input = \"{data}\"\nchart = \"i\"\nx = \"kvartal\"\ny = \"sykefravær_prosent\"\nfreeze_part = \"16,0\"\npart = 16\n\
             no_y_neg = true\nnote = \"2004K2=Ny\"\nposter = true\nmultiply = \"2\"\n"
        ),
    )
    .unwrap();
    let o = spc(&["chart", "--spec", &f, "--part", "20", "--note", "2005K1=B", "--multiply", "3", "--print-spec"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let printed = text(&o.stdout);
    for line in [
        "freeze-part = [16, 0]",
        "part = [20]",
        "no-y-neg = true",
        "multiply = 3.0",
        "note = [\"2005K1=B\"]",
        "poster = true",
    ] {
        assert!(printed.lines().any(|l| l == line), "{line} in\n{printed}");
    }
}
