//! Checks that do not stop a chart but that the user must hear about.

use chrono::{Datelike, NaiveDate};

/// Gaps in a dated series: if the dates step by whole months (1, 3 or 12) or days (1 or 7)
/// and some steps are longer, the missing periods are reported, never silently joined.
pub(crate) fn date_gaps(dates: &[Option<NaiveDate>], facet: Option<&str>) -> Option<String> {
    let d: Vec<NaiveDate> = dates.iter().flatten().copied().collect();
    if d.len() < 3 {
        return None;
    }
    let same_day = d.iter().all(|x| x.day() == d[0].day());
    let (steps, unit): (Vec<i64>, &str) = if same_day {
        let month = |x: &NaiveDate| i64::from(x.year()) * 12 + i64::from(x.month0());
        (d.windows(2).map(|w| month(&w[1]) - month(&w[0])).collect(), "month")
    } else {
        (d.windows(2).map(|w| (w[1] - w[0]).num_days()).collect(), "day")
    };
    let step = *steps.iter().filter(|&&s| s > 0).min()?;
    let regular = if unit == "month" { [1, 3, 12].contains(&step) } else { [1, 7].contains(&step) };
    if !regular {
        return None;
    }
    let (period, n_unit) = match (unit, step) {
        ("month", 1) => ("month", 1),
        ("month", 3) => ("quarter", 3),
        ("month", _) => ("year", 12),
        (_, 7) => ("week", 7),
        _ => ("day", 1),
    };
    let mut missing = 0i64;
    let mut places = Vec::new();
    for (k, &s) in steps.iter().enumerate() {
        if s > step && s % step == 0 {
            missing += s / n_unit - 1;
            if places.len() < 5 {
                places.push(format!("between {} and {}", d[k], d[k + 1]));
            }
        }
    }
    if missing == 0 {
        return None;
    }
    let prefix = facet.map(|f| format!("facet '{f}': ")).unwrap_or_default();
    Some(format!(
        "{prefix}the series has gaps: {missing} {period}(s) without data ({}); the points on either side of a gap are treated as neighbours by the moving ranges and the runs analysis, so check whether those periods are missing or zero",
        places.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(y: i32, m: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, 1)
    }

    #[test]
    fn a_missing_month_is_reported() {
        let d = [md(2020, 1), md(2020, 2), md(2020, 4), md(2020, 5)];
        let w = date_gaps(&d, None).unwrap();
        assert!(w.contains("1 month(s)") && w.contains("between 2020-02-01 and 2020-04-01"), "{w}");
    }

    #[test]
    fn regular_quarters_are_fine() {
        let d = [md(2020, 1), md(2020, 4), md(2020, 7), md(2020, 10)];
        assert!(date_gaps(&d, None).is_none());
    }
}
