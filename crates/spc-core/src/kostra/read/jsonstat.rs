//! JSON-stat datasets: version 2.0 (`"class": "dataset"`, SSB's PxWebApi 2 default) and 1.x
//! (`{"dataset": {...}}` with `dimension.id/size/role`, or several datasets keyed by name).
//!
//! Values are in row-major order (the last dimension of `id` varies fastest). Dimensions:
//! - region: the `geo` role, else a dimension named like `Region`, `KOKkommuneregion0000`,
//!   `Kommune`, `Fylke`, `Bydel`; a table without one is national (code `0`, with a warning);
//! - period: the `time` role, else `Tid` (`time`, `year`, `år`); required;
//! - indicator: the label of the `metric` role's category (else `ContentsCode`), then the
//!   labels of every other dimension, joined by `, `.
//!
//! A `null` value takes its status symbol (`.`, `..`, `:`, ...; `-` is 0 with status nil);
//! without one it is missing with [`Status::Unknown`]. A number with a missing-value symbol
//! (SSB writes `null`, other producers 0) is kept as missing with that status, with a warning.

use serde_json::{Map, Value};

use crate::error::Result;
use crate::kostra::{KostraTable, Period, Status};

use super::{io_err, parse_cell, parse_period, record, Builder, Cell};

/// Most cells a sparse (object) `value` may stand for: SSB's API gives at most 800 000 a request.
const MAX_SPARSE_CELLS: usize = 5_000_000;

/// Reads a JSON-stat document.
pub(super) fn read_json(bytes: &[u8], source: &str) -> Result<KostraTable> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| io_err(source, format!("not valid JSON: {e}")))?;
    let Some(obj) = doc.as_object() else {
        return Err(io_err(source, "not a JSON-stat dataset: the document is not an object"));
    };
    let mut datasets: Vec<(String, &Map<String, Value>)> = Vec::new();
    if is_dataset(obj) {
        datasets.push((String::new(), obj));
    } else if let Some(cls) = obj.get("class").and_then(Value::as_str).filter(|c| *c != "dataset") {
        return Err(io_err(source, format!("a JSON-stat '{cls}', not a dataset: only datasets can be read")));
    } else {
        for (name, v) in obj {
            match v.as_object() {
                Some(d) if is_dataset(d) => datasets.push((name.clone(), d)),
                _ => {}
            }
        }
        if datasets.is_empty() {
            return Err(io_err(
                source,
                "not a JSON-stat dataset: expected 'class': 'dataset' with id, size, dimension and value (2.0), \
                 or {\"dataset\": {...}} with dimension.id and dimension.size (1.x)",
            ));
        }
    }
    let mut b = Builder::new(source, Vec::new());
    let mut replaced = 0usize;
    let mut national = false;
    for (name, ds) in &datasets {
        let r = read_dataset(ds, name, source, &mut b)?;
        replaced += r.0;
        national |= r.1;
    }
    let mut t = b.finish();
    if national {
        t.warnings.push(format!(
            "{source}: the dataset has no region dimension (role geo or Region): its values are taken as the whole \
             country (region code 0)"
        ));
    }
    if replaced > 0 {
        t.warnings.push(format!(
            "{source}: {replaced} cells have a number and a missing-value status; they are read as missing with that status"
        ));
    }
    Ok(t)
}

fn is_dataset(o: &Map<String, Value>) -> bool {
    o.get("class").and_then(Value::as_str) == Some("dataset")
        || (o.contains_key("dimension") && o.contains_key("value"))
}

/// One dimension: its id, category codes in order and their labels.
struct Dim {
    id: String,
    codes: Vec<String>,
    labels: Vec<String>,
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn as_usize(v: &Value) -> Option<usize> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|x| usize::try_from(x).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(text_of).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn read_dim(dimension: &Map<String, Value>, id: &str, size: usize, src: &str, ds: &str) -> Result<Dim> {
    let err = |m: String| io_err(src, format!("{ds}dimension '{id}': {m}"));
    let Some(d) = dimension.get(id).and_then(Value::as_object) else {
        return Err(io_err(src, format!("{ds}missing dimension '{id}': it is named in 'id' but not in 'dimension'")));
    };
    let cat = d.get("category").and_then(Value::as_object);
    let label_map = cat.and_then(|c| c.get("label")).and_then(Value::as_object);
    let codes: Vec<String> = match cat.and_then(|c| c.get("index")) {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| text_of(v).ok_or_else(|| err(format!("category index entry {v} is not a code"))))
            .collect::<Result<_>>()?,
        Some(Value::Object(o)) => {
            let mut slots: Vec<Option<String>> = vec![None; o.len()];
            for (code, pos) in o {
                let p = as_usize(pos)
                    .ok_or_else(|| err(format!("category '{code}' has the position {pos}, not a number")))?;
                let Some(slot) = slots.get_mut(p) else {
                    return Err(err(format!(
                        "category '{code}' has the position {p}, out of range: there are {} categories",
                        o.len()
                    )));
                };
                if let Some(other) = slot {
                    return Err(err(format!("categories '{other}' and '{code}' have the same position {p}")));
                }
                *slot = Some(code.clone());
            }
            slots.into_iter().flatten().collect()
        }
        Some(other) => return Err(err(format!("category index {other} is neither an array nor an object"))),
        None => match label_map {
            Some(l) if l.len() == 1 => l.keys().cloned().collect(),
            _ => return Err(err("no category index (required unless there is exactly one category label)".into())),
        },
    };
    if codes.len() != size {
        return Err(err(format!("{} categories but the size is {size}", codes.len())));
    }
    let labels = codes
        .iter()
        .map(|c| label_map.and_then(|l| l.get(c)).and_then(Value::as_str).map_or_else(|| c.clone(), str::to_string))
        .collect();
    Ok(Dim { id: id.to_string(), codes, labels })
}

