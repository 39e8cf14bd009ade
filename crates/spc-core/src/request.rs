//! [`ChartRequest`]: everything `spc chart` can be asked for (input file and reading options,
//! columns, chart options, rule sets, outputs and the picture's options) as plain data, with
//! its TOML form, the spec file of `spc chart --spec` / `--print-spec` and `spc.from_spec`.
//!
//! The keys of the file are the long flags of `spc chart` (`-` or `_`); an unknown key is an
//! error naming it. The request owns the defaults and checks of its options: a front end
//! fills in what the user gave and asks the request for the typed specification
//! ([`ChartRequest::chart_spec`], [`ChartRequest::rule_sets`], ...), whose errors name the
//! option by its neutral name (`lambda`, `freeze_part`, ...).
//!
//! ```
//! use spc_core::request::ChartRequest;
//! let req = ChartRequest::from_toml("chart = \"i\"\nx = \"month\"\ny = \"value\"\npart = [12]\n", "chart.toml").unwrap();
//! let spec = req.chart_spec().unwrap();
//! assert_eq!((spec.kind.name(), spec.part.clone(), spec.lambda), ("i", vec![12], 0.2));
//! assert_eq!(req.to_toml().unwrap(), "chart = \"i\"\nx = \"month\"\ny = \"value\"\npart = [12]\n");
//! let err = ChartRequest::from_toml("colour = \"red\"\n", "chart.toml").unwrap_err();
//! assert!(err.to_string().contains("unknown key 'colour'"));
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::baseline::Baseline;
use crate::error::{Error, Result};
use crate::io::{Columns, ReadOptions};
use crate::kind::ChartKind;
use crate::lang::Lang;
use crate::mdc::Improvement;
use crate::rules::RuleSet;
use crate::spec::ChartSpec;

/// Everything `spc chart` can be asked for, as plain data: the spec file's keys, one field per
/// long flag. `None`, an empty list or `false` is "not given" (the library's default).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChartRequest {
    /// Input file (`-`: standard input), relative to the current folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<PathBuf>,
    /// Chart kind (default run).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub chart: Option<String>,
    /// Column of x values.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub x: Option<String>,
    /// Column of y values.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub y: Option<String>,
    /// Column of denominators.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub n: Option<String>,
    /// Column of facets.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub facet: Option<String>,
    /// Baseline: the first K points (of every part).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "count")]
    pub freeze: Option<usize>,
    /// Baseline per part (0 = the whole part).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "some_positions")]
    pub freeze_part: Option<Vec<usize>>,
    /// A new part after each of these positions.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "positions")]
    pub part: Vec<usize>,
    /// Column whose changes mark new parts.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub part_col: Option<String>,
    /// Positions left out of the calculations.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "positions")]
    pub exclude: Vec<usize>,
    /// Multiply y, centre line and limits.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub multiply: Option<f64>,
    /// A given centre line.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub cl: Option<f64>,
    /// A target line.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub target: Option<f64>,
    /// Runs analysis (default anhoej).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub method: Option<String>,
    /// Rule sets, comma separated (a list in the file too; default anhoej).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "joined")]
    pub rules: Option<String>,
    /// Write the signals as CSV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signals: Option<PathBuf>,
    /// x values of IHI astronomical points.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "split_texts")]
    pub astronomical: Vec<String>,
    /// Which direction is an improvement, for the verdict (default neutral).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub improvement: Option<String>,
    /// Save the baseline as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_baseline: Option<PathBuf>,
    /// Judge the data against a saved baseline (JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// Do not screen large moving ranges.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_screen_mr: bool,
    /// Set negative lower limits to 0 when no value is negative.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_y_neg: bool,
    /// How rows that share an x are combined (default mean).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub agg: Option<String>,
    /// EWMA weight.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub lambda: Option<f64>,
    /// EWMA limit width in sigmas.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub width: Option<f64>,
    /// CUSUM reference value.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub k: Option<f64>,
    /// CUSUM decision interval.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub h: Option<f64>,
    /// A known process standard deviation.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub sigma: Option<f64>,
    /// Write the per-point result as CSV (`-`: standard output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<PathBuf>,
    /// Write the summary as CSV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<PathBuf>,
    /// Field separator of CSV input.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub sep: Option<String>,
    /// Decimal mark of CSV input.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub decimal: Option<String>,
    /// Text encoding of CSV input.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub encoding: Option<String>,
    /// Worksheet of a spreadsheet, by name or number.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub sheet: Option<String>,
    /// Draw the chart to this file (.png, .svg, .pdf).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Title (default: the chart kind and the y column).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub title: Option<String>,
    /// Subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub subtitle: Option<String>,
    /// Caption.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub caption: Option<String>,
    /// x-axis label.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub xlab: Option<String>,
    /// y-axis label.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub ylab: Option<String>,
    /// Notes as `X=TEXT`.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "texts")]
    pub note: Vec<String>,
    /// Notes from a CSV file with the columns x, label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<PathBuf>,
    /// A goal line.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub goal: Option<f64>,
    /// Language of the fixed texts (default from the locale).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub lang: Option<String>,
    /// A poster (A3, or the paper of `size`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub poster: bool,
    /// Image size: WIDTHxHEIGHT in pixels, or a paper (a3, a4).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub size: Option<String>,
    /// y scales of faceted charts.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub scales: Option<String>,
    /// One image per value of this column.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub batch: Option<String>,
    /// Folder of the batch images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_dir: Option<PathBuf>,
    /// Format of the batch images (default png).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub format: Option<String>,
}

