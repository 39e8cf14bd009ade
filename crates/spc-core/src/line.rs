//! A per-point column of a chart that is often the same at every point of a part: the centre
//! line, the limits and the denominator.
//!
//! A run or I chart of a million points has one centre line and one set of limits per part;
//! holding them once per point would make the result five million numbers larger than its
//! data. A [`Line`] stores them once per part (or once for the whole chart) where that is
//! what they are, and once per point where they vary (P, U, X-bar, ... charts). Reading it
//! works the same either way: `line[i]`, [`Line::iter`], [`Line::to_vec`].

use std::borrow::Cow;

/// One value per point, stored once per run of points that share it where the chart kind
/// makes them equal. Index with `line[i]`; [`Line::iter`] yields the values by point.
#[derive(Debug, Clone)]
pub struct Line(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// One value per point.
    Points(Vec<f64>),
    /// `values[k]` at the points `ends[k - 1]..ends[k]` (from 0 for `k = 0`); `ends` rises.
    Runs { values: Vec<f64>, ends: Vec<usize> },
}

impl Line {
    /// A line with one value per point.
    pub fn from_points(values: Vec<f64>) -> Self {
        Line(Repr::Points(values))
    }

    /// The same value at each of `len` points.
    pub fn constant(value: f64, len: usize) -> Self {
        if len == 0 {
            return Line::from_points(Vec::new());
        }
        Line(Repr::Runs { values: vec![value], ends: vec![len] })
    }

    /// An empty line that grows one run at a time with [`Line::push_run`].
    pub(crate) fn runs() -> Self {
        Line(Repr::Runs { values: Vec::new(), ends: Vec::new() })
    }

    /// Sets the points up to `end` (exclusive) to `value`. Only for lines made by
    /// [`Line::runs`]; `end` must not be below the end of the previous run.
    pub(crate) fn push_run(&mut self, value: f64, end: usize) {
        match &mut self.0 {
            Repr::Runs { values, ends } => {
                let last = ends.last().copied().unwrap_or(0);
                debug_assert!(last <= end);
                if end == last {
                    return;
                }
                values.push(value);
                ends.push(end);
            }
            Repr::Points(_) => unreachable!("push_run on a per-point line"),
        }
    }

    /// The per-point values, when stored so (the lines of P, U, X-bar, ... charts).
    pub(crate) fn points_mut(&mut self) -> Option<&mut Vec<f64>> {
        match &mut self.0 {
            Repr::Points(v) => Some(v),
            Repr::Runs { .. } => None,
        }
    }

    /// The value of every point, when the line is stored as one value (or as runs of the same
    /// value, `NaN` alike); `None` for a line stored per point or with several values.
    pub fn single(&self) -> Option<f64> {
        match &self.0 {
            Repr::Runs { values, .. } => {
                let first = *values.first()?;
                values.iter().all(|v| v.to_bits() == first.to_bits() || v.is_nan() && first.is_nan()).then_some(first)
            }
            Repr::Points(_) => None,
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Points(v) => v.len(),
            Repr::Runs { ends, .. } => ends.last().copied().unwrap_or(0),
        }
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at point `i`, `None` beyond the last point.
    pub fn get(&self, i: usize) -> Option<f64> {
        (i < self.len()).then(|| self[i])
    }

    /// The values by point.
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Points(v) => Iter(IterRepr::Points(v.iter())),
            Repr::Runs { values, ends } => Iter::runs(values, ends),
        }
    }

    /// The values of the points `a..b`.
    pub fn range(&self, a: usize, b: usize) -> Cow<'_, [f64]> {
        match &self.0 {
            Repr::Points(v) => Cow::Borrowed(&v[a..b]),
            Repr::Runs { .. } => Cow::Owned(self.iter().skip(a).take(b.saturating_sub(a)).collect()),
        }
    }

    /// All values, one per point (borrowed when stored so).
    pub fn as_points(&self) -> Cow<'_, [f64]> {
        match &self.0 {
            Repr::Points(v) => Cow::Borrowed(v),
            Repr::Runs { .. } => Cow::Owned(self.iter().collect()),
        }
    }

    /// All values, one per point.
    pub fn to_vec(&self) -> Vec<f64> {
        self.as_points().into_owned()
    }

    /// Applies `f` to every value (once per stored value).
    pub(crate) fn map_in_place(&mut self, f: impl Fn(f64) -> f64) {
        let v = match &mut self.0 {
            Repr::Points(v) => v,
            Repr::Runs { values, .. } => values,
        };
        for x in v {
            *x = f(*x);
        }
    }
}

