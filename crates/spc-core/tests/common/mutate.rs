//! Mutations of a file's bytes for the readers' property tests (`read_fuzz.rs`,
//! `kostra_read_fuzz.rs`): flip a byte, cut the file short, insert one of a list of byte strings
//! likely to break a reader, delete a few bytes.
#![allow(dead_code, unreachable_pub)]

use proptest::prelude::*;

/// One edit; positions are taken modulo the length of the bytes.
#[derive(Debug, Clone)]
pub enum Edit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, usize),
    Delete(usize, usize),
}

/// `bytes` with `edits` applied in turn; `Insert` inserts `inserts[i % len]`.
pub fn apply(mut bytes: Vec<u8>, edits: &[Edit], inserts: &[&[u8]]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Flip(at, b) => {
                if let Some(x) = bytes.get_mut(at % n) {
                    *x = b;
                }
            }
            Edit::Cut(at) => bytes.truncate(at % n),
            Edit::Insert(at, what) => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, inserts[what % inserts.len()].iter().copied());
            }
            Edit::Delete(at, len) => {
                let at = (at % n).min(bytes.len());
                let end = (at + len % 16).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

/// Any edit.
pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), any::<usize>()).prop_map(|(a, w)| Edit::Insert(a, w)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, l)| Edit::Delete(a, l)),
    ]
}