/// Every key of the spec file, in the order [`ChartRequest::to_toml`] writes them.
pub const KEYS: [&str; 51] = [
    "input",
    "chart",
    "x",
    "y",
    "n",
    "facet",
    "freeze",
    "freeze-part",
    "part",
    "part-col",
    "exclude",
    "multiply",
    "cl",
    "target",
    "method",
    "rules",
    "signals",
    "astronomical",
    "improvement",
    "save-baseline",
    "baseline",
    "no-screen-mr",
    "no-y-neg",
    "agg",
    "lambda",
    "width",
    "k",
    "h",
    "sigma",
    "data",
    "summary",
    "sep",
    "decimal",
    "encoding",
    "sheet",
    "output",
    "title",
    "subtitle",
    "caption",
    "xlab",
    "ylab",
    "note",
    "notes",
    "goal",
    "lang",
    "poster",
    "size",
    "scales",
    "batch",
    "out-dir",
    "format",
];

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

fn invalid(argument: &'static str, reason: impl Into<String>) -> Error {
    Error::InvalidArgument { argument, reason: reason.into() }
}

impl ChartRequest {
    /// The improvement direction of a chart's verdict when none is given.
    pub const DEFAULT_IMPROVEMENT: Improvement = Improvement::Neutral;
    /// The rule sets of the signals when none are given.
    pub const DEFAULT_RULES: &'static str = "anhoej";
    /// The format of batch images when none is given.
    pub const DEFAULT_FORMAT: &'static str = "png";