fn role_dim(roles: Option<&Map<String, Value>>, role: &str, ids: &[String]) -> Option<usize> {
    string_list(roles.and_then(|r| r.get(role))).iter().find_map(|name| ids.iter().position(|i| i == name))
}

fn region_by_name(id: &str) -> bool {
    let l = id.to_lowercase();
    l == "region"
        || l.starts_with("kokkommuneregion")
        || l.starts_with("kokfylkesregion")
        || l.starts_with("kokbydelsregion")
        || ["kommune", "fylke", "bydel", "region"].iter().any(|w| l.starts_with(w))
}

/// Reads one dataset into `b`; returns (cells with a number and a missing status, national).
#[allow(clippy::too_many_lines)]
fn read_dataset(ds: &Map<String, Value>, name: &str, src: &str, b: &mut Builder<'_>) -> Result<(usize, bool)> {
    let dsname = if name.is_empty() { String::new() } else { format!("dataset '{name}': ") };
    let err = |m: String| io_err(src, format!("{dsname}{m}"));
    let dimension =
        ds.get("dimension").and_then(Value::as_object).ok_or_else(|| err("no 'dimension' object".into()))?;
    let ids = string_list(ds.get("id").or_else(|| dimension.get("id")));
    if ids.is_empty() {
        return Err(err("no dimension ids: expected 'id' (2.0) or 'dimension.id' (1.x)".into()));
    }
    let sizes_v = ds.get("size").or_else(|| dimension.get("size"));
    let sizes: Vec<usize> = match sizes_v {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| as_usize(v).ok_or_else(|| err(format!("size entry {v} is not a whole number"))))
            .collect::<Result<_>>()?,
        _ => return Err(err("no 'size' array: expected 'size' (2.0) or 'dimension.size' (1.x)".into())),
    };
    if sizes.len() != ids.len() {
        return Err(err(format!("'id' names {} dimensions but 'size' has {} entries", ids.len(), sizes.len())));
    }
    let dims: Vec<Dim> =
        ids.iter().zip(&sizes).map(|(id, &s)| read_dim(dimension, id, s, src, &dsname)).collect::<Result<_>>()?;
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(s))
        .ok_or_else(|| err(format!("the sizes {sizes:?} multiply to more cells than can be held")))?;
    let roles = ds.get("role").or_else(|| dimension.get("role")).and_then(Value::as_object);
    let geo = role_dim(roles, "geo", &ids).or_else(|| ids.iter().position(|i| region_by_name(i)));
    let time = role_dim(roles, "time", &ids).or_else(|| {
        ids.iter().position(|i| ["tid", "time", "year", "år", "period"].contains(&i.to_lowercase().as_str()))
    });
    let metric = role_dim(roles, "metric", &ids).or_else(|| ids.iter().position(|i| i == "ContentsCode"));
    let Some(time) = time else {
        return Err(err(format!(
            "missing dimension: no time dimension (role 'time' or a dimension 'Tid'); the dimensions are: {}",
            ids.join(", ")
        )));
    };
    let mut strides = vec![1usize; dims.len()];
    for k in (0..dims.len().saturating_sub(1)).rev() {
        strides[k] = strides[k + 1] * sizes[k + 1];
    }
    // values, by cell index
    let values: Vec<Option<&Value>> = match ds.get("value") {
        Some(Value::Array(a)) => {
            if a.len() != total {
                return Err(err(format!(
                    "'value' has {} entries but the sizes {sizes:?} multiply to {total} cells",
                    a.len()
                )));
            }
            a.iter().map(Some).collect()
        }
        Some(Value::Object(o)) => {
            if total > MAX_SPARSE_CELLS {
                return Err(err(format!("the sizes {sizes:?} give {total} cells: more than {MAX_SPARSE_CELLS}")));
            }
            let mut v = vec![None; total];
            for (k, x) in o {
                let i = cell_index(k, total).map_err(&err)?;
                v[i] = Some(x);
            }
            v
        }
        _ => return Err(err("no 'value' array or object".into())),
    };
    let mut statuses: Vec<Option<&str>> = vec![None; total];
    match ds.get("status") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => statuses.iter_mut().for_each(|x| *x = Some(s.as_str())),
        Some(Value::Array(a)) => {
            if a.len() > total {
                return Err(err(format!("'status' has {} entries but there are {total} cells", a.len())));
            }
            for (i, s) in a.iter().enumerate() {
                statuses[i] = s.as_str();
            }
        }
        Some(Value::Object(o)) => {
            for (k, s) in o {
                let i = cell_index(k, total).map_err(&err)?;
                statuses[i] = s.as_str();
            }
        }
        Some(other) => return Err(err(format!("'status' is {other}: expected a string, an array or an object"))),
    }
    let mut replaced = 0;
    let mut pos = vec![0usize; dims.len()];
    for i in 0..total {
        let mut rest = i;
        for (k, p) in pos.iter_mut().enumerate() {
            *p = rest / strides[k];
            rest %= strides[k];
        }
        let loc = || {
            let cats: Vec<String> = dims.iter().zip(&pos).map(|(d, &p)| format!("{}={}", d.id, d.codes[p])).collect();
            format!("{dsname}value {i} ({})", cats.join(", "))
        };
        let (code, region_name) = match geo {
            Some(g) => {
                let code = dims[g].codes[pos[g]].as_str();
                let label = dims[g].labels[pos[g]].as_str();
                let name = label.strip_prefix(code).map_or(label, str::trim);
                (code, name.to_string())
            }
            None => ("0", String::new()),
        };
        let region = b.region(code, &loc())?;
        let per = dims[time].codes[pos[time]].as_str();
        let period: Period = parse_period(per).ok_or_else(|| {
            io_err(
                src,
                format!("{}: time category '{per}' is not an SSB period (YYYY, YYYYKq, YYYYMmm, YYYYUww)", loc()),
            )
        })?;
        let mut parts: Vec<&str> = Vec::new();
        if let Some(m) = metric {
            parts.push(&dims[m].labels[pos[m]]);
        }
        for (k, d) in dims.iter().enumerate() {
            if Some(k) != geo && k != time && Some(k) != metric {
                parts.push(&d.labels[pos[k]]);
            }
        }
        let indicator = if parts.is_empty() {
            ds.get("label").and_then(Value::as_str).unwrap_or("value").to_string()
        } else {
            parts.join(", ")
        };
        let status = match statuses[i].map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                io_err(src, format!("{}: status '{s}' is not an SSB symbol (. .. ... : - * |)", loc()))
            })?),
        };
        let value = match values[i] {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64().filter(|v| v.is_finite()),
            Some(Value::String(s)) => match parse_cell(s, false) {
                Ok(Cell::Value(v)) => Some(v),
                Ok(Cell::Empty) => None,
                Ok(Cell::Symbol(v, st)) if status.is_none() || status == Some(st) => {
                    if v.is_none() && !st.is_missing() {
                        return Err(io_err(src, format!("{}: '{s}' flags a value but the cell has none", loc())));
                    }
                    b.push(record(&region, region_name, indicator, period, v, Some(st)), loc())?;
                    continue;
                }
                _ => return Err(io_err(src, format!("{}: '{s}' is neither a number nor an SSB symbol", loc()))),
            },
            Some(other) => return Err(io_err(src, format!("{}: {other} is not a number", loc()))),
        };
        let (value, status) = match (value, status) {
            (None, None) => (None, Some(Status::Unknown)),
            (None, Some(Status::Nil)) => (Some(0.0), Some(Status::Nil)),
            (None, Some(st)) if st.is_missing() => (None, Some(st)),
            (None, Some(st)) => {
                return Err(io_err(
                    src,
                    format!("{}: status '{}' flags a value but the value is null", loc(), st.symbol()),
                ))
            }
            (Some(_), Some(st)) if st.is_missing() => {
                replaced += 1;
                (None, Some(st))
            }
            (Some(v), st) => (Some(v), st),
        };
        b.push(record(&region, region_name, indicator, period, value, status), loc())?;
    }
    Ok((replaced, geo.is_none()))
}

/// A cell index given as an object key (`"12"`), checked against the number of cells.
fn cell_index(key: &str, total: usize) -> std::result::Result<usize, String> {
    let i: usize = key.trim().parse().map_err(|_| format!("'{key}' is not a cell index (a whole number)"))?;
    if i >= total {
        return Err(format!("cell index {i} is out of range: there are {total} cells"));
    }
    Ok(i)
}
