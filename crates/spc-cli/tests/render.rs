//! Chart images: SVG snapshots (insta) of one chart per kind on the qicharts2 reference data,
//! and `spc chart -o` writing PNG, SVG and PDF files. The snapshots were reviewed as PNGs
//! (docs/gallery, `make gallery`) before they were accepted.

use std::path::{Path, PathBuf};
use std::process::Command;

use spc_cli::render::{render_pdf, render_png, render_svg, Lang, Note, RenderOptions};
use spc_core::io::{Columns, Table};
use spc_core::{Chart, ChartKind, ChartSpec};

fn case_path(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../tests/data/reference/qicharts2/cases/{id}.input.csv"))
}

fn chart(id: &str, kind: ChartKind, n: bool, f: impl FnOnce(ChartSpec) -> ChartSpec) -> Chart {
    let table = Table::from_path(&case_path(id)).unwrap();
    let cols = Columns { x: "x".into(), y: "y".into(), n: n.then(|| "n".into()), ..Columns::default() };
    f(ChartSpec::new(kind)).compute(&table.input(&cols).unwrap()).unwrap()
}

fn opts(title: &str) -> RenderOptions {
    RenderOptions { title: Some(title.into()), lang: Lang::En, ..RenderOptions::default() }
}

#[test]
fn svg_snapshot_per_chart_kind() {
    let k = |s: &str| s.parse::<ChartKind>().unwrap();
    let charts: Vec<(&str, Chart)> = vec![
        ("run", chart("run_anhoej30", k("run"), false, |s| s)),
        ("i", chart("i_montgomery_6_5", k("i"), false, |s| s.freeze(20))),
        ("mr", chart("mr_montgomery_6_5", k("mr"), false, |s| s.freeze(20))),
        ("xbar", chart("xbar_cabg_age", k("xbar"), false, |s| s)),
        ("s", chart("s_montgomery_6_3", k("s"), false, |s| s)),
        ("t", chart("t_montgomery_7_14", k("t"), false, |s| s)),
        ("p", chart("p_cabg_readm_freeze_mult", k("p"), true, |s| s.freeze(12).multiply(100.0))),
        ("pp", chart("pp_nhs_accidents", k("pp"), true, |s| s)),
        ("c", chart("c_montgomery_7_8", k("c"), false, |s| s.freeze(26).exclude([6, 20]))),
        ("u", chart("u_montgomery_7_10", k("u"), true, |s| s)),
        ("up", chart("up_cdi_freeze", k("up"), true, |s| s.freeze(24))),
        ("g", chart("g_syn30", k("g"), false, |s| s)),
        ("ip", chart("ip_lots", k("ip"), true, |s| s)),
    ];
    for (name, c) in charts {
        let svg = render_svg(&c, &opts(&format!("{name} chart"))).unwrap();
        insta::assert_snapshot!(format!("svg_{name}"), svg);
    }
}

#[test]
fn norwegian_annotated_chart() {
    let c = chart("p_cabg_readm_freeze_mult", "p".parse().unwrap(), true, |s| s.freeze(12).multiply(100.0));
    let o = RenderOptions {
        lang: Lang::Nb,
        goal: Some(15.0),
        notes: vec![
            Note { x: "2012-06-01".into(), label: "Ny rutine".into() },
            Note { x: "2012-09-01".into(), label: "Opplæring av alle sykepleiere".into() },
            Note { x: "2013K2".into(), label: "Sjekkliste".into() },
        ],
        ..opts("Reinnleggelser etter CABG")
    };
    let svg = render_svg(&c, &o).unwrap();
    for want in ["Mål: 15\u{a0}%", "jan 2012", "Grunnlag", "Opplæring av alle sykepleiere", "20,1\u{a0}%"] {
        assert!(svg.contains(want), "{want}");
    }
    insta::assert_snapshot!("svg_p_nb_annotated", svg);
    // A note outside the data is an error naming it.
    let bad = RenderOptions { notes: vec![Note { x: "2020-01-01".into(), label: "Senere".into() }], ..o };
    let e = render_svg(&c, &bad).unwrap_err().to_string();
    assert_eq!(e, "note '2020-01-01=Senere': x is outside the data (2011-07-01 to 2014-06-01)");
}

#[test]
fn png_and_pdf_bytes() {
    let c = chart("i_montgomery_6_5", "i".parse().unwrap(), false, |s| s.freeze(20));
    let png = render_png(&c, &opts("I")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 750);
    let pdf = render_pdf(&c, &opts("I")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.windows(10).any(|w| w == b"DejaVuSans"), "the font is embedded");
}

fn spc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_spc")).args(args).output().unwrap()
}

#[test]
fn spc_chart_o_writes_images_and_data_in_one_command() {
    let dir = std::env::temp_dir().join(format!("spc-cli-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = case_path("c_montgomery_7_8").display().to_string();
    for ext in ["png", "svg", "pdf"] {
        let img = dir.join(format!("c.{ext}")).display().to_string();
        let data = dir.join(format!("c_{ext}.csv")).display().to_string();
        let o = spc(&["chart", &input, "--chart", "c", "--x", "x", "--y", "y", "-o", &img, "--data", &data]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::metadata(&img).unwrap().len() > 1000);
        assert!(std::fs::read_to_string(&data).unwrap().starts_with("x,y,n,cl,"));
    }
    // A poster is A3 at 300 dpi.
    let poster = dir.join("poster.png").display().to_string();
    let o = spc(&["chart", &input, "--chart", "c", "--x", "x", "--y", "y", "--poster", "--goal", "20", "-o", &poster]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&poster).unwrap();
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 4961);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 3508);
    // Usage errors: exit 2 and one line.
    for (args, want) in [
        (vec!["-o", "c.gif"], "-o c.gif: the file name must end in .png, .svg or .pdf (the format is taken from it)"),
        (vec!["-o", "c.png", "--note", "99=Late"], "note '99=Late': x is outside the data (1 to 46)"),
        (
            vec!["-o", "c.png", "--note", "no-equals"],
            "--note: note 'no-equals': expected X=TEXT, e.g. 2021-03-01=New routine",
        ),
        (vec!["-o", "c.png", "--lang", "sv"], "--lang: unknown language 'sv': expected nb or en"),
        (vec!["-o", "c.png", "--size", "big"], "--size: unknown paper size 'big': expected a3 or a4"),
    ] {
        let mut a = vec!["chart", input.as_str(), "--chart", "c", "--x", "x", "--y", "y"];
        a.extend(args);
        let o = spc(&a);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.trim_end().ends_with(want), "{err}");
    }
}
