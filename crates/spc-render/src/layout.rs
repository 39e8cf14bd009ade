//! Layout without drawing: y scales, label placement, step lines. Pure functions, unit-tested.

use std::ops::Index;

use spc_core::Lang;

use super::text::{self, NumFmt};

pub(super) fn finite_range(vals: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    vals.filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((a, b)) => Some((a.min(v), b.max(v))),
    })
}

/// A y scale: range and ticks.
pub(super) struct YScale {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) ticks: Vec<f64>,
    pub(super) fmt: NumFmt,
    pub(super) value_fmt: NumFmt,
}

pub(super) fn y_scale(range: (f64, f64), lang: Lang, percent: bool, n_ticks: f64) -> YScale {
    let (mut a, mut b) = range;
    if (b - a).abs() < 1e-12 {
        let d = if a.abs() > 0.0 { a.abs() * 0.1 } else { 1.0 };
        a -= d;
        b += d;
    }
    let pad = (b - a) * 0.06;
    let (lo, hi) = (a - pad, b + pad);
    let step = text::nice_step((hi - lo) / n_ticks.max(2.0));
    let decimals = text::decimals_for(step);
    YScale {
        lo,
        hi,
        ticks: text::ticks(lo, hi, step),
        fmt: NumFmt { lang, decimals, percent },
        value_fmt: NumFmt { lang, decimals: (decimals + 1).min(8), percent },
    }
}

/// Where a band label goes: its row, left edge and width.
pub(super) struct Placed {
    pub(super) row: usize,
    pub(super) left: f64,
    pub(super) width: f64,
}

/// Greedy placement: the first row where the label overlaps neither another label nor the
/// line of a note above it, and where its own line crosses no label below it.
pub(super) fn place_labels(labels: &[(f64, f64, bool)], x_min: f64, x_max: f64, gap: f64) -> Vec<Placed> {
    let mut placed: Vec<Placed> = Vec::new();
    let mut lines: Vec<(f64, usize)> = Vec::new();
    for &(x, w, has_line) in labels {
        let left = if x + gap + w <= x_max { x + gap / 2.0 } else { (x - gap / 2.0 - w).max(x_min) };
        let right = left + w;
        let row = (0..=labels.len())
            .find(|&r| {
                let clash_label =
                    placed.iter().any(|p| p.row == r && left < p.left + p.width + gap && p.left < right + gap);
                let clash_line_above =
                    lines.iter().any(|&(lx, lr)| lr < r && lx > left - gap / 2.0 && lx < right + gap / 2.0);
                let clash_below = has_line
                    && placed.iter().any(|p| p.row > r && x > p.left - gap / 2.0 && x < p.left + p.width + gap / 2.0);
                !(clash_label || clash_line_above || clash_below)
            })
            .unwrap_or(0);
        placed.push(Placed { row, left, width: w });
        if has_line {
            lines.push((x, row));
        }
    }
    placed
}

/// Right-edge labels stacked so they never overlap: each keeps its y if it can, else moves down
/// just enough, then the stack moves up if it runs past the bottom.
pub(super) fn stack(ys: &[f64], h: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by(|&a, &b| ys[a].total_cmp(&ys[b]));
    let mut out = ys.to_vec();
    let mut prev = f64::NEG_INFINITY;
    for &i in &order {
        out[i] = ys[i].max(prev + h).max(top + h / 2.0);
        prev = out[i];
    }
    let mut next = f64::INFINITY;
    for &i in order.iter().rev() {
        out[i] = out[i].min(next - h).min(bottom - h / 2.0);
        next = out[i];
    }
    out
}

/// The step line of `v` over points `a..b`: each value holds from halfway to the previous point
/// to halfway to the next; a missing value breaks the line. Returns (x, y) in data units.
pub(super) fn step_line(
    xs: &[f64],
    v: &(impl Index<usize, Output = f64> + ?Sized),
    a: usize,
    b: usize,
) -> Vec<Vec<(f64, f64)>> {
    let mut segs = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for i in a..b {
        if !(v[i].is_finite() && xs[i].is_finite()) {
            if cur.len() > 1 {
                segs.push(std::mem::take(&mut cur));
            }
            cur.clear();
            continue;
        }
        let l = if i > a && xs[i - 1].is_finite() { f64::midpoint(xs[i - 1], xs[i]) } else { xs[i] };
        let r = if i + 1 < b && xs[i + 1].is_finite() { f64::midpoint(xs[i], xs[i + 1]) } else { xs[i] };
        if cur.last().is_some_and(|&(_, y)| y == v[i]) {
            cur.pop();
        } else {
            cur.push((l, v[i]));
        }
        cur.push((r, v[i]));
    }
    if cur.len() > 1 {
        segs.push(cur);
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_lines_follow_varying_limits() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        let v = [5.0, 5.0, 6.0, f64::NAN];
        let s = step_line(&xs, &v, 0, 4);
        assert_eq!(s, vec![vec![(1.0, 5.0), (2.5, 5.0), (2.5, 6.0), (3.5, 6.0)]]);
    }

    #[test]
    fn labels_stack_without_overlap() {
        let ys = stack(&[100.0, 102.0, 300.0], 20.0, 0.0, 1000.0);
        assert_eq!(ys, vec![100.0, 120.0, 300.0]);
        let ys = stack(&[995.0, 996.0], 20.0, 0.0, 1000.0);
        assert_eq!(ys, vec![970.0, 990.0]);
    }

    #[test]
    fn band_labels_take_new_rows_when_they_would_overlap() {
        let p = place_labels(&[(100.0, 200.0, true), (150.0, 100.0, true), (500.0, 50.0, true)], 0.0, 1000.0, 10.0);
        assert_eq!(p.iter().map(|q| q.row).collect::<Vec<_>>(), vec![0, 1, 0]);
    }
}
