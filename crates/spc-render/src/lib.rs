//! # spc-render
//!
//! All drawing of spc, in one place for both front ends (the `spc` command and the Python
//! package): control and run charts ([`render_svg`], [`render_png`], [`render_pdf`]), funnel
//! plots ([`funnel`]) and the KOSTRA dashboard page ([`dashboard`]). Every picture is laid out
//! by one drawing layer (the private `canvas` module: one palette, one font and text
//! measurement, one number format, one way of making axes, ticks and a panel's title and
//! caption) and written as SVG with the bundled DejaVu Sans font; PNG is that SVG rasterised
//! (resvg) and PDF that SVG converted (svg2pdf), so the three formats show the same picture on
//! every machine.
//!
//! A chart follows qicharts2 and NHSRplotthedots: points joined by a line (dots only for
//! categorical x), a solid centre line and step-line limits per part, the baseline shaded,
//! points outside the limits and the centre line of a part with a runs signal in red (the
//! centre line dashed), the values of the lines at the right edge, notes as marked vertical
//! lines with their labels in a band above the data, a labelled goal line.
//!
//! ```
//! use spc_render::{render_svg, RenderOptions, Lang};
//! use spc_core::{ChartKind, ChartSpec, Input};
//!
//! let y = vec![5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 7.0, 5.0];
//! let chart = ChartSpec::new(ChartKind::I).compute(&Input::from_y(y)).unwrap();
//! let opts = RenderOptions { title: Some("Ventetid".into()), goal: Some(6.0), lang: Lang::Nb, ..Default::default() };
//! let svg = render_svg(&chart, &opts).unwrap();
//! assert!(svg.contains("Mål: 6"));
//! ```

mod canvas;
pub mod dashboard;
mod draw;
pub mod funnel;
mod layout;
pub mod options;
mod text;

/// The font family the charts are drawn with (bundled, so images are the same everywhere).
pub use canvas::font::FONT_FAMILY;
/// The language of every fixed text of a chart (the core's one language enum).
pub use spc_core::Lang;
pub use text::chart_name;

use spc_core::verdict::Verdict;

/// A note on the chart: a marked vertical line at `x` with `label` (a tested change, an event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where: a date (`2021-03-01`, `2021K1`, `2021M03`), a number, or a category, as in the data.
    pub x: String,
    /// The text.
    pub label: String,
}

impl std::str::FromStr for Note {
    type Err = String;
    /// `X=TEXT`, as given to `--note`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match spc_core::request::parse_note(s) {
            Ok((x, label)) => Ok(Note { x, label }),
            Err(spc_core::Error::InvalidArgument { reason, .. }) => Err(reason),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Paper sizes for posters (landscape, 300 dpi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaperSize {
    /// A3 landscape: 4961 × 3508 pixels.
    #[default]
    A3,
    /// A4 landscape: 3508 × 2480 pixels.
    A4,
}

impl PaperSize {
    /// Width and height in pixels at 300 dpi, landscape.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            PaperSize::A3 => (4961, 3508),
            PaperSize::A4 => (3508, 2480),
        }
    }

    /// Width and height in PDF points (1/72 inch), landscape.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A3 => (1190.55, 841.89),
            PaperSize::A4 => (841.89, 595.28),
        }
    }
}

impl std::str::FromStr for PaperSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "a3" => Ok(PaperSize::A3),
            "a4" => Ok(PaperSize::A4),
            _ => Err(format!("unknown paper size '{s}': expected a3 or a4")),
        }
    }
}

/// y scales of small multiples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scales {
    /// Every panel has the same y scale.
    #[default]
    Fixed,
    /// Each panel has its own y scale.
    FreeY,
}

impl std::str::FromStr for Scales {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "fixed" => Ok(Scales::Fixed),
            "free_y" | "free-y" | "freey" => Ok(Scales::FreeY),
            _ => Err(format!("unknown scales '{s}': expected fixed or free_y")),
        }
    }
}

