//! `spc chart -o FILE`: from the image flags to a file.

use std::path::Path;

use spc_core::Chart;
use spc_render::{render_pdf, render_png, render_svg, Lang, Note, PaperSize, RenderError, RenderOptions, Scales};

use super::chart::ImageArgs;
use super::CliError;

/// Image formats, from the extension of `-o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Png,
    Svg,
    Pdf,
}

impl Format {
    pub(crate) fn from_path(path: &Path) -> Result<Format, CliError> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Format::Png),
            Some("svg") => Ok(Format::Svg),
            Some("pdf") => Ok(Format::Pdf),
            _ => Err(CliError::Usage(format!(
                "-o {}: the file name must end in .png, .svg or .pdf (the format is taken from it)",
                path.display()
            ))),
        }
    }
}

impl From<RenderError> for CliError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::InvalidOption(m) => CliError::Usage(m),
            e => CliError::Data(e.to_string()),
        }
    }
}

/// Reads notes from a CSV file with the columns `x` and `label`.
pub(crate) fn read_notes(path: &Path) -> Result<Vec<Note>, CliError> {
    let table = spc_core::io::Table::from_path(path)?;
    let (x, label) = (table.texts("x")?, table.texts("label")?);
    Ok(x.into_iter()
        .zip(label)
        .filter(|(x, l)| !(x.is_empty() && l.is_empty()))
        .map(|(x, label)| Note { x, label })
        .collect())
}

/// The render options the flags ask for (the title and verdict left open are completed by
/// [`RenderOptions::with_analysis`]).
pub(crate) fn options(a: &ImageArgs) -> Result<RenderOptions, CliError> {
    let lang = match &a.lang {
        Some(l) => l.parse::<Lang>().map_err(|e| CliError::Usage(format!("--lang: {e}")))?,
        None => Lang::from_env(),
    };
    let mut notes = Vec::new();
    for n in &a.note {
        notes.push(n.parse::<Note>().map_err(|e| CliError::Usage(format!("--note: {e}")))?);
    }
    if let Some(p) = &a.notes {
        notes.extend(read_notes(p)?);
    }
    let (mut width, mut height, mut poster) = (1200, 750, a.poster.then_some(PaperSize::A3));
    if let Some(size) = &a.size {
        if let Some((w, h)) = size.split_once(['x', 'X']) {
            if a.poster {
                return Err(CliError::Usage(format!("--size {size}: a poster is A3 or A4 (--size a3 or a4)")));
            }
            let px = |v: &str| v.trim().parse::<u32>().ok();
            (width, height) = px(w).zip(px(h)).ok_or_else(|| {
                CliError::Usage(format!("--size {size}: expected WIDTHxHEIGHT in pixels (e.g. 1600x900), a3 or a4"))
            })?;
        } else {
            poster = Some(size.parse::<PaperSize>().map_err(|e| CliError::Usage(format!("--size: {e}")))?);
        }
    }
    let scales = a.scales.parse::<Scales>().map_err(|e| CliError::Usage(format!("--scales: {e}")))?;
    Ok(RenderOptions {
        title: a.title.clone(),
        subtitle: a.subtitle.clone(),
        caption: a.caption.clone(),
        xlab: a.xlab.clone(),
        ylab: a.ylab.clone(),
        notes,
        goal: a.goal,
        lang,
        width,
        height,
        poster,
        scales,
        verdict: None,
        scale: 1.0,
    })
}

/// Draws `chart` into `path` in the format of its extension.
pub(crate) fn write_image(chart: &Chart, opts: &RenderOptions, path: &Path) -> Result<(), CliError> {
    let bytes = match Format::from_path(path)? {
        Format::Png => render_png(chart, opts)?,
        Format::Svg => render_svg(chart, opts)?.into_bytes(),
        Format::Pdf => render_pdf(chart, opts)?,
    };
    super::write_output(path, "the image", |w| w.write_all(&bytes))
}
