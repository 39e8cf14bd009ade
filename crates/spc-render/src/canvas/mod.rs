//! The one drawing layer of spc-render. Every picture (a control chart, a funnel plot, the
//! small chart of a dashboard page, and whatever comes next) is laid out onto a [`Canvas`]:
//! a list of lines, rectangles, dots and texts in pixels, written out by one SVG writer
//! ([`Canvas::to_svg`]) and turned into PNG or PDF by one converter ([`output`]).
//!
//! The pieces a picture composes:
//! - [`palette`]: every colour, as named constants (no picture writes a colour of its own);
//! - [`font`]: the bundled DejaVu Sans, text measurement, wrapping and cutting;
//! - [`scale`]: number format (nb/en), nice ticks, y scales, log ticks, date and period axes;
//! - [`frame`]: a panel's layout: title, subtitle and verdict at the top, caption and legend
//!   at the bottom, axis titles, margins scaled by the picture's size;
//! - [`plot`]: a plot area mapping data to pixels, with its y axis and grid, x axis and
//!   ticks, and labels stacked at the right edge.
//!
//! A new picture is a composition of these: a [`Canvas`] of its size and unit
//! ([`frame::unit`]), a [`frame::Frame`] for its texts, one [`plot::Plot`] per panel with
//! scales from [`scale`], then its own marks (lines, dots, texts) in palette colours; its
//! SVG is [`Canvas::to_svg`], its PNG and PDF come from [`output`].
//!
//! Coordinates, line widths and radii are written in whole pixels (widths at least 1), as
//! the control charts always were, or with the decimals a picture asks for
//! ([`Canvas::precision`]: smooth curves); text sizes are "pixel sizes" as the font is
//! measured ([`font::EM`] of them make the SVG `font-size`).

#[cfg(test)]
mod every_picture;
pub(crate) mod font;
pub(crate) mod frame;
pub(crate) mod output;
pub(crate) mod palette;
pub(crate) mod plot;
pub(crate) mod scale;

use std::fmt::Write as _;

use font::FONT_FAMILY;
use palette::Rgb;

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum H {
    Left,
    Center,
    Right,
}

/// Vertical anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum V {
    Top,
    Center,
    Bottom,
}

/// How a text is drawn: its pixel size, weight, colour and anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    size: f64,
    bold: bool,
    color: Rgb,
    h: H,
    v: V,
    /// Turned a quarter left (read bottom up), for a y-axis title.
    vertical: bool,
    /// A white outline under the text, so it reads over points and lines.
    halo: bool,
}

impl TextStyle {
    /// Regular text of `size` in `color`, anchored at its left end and its top.
    pub(crate) fn new(size: f64, color: Rgb) -> Self {
        TextStyle { size, bold: false, color, h: H::Left, v: V::Top, vertical: false, halo: false }
    }

    pub(crate) fn bold(self, bold: bool) -> Self {
        TextStyle { bold, ..self }
    }

    pub(crate) fn at(self, h: H, v: V) -> Self {
        TextStyle { h, v, ..self }
    }

    pub(crate) fn vertical(self) -> Self {
        TextStyle { vertical: true, ..self }
    }

    pub(crate) fn halo(self) -> Self {
        TextStyle { halo: true, ..self }
    }
}

/// A line's look: colour, width in units, and a dash pattern (on, off, in units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    pub(crate) color: Rgb,
    pub(crate) width: f64,
    pub(crate) dash: Option<(f64, f64)>,
}

impl Stroke {
    pub(crate) fn solid(color: Rgb, width: f64) -> Self {
        Stroke { color, width, dash: None }
    }

    pub(crate) fn dashed(color: Rgb, width: f64, on: f64, off: f64) -> Self {
        Stroke { color, width, dash: Some((on, off)) }
    }
}

/// A rectangle in pixels: a plot, the room left in a frame, a clip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Area {
    pub(crate) left: f64,
    pub(crate) top: f64,
    pub(crate) right: f64,
    pub(crate) bottom: f64,
}

