//! The KOSTRA readers never panic and finish quickly, whatever the bytes: random bytes, and
//! valid files of every format with bytes flipped, cut short, or with separators, quotes and
//! SSB symbols inserted.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "common/mutate.rs"]
mod mutate;

use mutate::{apply, edit};
use proptest::prelude::*;
use spc_core::kostra::read_bytes;

const FIXTURES: [&str; 11] = [
    "tests/data/samples/ssb07459_tab_quoted_latin1_wide_2005-2009_excerpt.csv",
    "tests/data/samples/ssb07459_comma_unquoted_2019_excerpt.csv",
    "tests/data/samples/ssb07459_tab_Kprefix_2020_excerpt.csv",
    "tests/data/samples/ssb07459_semicolon_title_Kprefix_2021_excerpt.csv",
    "tests/data/samples/ssb07459_semicolon_title_sex_2021_excerpt.csv",
    "tests/data/samples/ssb10826_semicolon_title_latin1_wards_2021_excerpt.csv",
    "tests/data/kostra/tidy_semicolon_symbols.csv",
    "tests/data/kostra/jsonstat2_docs_example.json",
    "tests/data/kostra/jsonstat1_constructed_regions.json",
    "tests/data/kostra/ssb_05300_jsonstat2.json",
    "tests/data/kostra/ssb_1120_jsonstat1.json",
];

fn fixture(i: usize) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(FIXTURES[i % FIXTURES.len()]);
    std::fs::read(p).expect("fixture exists")
}

/// Bytes likely to break a parser in interesting ways.
const INSERTS: [&[u8]; 16] = [
    b",",
    b";",
    b"\t",
    b"\"",
    b"\n",
    b"\r\n",
    b"..",
    b":",
    b"-",
    b"x",
    b"{",
    b"]",
    b"null",
    b"\xff",
    b"K-",
    b"9999999999",
];

fn check(bytes: &[u8], source: &str) {
    let t0 = Instant::now();
    let r = read_bytes(bytes, source);
    assert!(t0.elapsed() < Duration::from_secs(2), "{source}: took {:?}", t0.elapsed());
    if let Err(e) = r {
        assert!(e.to_string().starts_with(source), "an error names the source: {e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes, "random.bin");
    }

    #[test]
    fn random_text_never_panics(text in "[0-9a-zK\\-., ;\t\"\n{}\\[\\]:]{0,300}") {
        check(text.as_bytes(), "random.txt");
        let json = format!("{{{text}");
        check(json.as_bytes(), "random.json");
    }

    #[test]
    fn mutated_files_never_panic(which in 0usize..FIXTURES.len(), edits in proptest::collection::vec(edit(), 1..6)) {
        let bytes = apply(fixture(which), &edits, &INSERTS);
        check(&bytes, "mutated");
    }
}

#[test]
fn every_fixture_reads_before_mutation() {
    for (i, name) in FIXTURES.iter().enumerate() {
        let r = read_bytes(&fixture(i), name);
        assert!(r.is_ok(), "{name}: {:?}", r.err());
    }
}