    /// The request of a spec file's TOML `text`; `source` (the file's name) starts the messages.
    /// Keys are the long flags with `-` or `_`; an unknown key, a key given twice or a value of
    /// the wrong type is an error naming the key.
    pub fn from_toml(text: &str, source: &str) -> Result<ChartRequest> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| Error::Io {
            file: source.to_string(),
            reason: format!("not valid TOML: {}", e.message()),
        })?;
        let bad = |reason: String| invalid("spec", format!("{source}: {reason}"));
        let mut keyed = toml::Table::new();
        for (raw, value) in table {
            let key = raw.replace('_', "-");
            if !KEYS.contains(&key.as_str()) {
                return Err(bad(format!(
                    "unknown key '{raw}': the keys are the long flags of spc chart ({})",
                    KEYS.join(", ")
                )));
            }
            if keyed.contains_key(&key) {
                return Err(bad(format!("the key '{raw}' is given twice (with '-' and with '_')")));
            }
            keyed.insert(key, value);
        }
        Self::from_table(keyed).map_err(|(key, reason)| bad(format!("key '{key}': {reason}")))
    }

    /// Reads the spec file at `path`.
    pub fn read(path: &Path) -> Result<ChartRequest> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { file: file.clone(), reason: format!("cannot read the spec: {e}") })?;
        Self::from_toml(&text, &file)
    }

    /// A request of a table with known keys; on error the key and what is wrong with it.
    fn from_table(table: toml::Table) -> std::result::Result<ChartRequest, (String, String)> {
        let whole = ChartRequest::deserialize(toml::Value::Table(table.clone()));
        whole.map_err(|e| {
            // Which key: the first that fails alone.
            for (key, value) in table {
                let one = toml::Table::from_iter([(key.clone(), value)]);
                if let Err(e) = ChartRequest::deserialize(toml::Value::Table(one)) {
                    return (key, e.message().trim().to_string());
                }
            }
            (String::from("?"), e.to_string())
        })
    }

    /// The spec file of the request: the keys that are given, in the order of [`KEYS`].
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| invalid("spec", format!("cannot write the spec: {e}")))
    }

    /// This request with every option given in `over` replacing this one's (the command line
    /// over a spec file).
    pub fn merged(&self, over: &ChartRequest) -> Result<ChartRequest> {
        let table = |r: &ChartRequest| -> Result<toml::Table> {
            match toml::Value::try_from(r) {
                Ok(toml::Value::Table(t)) => Ok(t),
                Ok(_) => Ok(toml::Table::new()),
                Err(e) => Err(invalid("spec", format!("cannot merge the options: {e}"))),
            }
        };
        let mut t = table(self)?;
        t.extend(table(over)?);
        Self::from_table(t).map_err(|(key, reason)| invalid("spec", format!("key '{key}': {reason}")))
    }

    /// The chart kind (default run).
    pub fn kind(&self) -> Result<ChartKind> {
        self.chart.as_deref().map_or(Ok(ChartSpec::DEFAULT_KIND), str::parse)
    }

    /// The chart's specification: kind and options with the library's defaults for those not
    /// given, checked ([`ChartSpec::validate`]). A saved baseline (`baseline`) is applied by
    /// [`ChartRequest::apply_baseline`].
    pub fn chart_spec(&self) -> Result<ChartSpec> {
        let mut spec = ChartSpec::new(self.kind()?)
            .part(self.part.iter().copied())
            .exclude(self.exclude.iter().copied())
            .screen_mr(!self.no_screen_mr)
            .y_neg(!self.no_y_neg);
        if let Some(m) = self.multiply {
            spec.multiply = m;
        }
        if let Some(m) = &self.method {
            spec.method = m.parse()?;
        }
        if let Some(a) = &self.agg {
            spec.agg = a.parse()?;
        }
        spec.lambda = self.lambda.unwrap_or(spec.lambda);
        spec.width = self.width.unwrap_or(spec.width);
        spec.k = self.k.unwrap_or(spec.k);
        spec.h = self.h.unwrap_or(spec.h);
        spec.sigma = self.sigma;
        spec.freeze = self.freeze;
        spec.freeze_part.clone_from(&self.freeze_part);
        spec.cl = self.cl;
        spec.target = self.target;
        spec.validate()?;
        if !self.part.is_empty() && self.part_col.is_some() {
            return Err(invalid("part", "give part positions or a part column (part_col), not both"));
        }
        if self.baseline.is_some() {
            let given: Vec<&str> = [
                ("freeze", self.freeze.is_some()),
                ("freeze_part", self.freeze_part.is_some()),
                ("part", !self.part.is_empty()),
                ("part_col", self.part_col.is_some()),
            ]
            .into_iter()
            .filter_map(|(name, given)| given.then_some(name))
            .collect();
            if !given.is_empty() {
                return Err(invalid(
                    "baseline",
                    format!("a saved baseline sets the lines; leave out {}", given.join(", ")),
                ));
            }
        }
        Ok(spec)
    }

    /// `spec` judged against the saved baseline of `baseline`, when one is given: its centre
    /// line, sigma, multiply and method replace the spec's.
    pub fn apply_baseline(&self, spec: ChartSpec) -> Result<ChartSpec> {
        let Some(path) = &self.baseline else { return Ok(spec) };
        let file = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::Io { file: file.clone(), reason: e.to_string() })?;
        Baseline::from_json(&text, &file)?.apply(&spec)
    }

    /// The rule sets of the signals (default anhoej).
    pub fn rule_sets(&self) -> Result<Vec<RuleSet>> {
        crate::rules::parse_rule_sets(self.rules.as_deref().unwrap_or(Self::DEFAULT_RULES))
    }

    /// Which direction is an improvement, for the verdict (default neutral).
    pub fn improvement(&self) -> Result<Improvement> {
        self.improvement.as_deref().map_or(Ok(Self::DEFAULT_IMPROVEMENT), str::parse)
    }

    /// The language of the texts and the picture (default from the locale).
    pub fn lang(&self) -> Result<Lang> {
        self.lang.as_deref().map_or_else(|| Ok(Lang::from_env()), str::parse)
    }

    /// How to read the input (detected where not given).
    pub fn read_options(&self) -> Result<ReadOptions> {
        ReadOptions::from_text(
            self.sep.as_deref(),
            self.decimal.as_deref(),
            self.encoding.as_deref(),
            self.sheet.clone(),
        )
    }

    /// The columns of the input; x and y are needed.
    pub fn columns(&self) -> Result<Columns> {
        let need = |name: &'static str, v: &Option<String>| {
            v.clone().ok_or_else(|| invalid(name, format!("no column of {name} values is given")))
        };
        Ok(Columns {
            x: need("x", &self.x)?,
            y: need("y", &self.y)?,
            n: self.n.clone(),
            facet: self.facet.clone(),
            part: self.part_col.clone(),
        })
    }

    /// The notes of the picture as (x, text) pairs: those of `note` (`X=TEXT`), then those of
    /// the `notes` file (columns x and label).
    pub fn notes(&self) -> Result<Vec<(String, String)>> {
        let mut out = self.note.iter().map(|n| parse_note(n)).collect::<Result<Vec<_>>>()?;
        if let Some(path) = &self.notes {
            let table = crate::io::Table::from_path(path)?;
            let (x, label) = (table.texts("x")?, table.texts("label")?);
            out.extend(x.into_iter().zip(label).filter(|(x, l)| !(x.is_empty() && l.is_empty())));
        }
        Ok(out)
    }

    /// The format of batch images (default png).
    pub fn batch_format(&self) -> Result<&'static str> {
        image_format(self.format.as_deref())
    }
}

