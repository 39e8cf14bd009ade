//! `spc chart -o FILE`: the image format of a file name, and the image written to it.

use std::path::Path;

use spc_core::Chart;
use spc_render::{render_pdf, render_png, render_svg, RenderError, RenderOptions};

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

/// Draws `chart` into `path` in the format of its extension.
pub(crate) fn write_image(chart: &Chart, opts: &RenderOptions, path: &Path) -> Result<(), CliError> {
    let bytes = match Format::from_path(path)? {
        Format::Png => render_png(chart, opts)?,
        Format::Svg => render_svg(chart, opts)?.into_bytes(),
        Format::Pdf => render_pdf(chart, opts)?,
    };
    super::write_output(path, "the image", |w| w.write_all(&bytes))
}
