//! What holds for every picture, checked on each kind: a control chart, a funnel plot and the
//! dashboard's small chart (and its page). Titles and names with markup characters come out
//! escaped and the SVG parses; every colour is one of the palette's.

use spc_core::funnel::{funnel, FunnelSpec, Unit};
use spc_core::kostra::{KostraTable, Period, Record, RegionType};
use spc_core::{ChartKind, ChartSpec, Input};

use super::palette::foreign_colours;
use crate::dashboard::{render_dashboard, DashboardOptions};
use crate::funnel::render_funnel_svg;
use crate::{render_svg, Lang, Note, RenderOptions};

/// A name that breaks markup unless escaped.
const NASTY: &str = "A<b> & \"c\" 'd'";
/// How it must be written in SVG and HTML text.
const ESCAPED: &str = "A&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;";

fn opts() -> RenderOptions {
    RenderOptions {
        title: Some(NASTY.into()),
        subtitle: Some(NASTY.into()),
        caption: Some(NASTY.into()),
        xlab: Some(NASTY.into()),
        ylab: Some(NASTY.into()),
        lang: Lang::Nb,
        ..RenderOptions::default()
    }
}

fn chart_svg() -> String {
    let y = vec![5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 17.0, 5.0, 6.0, 7.0, 8.0];
    let chart = ChartSpec::new(ChartKind::I).freeze(8).compute(&Input::from_y(y)).unwrap();
    let o = RenderOptions {
        goal: Some(6.0),
        verdict: Some(NASTY.into()),
        notes: vec![Note { x: "4".into(), label: NASTY.into() }],
        ..opts()
    };
    render_svg(&chart, &o).unwrap()
}

fn funnel_svg() -> String {
    let units = vec![
        Unit::new("1", NASTY, Some(30.0), Some(700.0)),
        Unit::new("2", "Bergen", Some(25.0), Some(400.0)),
        Unit::new("3", "Trondheim", Some(80.0), Some(300.0)),
        Unit::new("4", "Bodø", Some(2.0), Some(100.0)),
    ];
    let f = funnel(&units, &FunnelSpec { multiplier: 100.0, ..FunnelSpec::default() }).unwrap();
    render_funnel_svg(&f, &opts(), Some("1")).unwrap()
}

fn dashboard_html() -> String {
    let records = (2010..2022)
        .map(|y| Record {
            region_code: "0301".into(),
            region_type: RegionType::Municipality,
            region_name: "Oslo".into(),
            indicator: NASTY.into(),
            period: Period::Year(y),
            value: if y == 2015 { None } else { Some(90.0 + f64::from(y % 3) + if y > 2017 { 9.0 } else { 0.0 }) },
            numerator: None,
            denominator: None,
            status: None,
        })
        .collect();
    let table = KostraTable { records, warnings: vec![] };
    let mut o = DashboardOptions::new("0301");
    o.targets.insert(NASTY.into(), 95.0);
    render_dashboard(&table, &o).unwrap()
}

/// The charts (`<svg width=...>...</svg>`; the icons are `<svg class=...>`) of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg width=").map(|(a, _)| &html[a..a + html[a..].find("</svg>").unwrap() + 6]).collect()
}

/// The SVG parses (usvg reads it as XML: an unescaped `<` or `&` fails).
fn parses(svg: &str) {
    let svg = if svg.contains("xmlns") {
        svg.to_string()
    } else {
        svg.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1)
    };
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap_or_else(|e| panic!("{e}: {svg}"));
}

#[test]
fn titles_and_names_are_escaped_in_every_picture() {
    let chart = chart_svg();
    parses(&chart);
    // Title, subtitle, verdict, caption, axis titles and the note: the name escaped each time.
    assert!(chart.matches(ESCAPED).count() >= 6, "{chart}");
    let funnel = funnel_svg();
    parses(&funnel);
    // Title, subtitle, caption, axis titles, the highlighted unit's label (and its halo).
    assert!(funnel.matches(&format!("{ESCAPED}: ")).count() == 2, "{funnel}");
    assert!(funnel.matches(ESCAPED).count() >= 7, "{funnel}");
    let page = dashboard_html();
    let charts = svgs(&page);
    assert_eq!(charts.len(), 1);
    parses(charts[0]);
    // The chart's label for screen readers, and each point's tooltip, name the indicator.
    assert!(charts[0].contains(&format!("aria-label=\"{ESCAPED}: 12 perioder")), "{}", charts[0]);
    for svg in [&chart, &funnel, &page] {
        assert!(!svg.contains(NASTY) && !svg.contains("<b>"), "unescaped");
    }
}

#[test]
fn every_colour_of_every_picture_is_the_palettes() {
    for (name, text) in [("chart", chart_svg()), ("funnel", funnel_svg()), ("dashboard page", dashboard_html())] {
        let bad = foreign_colours(&text);
        assert!(bad.is_empty(), "{name}: colours outside the palette: {bad:?}");
    }
    // The page's CSS takes the palette as custom properties and writes no colour of its own.
    let css = include_str!("../../templates/dashboard.css");
    assert!(super::palette::colours_in(css).is_empty(), "dashboard.css writes a colour");
    assert!(dashboard_html().contains(&super::palette::css_vars()));
}
