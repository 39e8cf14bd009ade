//! Fixed texts in Norwegian and English, number and date formatting, axis ticks.

use chrono::{Datelike, NaiveDate};
use spc_core::ChartKind;

use spc_core::Lang;

/// The fixed texts of a chart in a [`Lang`].
pub(crate) trait LangText: Copy {
    /// The goal line's label: `Mål`, `Goal`.
    fn goal(self) -> &'static str;
    /// The target line's label: `Målverdi`, `Target`.
    fn target(self) -> &'static str;
    /// The shaded baseline's label: `Grunnlag`, `Baseline`.
    fn baseline(self) -> &'static str;
    /// Short month names, January first.
    fn months(self) -> [&'static str; 12];
}

impl LangText for Lang {
    fn goal(self) -> &'static str {
        match self {
            Lang::Nb => "Mål",
            Lang::En => "Goal",
        }
    }

    fn target(self) -> &'static str {
        match self {
            Lang::Nb => "Målverdi",
            Lang::En => "Target",
        }
    }

    fn baseline(self) -> &'static str {
        match self {
            Lang::Nb => "Grunnlag",
            Lang::En => "Baseline",
        }
    }

    fn months(self) -> [&'static str; 12] {
        match self {
            Lang::Nb => ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
            Lang::En => ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        }
    }
}

/// The name of a chart kind in `lang`, for a default title (`I-diagram`, `I chart`).
///
/// ```
/// use spc_render::{chart_name, Lang};
/// use spc_core::ChartKind;
///
/// assert_eq!(chart_name(ChartKind::I, Lang::Nb), "I-diagram");
/// assert_eq!(chart_name(ChartKind::I, Lang::En), "I chart");
/// ```
#[must_use]
pub fn chart_name(kind: ChartKind, lang: Lang) -> String {
    kind.title(lang)
}

/// Formats numbers the way the language writes them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumFmt {
    pub lang: Lang,
    pub decimals: usize,
    pub percent: bool,
}

impl NumFmt {
    pub(crate) fn fmt(&self, v: f64) -> String {
        let s = format_number(v, self.decimals, self.lang);
        if self.percent {
            match self.lang {
                Lang::Nb => format!("{s}\u{a0}%"),
                Lang::En => format!("{s}%"),
            }
        } else {
            s
        }
    }
}

/// `v` with `decimals` decimals, decimal comma in Norwegian, thousands grouped from 10 000.
pub(crate) fn format_number(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') { s[1..].to_string() } else { s };
    let (neg, body) = s.strip_prefix('-').map_or((false, s.as_str()), |b| (true, b));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let (group, point) = match lang {
        Lang::Nb => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    if int.len() > 4 {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Decimals needed to write multiples of `step` exactly (0.25 → 2, 5 → 0).
pub(crate) fn decimals_for(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 0;
    }
    (0..6)
        .find(|&d| {
            let s = step * 10f64.powi(d);
            (s - s.round()).abs() < 1e-6 * s.max(1.0)
        })
        .map_or(6, |d| d as usize)
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) close to `raw`.
pub(crate) fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * p
}

/// Tick values of step `step` within `[lo, hi]`.
pub(crate) fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let mut v = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + step * 1e-9 && v.len() < 1000 {
        v.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    v
}

/// The period of a dated series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Period {
    Day,
    Month,
    Quarter,
    Year,
}

/// The period of sorted dates, from the smallest gap between them (first days of months,
/// quarters or years count as such).
pub(crate) fn detect_period(dates: &[NaiveDate]) -> Period {
    let all_first = dates.iter().all(|d| d.day() == 1);
    if !all_first {
        return Period::Day;
    }
    if dates.iter().all(|d| d.month() == 1) {
        return Period::Year;
    }
    if dates.iter().all(|d| (d.month() - 1) % 3 == 0) {
        return Period::Quarter;
    }
    Period::Month
}

fn months_since_0(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn from_months(m: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(m.div_euclid(12)).ok()?, (m.rem_euclid(12) + 1) as u32, 1)
}

