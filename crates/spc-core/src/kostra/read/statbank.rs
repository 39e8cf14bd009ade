//! SSB StatBank CSV downloads, in all the variants they come in (see `docs/kostra.md` §2).
//!
//! Columns are classified by their headers:
//! - the **region** column: named `region` (or containing `region`, `kommune`, `fylke`, `bydel`,
//!   `municipality`, `county`), else the first column whose cells are all a region code and a
//!   name;
//!   its cells are `"0101 Halden"` (code and name) or a bare code;
//! - a **period** column, if a header is `year`, `år`, `tid`, `period`, `kvartal`, `quarter`,
//!   `måned`, `month`, `uke` or `week`: then the **value** columns are the columns at the
//!   right end whose cells are all numbers, symbols or empty, and their headers are the contents
//!   (`Persons`);
//! - else the **wide** layout: every column whose header ends with a period (`Persons 2005`) is
//!   a value column, the period is the header's last word and the contents the rest;
//! - every other column is a further **dimension** (`age`, `sex`).
//!
//! Each value cell becomes one record with indicator = contents and the row's dimension values
//! joined by `, ` (`Persons, Males, 0 years`).

use crate::error::Result;
use crate::kostra::{split_code_name, KostraTable, Period, Region, Status};

use super::{cell_err, io_err, parse_cell, parse_period, record, Builder, Cell, Grid};

const REGION_WORDS: [&str; 6] = ["region", "kommune", "fylke", "bydel", "municipality", "county"];
const PERIOD_NAMES: [&str; 12] =
    ["year", "år", "tid", "time", "period", "periode", "kvartal", "quarter", "måned", "month", "uke", "week"];

/// UTF-8 of U+FFFD read as Latin-1 and saved again as UTF-8: what a lost letter looks like
/// after a second round of re-encoding.
const DOUBLE_FFFD: &str = "\u{ef}\u{bf}\u{bd}";

fn lower(h: &str) -> String {
    h.trim().trim_matches('"').trim().to_lowercase()
}

/// The period at the end of a header (`Persons 2005` -> (`Persons`, 2005)).
fn header_period(h: &str) -> Option<(String, Period)> {
    let h = h.trim();
    let (rest, last) = match h.rsplit_once(char::is_whitespace) {
        Some((rest, last)) => (rest.trim(), last),
        None => ("", h),
    };
    let p = parse_period(last)?;
    Some((rest.to_string(), p))
}

/// Repairs the doubly re-encoded U+FFFD and tells whether letters were lost.
fn clean(s: &str) -> (String, bool) {
    if s.contains(DOUBLE_FFFD) {
        (s.replace(DOUBLE_FFFD, "\u{fffd}"), true)
    } else {
        (s.to_string(), s.contains('\u{fffd}'))
    }
}

