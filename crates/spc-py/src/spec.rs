//! The spec file of `spc chart --spec` for `spc.from_spec` and `spc.to_spec`: read and written
//! by the library's [`ChartRequest`] (one parser, one set of keys), with the keys' Python names
//! here: the one table between a spec key and a keyword argument of `spc.qic`, the picture or
//! the files written.

use std::path::Path;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use spc_core::request::ChartRequest;
use spc_core::Error;

use crate::error::to_pyerr;

/// Where a Python name goes in `spc.from_spec`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    /// A keyword argument of `spc.qic` (`data` is the input).
    Qic,
    /// An option of the picture (`Chart.render_options`).
    Picture,
    /// A file written after the chart is computed.
    Files,
    /// One image per value of a column (`spc chart --batch`).
    Batch,
}

/// Python name, spec key, group: the keys whose value is the same in both.
const NAMES: [(&str, &str, Group); 44] = [
    ("data", "input", Group::Qic),
    ("chart", "chart", Group::Qic),
    ("x", "x", Group::Qic),
    ("y", "y", Group::Qic),
    ("n", "n", Group::Qic),
    ("facet", "facet", Group::Qic),
    ("freeze", "freeze", Group::Qic),
    ("freeze_part", "freeze-part", Group::Qic),
    ("exclude", "exclude", Group::Qic),
    ("multiply", "multiply", Group::Qic),
    ("cl", "cl", Group::Qic),
    ("target", "target", Group::Qic),
    ("method", "method", Group::Qic),
    ("rules", "rules", Group::Qic),
    ("astronomical", "astronomical", Group::Qic),
    ("improvement", "improvement", Group::Qic),
    ("baseline", "baseline", Group::Qic),
    ("agg", "agg", Group::Qic),
    ("lambda_", "lambda", Group::Qic),
    ("width", "width", Group::Qic),
    ("k", "k", Group::Qic),
    ("h", "h", Group::Qic),
    ("sigma", "sigma", Group::Qic),
    ("sep", "sep", Group::Qic),
    ("decimal", "decimal", Group::Qic),
    ("encoding", "encoding", Group::Qic),
    ("sheet", "sheet", Group::Qic),
    ("title", "title", Group::Qic),
    ("subtitle", "subtitle", Group::Qic),
    ("caption", "caption", Group::Qic),
    ("xlab", "xlab", Group::Qic),
    ("ylab", "ylab", Group::Qic),
    ("lang", "lang", Group::Qic),
    ("goal", "goal", Group::Picture),
    ("scales", "scales", Group::Picture),
    ("output", "output", Group::Files),
    ("data_csv", "data", Group::Files),
    ("summary_csv", "summary", Group::Files),
    ("signals_csv", "signals", Group::Files),
    ("save_baseline", "save-baseline", Group::Files),
    ("batch", "batch", Group::Batch),
    ("out_dir", "out-dir", Group::Batch),
    ("format", "format", Group::Batch),
    ("notes_file", "notes", Group::Qic),
];

/// The names of the other keys: `part` (positions: `part`; a column name: `part-col`),
/// `screen_mr`/`y_neg` (`no-screen-mr`/`no-y-neg`, negated), `notes` (`note` as X=TEXT, read
/// with the `notes` file), `poster` and `size` (the picture's `poster`, `width`, `height`).
const SPECIAL: [&str; 6] = ["part", "screen_mr", "y_neg", "notes", "poster", "size"];

/// The Python name of an option named in a core error (`lambda` is a Python keyword).
pub(crate) fn python_name(argument: &'static str) -> &'static str {
    match argument {
        "lambda" => "lambda_",
        "part_col" => "part",
        a => a,
    }
}

/// A core error with the option named as `spc.qic` names it.
pub(crate) fn python_error(e: Error) -> PyErr {
    match e {
        Error::InvalidArgument { argument, reason } => {
            to_pyerr(&Error::InvalidArgument { argument: python_name(argument), reason })
        }
        e => to_pyerr(&e),
    }
}

fn to_python<'py>(py: Python<'py>, v: &toml::Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        toml::Value::String(s) => s.into_pyobject(py)?.into_any(),
        toml::Value::Integer(i) => i.into_pyobject(py)?.into_any(),
        toml::Value::Float(f) => f.into_pyobject(py)?.into_any(),
        toml::Value::Boolean(b) => b.into_pyobject(py)?.to_owned().into_any(),
        toml::Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        other => other.to_string().into_pyobject(py)?.into_any(),
    })
}

fn invalid(argument: &'static str, reason: String) -> PyErr {
    to_pyerr(&Error::InvalidArgument { argument, reason })
}

fn to_toml(name: &'static str, v: &Bound<'_, PyAny>) -> PyResult<toml::Value> {
    if let Ok(b) = v.extract::<bool>() {
        return Ok(toml::Value::Boolean(b));
    }
    if let Ok(i) = v.extract::<i64>() {
        return Ok(toml::Value::Integer(i));
    }
    if let Ok(f) = v.extract::<f64>() {
        return Ok(toml::Value::Float(f));
    }
    if let Ok(s) = v.extract::<String>() {
        return Ok(toml::Value::String(s));
    }
    if let Ok(p) = v.extract::<std::path::PathBuf>() {
        return Ok(toml::Value::String(p.display().to_string()));
    }
    if let Ok(items) = v.extract::<Vec<Bound<'_, PyAny>>>() {
        return items.iter().map(|i| to_toml(name, i)).collect::<PyResult<Vec<_>>>().map(toml::Value::Array);
    }
    Err(invalid(name, format!("a spec holds text, numbers, true/false and lists of them, got {}", v.repr()?)))
}

