//! The tidy layout: one row per region x indicator x period.
//!
//! Columns (any order, names case-insensitive): `region_code`, `indicator`, `period`, `value`,
//! and optionally `region_name`, `numerator`, `denominator`, `status`, `region_type` (the last
//! is recomputed from the code). Any other column is a further dimension: its value is added
//! to the indicator (`indicator, value`), so that no row is lost or merged, with a warning.
//!
//! An empty `value` is missing; its status is, in this order: the `status` cell; the reason the
//! ratio cannot be derived (numerator empty but denominator given: [`Status::NumeratorMissing`];
//! numerator given but denominator empty: [`Status::DenominatorMissing`]; denominator 0:
//! [`Status::ZeroDenominator`]); else [`Status::Unknown`].

use crate::error::Result;

use super::{cell_err, io_err, parse_cell, parse_period, Builder, Cell, Grid};
use crate::kostra::{KostraTable, Period, Record, Status};

const KNOWN: [&str; 9] =
    ["region_code", "region_name", "region_type", "indicator", "period", "value", "numerator", "denominator", "status"];

fn find(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// Whether a header is the tidy layout.
pub(super) fn is_tidy(header: &[String]) -> bool {
    ["region_code", "indicator", "period", "value"].iter().all(|c| find(header, c).is_some())
}

/// A row's indicator followed by the values of the columns that are not tidy columns, each
/// after ", ".
fn joined(row: &[String], c_ind: usize, extra: &[usize]) -> String {
    let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
    let mut indicator = cell(c_ind).to_string();
    for &e in extra {
        indicator.push_str(", ");
        indicator.push_str(cell(e));
    }
    indicator
}

/// Reads a table in the tidy layout.
pub(super) fn read(grid: &Grid) -> Result<KostraTable> {
    let table = &grid.table;
    let src = table.source.as_str();
    let h = &table.header;
    let col = |name: &str| find(h, name);
    let (Some(c_code), Some(c_ind), Some(c_per), Some(c_val)) =
        (col("region_code"), col("indicator"), col("period"), col("value"))
    else {
        return Err(io_err(src, "not the tidy layout: expected columns region_code, indicator, period, value"));
    };
    let (c_name, c_num, c_den, c_st) = (col("region_name"), col("numerator"), col("denominator"), col("status"));
    let extra: Vec<usize> =
        (0..h.len()).filter(|&i| !KNOWN.iter().any(|k| h[i].trim().eq_ignore_ascii_case(k))).collect();
    let mut warnings = table.warnings.clone();
    if !extra.is_empty() {
        // Each name quoted; a column without a name by its position.
        let names: Vec<String> = extra
            .iter()
            .map(|&i| match h[i].trim() {
                "" => format!("{} (no name)", i + 1),
                name => format!("'{name}'"),
            })
            .collect();
        let example =
            table.rows.first().map_or_else(String::new, |r| format!(", as in '{}'", joined(r, c_ind, &extra)));
        let names = names.join(", ");
        warnings.push(if extra.len() == 1 {
            format!("{src}: column {names} is not a tidy column: its values were appended to the indicator{example}")
        } else {
            format!("{src}: columns {names} are not tidy columns: their values were appended to the indicator{example}")
        });
    }
    let mut b = Builder::new(src, warnings);
    let dc = table.decimal_comma;
    for (i, row) in table.rows.iter().enumerate() {
        let line = grid.at(i);
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        if row.len() < h.len() {
            return Err(io_err(src, format!("{line} has {} fields but the header has {}", row.len(), h.len())));
        }
        let region = b.region(cell(c_code), &format!("{line}, column '{}'", h[c_code].trim()))?;
        let per_text = cell(c_per);
        let period: Period = parse_period(per_text).ok_or_else(|| {
            cell_err(
                src,
                &line,
                h[c_per].trim(),
                per_text,
                "is not an SSB period (expected YYYY, YYYYKq, YYYYMmm or YYYYUww)",
            )
        })?;
        if cell(c_ind).is_empty() {
            return Err(io_err(src, format!("{line}, column '{}': the indicator is empty", h[c_ind].trim())));
        }
        let indicator = joined(row, c_ind, &extra);
        let number = |c: Option<usize>| -> Result<Option<f64>> {
            let Some(c) = c else { return Ok(None) };
            match parse_cell(cell(c), dc) {
                Ok(Cell::Value(v) | Cell::Symbol(Some(v), _)) => Ok(Some(v)),
                Ok(Cell::Empty | Cell::Symbol(None, _)) => Ok(None),
                Err(()) => Err(cell_err(src, &line, h[c].trim(), cell(c), "is neither a number nor an SSB symbol")),
            }
        };
        let numerator = number(c_num)?;
        let denominator = number(c_den)?;
        let given_status = match c_st.map(cell).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                cell_err(src, &line,
                    h[c_st.unwrap_or_default()].trim(),
                    s,
                    "is not a status (expected an SSB symbol . .. ... : - * | or missing, zero_denominator, numerator_missing, denominator_missing, not_harmonisable)",
                )
            })?),
        };
        let vtext = cell(c_val);
        let vcol = h[c_val].trim();
        let (value, status) = match parse_cell(vtext, dc) {
            Err(()) => return Err(cell_err(src, &line, vcol, vtext, "is neither a number nor an SSB symbol")),
            Ok(Cell::Value(v)) => match given_status {
                Some(st) if st.is_missing() => {
                    return Err(cell_err(
                        src,
                        &line,
                        vcol,
                        vtext,
                        &format!(
                            "has the status '{}' ({}), which means the cell has no value",
                            st.symbol(),
                            st.describe()
                        ),
                    ))
                }
                st => (Some(v), st),
            },
            Ok(Cell::Symbol(v, st)) => {
                if v.is_none() && !st.is_missing() {
                    return Err(cell_err(src, &line, vcol, vtext, "flags a value but the cell has none"));
                }
                (v, Some(st))
            }
            Ok(Cell::Empty) => {
                let st = match (given_status, numerator, denominator) {
                    (Some(st), _, _) if st.is_missing() => st,
                    (Some(st), _, _) => {
                        return Err(cell_err(
                            src,
                            &line,
                            h[c_st.unwrap_or_default()].trim(),
                            st.symbol(),
                            "flags a value but the value cell is empty",
                        ))
                    }
                    (None, None, Some(_)) => Status::NumeratorMissing,
                    (None, Some(_), None) if c_den.is_some() => Status::DenominatorMissing,
                    (None, Some(_), Some(0.0)) => Status::ZeroDenominator,
                    _ => Status::Unknown,
                };
                (None, Some(st))
            }
        };
        let rec = Record {
            region_code: region.code,
            region_type: region.kind,
            region_name: c_name.map(cell).unwrap_or_default().to_string(),
            indicator,
            period,
            value,
            numerator,
            denominator,
            status,
        };
        b.push(rec, line)?;
    }
    Ok(b.finish())
}