/// The format of images written into a folder, given by name (`png`, `svg`, `pdf`, any case;
/// default [`ChartRequest::DEFAULT_FORMAT`]). The error names `format`.
pub fn image_format(format: Option<&str>) -> Result<&'static str> {
    let f = format.unwrap_or(ChartRequest::DEFAULT_FORMAT);
    ["png", "svg", "pdf"].into_iter().find(|e| e.eq_ignore_ascii_case(f)).ok_or_else(|| Error::UnknownOption {
        argument: "format",
        given: f.to_string(),
        expected: "png, svg, pdf",
    })
}

/// A note given as `X=TEXT` (e.g. `2021-03-01=New routine`): (x, text), trimmed.
pub fn parse_note(s: &str) -> Result<(String, String)> {
    let (x, label) = s
        .split_once('=')
        .ok_or_else(|| invalid("note", format!("note '{s}': expected X=TEXT, e.g. 2021-03-01=New routine")))?;
    if x.trim().is_empty() || label.trim().is_empty() {
        return Err(invalid("note", format!("note '{s}': both the x before '=' and the text after it are needed")));
    }
    Ok((x.trim().into(), label.trim().into()))
}

// --- Values as the command line takes them: a number where a text is expected is its text,
// --- a number may be written as text, a list may be one value or comma-separated text.

