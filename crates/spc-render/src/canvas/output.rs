//! SVG to PNG (resvg: anti-aliased, the bundled font) and to PDF (svg2pdf: vector graphics,
//! the bundled font embedded), for every picture.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::Database;

use super::font::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR};
use crate::RenderError;

/// The resolution a picture is meant for: 96 dpi on screens, 300 dpi for posters.
pub(crate) fn dpi(poster: bool) -> f32 {
    if poster {
        300.0
    } else {
        96.0
    }
}

fn fontdb() -> Arc<Database> {
    static DB: OnceLock<Arc<Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// An SVG document parsed with the bundled fonts only.
fn tree(svg: &str) -> Result<resvg::usvg::Tree, RenderError> {
    let opts = resvg::usvg::Options { font_family: FONT_FAMILY.into(), fontdb: fontdb(), ..Default::default() };
    resvg::usvg::Tree::from_str(svg, &opts).map_err(|e| RenderError::Encode(e.to_string()))
}

/// The bytes of a PNG file of `svg`, `w` × `h` pixels on white, its resolution recorded.
pub(crate) fn png(svg: &str, (w, h): (u32, u32), dpi: f32) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(w, h).ok_or(RenderError::InvalidOption(format!("image size {w}x{h}")))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    // Opaque white background: premultiplied RGBA is plain RGBA; keep RGB.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let dpm = (f64::from(dpi) / 0.0254).round() as u32; // dots per metre
        enc.set_pixel_dims(Some(png::PixelDimensions { xppu: dpm, yppu: dpm, unit: png::Unit::Meter }));
        let mut wr = enc.write_header().map_err(|e| RenderError::Encode(e.to_string()))?;
        wr.write_image_data(&rgb).map_err(|e| RenderError::Encode(e.to_string()))?;
    }
    Ok(bytes)
}

/// The bytes of a PDF file of `svg`, one page of the picture's size at `dpi`.
pub(crate) fn pdf(svg: &str, dpi: f32) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions { dpi })
        .map_err(|e| RenderError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::palette::{DATA, WHITE};
    use super::super::{Canvas, TextStyle};
    use super::*;

    #[test]
    fn png_and_pdf_of_a_canvas() {
        let mut c = Canvas::new(300, 200, 1.0);
        c.fill(WHITE);
        c.dot((150.0, 100.0), 20.0, DATA, None);
        c.text("Mål", (10.0, 10.0), TextStyle::new(18.0, DATA));
        let svg = c.to_svg();
        let p = png(&svg, (300, 200), dpi(false)).unwrap();
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes(p[16..20].try_into().unwrap()), 300);
        // 96 dpi = 3780 dots a metre (the pHYs chunk).
        let phys = p.windows(4).position(|w| w == b"pHYs").unwrap();
        assert_eq!(u32::from_be_bytes(p[phys + 4..phys + 8].try_into().unwrap()), 3780);
        assert_eq!(dpi(true), 300.0);
        let d = pdf(&svg, dpi(false)).unwrap();
        assert!(d.starts_with(b"%PDF-") && d.windows(10).any(|w| w == b"DejaVuSans"));
    }
}
