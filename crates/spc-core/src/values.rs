//! A column of numbers that the chart owns, or shares with the buffer it came from.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A column of numbers (`NaN` is missing): a `Vec<f64>` of its own, or a buffer shared with
/// the library the data came from (a polars or Arrow array, say), read in place without a
/// copy. It reads as a slice either way; the first write to a shared column copies it.
///
/// ```
/// use spc_core::Values;
///
/// let shared = Values::shared(vec![1.0, 2.0, 3.0]);
/// assert!(shared.is_shared() && shared[1] == 2.0);
/// let mut owned = shared.clone();
/// owned[1] = 5.0; // copies the shared values first
/// assert_eq!((shared[1], owned.to_vec()), (2.0, vec![1.0, 5.0, 3.0]));
/// assert!(!owned.is_shared());
/// ```
#[derive(Clone, Default)]
pub struct Values(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Vec<f64>),
    Shared(Arc<dyn AsRef<[f64]> + Send + Sync>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Owned(Vec::new())
    }
}

impl Values {
    /// Values read in place from `buffer`, which the column keeps alive (no copy).
    pub fn shared(buffer: impl AsRef<[f64]> + Send + Sync + 'static) -> Self {
        Values(Repr::Shared(Arc::new(buffer)))
    }

    /// Whether the values are read from a shared buffer (not yet copied).
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Repr::Shared(_))
    }

    /// The values as a slice.
    pub fn as_slice(&self) -> &[f64] {
        match &self.0 {
            Repr::Owned(v) => v,
            Repr::Shared(b) => (**b).as_ref(),
        }
    }

    /// The values as a `Vec` (a copy when they are shared).
    pub fn into_vec(self) -> Vec<f64> {
        match self.0 {
            Repr::Owned(v) => v,
            Repr::Shared(b) => (*b).as_ref().to_vec(),
        }
    }
}

impl Deref for Values {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        self.as_slice()
    }
}

impl DerefMut for Values {
    /// Copies shared values into a `Vec` of their own first.
    fn deref_mut(&mut self) -> &mut [f64] {
        if let Repr::Shared(b) = &self.0 {
            self.0 = Repr::Owned((**b).as_ref().to_vec());
        }
        match &mut self.0 {
            Repr::Owned(v) => v,
            Repr::Shared(_) => unreachable!("copied above"),
        }
    }
}

impl From<Vec<f64>> for Values {
    fn from(v: Vec<f64>) -> Self {
        Values(Repr::Owned(v))
    }
}

impl From<Values> for Vec<f64> {
    fn from(v: Values) -> Self {
        v.into_vec()
    }
}

impl FromIterator<f64> for Values {
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        Values(Repr::Owned(iter.into_iter().collect()))
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = &'a f64;
    type IntoIter = std::slice::Iter<'a, f64>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

/// Equal when the values are (owned or shared alike).
impl PartialEq for Values {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<Vec<f64>> for Values {
    fn eq(&self, other: &Vec<f64>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<[f64]> for Values {
    fn eq(&self, other: &[f64]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<&[f64]> for Values {
    fn eq(&self, other: &&[f64]) -> bool {
        self.as_slice() == *other
    }
}

impl<const N: usize> PartialEq<[f64; N]> for Values {
    fn eq(&self, other: &[f64; N]) -> bool {
        self.as_slice() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_values_are_read_in_place_and_copied_on_the_first_write() {
        let buffer: Arc<[f64]> = Arc::from(vec![1.0, f64::NAN, 3.0]);
        let v = Values::shared(Arc::clone(&buffer));
        assert!(v.is_shared());
        assert_eq!(v.as_ptr(), buffer.as_ptr(), "no copy");
        assert_eq!(v.len(), 3);
        assert!(v[1].is_nan());
        let mut w = v.clone();
        assert_eq!(w.as_ptr(), buffer.as_ptr(), "a clone shares too");
        w[0] = 7.0;
        assert!(!w.is_shared());
        assert_eq!((v[0], w[0], buffer[0]), (1.0, 7.0, 1.0));
        assert_eq!(v.clone().into_vec().len(), 3);
        assert_eq!(Values::from(vec![1.0, 2.0]), vec![1.0, 2.0]);
        assert_eq!(Values::from(vec![1.0, 2.0]), [1.0, 2.0]);
        assert_eq!(Values::from(vec![1.0, 2.0]), &[1.0, 2.0][..]);
        assert_eq!(Values::shared(vec![1.0, 2.0]), Values::from(vec![1.0, 2.0]));
        assert_eq!(format!("{:?}", Values::shared(vec![0.5])), "[0.5]");
    }
}
