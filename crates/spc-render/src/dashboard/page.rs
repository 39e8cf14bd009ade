//! The dashboard page as the template sees it: the cover table's rows, the sections, the
//! icons (the compact chart is SVG markup of its own: [`super::chart_svg`]).

#[allow(clippy::wildcard_imports)]
use super::*;

/// One cell of the region's series.
#[derive(Debug, Clone, Copy)]
pub(super) struct Obs {
    pub(super) period: Period,
    pub(super) value: Option<f64>,
    pub(super) status: Option<Status>,
}

/// A figure to compare with: a group, county or country value for the latest period.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Bench {
    pub(super) label: String,
    /// The value as text, or the status symbol.
    pub(super) text: String,
    /// What the text means when it is not a number.
    pub(super) note: String,
    /// The raw value for the verdict sentence (`None` also for a sum, which is no level to
    /// compare with).
    #[serde(skip)]
    pub(super) value: Option<f64>,
}

/// An MDC icon.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Icon {
    /// CSS class: common, improve, concern, neutral, pass, fail, hitmiss, none.
    pub(super) cls: &'static str,
    /// Letter in the icon: H, L, P, F, ? or empty.
    pub(super) letter: &'static str,
    /// The icon's meaning in words.
    pub(super) label: String,
    /// Shape of the small line inside a variation icon: up, down, flat.
    pub(super) trend: &'static str,
}

/// One row of the cover table.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) period: String,
    pub(super) value: String,
    pub(super) value_note: String,
    pub(super) group: Bench,
    pub(super) county: Bench,
    pub(super) country: Bench,
    pub(super) z: String,
    pub(super) z_note: String,
    pub(super) variation: Icon,
    pub(super) assurance: Icon,
}

/// A label and its value in a section's key figures.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Fact {
    pub(super) label: String,
    pub(super) value: String,
    pub(super) note: String,
}

/// One indicator's section.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Section {
    pub(super) id: String,
    pub(super) name: String,
    /// The chart as an SVG element (markup made by [`super::chart_svg`]).
    pub(super) chart: Option<minijinja::Value>,
    pub(super) facts: Vec<Fact>,
    pub(super) variation: Icon,
    pub(super) assurance: Icon,
    pub(super) signal: String,
    pub(super) verdict: String,
    pub(super) missing: Vec<String>,
    pub(super) notes: Vec<String>,
}

/// The whole page.
#[derive(Debug, Serialize)]
pub(super) struct Page {
    pub(super) t: &'static Texts,
    pub(super) title: String,
    pub(super) subtitle: String,
    pub(super) css: minijinja::Value,
    pub(super) rows: Vec<Row>,
    pub(super) sections: Vec<Section>,
    pub(super) legend: Vec<Icon>,
    pub(super) method: Vec<String>,
    pub(super) warnings: Vec<String>,
}