/// Reads a StatBank table.
pub(super) fn read(grid: &Grid) -> Result<KostraTable> {
    let table = &grid.table;
    let src = table.source.as_str();
    let h: Vec<String> = table.header.iter().map(|s| s.trim().to_string()).collect();
    let ncol = h.len();
    if ncol < 2 {
        return Err(io_err(
            src,
            format!(
                "the header has {ncol} column(s) ('{}'): expected the tidy layout (region_code, indicator, period, value) \
                 or an SSB StatBank table (a region column and value columns)",
                h.join("', '")
            ),
        ));
    }
    let rows = &table.rows;
    for (i, row) in rows.iter().enumerate() {
        if row.len() < ncol {
            let line = grid.at(i);
            return Err(io_err(src, format!("{line} has {} fields but the header has {ncol}", row.len())));
        }
    }
    let cell = |r: usize, c: usize| rows[r].get(c).map_or("", |s| s.trim());
    let region_col = h
        .iter()
        .position(|n| lower(n) == "region")
        .or_else(|| h.iter().position(|n| REGION_WORDS.iter().any(|w| lower(n).contains(w))))
        .or_else(|| {
            (0..ncol).find(|&c| {
                !rows.is_empty()
                    && (0..rows.len()).all(|r| {
                        let (code, name) = split_code_name(cell(r, c));
                        !name.is_empty() && Region::parse(code).is_ok()
                    })
            })
        })
        .ok_or_else(|| {
            io_err(src, format!("no region column: expected a column named region, or codes such as '0101 Halden'; the columns are: {}", h.join(", ")))
        })?;
    let period_col = (0..ncol).find(|&c| c != region_col && PERIOD_NAMES.contains(&lower(&h[c]).as_str()));
    let dc = table.decimal_comma;
    // value columns with their contents and, in the wide layout, their period
    let values: Vec<(usize, String, Option<Period>)> = if let Some(pc) = period_col {
        let mut v = Vec::new();
        for c in (0..ncol).rev() {
            if c == region_col || c == pc || !(0..rows.len()).all(|r| parse_cell(cell(r, c), dc).is_ok()) {
                break;
            }
            v.push((c, h[c].clone(), None));
        }
        v.reverse();
        v
    } else {
        (0..ncol)
            .filter(|&c| c != region_col)
            .filter_map(|c| header_period(&h[c]).map(|(contents, p)| (c, contents, Some(p))))
            .collect()
    };
    if values.is_empty() {
        let why = match period_col {
            Some(pc) => format!(
                "no value column: the period is in column '{}', so the columns at the right end must hold numbers or SSB symbols",
                h[pc]
            ),
            None => "no value column: expected headers ending with a period (e.g. 'Persons 2021') or a period column \
                     (year, år, tid, period, kvartal, måned, ...)"
                .to_string(),
        };
        return Err(io_err(src, format!("{why}; the columns are: {}", h.join(", "))));
    }
    let dims: Vec<usize> =
        (0..ncol).filter(|&c| c != region_col && Some(c) != period_col && !values.iter().any(|v| v.0 == c)).collect();
    let mut lost_letters = false;
    let mut b = Builder::new(src, table.warnings.clone());
    for r in 0..rows.len() {
        let line = grid.at(r);
        let (code, name) = split_code_name(cell(r, region_col));
        let region = b.region(code, &format!("{line}, column '{}'", h[region_col]))?;
        let (name, lost) = clean(name);
        lost_letters |= lost;
        let row_period = match period_col {
            Some(pc) => Some(parse_period(cell(r, pc)).ok_or_else(|| {
                cell_err(
                    src,
                    &line,
                    &h[pc],
                    cell(r, pc),
                    "is not an SSB period (expected YYYY, YYYYKq, YYYYMmm or YYYYUww)",
                )
            })?),
            None => None,
        };
        let mut dim_text = String::new();
        for &d in &dims {
            let (t, lost) = clean(cell(r, d));
            lost_letters |= lost;
            dim_text.push_str(", ");
            dim_text.push_str(&t);
        }
        for (c, contents, p) in &values {
            let Some(period) = p.or(row_period) else {
                return Err(io_err(src, format!("{line}: no period for column '{}'", h[*c])));
            };
            let mut indicator = format!("{contents}{dim_text}");
            if contents.is_empty() {
                indicator = dim_text.trim_start_matches(", ").to_string();
            }
            if indicator.is_empty() {
                indicator.clone_from(&h[*c]);
            }
            let text = cell(r, *c);
            let (value, status) = match parse_cell(text, dc) {
                Err(()) => return Err(cell_err(src, &line, &h[*c], text, "is neither a number nor an SSB symbol")),
                Ok(Cell::Value(v)) => (Some(v), None),
                Ok(Cell::Empty) => (None, Some(Status::Unknown)),
                Ok(Cell::Symbol(v, st)) => {
                    if v.is_none() && !st.is_missing() {
                        return Err(cell_err(src, &line, &h[*c], text, "flags a value but the cell has none"));
                    }
                    (v, Some(st))
                }
            };
            let rec = record(&region, name.clone(), indicator, period, value, status);
            b.push(rec, format!("{line}, column '{}'", h[*c]))?;
        }
    }
    let mut t = b.finish();
    if lost_letters && !t.warnings.iter().any(|w| w.contains("U+FFFD")) {
        t.warnings.push(format!(
            "{src}: the text contains U+FFFD replacement characters (letters such as æ, ø, å were lost before the file was saved)"
        ));
    }
    Ok(t)
}
