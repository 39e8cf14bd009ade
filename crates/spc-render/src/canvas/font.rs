//! The bundled font (DejaVu Sans, regular and bold) and text measurement with it, so a
//! picture is laid out the same on every machine, and PNG and PDF draw it with the same glyphs.

use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, ScaleFont as _};

/// The font family every picture is drawn with.
pub const FONT_FAMILY: &str = "DejaVu Sans";
pub(crate) static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Text sizes are pixel sizes as the font is measured (the height of its ascent and descent);
/// the SVG `font-size` (the em) is the pixel size divided by this.
pub(crate) const EM: f64 = 1.24;

fn face(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold { (&BOLD, FONT_BOLD) } else { (&REGULAR, FONT_REGULAR) };
    cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("the bundled DejaVu Sans is a valid TrueType font"))
}

/// The width in whole pixels of `text` at pixel size `size`: the glyphs' advances and kerning.
pub(crate) fn width(text: &str, size: f64, bold: bool) -> f64 {
    let font = face(bold).as_scaled(size as f32);
    let mut x = 0f32;
    let mut prev = None;
    for c in text.chars() {
        let g = font.glyph_id(c);
        x += font.h_advance(g);
        if let Some(p) = prev {
            x += font.kern(p, g);
        }
        prev = Some(g);
    }
    f64::from(x as i32)
}

/// `s` broken into lines no wider than `max_w` (at spaces; a longer word stays whole; a
/// newline starts a new line).
pub(crate) fn wrap(s: &str, max_w: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in s.split('\n') {
        let mut cur = String::new();
        for word in para.split(' ') {
            let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if cur.is_empty() || width(&cand, size, bold) <= max_w {
                cur = cand;
            } else {
                lines.push(std::mem::replace(&mut cur, word.to_string()));
            }
        }
        lines.push(cur);
    }
    lines
}

/// `s` cut to `max_w` pixels, ending in `…` when cut.
pub(crate) fn fit(s: &str, max_w: f64, size: f64, bold: bool) -> String {
    if width(s, size, bold) <= max_w {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut n = chars.len();
    while n > 1 {
        n -= 1;
        let cand: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if width(&cand, size, bold) <= max_w {
            return cand;
        }
    }
    "…".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_in_the_bundled_font() {
        // DejaVu Sans: 2048 units per em, ascent 1901 and descent 483 (ab_glyph scales the
        // height, 2384 units, to the pixel size); digits advance 1303 units. "10" at pixel
        // size 18: 2 × 1303 × 18 / 2384 = 19.68, whole pixels 19.
        assert_eq!(width("10", 18.0, false), 19.0);
        // "1000" at 36: 4 × 1303 × 36 / 2384 = 78.7 -> 78.
        assert_eq!(width("1000", 36.0, false), 78.0);
        assert!(width("Mål", 18.0, true) > width("Mål", 18.0, false), "bold is wider");
        assert_eq!(width("", 18.0, false), 0.0);
        // The public measure takes the SVG font-size (em): 18 / 1.24 em is pixel size 18.
        assert_eq!(crate::text_width("10", 18.0 / EM, false), 19.0);
    }

    #[test]
    fn wrapping_and_cutting() {
        let lines = wrap("Tapte dagsverk i prosent av avtalte dagsverk\nKilde: SSB", 200.0, 18.0, false);
        assert!(lines.len() >= 3 && lines.last().unwrap() == "Kilde: SSB", "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 18.0, false) <= 200.0 || !l.contains(' ')));
        let long = "DERIVED ratio: Energikostnader til kommunale idrettsbygg konsern / Samlet areal";
        let cut = fit(long, 200.0, 16.0, false);
        assert!(cut.ends_with('…') && width(&cut, 16.0, false) <= 200.0, "{cut}");
        assert_eq!(fit("kort", 200.0, 16.0, false), "kort");
    }
}
