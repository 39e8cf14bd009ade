//! A per-point column of yes/no values that is often the same at every point: whether a point
//! is in the baseline, whether it is included.

use std::borrow::Cow;

/// One yes/no value per point, stored once when every point has the same (a chart without a
/// frozen baseline has every point in its baseline; one without exclusions includes every
/// point), else once per point. Index with `flags[i]`; [`Flags::iter`] yields the values by
/// point; [`Flags::set`] stores them per point from the first point that differs.
///
/// ```
/// use spc_core::Flags;
///
/// let mut f = Flags::all(true, 4);
/// assert!(f[2] && f.all_are(true));
/// f.set(2, false);
/// assert_eq!(f.to_vec(), [true, true, false, true]);
/// assert_eq!(f, Flags::from(vec![true, true, false, true]));
/// ```
#[derive(Debug, Clone)]
pub struct Flags(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// `value` at each of `len` points.
    All { value: bool, len: usize },
    /// One value per point.
    Points(Vec<bool>),
}

impl Flags {
    /// The same value at each of `len` points.
    pub fn all(value: bool, len: usize) -> Self {
        Flags(Repr::All { value, len })
    }

    /// One value per point.
    pub fn from_points(values: Vec<bool>) -> Self {
        Flags(Repr::Points(values))
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::All { len, .. } => *len,
            Repr::Points(v) => v.len(),
        }
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at point `i`, `None` beyond the last point.
    pub fn get(&self, i: usize) -> Option<bool> {
        (i < self.len()).then(|| self[i])
    }

    /// Whether every point has `value` (true when there are no points).
    pub fn all_are(&self, value: bool) -> bool {
        match &self.0 {
            Repr::All { value: v, len } => *v == value || *len == 0,
            Repr::Points(p) => p.iter().all(|&b| b == value),
        }
    }

    /// The values by point.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = bool> + '_ {
        let (value, len, points): (bool, usize, &[bool]) = match &self.0 {
            Repr::All { value, len } => (*value, *len, &[]),
            Repr::Points(p) => (false, 0, p),
        };
        std::iter::repeat_n(value, len).chain(points.iter().copied())
    }

    /// The values of the points `a..b`.
    pub fn range(&self, a: usize, b: usize) -> Cow<'_, [bool]> {
        match &self.0 {
            Repr::All { value, .. } => Cow::Owned(vec![*value; b.saturating_sub(a)]),
            Repr::Points(p) => Cow::Borrowed(&p[a..b]),
        }
    }

    /// The values, one per point, when stored so; `None` when every point has the same value
    /// (read it with [`Flags::single`]).
    pub fn as_points(&self) -> Option<&[bool]> {
        match &self.0 {
            Repr::All { .. } => None,
            Repr::Points(p) => Some(p),
        }
    }

    /// The value of every point, when stored once.
    pub fn single(&self) -> Option<bool> {
        match &self.0 {
            Repr::All { value, .. } => Some(*value),
            Repr::Points(_) => None,
        }
    }

    /// All values, one per point.
    pub fn to_vec(&self) -> Vec<bool> {
        self.range(0, self.len()).into_owned()
    }

    /// Sets point `i` (stored per point from then on, unless it already has `value`).
    pub fn set(&mut self, i: usize, value: bool) {
        assert!(i < self.len(), "point {i} of {}", self.len());
        if self.single() == Some(value) {
            return;
        }
        self.points_mut()[i] = value;
    }

    /// The values, one per point, to write (stored per point from then on).
    pub(crate) fn points_mut(&mut self) -> &mut [bool] {
        if let Repr::All { value, len } = self.0 {
            self.0 = Repr::Points(vec![value; len]);
        }
        match &mut self.0 {
            Repr::Points(p) => p,
            Repr::All { .. } => unreachable!("stored per point above"),
        }
    }
}

impl std::ops::Index<usize> for Flags {
    type Output = bool;

    fn index(&self, i: usize) -> &bool {
        match &self.0 {
            Repr::All { value, len } => {
                assert!(i < *len, "index {i} out of range for {len} points");
                if *value {
                    &true
                } else {
                    &false
                }
            }
            Repr::Points(p) => &p[i],
        }
    }
}

impl From<Vec<bool>> for Flags {
    fn from(v: Vec<bool>) -> Self {
        Flags::from_points(v)
    }
}

/// Equal when every point has the same value, however they are stored.
impl PartialEq for Flags {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_the_same_stored_once_or_per_point() {
        let mut f = Flags::all(true, 5);
        assert_eq!((f.len(), f.single(), f.as_points()), (5, Some(true), None));
        assert_eq!(f.range(1, 3).as_ref(), &[true, true]);
        assert_eq!(f.get(5), None);
        f.set(1, true);
        assert_eq!(f.single(), Some(true), "setting the value it has keeps it stored once");
        f.set(3, false);
        assert_eq!(f.as_points(), Some(&[true, true, true, false, true][..]));
        assert!(!f.all_are(true) && !f[3] && f[4]);
        assert_eq!(f.iter().rev().collect::<Vec<_>>(), [true, false, true, true, true]);
        assert_eq!(Flags::all(false, 3), Flags::from(vec![false; 3]));
        assert_ne!(Flags::all(false, 3), Flags::all(false, 2));
        assert!(Flags::all(false, 0).all_are(true));
    }
}
