//! The points of a chart: the input rows sorted by facet and x and aggregated, one point per x
//! (and facet), as qicharts2 `qic.agg()` makes them.

use std::borrow::Cow;

use crate::input::{Input, XColumn};
use crate::kind::{Agg, ChartKind};
use crate::spec::ChartSpec;
use crate::stats::{median_in_place, sd_na};

use crate::warnings::list_some;

/// The aggregated points of the whole input, ordered by facet then x.
#[derive(Default)]
pub(super) struct Points<'a> {
    /// The input row of each point; empty when point i is row i (already one row per x).
    pub(super) first_row: Vec<usize>,
    pub(super) facet: Vec<u32>,
    pub(super) part_label: Vec<u32>,
    pub(super) y: Cow<'a, [f64]>,
    pub(super) n: Vec<f64>,
    pub(super) sum: Cow<'a, [f64]>,
    pub(super) len: Vec<f64>,
    pub(super) mean: Vec<f64>,
    pub(super) sd: Vec<f64>,
    pub(super) range: Vec<f64>,
}

/// A sort key for each x: the number, the day number of a date, or the first-appearance rank
/// of a category. `NaN` for a missing x.
pub(crate) fn x_keys(x: &XColumn) -> std::borrow::Cow<'_, [f64]> {
    use std::borrow::Cow;
    Cow::Owned(match x {
        XColumn::Number(v) => return Cow::Borrowed(v),
        XColumn::Date(v) => {
            v.iter().map(|d| d.map_or(f64::NAN, |d| f64::from(chrono::Datelike::num_days_from_ce(&d)))).collect()
        }
        XColumn::Text(v) => {
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            v.iter()
                .map(|s| match s {
                    None => f64::NAN,
                    Some(s) => {
                        let k = seen.len();
                        *seen.entry(s.as_str()).or_insert(k) as f64
                    }
                })
                .collect()
        }
    })
}

/// The rows of the input in the order of their points: listed (sorted by facet and x, rows
/// with a missing x left out), or every row in input order when x is already in order.
#[derive(Clone, Copy)]
pub(super) enum Rows<'r> {
    Listed(&'r [usize]),
    InOrder(usize),
}

#[allow(clippy::too_many_arguments)]
pub(super) fn aggregate<'a>(
    spec: &ChartSpec,
    input: &'a Input,
    rows: Rows<'_>,
    keys: &[f64],
    facet_rank: &[u32],
    part_rank: &[u32],
    warnings: &mut Vec<String>,
) -> Points<'a> {
    // One copy of the grouping for each kind of row order, without a branch per row.
    match rows {
        Rows::Listed(rows) => group_rows(spec, input, rows.len(), |k| rows[k], keys, facet_rank, part_rank, warnings),
        Rows::InOrder(_) if spec.kind.is_subgroup_chart() && input.n.is_none() => subgroups_in_order(input, keys),
        Rows::InOrder(len) => group_rows(spec, input, len, |k| k, keys, facet_rank, part_rank, warnings),
    }
}

/// [`group_rows`] of X-bar, S and R charts without a denominator whose rows are in order (no
/// facets, no parts): each run of equal x is a subgroup, read in place where it has no missing
/// value (the values `group_rows` would copy out, in the same order: the same numbers).
fn subgroups_in_order<'a>(input: &'a Input, keys: &[f64]) -> Points<'a> {
    let y = &input.y;
    let rows = y.len();
    let cap = usize::from(rows > 0) + keys.windows(2).filter(|w| w[0] != w[1]).count();
    let mut p = Points::default();
    let (mut ys, mut sums) = (Vec::with_capacity(cap), Vec::with_capacity(cap));
    for v in [&mut p.len, &mut p.mean, &mut p.sd, &mut p.range] {
        v.reserve(cap);
    }
    p.first_row.reserve(cap);
    let mut buf: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < rows {
        let mut j = i + 1;
        while j < rows && keys[j] == keys[i] {
            j += 1;
        }
        let group = &y[i..j];
        let values: &[f64] = if group.iter().any(|v| v.is_nan()) {
            buf.clear();
            buf.extend(group.iter().copied().filter(|v| !v.is_nan()));
            &buf
        } else {
            group
        };
        let len = values.len();
        let mut sum_y = 0.0;
        for &v in values {
            sum_y += v;
        }
        let mean = if len == 0 { f64::NAN } else { sum_y / len as f64 };
        let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        p.first_row.push(i);
        ys.push(mean);
        // A single row with a missing y has a missing sum (as in `group_rows`).
        sums.push(if j - i == 1 && len == 0 { f64::NAN } else { sum_y });
        p.len.push(len as f64);
        p.mean.push(mean);
        p.sd.push(sd_na(values));
        p.range.push(if len == 0 { f64::NAN } else { hi - lo });
        i = j;
    }
    p.y = Cow::Owned(ys);
    p.sum = Cow::Owned(sums);
    p
}