/// What a group of items is to a reader of the SVG: a CSS class, a tooltip, a clip.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Group {
    pub(crate) class: Option<String>,
    /// A tooltip (an SVG `<title>`).
    pub(crate) title: Option<String>,
    /// Items outside this rectangle are cut off.
    pub(crate) clip: Option<Area>,
}

/// How a circle is painted: filled, or its outline (colour, width in units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Paint {
    Fill(Rgb),
    Ring(Rgb, f64),
}

/// One thing drawn, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Path { pts: Vec<(f64, f64)>, stroke: Stroke },
    Rect { a: (f64, f64), b: (f64, f64), fill: Rgb, opacity: f64 },
    Circle { at: (f64, f64), r: f64, paint: Paint, opacity: f64, group: Group },
    Text { text: String, at: (f64, f64), style: TextStyle },
    Group { group: Group, items: Vec<Item> },
}

/// A picture being laid out: its size in pixels, its unit and what is drawn on it.
#[derive(Debug, Clone)]
pub(crate) struct Canvas {
    pub(crate) w: f64,
    pub(crate) h: f64,
    /// The unit in pixels: line widths, radii and dash lengths are given in units, so a bigger
    /// picture (or a poster) draws everything bigger.
    pub(crate) u: f64,
    /// Attributes of the `<svg>` element besides its size (a class, a role, a label), for
    /// pictures inline in a page.
    root: Vec<(&'static str, String)>,
    /// Makes the ids of clip paths unique in a page that holds several pictures.
    id: String,
    /// Decimals of coordinates and lengths in the SVG (0: whole pixels).
    precision: i32,
    items: Vec<Item>,
}

impl Canvas {
    /// An empty picture of `w` × `h` pixels with unit `u`.
    pub(crate) fn new(w: u32, h: u32, u: f64) -> Self {
        Canvas {
            w: f64::from(w),
            h: f64::from(h),
            u,
            root: Vec::new(),
            id: "spc".into(),
            precision: 0,
            items: Vec::new(),
        }
    }

    /// Coordinates and lengths written with `decimals` decimals (1 or 2: curves drawn smooth)
    /// instead of whole pixels.
    pub(crate) fn precision(mut self, decimals: u8) -> Self {
        self.precision = i32::from(decimals.min(3));
        self
    }

    /// For a picture inline in an HTML page: a CSS class, `role="img"` and a label for screen
    /// readers on the `<svg>` element, and `id` as the prefix of its internal ids.
    pub(crate) fn inline(mut self, class: &str, label: &str, id: &str) -> Self {
        self.root = vec![("class", class.into()), ("role", "img".into()), ("aria-label", label.into())];
        self.id = id.into();
        self
    }

    /// The whole picture filled with `color`.
    pub(crate) fn fill(&mut self, color: Rgb) {
        self.rect((0.0, 0.0), (self.w, self.h), color);
    }

    /// A polyline (nothing for fewer than two points).
    pub(crate) fn line(&mut self, pts: &[(f64, f64)], stroke: Stroke) {
        if pts.len() >= 2 {
            self.items.push(Item::Path { pts: pts.to_vec(), stroke });
        }
    }

    /// A filled rectangle from corner `a` to corner `b`.
    pub(crate) fn rect(&mut self, a: (f64, f64), b: (f64, f64), fill: Rgb) {
        self.items.push(Item::Rect { a, b, fill, opacity: 1.0 });
    }

    /// An invisible rectangle: a target for a tooltip.
    pub(crate) fn hit_area(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.items.push(Item::Rect { a, b, fill: palette::WHITE, opacity: 0.0 });
    }

