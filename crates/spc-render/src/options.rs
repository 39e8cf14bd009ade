//! The picture options of a [`ChartRequest`] (the image keys of a spec file and the image flags
//! of `spc chart`) as [`RenderOptions`]: one reading for `spc chart -o` and `spc.from_spec`.

use spc_core::request::ChartRequest;
use spc_core::{Error, Lang, Result};

use crate::{Note, PaperSize, RenderOptions, Scales};

fn invalid(argument: &'static str, reason: String) -> Error {
    Error::InvalidArgument { argument, reason }
}

impl std::fmt::Display for Scales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scales::Fixed => "fixed",
            Scales::FreeY => "free_y",
        })
    }
}

impl std::fmt::Display for PaperSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PaperSize::A3 => "a3",
            PaperSize::A4 => "a4",
        })
    }
}

/// The image size of `size` (`WIDTHxHEIGHT` in pixels, or a paper: `a3`, `a4`) and `poster`:
/// (width, height, poster paper). A poster is A3 unless `size` names A4; without either the
/// size is [`RenderOptions::default`]'s. Errors name `size`.
pub fn image_size(size: Option<&str>, poster: bool) -> Result<(u32, u32, Option<PaperSize>)> {
    let d = RenderOptions::default();
    let Some(size) = size else { return Ok((d.width, d.height, poster.then_some(PaperSize::default()))) };
    if let Some((w, h)) = size.split_once(['x', 'X']) {
        if poster {
            return Err(invalid("size", format!("a poster is A3 or A4 (size a3 or a4), got {size}")));
        }
        let px = |v: &str| v.trim().parse::<u32>().ok();
        let (w, h) = px(w).zip(px(h)).ok_or_else(|| {
            invalid("size", format!("expected WIDTHxHEIGHT in pixels (e.g. 1600x900), a3 or a4, got '{size}'"))
        })?;
        return Ok((w, h, None));
    }
    let paper = size.parse::<PaperSize>().map_err(|e| invalid("size", e))?;
    Ok((d.width, d.height, Some(paper)))
}

/// The picture options of `req` in `lang`: texts, notes (`note` and the `notes` file), goal,
/// size or poster, scales. The title and verdict left open are completed by
/// [`RenderOptions::with_analysis`]. Errors name the option.
pub fn render_options(req: &ChartRequest, lang: Lang) -> Result<RenderOptions> {
    let notes = req.notes()?.into_iter().map(|(x, label)| Note { x, label }).collect();
    let (width, height, poster) = image_size(req.size.as_deref(), req.poster)?;
    let scales = match &req.scales {
        Some(s) => s.parse::<Scales>().map_err(|e| invalid("scales", e))?,
        None => Scales::default(),
    };
    Ok(RenderOptions {
        title: req.title.clone(),
        subtitle: req.subtitle.clone(),
        caption: req.caption.clone(),
        xlab: req.xlab.clone(),
        ylab: req.ylab.clone(),
        notes,
        goal: req.goal,
        lang,
        width,
        height,
        poster,
        scales,
        ..RenderOptions::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_their_errors() {
        assert_eq!(image_size(None, false).unwrap(), (1200, 750, None));
        assert_eq!(image_size(None, true).unwrap(), (1200, 750, Some(PaperSize::A3)));
        assert_eq!(image_size(Some("a4"), true).unwrap(), (1200, 750, Some(PaperSize::A4)));
        assert_eq!(image_size(Some("1600x900"), false).unwrap(), (1600, 900, None));
        let err = |s, p| image_size(Some(s), p).unwrap_err().to_string();
        assert_eq!(err("big", false), "invalid size: unknown paper size 'big': expected a3 or a4");
        assert_eq!(err("1600x900", true), "invalid size: a poster is A3 or A4 (size a3 or a4), got 1600x900");
    }

    #[test]
    fn options_of_a_request() {
        let req = ChartRequest {
            title: Some("T".into()),
            note: vec!["3=Ny rutine".into()],
            scales: Some("free_y".into()),
            size: Some("1600x900".into()),
            ..ChartRequest::default()
        };
        let o = render_options(&req, Lang::Nb).unwrap();
        assert_eq!((o.title.as_deref(), o.scales, o.size(), o.lang), (Some("T"), Scales::FreeY, (1600, 900), Lang::Nb));
        assert_eq!(o.notes, vec![Note { x: "3".into(), label: "Ny rutine".into() }]);
        let bad = ChartRequest { scales: Some("loose".into()), ..ChartRequest::default() };
        assert_eq!(
            render_options(&bad, Lang::En).unwrap_err().to_string(),
            "invalid scales: unknown scales 'loose': expected fixed or free_y"
        );
    }
}