/// [`aggregate`] of the rows `row(0), row(1), ..., row(n_rows - 1)`.
#[allow(clippy::too_many_arguments)]
fn group_rows<'a>(
    spec: &ChartSpec,
    input: &'a Input,
    n_rows: usize,
    row: impl Fn(usize) -> usize,
    keys: &[f64],
    facet_rank: &[u32],
    part_rank: &[u32],
    warnings: &mut Vec<String>,
) -> Points<'a> {
    let kind = spec.kind;
    let subgroup = kind.is_subgroup_chart();
    let n_in = input.n.as_deref();
    let got_n = n_in.is_some();
    let mut p = Points::default();
    // Number of points (rows of one x and facet are next to each other): the columns below
    // get exactly that much memory, not one slot per row.
    let same_point = |a: usize, b: usize| {
        keys[a] == keys[b] && facet_rank.get(a).copied().unwrap_or(0) == facet_rank.get(b).copied().unwrap_or(0)
    };
    let cap = usize::from(n_rows > 0) + (1..n_rows).filter(|&k| !same_point(row(k - 1), row(k))).count();
    let (mut ys, mut sums) = (Vec::with_capacity(cap), Vec::with_capacity(cap));
    // The number of values of each point: used by subgroup charts and I' only.
    let needs_len = subgroup || kind == ChartKind::Ip;
    let mut several_values = false;
    if needs_len {
        p.len.reserve(cap);
    }
    p.first_row.reserve(cap);
    if got_n {
        p.n.reserve(cap);
    }
    if subgroup {
        for v in [&mut p.mean, &mut p.sd, &mut p.range] {
            v.reserve(cap);
        }
    }
    if !facet_rank.is_empty() {
        p.facet.reserve(cap);
    }
    if !part_rank.is_empty() {
        p.part_label.reserve(cap);
    }
    let mut zero_den = Vec::new();
    let mut buf: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < n_rows {
        let r0 = row(i);
        let f0 = facet_rank.get(r0).copied().unwrap_or(0);
        let mut j = i + 1;
        while j < n_rows && same_point(row(j), r0) {
            j += 1;
        }
        // Values of the group; with a denominator a row missing y or n is missing in both.
        buf.clear();
        let (mut sum_y, mut sum_n) = (0.0, 0.0);
        for r in (i..j).map(&row) {
            let yv = input.y[r];
            let nv = n_in.map_or(f64::NAN, |n| n[r]);
            if got_n && (yv.is_nan() || nv.is_nan()) {
                continue;
            }
            if !yv.is_nan() {
                buf.push(yv);
                sum_y += yv;
            }
            if got_n {
                sum_n += nv;
            }
        }
        let len = buf.len();
        let single_missing = j - i == 1 && len == 0;
        let sum = if single_missing { f64::NAN } else { sum_y };
        let y = if got_n {
            if sum_n == 0.0 {
                if sum_y != 0.0 {
                    zero_den.push(input.row_number(r0));
                }
                f64::NAN
            } else {
                sum_y / sum_n
            }
        } else if len == 0 {
            f64::NAN
        } else if subgroup {
            sum_y / len as f64
        } else {
            match spec.agg {
                Agg::Mean => sum_y / len as f64,
                Agg::Sum => sum_y,
                // buf is refilled for the next x; its order does not matter here.
                Agg::Median => median_in_place(&mut buf),
            }
        };
        p.first_row.push(r0);
        if !facet_rank.is_empty() {
            p.facet.push(f0);
        }
        if !part_rank.is_empty() {
            p.part_label.push(part_rank[r0]);
        }
        ys.push(y);
        if got_n {
            p.n.push(sum_n);
        }
        sums.push(sum);
        several_values |= len > 1;
        if needs_len {
            p.len.push(len as f64);
        }
        if subgroup {
            p.mean.push(if len == 0 { f64::NAN } else { sum_y / len as f64 });
            p.sd.push(sd_na(&buf));
            let (lo, hi) = buf.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            p.range.push(if len == 0 { f64::NAN } else { hi - lo });
        }
        i = j;
    }
    warn_zero_denominators(&zero_den, warnings);
    if !got_n && !subgroup && kind != ChartKind::C && several_values {
        warnings.push(format!("some x values have more than one row; they were aggregated using {}()", spec.agg));
    }
    p.y = Cow::Owned(ys);
    p.sum = Cow::Owned(sums);
    p
}

