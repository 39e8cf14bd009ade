//! Chart images: SVG snapshots (insta) of one chart per kind on the qicharts2 reference data,
//! and `spc chart -o` writing PNG, SVG and PDF files. The snapshots were reviewed as PNGs
//! (docs/gallery, `make gallery`) before they were accepted.

mod common;

use std::path::PathBuf;

use common::{spc, stderr, Scratch};

use spc_core::io::{Columns, Table};
use spc_core::{Chart, ChartKind, ChartSpec};
use spc_render::{render_pdf, render_png, render_svg, Lang, Note, RenderOptions};

fn case_path(id: &str) -> PathBuf {
    common::qic_case_input(id)
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
        ("r", chart("xbar_montgomery_6_3", k("r"), false, |s| s)),
        ("np", chart("p_montgomery_7_4", k("np"), true, |s| s)),
        ("ewma", chart("i_montgomery_6_5", k("ewma"), false, |s| s.freeze(20))),
        ("cusum", chart("i_montgomery_6_5", k("cusum"), false, |s| s.freeze(20))),
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

/// Rows without a facet value are a panel of their own, titled "(blank)" / "(tom)".
#[test]
fn the_panel_of_rows_without_a_facet_value_has_a_title() {
    let input = spc_core::Input::from_y(vec![5.0, 6.0, 7.0, 8.0, 6.0, 7.0])
        .with_facet(["a", "a", "", "", "a", ""].map(String::from).to_vec());
    let c = ChartSpec::new(ChartKind::Run).compute(&input).unwrap();
    for (lang, label) in [(Lang::En, "(blank)"), (Lang::Nb, "(tom)")] {
        let svg = render_svg(&c, &RenderOptions { lang, ..RenderOptions::default() }).unwrap();
        let titles: Vec<String> =
            text_boxes(&svg).into_iter().map(|(t, _)| t).filter(|t| t == label || t == "a").collect();
        assert_eq!(titles, [label, "a"], "{lang:?}");
    }
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
    // A poster PDF is a landscape A3 page (1190.55 x 841.89 points).
    let poster = RenderOptions { poster: Some(spc_render::PaperSize::A3), ..opts("I") };
    let pdf = String::from_utf8_lossy(&render_pdf(&c, &poster).unwrap()).into_owned();
    assert!(pdf.contains("/MediaBox [0 0 1190.64 841.92]"), "A3 landscape");
}

#[test]
fn spc_chart_o_writes_images_and_data_in_one_command() {
    let scratch = Scratch::new();
    let dir = scratch.dir();
    let input = case_path("c_montgomery_7_8").display().to_string();
    for ext in ["png", "svg", "pdf"] {
        let img = dir.join(format!("c.{ext}")).display().to_string();
        let data = dir.join(format!("c_{ext}.csv")).display().to_string();
        let o = spc(&["chart", &input, "--chart", "c", "--x", "x", "--y", "y", "-o", &img, "--data", &data]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::metadata(&img).unwrap().len() > 1000);
        assert!(std::fs::read_to_string(&data).unwrap().starts_with("x,y,n,cl,"));
    }
    // A poster is A3 at 300 dpi.
    let poster = dir.join("poster.png").display().to_string();
    let o = spc(&["chart", &input, "--chart", "c", "--x", "x", "--y", "y", "--poster", "--goal", "20", "-o", &poster]);
    assert!(o.status.success(), "{}", stderr(&o));
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
        (vec!["-o", "c.png", "--lang", "sv"], "--lang: unknown value 'sv' for lang: expected one of en, nb, nn, no"),
        (vec!["-o", "c.png", "--size", "big"], "--size: unknown paper size 'big': expected a3 or a4"),
    ] {
        let mut a = vec!["chart", input.as_str(), "--chart", "c", "--x", "x", "--y", "y"];
        a.extend(args);
        let o = spc(&a);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.trim_end().ends_with(want), "{err}");
    }
}