fn describe(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("'{s}'"),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
        other => other.to_string(),
    }
}

fn scalar_text(v: toml::Value) -> std::result::Result<String, String> {
    match v {
        toml::Value::String(s) => Ok(s),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        other => Err(format!("expected a text or a number, got {}", describe(&other))),
    }
}

fn list(v: toml::Value) -> Vec<toml::Value> {
    match v {
        toml::Value::Array(items) => items,
        one => vec![one],
    }
}

fn with<'de, D: Deserializer<'de>, T>(
    d: D,
    f: impl FnOnce(toml::Value) -> std::result::Result<T, String>,
) -> std::result::Result<T, D::Error> {
    let v = toml::Value::deserialize(d)?;
    f(v).map_err(serde::de::Error::custom)
}

fn text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    with(d, |v| scalar_text(v).map(Some))
}

fn texts<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    with(d, |v| list(v).into_iter().map(scalar_text).collect())
}

fn split_texts<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    let all = texts(d)?;
    Ok(all.iter().flat_map(|t| t.split(',')).map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect())
}

fn joined<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(Some(texts(d)?.join(",")))
}

fn whole(v: &toml::Value) -> std::result::Result<usize, String> {
    let err = || format!("expected a whole number >= 0, got {}", describe(v));
    match v {
        toml::Value::Integer(i) => usize::try_from(*i).map_err(|_| err()),
        toml::Value::String(s) => s.trim().parse().map_err(|_| err()),
        _ => Err(err()),
    }
}

fn count<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<usize>, D::Error> {
    with(d, |v| whole(&v).map(Some))
}

fn positions<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<usize>, D::Error> {
    with(d, |v| {
        let mut out = Vec::new();
        for item in list(v) {
            match item {
                toml::Value::String(s) => {
                    for p in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        out.push(whole(&toml::Value::String(p.to_string()))?);
                    }
                }
                other => out.push(whole(&other)?),
            }
        }
        Ok(out)
    })
}

fn some_positions<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<usize>>, D::Error> {
    positions(d).map(Some)
}