/// The points of a series with a denominator that is already one row per x, in order: each
/// row is its own point, with exactly the values [`aggregate`] gives a group of one row
/// (y = y/n; a row missing y or n is missing, with n = 0; 0/0 is missing), without grouping.
/// `row(r)` numbers row r (0-based) in messages.
pub(super) fn rows_with_n<'a>(
    y_in: &'a [f64],
    n_in: &[f64],
    row: &dyn Fn(usize) -> usize,
    warnings: &mut Vec<String>,
) -> Points<'a> {
    let len = y_in.len();
    // The sum of a point is its y, unless a row has a y but no n, or y is -0 (0 + -0 = 0).
    let sums_are_y =
        y_in.iter().zip(n_in).all(|(&y, &n)| (!n.is_nan() || y.is_nan()) && !(y == 0.0 && y.is_sign_negative()));
    let (mut ys, mut ns) = (Vec::with_capacity(len), Vec::with_capacity(len));
    let mut sums = Vec::with_capacity(if sums_are_y { 0 } else { len });
    let mut zero_den = Vec::new();
    for (r, (&yv, &nv)) in y_in.iter().zip(n_in).enumerate() {
        let (y, n, sum) = if yv.is_nan() || nv.is_nan() {
            (f64::NAN, 0.0, f64::NAN)
        } else {
            // As the sums of `aggregate`, which start at 0.
            let (sum_y, sum_n) = (0.0 + yv, 0.0 + nv);
            let y = if sum_n == 0.0 {
                if sum_y != 0.0 {
                    zero_den.push(row(r));
                }
                f64::NAN
            } else {
                sum_y / sum_n
            };
            (y, sum_n, sum_y)
        };
        ys.push(y);
        ns.push(n);
        if !sums_are_y {
            sums.push(sum);
        }
    }
    warn_zero_denominators(&zero_den, warnings);
    Points {
        y: Cow::Owned(ys),
        n: ns,
        sum: if sums_are_y { Cow::Borrowed(y_in) } else { Cow::Owned(sums) },
        ..Points::default()
    }
}

fn warn_zero_denominators(rows: &[usize], warnings: &mut Vec<String>) {
    if !rows.is_empty() {
        warnings.push(format!(
            "{} point(s) have a denominator of 0 but a numerator other than 0; they are shown as missing: row(s) {}",
            rows.len(),
            list_some(rows)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The in-place subgroups give the grouping's points bit for bit: subgroups of one to six
    /// rows, missing values (a whole subgroup missing, a single missing row), ties.
    #[test]
    fn subgroups_in_order_are_the_grouping_bit_for_bit() {
        let mut state = 5u64;
        let mut next = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 33
        };
        for round in 0..50 {
            let rows = 1 + (next() % 300) as usize;
            let (mut x, mut xs, mut ys) = (0.0, Vec::new(), Vec::new());
            for _ in 0..rows {
                if next() % 4 == 0 || round % 7 == 0 {
                    x += 1.0;
                }
                xs.push(x);
                ys.push(match next() % 10 {
                    0 => f64::NAN,
                    1 => 5.0,
                    v => v as f64 * 1.37 - 4.0,
                });
            }
            let input = Input::new(XColumn::Number(crate::Values::from(xs.clone())), ys);
            let spec = ChartSpec::new(ChartKind::Xbar);
            let mut w = Vec::new();
            let a = subgroups_in_order(&input, &xs);
            let b = group_rows(&spec, &input, rows, |k| k, &xs, &[], &[], &mut w);
            let same =
                |u: &[f64], v: &[f64]| u.len() == v.len() && u.iter().zip(v).all(|(p, q)| p.to_bits() == q.to_bits());
            assert_eq!(a.first_row, b.first_row, "round {round}");
            for (name, u, v) in [
                ("y", &a.y[..], &b.y[..]),
                ("sum", &a.sum[..], &b.sum[..]),
                ("len", &a.len[..], &b.len[..]),
                ("mean", &a.mean[..], &b.mean[..]),
                ("sd", &a.sd[..], &b.sd[..]),
                ("range", &a.range[..], &b.range[..]),
            ] {
                assert!(same(u, v), "round {round}: {name} {u:?} vs {v:?}");
            }
            assert!(w.is_empty());
        }
    }
}