/// What to draw besides the chart itself, and how big.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Title (bold, top left). `None` draws no title.
    pub title: Option<String>,
    /// Subtitle under the title.
    pub subtitle: Option<String>,
    /// Caption under the chart (source, notes).
    pub caption: Option<String>,
    /// x-axis label.
    pub xlab: Option<String>,
    /// y-axis label.
    pub ylab: Option<String>,
    /// Notes: marked vertical lines with labels.
    pub notes: Vec<Note>,
    /// A goal, drawn as a labelled line (`Mål: 95 %`).
    pub goal: Option<f64>,
    /// Language of every fixed text and of number and date formats.
    pub lang: Lang,
    /// Width in pixels (PNG) or user units (SVG, PDF points = pixels × 0.75). Ignored for posters.
    pub width: u32,
    /// Height in pixels. Ignored for posters.
    pub height: u32,
    /// A poster: landscape paper at 300 dpi, text and lines sized for reading from 2 metres.
    pub poster: Option<PaperSize>,
    /// y scales of small multiples.
    pub scales: Scales,
    /// A sentence under the title saying what the chart shows (from the rules analysis).
    pub verdict: Option<String>,
    /// Multiply every text size and line width by this (1 = the default for screens).
    pub scale: f64,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            title: None,
            subtitle: None,
            caption: None,
            xlab: None,
            ylab: None,
            notes: Vec::new(),
            goal: None,
            lang: Lang::En,
            width: 1200,
            height: 750,
            poster: None,
            scales: Scales::Fixed,
            verdict: None,
            scale: 1.0,
        }
    }
}

impl RenderOptions {
    /// Completes the options with what the analysis decides when the caller left it open, the
    /// same for every front end: the title names the chart kind and the measure
    /// (`I chart – waiting time`), and the first verdict's sentence goes under it.
    #[must_use]
    pub fn with_analysis(mut self, chart: &spc_core::Chart, measure: Option<&str>, verdicts: &[Verdict]) -> Self {
        if self.title.is_none() {
            self.title = measure.map(|m| format!("{} – {m}", chart_name(chart.kind(), self.lang)));
        }
        if self.verdict.is_none() {
            self.verdict = verdicts.first().map(|v| v.sentence.clone());
        }
        self
    }

    /// Width and height of the image in pixels.
    pub fn size(&self) -> (u32, u32) {
        self.poster.map_or((self.width, self.height), PaperSize::pixels)
    }
}

/// What can go wrong when drawing a chart.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum RenderError {
    /// An option that cannot be drawn (a note outside the data, a zero size, ...).
    #[error("{0}")]
    InvalidOption(String),
    /// The chart has no point with a value.
    #[error("nothing to draw: the chart has no values")]
    Empty,
    /// The drawing backend failed (not raised since the pictures are written as SVG by this
    /// crate itself; kept so callers that name it still build).
    #[error("drawing failed: {0}")]
    Backend(String),
    /// Encoding the PNG or converting to PDF failed.
    #[error("encoding the image failed: {0}")]
    Encode(String),
}

/// The width in pixels of `text` in the bundled font at SVG `font-size` `size`, as the layout
/// measures it (a few per cent wider than a browser draws it). For tests and callers that place
/// their own labels.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    canvas::font::width(text, size * canvas::font::EM, bold)
}

/// The image size in pixels, after checking it and the text scale.
fn check_size(opts: &RenderOptions) -> Result<(u32, u32), RenderError> {
    if !(0.2..=10.0).contains(&opts.scale) {
        return Err(RenderError::InvalidOption(format!("scale {}: must be 0.2 to 10 (1 = the default)", opts.scale)));
    }
    let (w, h) = opts.size();
    if !(200..=20_000).contains(&w) || !(150..=20_000).contains(&h) {
        return Err(RenderError::InvalidOption(format!(
            "image size {w}x{h}: width must be 200 to 20000 and height 150 to 20000 pixels"
        )));
    }
    Ok((w, h))
}

/// The chart as an SVG document.
pub fn render_svg(chart: &spc_core::Chart, opts: &RenderOptions) -> Result<String, RenderError> {
    let (w, h) = check_size(opts)?;
    let u = canvas::frame::unit(f64::from(w), f64::from(h), opts.poster.is_some(), opts.scale);
    let mut c = canvas::Canvas::new(w, h, u);
    draw::draw(&mut c, chart, opts)?;
    Ok(c.to_svg())
}

/// The chart as the bytes of a PNG file (the SVG rasterised by resvg: anti-aliased, the
/// bundled font; 300 dpi recorded for posters).
pub fn render_png(chart: &spc_core::Chart, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    canvas::output::png(&render_svg(chart, opts)?, opts.size(), canvas::output::dpi(opts.poster.is_some()))
}

/// The chart as the bytes of a PDF file (vector graphics, the bundled font embedded).
pub fn render_pdf(chart: &spc_core::Chart, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    // Posters: the page is the paper (A3/A4 at 300 dpi → 72 points per inch).
    canvas::output::pdf(&render_svg(chart, opts)?, canvas::output::dpi(opts.poster.is_some()))
}