/// The label of a date for its period.
pub(crate) fn date_label(d: NaiveDate, period: Period, lang: Lang) -> String {
    let mon = lang.months()[d.month0() as usize];
    match (period, lang) {
        (Period::Year, _) => d.year().to_string(),
        (Period::Quarter, Lang::Nb) => format!("{}K{}", d.year(), d.month0() / 3 + 1),
        (Period::Quarter, Lang::En) => format!("{} Q{}", d.year(), d.month0() / 3 + 1),
        (Period::Month, _) => format!("{mon} {}", d.year()),
        (Period::Day, Lang::Nb) => format!("{}. {mon} {}", d.day(), d.year()),
        (Period::Day, Lang::En) => format!("{} {mon} {}", d.day(), d.year()),
    }
}

/// Candidate date ticks between `first` and `last` every `k` periods, aligned to the calendar.
pub(crate) fn date_ticks(first: NaiveDate, last: NaiveDate, period: Period, k: i64) -> Vec<NaiveDate> {
    let k = k.max(1);
    let mut out = Vec::new();
    #[allow(clippy::single_match_else)] // days versus calendar months, both spelled out
    match period {
        Period::Day => {
            let step = chrono::Duration::days(k);
            let mut d = first;
            while d <= last && out.len() < 1000 {
                out.push(d);
                d += step;
            }
        }
        _ => {
            let unit = match period {
                Period::Month => 1,
                Period::Quarter => 3,
                _ => 12,
            };
            let step = unit * k;
            let (a, b) = (months_since_0(first), months_since_0(last));
            let mut m = a.div_euclid(step) * step;
            if m < a {
                m += step;
            }
            while m <= b && out.len() < 1000 {
                if let Some(d) = from_months(m) {
                    out.push(d);
                }
                m += step;
            }
        }
    }
    out
}

/// Steps (in periods) to try, smallest first.
pub(crate) fn period_steps(period: Period) -> &'static [i64] {
    match period {
        Period::Day => &[1, 2, 7, 14, 28, 56, 91, 182, 364, 728],
        Period::Month => &[1, 2, 3, 4, 6, 12, 24, 36, 60, 120],
        Period::Quarter => &[1, 2, 4, 8, 12, 20, 40],
        Period::Year => &[1, 2, 5, 10, 20, 50, 100],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_norwegian_and_english() {
        assert_eq!(format_number(7.6625, 2, Lang::Nb), "7,66");
        assert_eq!(format_number(7.6625, 2, Lang::En), "7.66");
        assert_eq!(format_number(12345.0, 0, Lang::En), "12,345");
        assert_eq!(format_number(12345.5, 1, Lang::Nb), "12\u{a0}345,5");
        assert_eq!(format_number(1234.0, 0, Lang::Nb), "1234");
        assert_eq!(format_number(-0.001, 1, Lang::En), "0.0");
        assert_eq!(format_number(-2.5, 1, Lang::En), "−2.5");
        let p = NumFmt { lang: Lang::Nb, decimals: 0, percent: true };
        assert_eq!(p.fmt(95.0), "95\u{a0}%");
    }

    #[test]
    fn periods_and_labels() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(detect_period(&[d(2021, 1), d(2021, 4), d(2021, 7)]), Period::Quarter);
        assert_eq!(detect_period(&[d(2021, 1), d(2021, 2)]), Period::Month);
        assert_eq!(detect_period(&[d(2020, 1), d(2021, 1)]), Period::Year);
        assert_eq!(date_label(d(2021, 1), Period::Quarter, Lang::Nb), "2021K1");
        assert_eq!(date_label(d(2021, 4), Period::Quarter, Lang::En), "2021 Q2");
        assert_eq!(date_label(d(2021, 5), Period::Month, Lang::Nb), "mai 2021");
        assert_eq!(date_label(d(2021, 12), Period::Month, Lang::En), "Dec 2021");
        assert_eq!(date_ticks(d(2020, 4), d(2021, 12), Period::Quarter, 2), vec![d(2020, 7), d(2021, 1), d(2021, 7)]);
    }

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("nb_NO.UTF-8"), Lang::Nb);
        assert_eq!(Lang::from_locale("nn_NO"), Lang::Nb);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.23), 0.25);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(decimals_for(0.25), 2);
        assert_eq!(decimals_for(0.5), 1);
        assert_eq!(decimals_for(2.0), 0);
        assert_eq!(ticks(0.1, 1.0, 0.25), vec![0.25, 0.5, 0.75, 1.0]);
    }
}
