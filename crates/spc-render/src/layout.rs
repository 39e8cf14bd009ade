//! Layout of a chart without drawing: note labels in a band, step lines. Pure functions,
//! unit-tested (scales, ticks and edge labels: [`crate::canvas`]).

use std::ops::Index;

/// Where a band label goes: its row, left edge and width.
pub(crate) struct Placed {
    pub(crate) row: usize,
    pub(crate) left: f64,
    pub(crate) width: f64,
}

/// Greedy placement: the first row where the label overlaps neither another label nor the
/// line of a note above it, and where its own line crosses no label below it.
pub(crate) fn place_labels(labels: &[(f64, f64, bool)], x_min: f64, x_max: f64, gap: f64) -> Vec<Placed> {
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

/// The step line of `v` over points `a..b`: each value holds from halfway to the previous point
/// to halfway to the next; a missing value breaks the line. Returns (x, y) in data units.
pub(crate) fn step_line(
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
    fn band_labels_take_new_rows_when_they_would_overlap() {
        let p = place_labels(&[(100.0, 200.0, true), (150.0, 100.0, true), (500.0, 50.0, true)], 0.0, 1000.0, 10.0);
        assert_eq!(p.iter().map(|q| q.row).collect::<Vec<_>>(), vec![0, 1, 0]);
    }
}
