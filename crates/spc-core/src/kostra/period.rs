//! SSB period codes: `2021`, `2008K1` (quarter), `2020M01` (month), `2014U30` (week).

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A period as SSB codes it, ordered in time within one frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A year.
    Year(i32),
    /// A quarter 1-4 (`2008K1`).
    Quarter(i32, u8),
    /// A month 1-12 (`2020M01`).
    Month(i32, u8),
    /// An ISO week 1-53 (`2014U30`).
    Week(i32, u8),
}

impl Period {
    /// The year the period lies in.
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) | Period::Week(y, _) => y,
        }
    }

    /// A number that increases by one from one period to the next of the same frequency.
    pub fn index(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y),
            Period::Quarter(y, q) => i64::from(y) * 4 + i64::from(q) - 1,
            Period::Month(y, m) => i64::from(y) * 12 + i64::from(m) - 1,
            Period::Week(y, w) => i64::from(y) * 53 + i64::from(w) - 1,
        }
    }

    /// The first day of the period (weeks: Monday of the ISO week), for chart x axes.
    pub fn start_date(self) -> Option<chrono::NaiveDate> {
        use chrono::NaiveDate;
        match self {
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Period::Quarter(y, q) => NaiveDate::from_ymd_opt(y, u32::from(q) * 3 - 2, 1),
            Period::Month(y, m) => NaiveDate::from_ymd_opt(y, u32::from(m), 1),
            Period::Week(y, w) => NaiveDate::from_isoywd_opt(y, u32::from(w), chrono::Weekday::Mon),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}K{q}"),
            Period::Month(y, m) => write!(f, "{y}M{m:02}"),
            Period::Week(y, w) => write!(f, "{y}U{w:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Parses `YYYY`, `YYYYKq` (also `YYYYQq`), `YYYYMmm`, `YYYYUww`; the error names the text.
    fn from_str(s: &str) -> Result<Period> {
        let t = s.trim();
        let bad = || Error::InvalidArgument {
            argument: "period",
            reason: format!("'{s}' is not an SSB period: expected YYYY, YYYYKq, YYYYMmm or YYYYUww"),
        };
        if t.len() < 4 || !t.is_char_boundary(4) {
            return Err(bad());
        }
        let (y, rest) = t.split_at(4);
        if !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        if rest.is_empty() {
            return Ok(Period::Year(year));
        }
        if !rest.is_char_boundary(1) {
            return Err(bad());
        }
        let (tag, num) = rest.split_at(1);
        if num.is_empty() || num.len() > 2 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u8 = num.parse().map_err(|_| bad())?;
        match (tag, n) {
            ("K" | "Q" | "k" | "q", 1..=4) => Ok(Period::Quarter(year, n)),
            ("M" | "m", 1..=12) => Ok(Period::Month(year, n)),
            ("U" | "W" | "u" | "w", 1..=53) => Ok(Period::Week(year, n)),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(p("2021"), Period::Year(2021));
        assert_eq!(p("2008K1"), Period::Quarter(2008, 1));
        assert_eq!(p("2020M01"), Period::Month(2020, 1));
        assert_eq!(p("2014U30"), Period::Week(2014, 30));
        assert_eq!(p("2020M01").to_string(), "2020M01");
        assert_eq!(p("2008K4").index() + 1, p("2009K1").index());
        assert!(p("2008K4") < p("2009K1"));
        assert_eq!(p("2008K3").start_date().unwrap().to_string(), "2008-07-01");
        for bad in ["", "20", "2008K5", "2020M13", "abcd", "2008X1", "2008K", "2008K123", "æøå1", "2005ø", "2005ø1"]
        {
            let e = bad.parse::<Period>().unwrap_err().to_string();
            assert!(e.contains(&format!("'{bad}'")), "{e}");
        }
    }
}
