//! Conversion of Python data to the core's [`Input`]: the named columns of a polars DataFrame
//! (read here through the Arrow C stream interface), columns of other tables or given values
//! (polars Series made by the Python side, passed through the polars C interface), or columns
//! of a CSV file read by the core's reader (as the CLI reads it). No per-row Python objects.
//!
//! The core reads Float64, Date and String columns; integers, booleans and Float32 of a polars
//! DataFrame are cast here, and every other type goes through the Python side's casts
//! (`spc._normalise`: categoricals to text, datetimes at midnight to dates, other numbers to
//! Float64). Anything else is an `InvalidArgumentError`.

use chrono::NaiveDate;
use polars_arrow::datatypes::ArrowDataType;
use polars_arrow::ffi::{ArrowArrayStream, ArrowArrayStreamReader};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};
use pyo3_polars::PySeries;
use spc_core::io::{is_missing_cell, parse_date, parse_number, Table};
use spc_core::polars::prelude::{ArrayRef, DataType, Series};
use spc_core::{Error, Input, Result, Values, XColumn};

/// One of x, y, n, facet or part: a column name or the values themselves.
#[derive(FromPyObject)]
pub(crate) enum ColArg {
    /// A column of `data`.
    Name(String),
    /// Values (a polars Series made by the Python side from a list, array or Series).
    Values(PySeries),
}

/// Where named columns are looked up.
pub(crate) enum Source {
    /// No data: every column is given as values.
    Values,
    /// The columns asked for (those the user's data has), and the names of all columns of the
    /// user's data (for the message of a missing column).
    Frame(Vec<Series>, Vec<String>),
    /// A CSV or spreadsheet file, read as the CLI reads it, with the reading options given.
    Csv(std::path::PathBuf, spc_core::io::ReadOptions),
}

/// Extracts the Python `data` argument after the Python side has normalised it.
pub(crate) fn frame(columns: Option<Vec<PySeries>>, available: Vec<String>) -> Source {
    match columns {
        Some(columns) => Source::Frame(columns.into_iter().map(|s| s.0).collect(), available),
        None => Source::Values,
    }
}

/// The columns `wanted` ((name, role) pairs) of a polars DataFrame, each read through the Arrow
/// C stream interface (`__arrow_c_stream__`): Float64 columns of one chunk are not copied, and
/// the type is known before anything is imported. Columns the core does not read as they are
/// (categoricals, datetimes, small integers, decimals, ...) go through the Python side's
/// `spc._normalise` first, as every column of other tables does.
pub(crate) fn arrow_frame(frame: &Bound<'_, PyAny>, wanted: &[(&str, &'static str)]) -> PyResult<Source> {
    let py = frame.py();
    // polars' DataFrame.get_column wraps its inner frame's method in Python; calling that
    // directly saves a Python-level call (several microseconds with cold caches).
    let inner = frame.getattr(intern!(py, "_df")).unwrap_or_else(|_| frame.clone());
    let mut found = Vec::with_capacity(wanted.len());
    for &(name, role) in wanted {
        let Ok(column) = inner.call_method1(intern!(py, "get_column"), (name,)) else {
            // A missing column first, before any other column's casts can fail.
            let available: Vec<String> = frame.getattr(intern!(py, "columns"))?.extract()?;
            let e =
                Error::MissingColumn { name: name.to_string(), available: available.join(", "), file: String::new() };
            return Err(crate::error::to_pyerr(&e));
        };
        found.push((name, role, column));
    }
    let mut columns = Vec::with_capacity(found.len());
    for (name, role, column) in found {
        let (field, chunks) = arrow_stream(&column.call_method1(intern!(py, "__arrow_c_stream__"), (py.None(),))?)?;
        columns.push(match field.dtype() {
            // Read as they are (see `values`, `x_values`, `labels`).
            ArrowDataType::Float64
            | ArrowDataType::Date32
            | ArrowDataType::Utf8View
            | ArrowDataType::Utf8
            | ArrowDataType::LargeUtf8 => arrow_series(&field, chunks)?,
            // Numbers as Float64, as the Python side casts them.
            ArrowDataType::Float32
            | ArrowDataType::Int32
            | ArrowDataType::Int64
            | ArrowDataType::UInt32
            | ArrowDataType::UInt64
            | ArrowDataType::Boolean
            | ArrowDataType::Null => arrow_series(&field, chunks)?.cast(&DataType::Float64).map_err(polars_err)?,
            _ => {
                let column = frame.call_method1(intern!(py, "get_column"), (name,))?;
                let normalise = py.import(intern!(py, "spc"))?.getattr(intern!(py, "_normalise"))?;
                normalise.call1((column, role))?.extract::<PySeries>()?.0
            }
        });
    }
    // Every column asked for was found: no names needed for the message of a missing one.
    Ok(Source::Frame(columns, Vec::new()))
}

#[allow(clippy::needless_pass_by_value)] // for `map_err(polars_err)`
fn polars_err(e: spc_core::polars::prelude::PolarsError) -> PyErr {
    crate::error::to_pyerr(&Error::Polars(e.to_string()))
}