    /// A dot of radius `r` units filled with `fill`, with a ring of `ring` around it (1.2 units).
    pub(crate) fn dot(&mut self, at: (f64, f64), r: f64, fill: Rgb, ring: Option<Rgb>) {
        self.items.push(Item::Circle { at, r, paint: Paint::Fill(fill), opacity: 1.0, group: Group::default() });
        if let Some(c) = ring {
            self.ring(at, r, c, 1.2);
        }
    }

    /// A circle's outline of width `width` units.
    pub(crate) fn ring(&mut self, at: (f64, f64), r: f64, color: Rgb, width: f64) {
        self.items.push(Item::Circle {
            at,
            r,
            paint: Paint::Ring(color, width),
            opacity: 1.0,
            group: Group::default(),
        });
    }

    /// A dot of radius `r` units with an opacity, and a class and tooltip of its own.
    pub(crate) fn marker(&mut self, at: (f64, f64), r: f64, fill: Rgb, opacity: f64, group: Group) {
        self.items.push(Item::Circle { at, r, paint: Paint::Fill(fill), opacity, group });
    }

    /// A one-line text.
    pub(crate) fn text(&mut self, text: &str, at: (f64, f64), style: TextStyle) {
        self.items.push(Item::Text { text: text.to_string(), at, style });
    }

    /// Items drawn by `draw` as one group (a class, a tooltip, a clip).
    pub(crate) fn group(&mut self, group: Group, draw: impl FnOnce(&mut Canvas)) {
        let outer = std::mem::take(&mut self.items);
        draw(self);
        let items = std::mem::replace(&mut self.items, outer);
        self.items.push(Item::Group { group, items });
    }

