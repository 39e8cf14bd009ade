//! A panel's layout: the texts around a picture's plots, placed from the edges inwards.
//! The title, subtitle and verdict take the top; the caption, a legend and the x-axis title
//! the bottom; the y-axis title the left. What is left is the room for the plots.
//! Margins and text sizes follow the picture's unit ([`unit`]).

use super::palette::{Rgb, INK, SUBTLE};
use super::{font, Area, Canvas, Group, Stroke, TextStyle, H, V};

/// The unit of a picture `w` × `h` pixels: 1 at 1200 × 750 (scaled by the smaller of the two
/// ratios), 1.7 times as big on a poster (read from 2 metres), times the user's `scale`.
pub(crate) fn unit(w: f64, h: f64, poster: bool, scale: f64) -> f64 {
    let poster = if poster { 1.7 } else { 1.0 };
    (w / 1200.0).min(h / 750.0) * poster * scale
}

/// A legend sample: a line (its stroke) or a dot (its colour).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Glyph {
    Line(Stroke),
    Dot(Rgb),
}

/// The room left for the plots, shrinking as texts are placed around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    /// The room left.
    pub(crate) room: Area,
    /// The base text size (pixel size): 18 units.
    pub(crate) fs: f64,
    /// The margin at the picture's edges: 14 units.
    pub(crate) pad: f64,
}

impl Frame {
    /// The whole canvas less its margins.
    pub(crate) fn new(c: &Canvas) -> Self {
        let pad = 14.0 * c.u;
        Frame { room: Area { left: pad, top: pad, right: c.w - pad, bottom: c.h - pad }, fs: 18.0 * c.u, pad }
    }

    /// The text size of tick and value labels.
    pub(crate) fn small(&self) -> f64 {
        self.fs * 0.85
    }

    fn max_w(&self, c: &Canvas) -> f64 {
        c.w - 2.0 * self.pad
    }