/// The field and arrays of an Arrow C stream handed over in a PyCapsule (the Arrow PyCapsule
/// interface).
fn arrow_stream(capsule: &Bound<'_, PyAny>) -> PyResult<(polars_arrow::datatypes::Field, Vec<ArrayRef>)> {
    let capsule = capsule.cast::<PyCapsule>()?;
    let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?.cast::<ArrowArrayStream>();
    // SAFETY: a capsule named "arrow_array_stream" holds an ArrowArrayStream; the consumer moves
    // it out and leaves a released stream behind, which the capsule's destructor then skips.
    let stream = Box::new(unsafe { std::ptr::replace(ptr.as_ptr(), ArrowArrayStream::empty()) });
    // SAFETY: the producer (polars) follows the C stream interface.
    let mut reader = unsafe { ArrowArrayStreamReader::try_new(stream) }.map_err(polars_err)?;
    let mut chunks = Vec::new();
    // SAFETY: as above.
    while let Some(chunk) = unsafe { reader.next() } {
        chunks.push(chunk.map_err(polars_err)?);
    }
    Ok((reader.field().clone(), chunks))
}

/// A column of the Arrow stream as a polars Series (several chunks when the stream had several
/// batches; none for a frame without rows).
fn arrow_series(field: &polars_arrow::datatypes::Field, chunks: Vec<ArrayRef>) -> PyResult<Series> {
    if chunks.is_empty() {
        return Ok(Series::new_empty(field.name.clone(), &DataType::from_arrow_field(field)));
    }
    Series::try_from((field, chunks)).map_err(polars_err)
}

/// The columns of a chart, as given.
pub(crate) struct Columns {
    pub(crate) x: Option<ColArg>,
    pub(crate) y: ColArg,
    pub(crate) n: Option<ColArg>,
    pub(crate) facet: Option<ColArg>,
    pub(crate) part: Option<ColArg>,
}

impl Columns {
    /// The column names given, each once with the first role naming it.
    pub(crate) fn names(&self) -> Vec<(&str, &'static str)> {
        let roles = [("y", Some(&self.y)), ("x", self.x.as_ref()), ("n", self.n.as_ref())];
        let roles = roles.into_iter().chain([("facet", self.facet.as_ref()), ("part", self.part.as_ref())]);
        let mut names: Vec<(&str, &'static str)> = Vec::new();
        for (role, arg) in roles {
            if let Some(ColArg::Name(name)) = arg {
                if !names.iter().any(|(n, _)| n == name) {
                    names.push((name, role));
                }
            }
        }
        names
    }
}

fn invalid(argument: &'static str, reason: String) -> Error {
    Error::InvalidArgument { argument, reason }
}

fn series<'a>(src: &'a Source, arg: &'a ColArg, role: &'static str) -> Result<&'a Series> {
    match (arg, src) {
        (ColArg::Values(s), _) => Ok(&s.0),
        (ColArg::Name(name), Source::Frame(columns, available)) => {
            columns.iter().find(|s| s.name().as_str() == name.as_str()).ok_or_else(|| Error::MissingColumn {
                name: name.clone(),
                available: available.join(", "),
                file: String::new(),
            })
        }
        (ColArg::Name(name), _) => {
            Err(invalid(role, format!("'{name}' is a column name, but no data was given to take it from")))
        }
    }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date")
}

fn day(d: i32) -> Option<NaiveDate> {
    epoch().checked_add_signed(chrono::TimeDelta::days(i64::from(d)))
}

/// A numeric column (y, n): Float64 as is (null and NaN are missing), String parsed as the CSV
/// reader parses cells.
fn numbers(s: &Series, role: &'static str) -> Result<Vec<f64>> {
    match s.dtype() {
        DataType::Float64 => {
            let ca = s.f64().map_err(|e| Error::Polars(e.to_string()))?;
            if let (0, Ok(slice)) = (ca.null_count(), ca.cont_slice()) {
                return Ok(slice.to_vec());
            }
            Ok(ca.iter().map(|v| v.unwrap_or(f64::NAN)).collect())
        }
        DataType::String => {
            let ca = s.str().map_err(|e| Error::Polars(e.to_string()))?;
            ca.iter()
                .enumerate()
                .map(|(i, v)| {
                    let v = v.unwrap_or("");
                    parse_number(v, false).ok_or_else(|| Error::NotANumber {
                        at: spc_core::Location::cell(i + 1, s.name().to_string()),
                        value: v.to_string(),
                    })
                })
                .collect()
        }
        DataType::Null => Ok(vec![f64::NAN; s.len()]),
        other => Err(invalid(role, format!("'{}' has type {other}; expected numbers", s.name()))),
    }
}

/// [`numbers`] as [`Values`]: a Float64 column of one chunk without nulls is shared with
/// polars, not copied (the chart keeps the buffer alive).
fn values(s: &Series, role: &'static str) -> Result<Values> {
    if let Ok(ca) = s.f64() {
        if let (0, [_]) = (ca.null_count(), ca.chunks().as_slice()) {
            if let Some(array) = ca.downcast_iter().next() {
                return Ok(Values::shared(array.values().clone()));
            }
        }
    }
    numbers(s, role).map(Values::from)
}