/// The request of Python-named `options` (`None`: not given); `notes` as (x, text) pairs.
fn request_of(options: &Bound<'_, PyDict>) -> PyResult<ChartRequest> {
    let mut t = toml::Table::new();
    for (name, value) in options.iter() {
        let name: String = name.extract()?;
        if value.is_none() && (NAMES.iter().any(|(n, _, _)| *n == name) || SPECIAL.contains(&name.as_str())) {
            continue;
        }
        let static_name = NAMES.iter().map(|(n, _, _)| *n).chain(SPECIAL).find(|n| *n == name).ok_or_else(|| {
            let known: Vec<&str> = NAMES.iter().map(|(n, _, _)| *n).chain(SPECIAL).collect();
            invalid("spec", format!("unknown option '{name}': expected one of {}", known.join(", ")))
        })?;
        let v = to_toml(static_name, &value)?;
        match (static_name, v) {
            ("part", toml::Value::String(col)) => t.insert("part-col".into(), toml::Value::String(col)),
            ("screen_mr", toml::Value::Boolean(on)) => t.insert("no-screen-mr".into(), toml::Value::Boolean(!on)),
            ("y_neg", toml::Value::Boolean(on)) => t.insert("no-y-neg".into(), toml::Value::Boolean(!on)),
            ("screen_mr" | "y_neg", v) => return Err(invalid(static_name, format!("expected true or false, got {v}"))),
            ("notes", toml::Value::Array(pairs)) => {
                let mut notes = Vec::new();
                for p in pairs {
                    match p {
                        toml::Value::Array(xt) if xt.len() == 2 => {
                            let text = |v: &toml::Value| v.as_str().map_or_else(|| v.to_string(), String::from);
                            notes.push(toml::Value::String(format!("{}={}", text(&xt[0]), text(&xt[1]))));
                        }
                        other => return Err(invalid("notes", format!("expected (x, text) pairs, got {other}"))),
                    }
                }
                t.insert("note".into(), toml::Value::Array(notes))
            }
            ("poster", toml::Value::String(paper)) => {
                t.insert("size".into(), toml::Value::String(paper));
                t.insert("poster".into(), toml::Value::Boolean(true))
            }
            (name, v) => {
                let key = NAMES.iter().find(|(n, _, _)| *n == name).map_or(name, |(_, k, _)| *k);
                t.insert(key.into(), v)
            }
        };
    }
    let text = toml::to_string(&t).map_err(|e| invalid("spec", e.to_string()))?;
    ChartRequest::from_toml(&text, "the options").map_err(python_error)
}

/// Reads a spec: `spec` is a file's path (`is_path`) or TOML text; `overrides` (Python names,
/// plain values) replace the file's keys, as flags do on the command line. Returns a dict of
/// four dicts of the keys given: `qic` (keyword arguments of `spc.qic`; `data` is the input
/// file, `notes` the notes of `note` and the `notes` file as (x, text) pairs), `picture`
/// (`goal`, `scales`, `width`, `height`, `poster`), `files` (`output`, `data_csv`,
/// `summary_csv`, `signals_csv`, `save_baseline`) and `batch` (`batch`, `out_dir`, `format`).
#[pyfunction]
#[pyo3(signature = (spec, is_path, overrides))]
pub(crate) fn read_spec<'py>(
    py: Python<'py>,
    spec: &str,
    is_path: bool,
    overrides: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyDict>> {
    let file = if is_path { ChartRequest::read(Path::new(spec)) } else { ChartRequest::from_toml(spec, "<spec>") };
    let req = file.map_err(python_error)?.merged(&request_of(overrides)?).map_err(python_error)?;
    let groups = [Group::Qic, Group::Picture, Group::Files, Group::Batch].map(|_| PyDict::new(py));
    let dict = |g: Group| &groups[g as usize];
    let table = match toml::Value::try_from(&req) {
        Ok(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    for (key, value) in &table {
        if let Some((name, _, group)) = NAMES.iter().find(|(_, k, _)| k == key) {
            if *name != "notes_file" {
                dict(*group).set_item(name, to_python(py, value)?)?;
            }
        }
    }
    // The other keys.
    if !req.part.is_empty() && req.part_col.is_some() {
        let both = ChartRequest { part: req.part.clone(), part_col: req.part_col.clone(), ..ChartRequest::default() };
        both.chart_spec().map_err(python_error)?;
    }
    if let Some(col) = &req.part_col {
        dict(Group::Qic).set_item("part", col)?;
    } else if !req.part.is_empty() {
        dict(Group::Qic).set_item("part", req.part.clone())?;
    }
    if req.no_screen_mr {
        dict(Group::Qic).set_item("screen_mr", false)?;
    }
    if req.no_y_neg {
        dict(Group::Qic).set_item("y_neg", false)?;
    }
    let notes = req.notes().map_err(python_error)?;
    if !notes.is_empty() {
        dict(Group::Qic).set_item("notes", notes)?;
    }
    if req.size.is_some() || req.poster {
        let (width, height, poster) =
            spc_render::options::image_size(req.size.as_deref(), req.poster).map_err(python_error)?;
        if let Some(paper) = poster {
            dict(Group::Picture).set_item("poster", paper.to_string())?;
        } else {
            dict(Group::Picture).set_item("width", width)?;
            dict(Group::Picture).set_item("height", height)?;
        }
    }
    let out = PyDict::new(py);
    for (name, g) in ["qic", "picture", "files", "batch"].into_iter().zip(groups) {
        out.set_item(name, g)?;
    }
    Ok(out)
}

/// The spec (TOML) of Python-named `options`, as `spc chart --print-spec` writes it.
#[pyfunction]
pub(crate) fn write_spec(options: &Bound<'_, PyDict>) -> PyResult<String> {
    request_of(options)?.to_toml().map_err(python_error)
}
