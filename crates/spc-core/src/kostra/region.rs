//! Region codes: normalised to one spelling and classified.
//!
//! Codes are strings (leading zeros matter). Accepted spellings (docs: SSB StatBank, KOSTRA
//! files, `ssb-kostra`): `0101`, `101` (zeros lost in a spreadsheet), `K-3001` (SSB's
//! aggregated series), `010100` / `10100` (KOSTRA's 6-digit codes), `030102a` (Oslo wards with
//! SSB's letter suffix), `0` / `EAK` (country), `EKG13` (KOSTRA group 13), `EKA03`,
//! `EAKUO`, `EAFK`, `EAFKUO`, `EAB` (other KOSTRA aggregates), `Rest` (SSB's `K-Rest`).

use std::fmt;

use crate::error::{Error, Result};

/// What kind of region a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionType {
    /// The whole country (`0`).
    Country,
    /// A county (2 digits).
    County,
    /// A KOSTRA group (`EKGnn`).
    KostraGroup,
    /// A municipality (4 digits).
    Municipality,
    /// An Oslo ward / city district (6 digits, maybe with a letter suffix).
    Ward,
    /// Another aggregate (`EAKUO` country without Oslo, `EKAnn` municipalities of a county,
    /// `EAFK` county municipalities, `EAB` Oslo wards, SSB's `Rest`, `9999` unknown).
    Other,
}

impl RegionType {
    /// The name written in the `region_type` column.
    pub fn name(self) -> &'static str {
        match self {
            RegionType::Country => "country",
            RegionType::County => "county",
            RegionType::KostraGroup => "kostra_group",
            RegionType::Municipality => "municipality",
            RegionType::Ward => "ward",
            RegionType::Other => "other",
        }
    }

    /// Parses a name written by [`RegionType::name`].
    pub fn parse(s: &str) -> Option<RegionType> {
        [
            RegionType::Country,
            RegionType::County,
            RegionType::KostraGroup,
            RegionType::Municipality,
            RegionType::Ward,
            RegionType::Other,
        ]
        .into_iter()
        .find(|t| t.name() == s.trim())
    }
}

impl fmt::Display for RegionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// County numbers that have existed since 1972 (01-20 before 2018/2020, 50 Trøndelag from
/// 2018, 30/34/38/42/46/54 from 2020, 31-33/39/40/55/56 from 2024), Svalbard (21), Jan Mayen
/// (22), the continental shelf (23), abroad (25) and SSB's "unknown" (99).
const COUNTIES: &[u8] = &[
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25, 30, 31, 32, 33, 34, 38, 39, 40,
    42, 46, 50, 54, 55, 56, 99,
];

/// A normalised region code with its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region {
    /// The normalised code: `0`, `03`, `0301`, `030102a`, `EKG13`, ...
    pub code: String,
    /// What it stands for.
    pub kind: RegionType,
    /// Whether the source marked it as SSB's aggregated time series (`K-` prefix: the
    /// predecessors summed into the structure of the table's last year).
    pub aggregated_series: bool,
}

fn unknown(code: &str) -> Error {
    Error::UnknownRegion { code: code.to_string() }
}

fn county_ok(digits: &str) -> bool {
    digits.parse::<u8>().is_ok_and(|c| COUNTIES.contains(&c))
}