    /// The picture as an SVG document.
    pub(crate) fn to_svg(&self) -> String {
        let mut out = String::new();
        let (w, h) = (self.w, self.h);
        let _ = write!(out, "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"");
        // A file names its namespace; a picture inside an HTML page needs none.
        if self.root.is_empty() {
            out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
        }
        for (k, v) in &self.root {
            let _ = write!(out, " {k}=\"{}\"", escape(v));
        }
        out.push_str(">\n");
        let mut clips = 0;
        for item in &self.items {
            self.write(&mut out, item, &mut clips);
        }
        out.push_str("</svg>\n");
        out
    }

    /// `v` pixels rounded to the canvas's precision.
    fn snap(&self, v: f64) -> f64 {
        let k = 10f64.powi(self.precision);
        (v * k).round() / k + 0.0 // + 0.0: no "-0"
    }

    /// A point rounded to the canvas's precision.
    fn at(&self, p: (f64, f64)) -> (f64, f64) {
        (self.snap(p.0), self.snap(p.1))
    }

    /// Pixels of a length in units (line widths, radii, dashes), at least the smallest the
    /// precision writes (1 pixel in whole pixels).
    fn px(&self, units: f64) -> f64 {
        self.snap(units * self.u).max(10f64.powi(-self.precision))
    }

    fn write(&self, out: &mut String, item: &Item, clips: &mut usize) {
        match item {
            Item::Path { pts, stroke } => {
                let _ = write!(
                    out,
                    "<polyline fill=\"none\" opacity=\"1\" stroke=\"{}\" stroke-width=\"{}\"",
                    stroke.color,
                    self.px(stroke.width)
                );
                if let Some((on, off)) = stroke.dash {
                    let _ = write!(out, " stroke-dasharray=\"{},{}\"", self.px(on), self.px(off));
                }
                out.push_str(" points=\"");
                for &p in pts {
                    let (x, y) = self.at(p);
                    let _ = write!(out, "{x},{y} ");
                }
                out.push_str("\"/>\n");
            }
            Item::Rect { a, b, fill, opacity } => {
                let ((x0, y0), (x1, y1)) = (self.at(*a), self.at(*b));
                let _ = writeln!(
                    out,
                    "<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" opacity=\"{opacity}\" fill=\"{fill}\" stroke=\"none\"/>",
                    self.snap(x1 - x0),
                    self.snap(y1 - y0)
                );
            }
            Item::Circle { at, r, paint, opacity, group } => {
                out.push_str("<circle");
                if let Some(c) = &group.class {
                    let _ = write!(out, " class=\"{}\"", escape(c));
                }
                let (x, y) = self.at(*at);
                let r = self.px(*r);
                let _ = write!(out, " cx=\"{x}\" cy=\"{y}\" r=\"{r}\" opacity=\"{opacity}\"");
                let _ = match paint {
                    Paint::Fill(f) => write!(out, " fill=\"{f}\" stroke=\"none\" stroke-width=\"1\""),
                    Paint::Ring(c, w) => write!(out, " fill=\"none\" stroke=\"{c}\" stroke-width=\"{}\"", self.px(*w)),
                };
                match &group.title {
                    Some(t) => {
                        let _ = writeln!(out, "><title>{}</title></circle>", escape(t));
                    }
                    None => out.push_str("/>\n"),
                }
            }
            Item::Text { text, at, style } => {
                if style.halo {
                    let sw = self.px(3.5);
                    let white = palette::WHITE;
                    let extra = format!(" stroke=\"{white}\" stroke-width=\"{sw}\" stroke-linejoin=\"round\"");
                    write_text(out, text, self.at(*at), TextStyle { color: white, ..*style }, &extra);
                }
                write_text(out, text, self.at(*at), *style, "");
            }
            Item::Group { group, items } => {
                let clip = group.clip.map(|Area { left: x0, top: y0, right: x1, bottom: y1 }| {
                    *clips += 1;
                    let id = format!("{}-clip-{clips}", self.id);
                    let (a, b) = (self.at((x0, y0)), self.at((x1, y1)));
                    let _ = writeln!(
                        out,
                        "<defs><clipPath id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
                        a.0,
                        a.1,
                        self.snap(b.0 - a.0),
                        self.snap(b.1 - a.1)
                    );
                    id
                });
                out.push_str("<g");
                if let Some(c) = &group.class {
                    let _ = write!(out, " class=\"{}\"", escape(c));
                }
                if let Some(id) = clip {
                    let _ = write!(out, " clip-path=\"url(#{id})\"");
                }
                out.push_str(">\n");
                if let Some(t) = &group.title {
                    let _ = writeln!(out, "<title>{}</title>", escape(t));
                }
                for i in items {
                    self.write(out, i, clips);
                }
                out.push_str("</g>\n");
            }
        }
    }
}

/// A text at `(x, y)` (already rounded).
fn write_text(out: &mut String, text: &str, (x, y): (f64, f64), s: TextStyle, extra: &str) {
    let anchor = match s.h {
        H::Left => "start",
        H::Center => "middle",
        H::Right => "end",
    };
    let dy = match s.v {
        V::Top => "0.76em",
        V::Center => "0.5ex",
        V::Bottom => "-0.5ex",
    };
    let _ = write!(
        out,
        "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"{FONT_FAMILY}\" font-size=\"{}\" opacity=\"1\" fill=\"{}\"",
        s.size / font::EM,
        s.color
    );
    if s.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if s.vertical {
        let _ = write!(out, " transform=\"rotate(270, {x}, {y})\"");
    }
    let _ = write!(out, "{extra}>\n{}\n</text>\n", escape(text));
}

/// Text made safe for SVG and HTML: `<`, `>`, `&` and both quotes as entities.
pub(crate) fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::palette::{DATA, GRID, INK, SIGNAL, WHITE};
    use super::*;

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(escape("a < b & \"c\" 'd' > e"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e");
        assert_eq!(escape("Tromsø – 95\u{a0}%"), "Tromsø – 95\u{a0}%");
    }

    #[test]
    fn svg_elements_in_whole_pixels() {
        let mut c = Canvas::new(200, 100, 1.0);
        c.fill(WHITE);
        c.line(&[(10.4, 20.6), (30.5, 20.0)], Stroke::solid(GRID, 1.0));
        c.line(&[(0.0, 0.0)], Stroke::solid(GRID, 1.0));
        c.line(&[(0.0, 5.0), (50.0, 5.0)], Stroke::dashed(SIGNAL, 1.8, 8.0, 5.0));
        c.dot((12.0, 13.0), 2.8, DATA, None);
        c.text("<b>", (5.0, 6.0), TextStyle::new(12.4, INK).bold(true).at(H::Right, V::Center));
        let svg = c.to_svg();
        let want = [
            "<svg width=\"200\" height=\"100\" viewBox=\"0 0 200 100\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<rect x=\"0\" y=\"0\" width=\"200\" height=\"100\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>",
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#E4E4E4\" stroke-width=\"1\" points=\"10,21 31,20 \"/>",
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#D64534\" stroke-width=\"2\" stroke-dasharray=\"8,5\" points=\"0,5 50,5 \"/>",
            "<circle cx=\"12\" cy=\"13\" r=\"3\" opacity=\"1\" fill=\"#4682B4\" stroke=\"none\" stroke-width=\"1\"/>",
            "<text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"DejaVu Sans\" font-size=\"10\" opacity=\"1\" fill=\"#1E1E1E\" font-weight=\"bold\">",
            "&lt;b&gt;",
            "</text>",
            "</svg>",
        ];
        assert_eq!(svg.lines().collect::<Vec<_>>(), want);
    }

    #[test]
    fn precision_gives_decimals() {
        let mut c = Canvas::new(100, 100, 1.3).precision(1);
        c.line(&[(10.44, 20.06), (-0.01, 5.0)], Stroke::dashed(GRID, 1.0, 5.0, 3.0));
        c.dot((1.25, 2.0), 2.0, DATA, None);
        c.rect((0.0, 0.0), (10.25, 5.0), GRID);
        let svg = c.to_svg();
        assert!(svg.contains("stroke-width=\"1.3\" stroke-dasharray=\"6.5,3.9\" points=\"10.4,20.1 0,5 \""), "{svg}");
        assert!(svg.contains("<circle cx=\"1.3\" cy=\"2\" r=\"2.6\""), "{svg}");
        assert!(svg.contains("<rect x=\"0\" y=\"0\" width=\"10.3\" height=\"5\""), "{svg}");
    }

    #[test]
    fn groups_carry_class_tooltip_and_a_unique_clip() {
        let mut c = Canvas::new(100, 100, 1.0).inline("spc", "A & B", "ind-1");
        c.group(Group { class: Some("gap".into()), title: Some("2017: \"..\"".into()), clip: None }, |c| {
            c.hit_area((0.0, 0.0), (10.0, 10.0));
        });
        let clip = Area { left: 1.0, top: 2.0, right: 51.0, bottom: 42.0 };
        c.group(Group { clip: Some(clip), ..Group::default() }, |c| {
            c.marker(
                (5.0, 5.0),
                4.5,
                DATA,
                0.7,
                Group { class: Some("pt x".into()), title: Some("t".into()), clip: None },
            );
        });
        let svg = c.to_svg();
        assert!(svg.starts_with("<svg width=\"100\" height=\"100\" viewBox=\"0 0 100 100\" class=\"spc\" role=\"img\" aria-label=\"A &amp; B\">\n"), "{svg}");
        assert!(svg.contains("<g class=\"gap\">\n<title>2017: &quot;..&quot;</title>\n<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" opacity=\"0\""), "{svg}");
        assert!(svg.contains("<defs><clipPath id=\"ind-1-clip-1\"><rect x=\"1\" y=\"2\" width=\"50\" height=\"40\"/></clipPath></defs>\n<g clip-path=\"url(#ind-1-clip-1)\">\n<circle class=\"pt x\" cx=\"5\" cy=\"5\" r=\"5\" opacity=\"0.7\" fill=\"#4682B4\" stroke=\"none\" stroke-width=\"1\"><title>t</title></circle>"), "{svg}");
    }
}
