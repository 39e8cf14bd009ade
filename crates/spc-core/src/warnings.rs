//! Checks that do not stop a chart but that the user must hear about.

use chrono::{Datelike, NaiveDate};

use crate::input::Input;
use crate::kind::ChartKind;

/// Up to ten row numbers, `3, 5, 9`, then `... (N more)`.
pub(crate) fn list_some(rows: &[usize]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(ToString::to_string).collect();
    if rows.len() > 10 {
        format!("{}, ... ({} more)", shown.join(", "), rows.len() - 10)
    } else {
        shown.join(", ")
    }
}

/// Rows of a P, P' or NP chart whose count is above its denominator (y > n > 0): a proportion
/// above 1, which such a chart cannot have (the columns may be swapped, or y is not a count of
/// the n). The chart is drawn all the same; the rows are named (as the file numbers them,
/// [`Input::rows`]). A denominator of 0 has its own warning.
pub(crate) fn counts_above_denominators(kind: ChartKind, input: &Input) -> Option<String> {
    let name = match kind {
        ChartKind::P => "a P",
        ChartKind::Pp => "a P'",
        ChartKind::Np => "an NP",
        _ => return None,
    };
    let n = input.n.as_ref()?;
    let rows: Vec<usize> =
        (0..input.len()).filter(|&i| input.y[i] > n[i] && n[i] > 0.0).map(|i| input.row_number(i)).collect();
    (!rows.is_empty()).then(|| {
        format!(
            "{} row(s) have a count above their denominator (y > n): a proportion above 1, which {name} chart cannot have \
             (are y and n the right columns?): row(s) {}",
            rows.len(),
            list_some(&rows)
        )
    })
}

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
    fn counts_above_their_denominators_are_named_by_row() {
        let input =
            Input::from_y(vec![3.0, 15.0, 4.0, 12.0, f64::NAN, 2.0]).with_n(vec![10.0, 10.0, 0.0, 10.0, 5.0, 1.0]);
        let w = counts_above_denominators(ChartKind::P, &input).unwrap();
        assert_eq!(
            w,
            "3 row(s) have a count above their denominator (y > n): a proportion above 1, which a P chart cannot have \
             (are y and n the right columns?): row(s) 2, 4, 6"
        );
        // As the file numbers them, when the input came from one.
        let w = counts_above_denominators(ChartKind::Np, &input.clone().with_rows(vec![5, 6, 7, 8, 9, 10])).unwrap();
        assert!(w.ends_with("which an NP chart cannot have (are y and n the right columns?): row(s) 6, 8, 10"), "{w}");
        // U charts count events per unit: above 1 is fine.
        assert_eq!(counts_above_denominators(ChartKind::U, &input), None);
        let fine = Input::from_y(vec![3.0, 10.0]).with_n(vec![10.0, 10.0]);
        assert_eq!(counts_above_denominators(ChartKind::Pp, &fine), None);
    }

    #[test]
    fn regular_quarters_are_fine() {
        let d = [md(2020, 1), md(2020, 4), md(2020, 7), md(2020, 10)];
        assert!(date_gaps(&d, None).is_none());
    }
}