fn x_values(s: &Series) -> Result<XColumn> {
    match s.dtype() {
        DataType::Date => {
            let ca = s.date().map_err(|e| Error::Polars(e.to_string()))?;
            Ok(XColumn::Date(ca.physical().iter().map(|d| d.and_then(day)).collect()))
        }
        // Text is read as the CLI reads a CSV cell: numbers, else ISO dates or SSB periods
        // (2021K1, 2021M01), else categories.
        DataType::String => {
            let ca = s.str().map_err(|e| Error::Polars(e.to_string()))?;
            let present = || ca.iter().flatten().filter(|v| !is_missing_cell(v));
            if present().all(|v| parse_number(v, false).is_some()) {
                return numbers(s, "x").map(|v| XColumn::Number(v.into()));
            }
            if present().all(|v| parse_date(v).is_some()) {
                return Ok(XColumn::Date(ca.iter().map(|v| v.and_then(parse_date)).collect()));
            }
            Ok(XColumn::Text(ca.iter().map(|v| v.filter(|v| !is_missing_cell(v)).map(str::to_string)).collect()))
        }
        _ => Ok(XColumn::Number(values(s, "x")?)),
    }
}

/// A label column (facet, part): text, numbers and dates as the CSV writer formats them;
/// missing values as empty labels.
fn labels(s: &Series, role: &'static str) -> Result<Vec<String>> {
    if let Ok(ca) = s.str() {
        return Ok(ca.iter().map(|v| v.unwrap_or_default().to_string()).collect());
    }
    let x = x_values(s).map_err(|e| match e {
        Error::InvalidArgument { reason, .. } => invalid(role, reason.replace("expected numbers", "expected labels")),
        other => other,
    })?;
    Ok((0..x.len()).map(|i| x.format(i)).collect())
}

/// An error about a value placed where the user knows it: in the CSV file given as data, and
/// in the column of that name when the column was given by name (see
/// `spc_core::Error::located`; the rows are the file's already, through `Input::rows`).
pub(crate) fn locate(e: Error, src: &Source, cols: &Columns) -> Error {
    let name = |a: Option<&ColArg>| match a {
        Some(ColArg::Name(n)) => Some(n.clone()),
        _ => None,
    };
    let column = |role: &str| match role {
        "x" => name(cols.x.as_ref()),
        "y" => name(Some(&cols.y)),
        "n" => name(cols.n.as_ref()),
        "facet" => name(cols.facet.as_ref()),
        "part" => name(cols.part.as_ref()),
        _ => None,
    };
    match src {
        Source::Csv(p, _) => e.located(Some(&p.display().to_string()), column),
        _ => e.located(None, column),
    }
}

/// The core's input for the given columns.
pub(crate) fn input(src: &Source, cols: &Columns) -> Result<Input> {
    if let Source::Csv(path, options) = src {
        return csv_input(&Table::read_path(path, options)?, cols);
    }
    let y = values(series(src, &cols.y, "y")?, "y")?;
    let x = match &cols.x {
        Some(x) => x_values(series(src, x, "x")?)?,
        None => XColumn::positions(y.len()),
    };
    let mut input = Input::from_values(x, y);
    if let Some(n) = &cols.n {
        input.n = Some(numbers(series(src, n, "n")?, "n")?);
    }
    if let Some(f) = &cols.facet {
        input.facet = Some(labels(series(src, f, "facet")?, "facet")?);
    }
    if let Some(p) = &cols.part {
        input.part = Some(labels(series(src, p, "part")?, "part")?);
    }
    Ok(input)
}

fn csv_name<'a>(arg: &'a ColArg, role: &'static str) -> Result<&'a str> {
    match arg {
        ColArg::Name(n) => Ok(n),
        ColArg::Values(_) => Err(invalid(role, "with a CSV file as data, give column names".into())),
    }
}

fn csv_input(t: &Table, cols: &Columns) -> Result<Input> {
    let y = t.numbers(csv_name(&cols.y, "y")?)?;
    let mut input = match &cols.x {
        Some(x) => Input::new(t.x_column(csv_name(x, "x")?)?, y),
        None => Input::from_y(y),
    }
    .with_rows(t.row_numbers.clone());
    if let Some(n) = &cols.n {
        input.n = Some(t.numbers(csv_name(n, "n")?)?);
    }
    if let Some(f) = &cols.facet {
        input.facet = Some(t.texts(csv_name(f, "facet")?)?);
    }
    if let Some(p) = &cols.part {
        input.part = Some(t.texts(csv_name(p, "part")?)?);
    }
    Ok(input)
}

/// 1-based positions from Python ints (negative or zero ones are an error naming the argument).
pub(crate) fn positions(v: Option<Vec<i64>>, argument: &'static str) -> Result<Vec<usize>> {
    v.unwrap_or_default()
        .into_iter()
        .map(|p| {
            usize::try_from(p)
                .ok()
                .filter(|&p| p >= 1 || argument == "freeze_part")
                .ok_or_else(|| invalid(argument, format!("positions count from 1, got {p}")))
        })
        .collect()
}