impl From<Vec<f64>> for Line {
    fn from(v: Vec<f64>) -> Self {
        Line::from_points(v)
    }
}

impl std::ops::Index<usize> for Line {
    type Output = f64;

    fn index(&self, i: usize) -> &f64 {
        match &self.0 {
            Repr::Points(v) => &v[i],
            Repr::Runs { values, ends } => &values[ends.partition_point(|&e| e <= i)],
        }
    }
}

/// Equal when the values by point are equal (however they are stored); `NaN` differs from
/// itself, as in `Vec<f64>`.
impl PartialEq for Line {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<'a> IntoIterator for &'a Line {
    type Item = f64;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The values of a [`Line`] by point.
#[derive(Debug, Clone)]
pub struct Iter<'a>(IterRepr<'a>);

#[derive(Debug, Clone)]
enum IterRepr<'a> {
    Points(std::slice::Iter<'a, f64>),
    /// Points `i..j` are left; `front` and `back` are the runs of points `i` and `j - 1`.
    Runs {
        values: &'a [f64],
        ends: &'a [usize],
        i: usize,
        j: usize,
        front: usize,
        back: usize,
    },
}

impl<'a> Iter<'a> {
    fn runs(values: &'a [f64], ends: &'a [usize]) -> Self {
        let j = ends.last().copied().unwrap_or(0);
        Iter(IterRepr::Runs { values, ends, i: 0, j, front: 0, back: ends.len().saturating_sub(1) })
    }
}

impl Iterator for Iter<'_> {
    type Item = f64;

    fn next(&mut self) -> Option<f64> {
        match &mut self.0 {
            IterRepr::Points(it) => it.next().copied(),
            IterRepr::Runs { values, ends, i, j, front, .. } => {
                if *i >= *j {
                    return None;
                }
                while *i >= ends[*front] {
                    *front += 1;
                }
                *i += 1;
                Some(values[*front])
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.0 {
            IterRepr::Points(it) => it.len(),
            IterRepr::Runs { i, j, .. } => j - i,
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<f64> {
        match &mut self.0 {
            IterRepr::Points(it) => it.next_back().copied(),
            IterRepr::Runs { values, ends, i, j, back, .. } => {
                if *i >= *j {
                    return None;
                }
                *j -= 1;
                while *back > 0 && *j < ends[*back - 1] {
                    *back -= 1;
                }
                Some(values[*back])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(parts: &[(f64, usize)]) -> Line {
        let mut l = Line::runs();
        for &(v, e) in parts {
            l.push_run(v, e);
        }
        l
    }

    #[test]
    fn runs_read_like_points() {
        let l = runs(&[(1.0, 2), (5.0, 2), (2.0, 5), (3.0, 6)]);
        let want = vec![1.0, 1.0, 2.0, 2.0, 2.0, 3.0];
        assert_eq!(l.len(), 6);
        assert_eq!(l.to_vec(), want);
        assert_eq!((0..6).map(|i| l[i]).collect::<Vec<_>>(), want);
        assert_eq!(l.iter().rev().collect::<Vec<_>>(), want.iter().rev().copied().collect::<Vec<_>>());
        assert_eq!(l.range(1, 4).as_ref(), &want[1..4]);
        assert_eq!(l.get(6), None);
        assert_eq!(l, Line::from_points(want.clone()));
        let mut it = l.iter();
        assert_eq!((it.next(), it.next_back(), it.next_back(), it.len()), (Some(1.0), Some(3.0), Some(2.0), 3));
        assert_eq!(it.collect::<Vec<_>>(), vec![1.0, 2.0, 2.0]);
        assert_eq!(Line::constant(7.0, 3).to_vec(), vec![7.0; 3]);
        assert!(Line::constant(7.0, 0).is_empty() && runs(&[]).iter().next().is_none());
    }

    #[test]
    fn map_in_place_maps_every_point() {
        let mut l = runs(&[(1.0, 2), (-2.0, 3)]);
        l.map_in_place(|v| v.max(0.0));
        assert_eq!(l.to_vec(), vec![1.0, 1.0, 0.0]);
    }
}