fn number<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<f64>, D::Error> {
    with(d, |v| match &v {
        toml::Value::Integer(i) => Ok(Some(*i as f64)),
        toml::Value::Float(f) => Ok(Some(*f)),
        toml::Value::String(s) => {
            s.trim().parse().map(Some).map_err(|_| format!("expected a number, got {}", describe(&v)))
        }
        other => Err(format!("expected a number, got {}", describe(other))),
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::{ChartRequest, KEYS};

    /// A request with every key given (values of the right kind, not a sensible chart).
    fn every_key() -> ChartRequest {
        let mut t = String::new();
        for key in KEYS {
            let value = match key {
                "freeze" => "3",
                "freeze-part" | "part" | "exclude" => "[2, 4]",
                "multiply" | "cl" | "target" | "lambda" | "width" | "k" | "h" | "sigma" | "goal" => "0.5",
                "no-screen-mr" | "no-y-neg" | "poster" => "true",
                "note" | "astronomical" => "[\"1=a\", \"2=b\"]",
                _ => "\"v\"",
            };
            writeln!(t, "{key} = {value}").unwrap();
        }
        ChartRequest::from_toml(&t, "all.toml").unwrap()
    }

    #[test]
    fn keys_are_the_fields_in_order() {
        let text = every_key().to_toml().unwrap();
        let written: Vec<&str> = text.lines().map(|l| l.split(" = ").next().unwrap()).collect();
        assert_eq!(written, KEYS);
        // And it reads back as it was.
        assert_eq!(ChartRequest::from_toml(&text, "again.toml").unwrap(), every_key());
    }

    #[test]
    fn keys_with_underscores_and_values_as_the_command_line_takes_them() {
        let r = ChartRequest::from_toml(
            "part_col = \"phase\"\nfreeze = \"12\"\nexclude = \"3, 5\"\nmultiply = 100\nsheet = 2\nrules = [\"anhoej\", \"nelson\"]\nastronomical = \"2021K1,2021K2\"\npart = 16\n",
            "s.toml",
        )
        .unwrap();
        assert_eq!(r.part_col.as_deref(), Some("phase"));
        assert_eq!((r.freeze, r.exclude.clone(), r.multiply), (Some(12), vec![3, 5], Some(100.0)));
        assert_eq!((r.sheet.as_deref(), r.rules.as_deref()), (Some("2"), Some("anhoej,nelson")));
        assert_eq!((r.astronomical.clone(), r.part.clone()), (vec!["2021K1".to_string(), "2021K2".into()], vec![16]));
    }

    #[test]
    fn errors_name_the_key() {
        let err = |t: &str| ChartRequest::from_toml(t, "s.toml").unwrap_err().to_string();
        assert!(err("colour = 1\n").starts_with("invalid spec: s.toml: unknown key 'colour': the keys are"));
        assert_eq!(
            err("freeze = \"abc\"\n"),
            "invalid spec: s.toml: key 'freeze': expected a whole number >= 0, got 'abc'"
        );
        assert_eq!(
            err("x = \"a\"\nlambda = true\n"),
            "invalid spec: s.toml: key 'lambda': expected a number, got true"
        );
        assert_eq!(err("part = [1, -2]\n"), "invalid spec: s.toml: key 'part': expected a whole number >= 0, got -2");
        assert!(err("part-col = \"a\"\npart_col = \"b\"\n").contains("'part_col' is given twice"));
        assert!(err("chart = \n").starts_with("s.toml: not valid TOML"));
    }

    #[test]
    fn merged_keeps_the_file_where_the_command_line_is_silent() {
        let file = ChartRequest::from_toml("chart = \"i\"\npart = [16]\nposter = true\ngoal = 2\n", "f").unwrap();
        let line = ChartRequest { chart: Some("run".into()), goal: Some(3.0), ..ChartRequest::default() };
        let m = file.merged(&line).unwrap();
        assert_eq!((m.chart.as_deref(), m.part.clone(), m.poster, m.goal), (Some("run"), vec![16], true, Some(3.0)));
    }

    #[test]
    fn defaults_and_checks_are_the_library_s() {
        let spec = ChartRequest::default().chart_spec().unwrap();
        assert_eq!(spec, crate::ChartSpec::new(crate::ChartKind::Run));
        let err = |r: ChartRequest| r.chart_spec().unwrap_err().to_string();
        assert_eq!(
            err(ChartRequest { lambda: Some(0.0), ..Default::default() }),
            "invalid lambda: must be in (0, 1], got 0"
        );
        assert_eq!(
            err(ChartRequest { freeze: Some(0), ..Default::default() }),
            "invalid freeze: must be at least 1 (the number of baseline points)"
        );
        assert_eq!(
            err(ChartRequest { part: vec![3], part_col: Some("p".into()), ..Default::default() }),
            "invalid part: give part positions or a part column (part_col), not both"
        );
        assert_eq!(
            err(ChartRequest { baseline: Some("b.json".into()), freeze: Some(3), ..Default::default() }),
            "invalid baseline: a saved baseline sets the lines; leave out freeze"
        );
        assert_eq!(
            ChartRequest { format: Some("gif".into()), ..Default::default() }.batch_format().unwrap_err().to_string(),
            "unknown value 'gif' for format: expected one of png, svg, pdf"
        );
    }
}