    /// `s` wrapped to the frame's width from `top` down; returns the y below it.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(&self, c: &mut Canvas, s: &str, top: f64, size: f64, bold: bool, color: Rgb, leading: f64) -> f64 {
        let mut y = top;
        for l in font::wrap(s, self.max_w(c), size, bold) {
            c.text(&l, (self.pad, y), TextStyle::new(size, color).bold(bold));
            y += size * leading;
        }
        y
    }

    /// The title (bold), the subtitle and the verdict (a sentence saying what the picture
    /// shows, bold) at the top, each wrapped to the width.
    pub(crate) fn header(
        &mut self,
        c: &mut Canvas,
        title: Option<&str>,
        subtitle: Option<&str>,
        verdict: Option<&str>,
    ) {
        let (fs, start) = (self.fs, self.room.top);
        if let Some(t) = title {
            self.room.top = self.paragraph(c, t, self.room.top, fs * 1.5, true, INK, 1.2);
        }
        if let Some(s) = subtitle {
            self.room.top = self.paragraph(c, s, self.room.top, fs * 1.05, false, SUBTLE, 1.3);
        }
        if let Some(v) = verdict {
            // Dark, not red: whether a change is good depends on the direction of improvement.
            self.room.top = self.paragraph(c, v, self.room.top, fs * 1.05, true, INK, 1.3);
        }
        if self.room.top > start {
            self.room.top += fs * 0.4;
        }
    }

    /// The caption (source, notes; a newline starts a paragraph) at the bottom.
    pub(crate) fn caption(&mut self, c: &mut Canvas, text: &str) {
        let size = self.fs * 0.8;
        for l in font::wrap(text, self.max_w(c), size, false).iter().rev() {
            c.text(l, (self.pad, self.room.bottom), TextStyle::new(size, SUBTLE).at(H::Left, V::Bottom));
            self.room.bottom -= size * 1.3;
        }
        self.room.bottom -= size * 0.1;
    }

    /// A legend at the bottom: samples with their labels in rows as wide as the frame.
    pub(crate) fn legend(&mut self, c: &mut Canvas, items: &[(Glyph, String)]) {
        let (u, size) = (c.u, self.small());
        let (glyph_w, gap) = (28.0 * u, 18.0 * u);
        let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
        let mut x = 0.0;
        for (i, (_, label)) in items.iter().enumerate() {
            let iw = glyph_w + 6.0 * u + font::width(label, size, false);
            if x > 0.0 && x + iw > self.max_w(c) {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(r) = rows.last_mut() {
                r.push((i, x));
            }
            x += iw + gap;
        }
        let row_h = size * 1.5;
        for row in rows.iter().rev() {
            let cy = self.room.bottom - row_h / 2.0;
            for &(i, x) in row {
                let (g, label) = &items[i];
                let gx = self.pad + x;
                match g {
                    Glyph::Line(s) => c.line(&[(gx, cy), (gx + glyph_w, cy)], *s),
                    Glyph::Dot(col) => c.marker((gx + glyph_w / 2.0, cy), 4.2, *col, 0.9, Group::default()),
                }
                c.text(label, (gx + glyph_w + 6.0 * u, cy), TextStyle::new(size, INK).at(H::Left, V::Center));
            }
            self.room.bottom -= row_h;
        }
        self.room.bottom -= 4.0 * u;
    }

    /// The x-axis title centred under the plots and the y-axis title turned up at the left
    /// (cut with … to the height it has).
    pub(crate) fn axis_titles(&mut self, c: &mut Canvas, xlab: Option<&str>, ylab: Option<&str>) {
        let fs = self.fs;
        if let Some(l) = xlab {
            let mid = (self.room.left + fs * if ylab.is_some() { 1.4 } else { 0.0 } + self.room.right) / 2.0;
            c.text(l, (mid, self.room.bottom), TextStyle::new(fs, INK).at(H::Center, V::Bottom));
            self.room.bottom -= fs * 1.4;
        }
        if let Some(l) = ylab {
            let l = font::fit(l, self.room.bottom - self.room.top, fs, false);
            let at = (self.room.left + fs * 0.5, f64::midpoint(self.room.top, self.room.bottom));
            c.text(&l, at, TextStyle::new(fs, INK).at(H::Center, V::Center).vertical());
            self.room.left += fs * 1.4;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::palette::{DATA, LIMIT};
    use super::*;

    #[test]
    fn units_follow_the_size() {
        assert_eq!(unit(1200.0, 750.0, false, 1.0), 1.0);
        assert_eq!(unit(2400.0, 750.0, false, 1.0), 1.0, "the smaller ratio");
        assert_eq!(unit(600.0, 750.0, false, 2.0), 1.0);
        assert!((unit(4961.0, 3508.0, true, 1.0) - 4961.0 / 1200.0 * 1.7).abs() < 1e-12, "A3 poster");
    }

    #[test]
    fn texts_take_room_from_the_edges() {
        let mut c = Canvas::new(1200, 750, 1.0);
        let mut f = Frame::new(&c);
        assert_eq!((f.room, f.fs), (Area { left: 14.0, top: 14.0, right: 1186.0, bottom: 736.0 }, 18.0));
        f.header(&mut c, Some("Tittel"), None, Some("Vurdering"));
        // Title 27 px with leading 1.2, verdict 18.9 px with 1.3, then 0.4 × 18.
        assert!((f.room.top - (14.0 + 27.0 * 1.2 + 18.9 * 1.3 + 7.2)).abs() < 1e-9, "{}", f.room.top);
        f.caption(&mut c, "Kilde: SSB");
        assert!((f.room.bottom - (736.0 - 14.4 * 1.3 - 1.44)).abs() < 1e-9, "{}", f.room.bottom);
        let b = f.room.bottom;
        f.legend(
            &mut c,
            &[(Glyph::Line(Stroke::solid(LIMIT, 1.3)), "Grenser".into()), (Glyph::Dot(DATA), "Enheter".into())],
        );
        assert!((f.room.bottom - (b - 15.3 * 1.5 - 4.0)).abs() < 1e-9, "one row");
        f.axis_titles(&mut c, Some("Nevner"), Some("Verdi"));
        assert_eq!(f.room.left, 14.0 + 18.0 * 1.4);
        let svg = c.to_svg();
        assert!(svg.contains("transform=\"rotate(270,"), "the y title turned");
        for t in ["Tittel", "Vurdering", "Kilde: SSB", "Grenser", "Enheter", "Nevner", "Verdi"] {
            assert!(svg.contains(&format!("\n{t}\n")), "{t}");
        }
    }
}
