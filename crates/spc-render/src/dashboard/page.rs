//! The dashboard page as the template sees it: the cover table's rows, the sections, the
//! compact chart and the icons.

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

/// A tick of an axis.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Tick {
    pub(super) pos: f64,
    pub(super) label: String,
}

/// A point of the chart.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Pt {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) cls: &'static str,
    pub(super) title: String,
}

/// The compact chart of one indicator, drawn by the template as inline SVG.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Svg {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) yticks: Vec<Tick>,
    pub(super) xticks: Vec<Tick>,
    pub(super) cl: Vec<String>,
    pub(super) limits: Vec<String>,
    pub(super) lines: Vec<String>,
    pub(super) target: Option<Tick>,
    pub(super) points: Vec<Pt>,
    pub(super) gaps: Vec<Pt>,
    pub(super) label: String,
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
    pub(super) chart: Option<Svg>,
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