impl Region {
    /// Normalises and classifies a code; an error names a code that is none of the accepted
    /// spellings (see the module docs).
    pub fn parse(raw: &str) -> Result<Region> {
        let t = raw.trim().trim_matches('"').trim();
        let (t, aggregated_series) = match t.strip_prefix("K-").or_else(|| t.strip_prefix("k-")) {
            Some(rest) => (rest.trim(), true),
            None => (t, false),
        };
        let upper = t.to_ascii_uppercase();
        let make = |code: String, kind| Ok(Region { code, kind, aggregated_series });
        if t.is_empty() {
            return Err(unknown(raw));
        }
        if t.bytes().all(|b| b.is_ascii_digit()) {
            return match t.len() {
                1 if t == "0" => make("0".into(), RegionType::Country),
                1 | 2 if county_ok(t) => make(format!("{t:0>2}"), RegionType::County),
                2 if t == "00" => make("0".into(), RegionType::Country),
                3 | 4 => {
                    let code = format!("{t:0>4}");
                    if code == "9999" {
                        make(code, RegionType::Other)
                    } else if county_ok(&code[..2]) {
                        make(code, RegionType::Municipality)
                    } else {
                        Err(unknown(raw))
                    }
                }
                5 | 6 => {
                    let code = format!("{t:0>6}");
                    if !county_ok(&code[..2]) {
                        Err(unknown(raw))
                    } else if &code[2..] == "0000" {
                        make(code[..2].to_string(), RegionType::County)
                    } else if &code[4..] == "00" {
                        make(code[..4].to_string(), RegionType::Municipality)
                    } else {
                        make(code, RegionType::Ward)
                    }
                }
                _ => Err(unknown(raw)),
            };
        }
        // Ward codes with SSB's letter suffix: 030102a, 030100aa.
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 6 && t[6..].len() <= 2 && t[6..].bytes().all(|b| b.is_ascii_lowercase()) && county_ok(&t[..2]) {
            return make(t.to_string(), RegionType::Ward);
        }
        if let Some(g) = upper.strip_prefix("EKG") {
            if !g.is_empty() && g.len() <= 2 && g.bytes().all(|b| b.is_ascii_digit()) {
                return make(format!("EKG{g:0>2}"), RegionType::KostraGroup);
            }
            return Err(unknown(raw));
        }
        if let Some(c) = upper.strip_prefix("EKA") {
            if !c.is_empty() && c.len() <= 2 && county_ok(c) {
                return make(format!("EKA{c:0>2}"), RegionType::Other);
            }
            return Err(unknown(raw));
        }
        match upper.as_str() {
            "EAK" => make("0".into(), RegionType::Country),
            "EAKUO" | "EAFK" | "EAFKUO" | "EAB" => make(upper, RegionType::Other),
            "REST" => make("Rest".into(), RegionType::Other),
            _ => Err(unknown(raw)),
        }
    }

    /// The county a municipality or ward belongs to by its first two digits (`3001` -> `30`).
    pub fn county(&self) -> Option<String> {
        match self.kind {
            RegionType::Municipality | RegionType::Ward => Some(self.code[..2].to_string()),
            RegionType::County => Some(self.code.clone()),
            _ => None,
        }
    }
}

/// Splits SSB's `"0101 Halden"` (code and name in one cell) at the first space; a cell that is
/// only a code gives an empty name.
pub fn split_code_name(cell: &str) -> (&str, &str) {
    let cell = cell.trim();
    match cell.split_once(char::is_whitespace) {
        Some((code, name)) => (code, name.trim()),
        None => (cell, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (String, RegionType, bool) {
        let r = Region::parse(s).unwrap();
        (r.code, r.kind, r.aggregated_series)
    }

    #[test]
    fn normalises_every_spelling() {
        use RegionType as T;
        assert_eq!(p("0101"), ("0101".into(), T::Municipality, false));
        assert_eq!(p("101"), ("0101".into(), T::Municipality, false));
        assert_eq!(p("K-3001"), ("3001".into(), T::Municipality, true));
        assert_eq!(p("030100"), ("0301".into(), T::Municipality, false));
        assert_eq!(p("10100"), ("0101".into(), T::Municipality, false));
        assert_eq!(p("500000"), ("50".into(), T::County, false));
        assert_eq!(p("030101"), ("030101".into(), T::Ward, false));
        assert_eq!(p("030102a"), ("030102a".into(), T::Ward, false));
        assert_eq!(p("030100aa"), ("030100aa".into(), T::Ward, false));
        assert_eq!(p("0"), ("0".into(), T::Country, false));
        assert_eq!(p("EAK"), ("0".into(), T::Country, false));
        assert_eq!(p("EKG13"), ("EKG13".into(), T::KostraGroup, false));
        assert_eq!(p("ekg7"), ("EKG07".into(), T::KostraGroup, false));
        assert_eq!(p("EKA03"), ("EKA03".into(), T::Other, false));
        assert_eq!(p("3"), ("03".into(), T::County, false));
        assert_eq!(p("50"), ("50".into(), T::County, false));
        assert_eq!(p("K-Rest"), ("Rest".into(), T::Other, true));
        assert_eq!(p("9999"), ("9999".into(), T::Other, false));
    }

    #[test]
    fn unknown_codes_are_named() {
        for bad in ["", "13", "1301", "abc", "EKGx", "12345678", "0301x", "EKA13"] {
            let e = Region::parse(bad).unwrap_err();
            assert!(e.to_string().contains(&format!("'{bad}'")), "{bad}: {e}");
        }
    }

    #[test]
    fn splits_code_and_name() {
        assert_eq!(split_code_name("0101 Halden"), ("0101", "Halden"));
        assert_eq!(
            split_code_name("K-Rest Divided municalities and unknown"),
            ("K-Rest", "Divided municalities and unknown")
        );
        assert_eq!(split_code_name("0101"), ("0101", ""));
    }
}
