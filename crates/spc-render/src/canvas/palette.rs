//! Every colour of every picture, by what it means. A picture names these constants; no other
//! module writes a colour (a test checks the SVG of each picture and the dashboard page).
//! The dashboard's CSS gets them as custom properties ([`css_vars`]: `var(--improve)`).

use std::fmt::{self, Write as _};

/// A colour, written `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Background.
pub(crate) const WHITE: Rgb = Rgb(255, 255, 255);
/// Titles, axis titles, labels that must be read.
pub(crate) const INK: Rgb = Rgb(30, 30, 30);
/// Subtitles, tick labels, captions.
pub(crate) const SUBTLE: Rgb = Rgb(95, 95, 95);
/// Grid lines.
pub(crate) const GRID: Rgb = Rgb(228, 228, 228);
/// Control limits, the x axis, tick marks.
pub(crate) const LIMIT: Rgb = Rgb(140, 140, 140);
/// Centre lines (and a funnel's target, its centre).
pub(crate) const CL: Rgb = Rgb(77, 77, 77);
/// Data points and lines: steelblue, as qicharts2.
pub(crate) const DATA: Rgb = Rgb(70, 130, 180);
/// A signal: points outside the limits, a centre line with a runs signal, a funnel's alarm
/// (tomato, qicharts2's signal colour).
pub(crate) const SIGNAL: Rgb = Rgb(214, 69, 52);
/// A warning below a signal: a funnel's alert (outside a lower level's limits).
pub(crate) const ALERT: Rgb = Rgb(224, 138, 30);
/// A goal ("Mål"): the goal line of a chart, the target of the dashboard and its icons.
pub(crate) const GOAL: Rgb = Rgb(27, 127, 59);
/// A chart kind's target value ("Målverdi").
pub(crate) const TARGET: Rgb = Rgb(120, 80, 160);
/// Notes on a chart: their lines, markers and labels.
pub(crate) const NOTE: Rgb = Rgb(70, 70, 70);
/// The shaded baseline of a chart.
pub(crate) const BASELINE_FILL: Rgb = Rgb(234, 240, 247);
/// The title strip of a facet.
pub(crate) const STRIP_FILL: Rgb = Rgb(236, 236, 236);
/// NHS Making Data Count (NHSRplotthedots): special cause, improvement.
pub(crate) const IMPROVE: Rgb = Rgb(40, 157, 224);
/// NHS Making Data Count: special cause, concern.
pub(crate) const CONCERN: Rgb = Rgb(250, 180, 40);
/// NHS Making Data Count: special cause, neither (no direction of improvement known).
pub(crate) const NEUTRAL: Rgb = Rgb(54, 20, 117);
/// NHS Making Data Count: common cause.
pub(crate) const COMMON: Rgb = Rgb(123, 125, 125);
/// Something without a value (an icon with nothing to say).
pub(crate) const INACTIVE: Rgb = Rgb(196, 196, 200);
/// Rules between table rows and around panels of a page.
pub(crate) const RULE: Rgb = Rgb(217, 217, 222);
/// The band of every other table row.
pub(crate) const BAND: Rgb = Rgb(245, 246, 248);
/// Warnings in a page's text.
pub(crate) const WARNING: Rgb = Rgb(138, 90, 0);

/// Every colour with its CSS name.
pub(crate) const ALL: [(&str, Rgb); 22] = [
    ("white", WHITE),
    ("ink", INK),
    ("subtle", SUBTLE),
    ("grid", GRID),
    ("limit", LIMIT),
    ("cl", CL),
    ("data", DATA),
    ("signal", SIGNAL),
    ("alert", ALERT),
    ("goal", GOAL),
    ("target", TARGET),
    ("note", NOTE),
    ("baseline", BASELINE_FILL),
    ("strip", STRIP_FILL),
    ("improve", IMPROVE),
    ("concern", CONCERN),
    ("neutral", NEUTRAL),
    ("common", COMMON),
    ("inactive", INACTIVE),
    ("rule", RULE),
    ("band", BAND),
    ("warning", WARNING),
];

/// The palette as CSS custom properties: `:root { --ink: #1E1E1E; ... }`.
pub(crate) fn css_vars() -> String {
    let mut s = String::from(":root {");
    for (name, c) in ALL {
        let _ = write!(s, " --{name}: {c};");
    }
    s.push_str(" }\n");
    s
}

/// The `#RRGGBB` colours written in `text` (SVG or CSS), upper-cased, in order.
#[cfg(test)]
pub(crate) fn colours_in(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('#') {
        let hex = b.get(i + 1..i + 7).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let ends = b.get(i + 7).is_none_or(|c| !c.is_ascii_alphanumeric());
        if let (Some(h), true) = (hex, ends) {
            out.push(String::from_utf8_lossy(h).to_uppercase());
        }
    }
    out
}

/// Colour words and short hex colours, which the palette never writes (for tests).
#[cfg(test)]
pub(crate) fn foreign_colours(text: &str) -> Vec<String> {
    let known: Vec<String> = ALL.iter().map(|(_, c)| c.to_string()[1..].to_string()).collect();
    let mut bad: Vec<String> =
        colours_in(text).into_iter().filter(|c| !known.contains(c)).map(|c| format!("#{c}")).collect();
    for (i, _) in text.match_indices('#') {
        let rest = &text[i + 1..];
        let n = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        let next = rest.as_bytes().get(n);
        if (n == 3 || n == 4 || n == 8) && next.is_none_or(|c| !c.is_ascii_alphanumeric()) {
            bad.push(format!("#{}", &rest[..n]));
        }
    }
    for word in ["\"white\"", "\"black\"", "rgb(", "rgba(", "hsl(", ": white", ": black", "transparent"] {
        if text.contains(word) {
            bad.push(word.to_string());
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_written_as_svg_and_css_take_them() {
        assert_eq!(DATA.to_string(), "#4682B4");
        assert_eq!(SIGNAL.to_string(), "#D64534");
        let css = css_vars();
        assert!(css.starts_with(":root { --white: #FFFFFF; --ink: #1E1E1E;"), "{css}");
        assert!(css.contains("--improve: #289DE0;") && css.contains("--goal: #1B7F3B;"));
    }

    #[test]
    fn foreign_colours_are_found() {
        assert!(foreign_colours("fill=\"#4682B4\" stroke=\"#E4E4E4\"").is_empty());
        assert_eq!(
            foreign_colours("fill=\"#123456\" a { color: #fff; } b { fill: white; }"),
            ["#123456", "#fff", ": white"]
        );
        // Ids and anchors are no colours.
        assert!(foreign_colours("href=\"#ind-1\" url(#spc-clip-1)").is_empty());
    }
}