/// A text's box in the SVG: (left, top, right, bottom), from its anchor and its width in the
/// bundled font.
fn text_boxes(svg: &str) -> Vec<(String, [f64; 4])> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let k = format!(" {name}=\"");
        let a = tag.find(&k)? + k.len();
        Some(tag[a..a + tag[a..].find('"')?].to_string())
    };
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(a) = rest.find("<text ") {
        let tag_end = a + rest[a..].find('>').unwrap();
        let tag = &rest[a..tag_end];
        let close = tag_end + rest[tag_end..].find("</text>").unwrap();
        let content = rest[tag_end + 1..close].trim().to_string();
        rest = &rest[close..];
        if tag.contains("transform=") {
            continue; // the rotated y-axis label
        }
        let num = |n: &str| attr(tag, n).unwrap().parse::<f64>().unwrap();
        let (x, y, size) = (num("x"), num("y"), num("font-size"));
        let bold = tag.contains("font-weight=\"bold\"");
        let w = spc_render::text_width(&content, size, bold);
        let left = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => x - w / 2.0,
            Some("end") => x - w,
            _ => x,
        };
        let top = match attr(tag, "dy").as_deref() {
            Some("0.76em") => y,
            Some("0.5ex") => y - size / 2.0,
            _ => y - size,
        };
        out.push((content, [left, top, left + w, top + size]));
    }
    out
}

fn circles(svg: &str) -> Vec<(f64, f64, f64)> {
    svg.split("<circle ")
        .skip(1)
        .map(|c| {
            let v = |n: &str| {
                let k = format!("{n}=\"");
                let a = c.find(&k).unwrap() + k.len();
                c[a..a + c[a..].find('"').unwrap()].parse::<f64>().unwrap()
            };
            (v("cx"), v("cy"), v("r"))
        })
        .collect()
}

/// No two labels overlap, and no label covers a data point (the gallery's poster, the annotated
/// Norwegian chart and the faceted chart).
#[test]
fn labels_overlap_neither_each_other_nor_the_data() {
    let sick = common::repo_root().join("data/sykefravaer_totalt.csv");
    let table = Table::from_path(&sick).unwrap();
    let cols = Columns { x: "kvartal".into(), y: "sykefravær_prosent".into(), ..Columns::default() };
    let poster_chart = ChartSpec::new(ChartKind::I).part([16]).compute(&table.input(&cols).unwrap()).unwrap();
    let note = |x: &str, l: &str| Note { x: x.into(), label: l.into() };
    let poster = RenderOptions {
        lang: Lang::Nb,
        poster: Some(spc_render::PaperSize::A3),
        goal: Some(6.5),
        subtitle: Some("Tapte dagsverk i prosent av avtalte dagsverk, arbeidstakere 16–69 år".into()),
        caption: Some("Kilde: Statistisk sentralbyrå, sykefraværsstatistikken".into()),
        notes: vec![
            note("2001K4", "IA-avtalen inngås"),
            note("2004K2", "Endret sykmeldingsregelverk"),
            note("2010K1", "Ny IA-avtale"),
        ],
        ..opts("Sykefravær, alle næringer (SSB)")
    };
    let p = chart("p_cabg_readm_freeze_mult", "p".parse().unwrap(), true, |s| s.freeze(12).multiply(100.0));
    let p_opts = RenderOptions {
        lang: Lang::Nb,
        goal: Some(15.0),
        notes: vec![
            note("2012-06-01", "Ny rutine"),
            note("2012-09-01", "Opplæring av alle sykepleiere"),
            note("2013K2", "Sjekkliste"),
        ],
        ..opts("Reinnleggelser etter CABG")
    };
    let facets = {
        let t = Table::from_path(&case_path("u_hai_cdi_facets")).unwrap();
        let cols = Columns {
            x: "x".into(),
            y: "y".into(),
            n: Some("n".into()),
            facet: Some("g".into()),
            ..Columns::default()
        };
        ChartSpec::new("u".parse().unwrap()).multiply(10000.0).compute(&t.input(&cols).unwrap()).unwrap()
    };
    for (name, c, o) in [("poster", &poster_chart, &poster), ("p_nb", &p, &p_opts), ("facets", &facets, &opts("U"))] {
        let svg = render_svg(c, o).unwrap();
        let boxes = text_boxes(&svg);
        assert!(boxes.len() > 10, "{name}");
        for (i, (ta, a)) in boxes.iter().enumerate() {
            for (tb, b) in &boxes[i + 1..] {
                let overlap = a[0] < b[2] - 1.0 && b[0] < a[2] - 1.0 && a[1] < b[3] - 1.0 && b[1] < a[3] - 1.0;
                assert!(!overlap, "{name}: '{ta}' {a:?} overlaps '{tb}' {b:?}");
            }
            for (cx, cy, r) in circles(&svg) {
                let hit = cx + r > a[0] && cx - r < a[2] && cy + r > a[1] && cy - r < a[3];
                assert!(!hit, "{name}: '{ta}' {a:?} covers the point at ({cx}, {cy})");
            }
        }
    }
}
