//! Scales without drawing: numbers written the nb/en way, nice tick steps, y scales, log
//! ticks, date and period axes, categories. Pure functions (text widths from the bundled
//! font), unit-tested.

use chrono::{Datelike, NaiveDate};
use spc_core::Lang;

use super::font;

/// Formats numbers the way the language writes them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumFmt {
    pub(crate) lang: Lang,
    pub(crate) decimals: usize,
    pub(crate) percent: bool,
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

/// `v` with `decimals` decimals, decimal comma in Norwegian, thousands grouped from 10 000
/// (a no-break space in Norwegian, a comma in English), a minus sign (−) for negatives and
/// no sign on a zero.
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

/// The nice step below `step`: 10 → 5 → 2.5 → 2 → 1 (times a power of ten).
fn smaller_step(step: f64) -> f64 {
    let p = 10f64.powf(step.log10().floor());
    let f = (step / p * 10.0).round() / 10.0;
    let m = if f > 5.0 {
        5.0
    } else if f > 2.5 {
        2.5
    } else if f > 2.0 {
        2.0
    } else if f > 1.0 {
        1.0
    } else {
        0.5
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

/// The smallest and largest finite value.
pub(crate) fn finite_range(vals: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    vals.filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((a, b)) => Some((a.min(v), b.max(v))),
    })
}

/// A y scale: range, ticks, and the formats of tick labels and of values (one decimal more).
pub(crate) struct YScale {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) ticks: Vec<f64>,
    pub(crate) fmt: NumFmt,
    pub(crate) value_fmt: NumFmt,
}

impl YScale {
    /// The width of the widest tick label at pixel size `size`.
    pub(crate) fn label_width(&self, size: f64) -> f64 {
        self.ticks.iter().map(|t| font::width(&self.fmt.fmt(*t), size, false)).fold(0.0, f64::max)
    }
}

/// A y scale over `range` padded by 6 % on each side, with about `n_ticks` ticks.
pub(crate) fn y_scale(range: (f64, f64), lang: Lang, percent: bool, n_ticks: f64) -> YScale {
    let (mut a, mut b) = range;
    if (b - a).abs() < 1e-12 {
        let d = if a.abs() > 0.0 { a.abs() * 0.1 } else { 1.0 };
        a -= d;
        b += d;
    }
    let pad = (b - a) * 0.06;
    let (lo, hi) = (a - pad, b + pad);
    let mut step = nice_step((hi - lo) / n_ticks.max(2.0));
    // At least three ticks (a short plot asks for few, and a nice step can leave one).
    while ticks(lo, hi, step).len() < 3 {
        step = smaller_step(step);
    }
    let decimals = decimals_for(step);
    YScale {
        lo,
        hi,
        ticks: ticks(lo, hi, step),
        fmt: NumFmt { lang, decimals, percent },
        value_fmt: NumFmt { lang, decimals: (decimals + 1).min(8), percent },
    }
}

/// Labelled ticks of a numeric axis over `[lo, hi]`, `width` pixels wide: as many as fit with
/// labels of pixel size `size` and `gap` between them (2 to 12); whole steps when `integer`.
pub(crate) fn number_ticks(
    (lo, hi): (f64, f64),
    width: f64,
    integer: bool,
    lang: Lang,
    (size, gap): (f64, f64),
) -> Vec<(f64, String)> {
    let probe = font::width(&format_number(hi, 1, lang), size, false);
    let n = (width / (probe + gap * 2.0)).clamp(2.0, 12.0);
    let mut step = nice_step((hi - lo) / n);
    if integer {
        step = step.max(1.0).round();
    }
    let d = decimals_for(step);
    ticks(lo, hi, step).into_iter().map(|t| (t, format_number(t, d, lang))).collect()
}

/// Labelled ticks of a log10 axis over `[lo, hi]` (lo > 0): 1-2-5 per decade over up to two
/// decades, 1-3 up to five, else the decades alone.
pub(crate) fn log_ticks(lo: f64, hi: f64, lang: Lang) -> Vec<(f64, String)> {
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let decades = (b - a).max(1);
    let mults: &[f64] = if decades > 5 {
        &[1.0]
    } else if decades > 2 {
        &[1.0, 3.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut v = Vec::new();
    for k in a..=b {
        for m in mults {
            let t = m * 10f64.powi(k);
            if t >= lo && t <= hi {
                v.push((t, format_number(t, decimals_for(t).min(4), lang)));
            }
        }
    }
    v
}

/// Labelled ticks of categories at 0, 1, 2, ...: every k-th, so labels of pixel size `size`
/// (cut at 18 characters) keep `gap` between them over `width` pixels.
pub(crate) fn category_ticks(cats: &[String], width: f64, (size, gap): (f64, f64)) -> Vec<(f64, String)> {
    let shown: Vec<String> =
        cats.iter()
            .map(|c| {
                if c.chars().count() > 18 {
                    format!("{}…", c.chars().take(17).collect::<String>())
                } else {
                    c.clone()
                }
            })
            .collect();
    let maxw = shown.iter().map(|s| font::width(s, size, false)).fold(0.0, f64::max);
    let per = width / cats.len().max(1) as f64;
    let k = ((maxw + gap) / per).ceil().max(1.0) as usize;
    shown.into_iter().enumerate().filter(|(i, _)| i % k == 0).map(|(i, s)| (i as f64, s)).collect()
}

/// How often a dated series has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cadence {
    Day,
    Month,
    Quarter,
    Year,
}

/// The cadence of dates: years, quarters or months when every date is the first day of one
/// (2021-01-01, 2021-04-01), else days.
pub(crate) fn detect_cadence(dates: &[NaiveDate]) -> Cadence {
    if !dates.iter().all(|d| d.day() == 1) {
        return Cadence::Day;
    }
    if dates.iter().all(|d| d.month() == 1) {
        return Cadence::Year;
    }
    if dates.iter().all(|d| (d.month() - 1) % 3 == 0) {
        return Cadence::Quarter;
    }
    Cadence::Month
}

/// Short month names, January first.
fn months(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Nb => ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"],
        Lang::En => ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    }
}

fn months_since_0(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn from_months(m: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(m.div_euclid(12)).ok()?, (m.rem_euclid(12) + 1) as u32, 1)
}

/// The label of a date for its cadence: `2021`, `2021K1` / `2021 Q1`, `mai 2021`, `3. mai 2021`.
pub(crate) fn date_label(d: NaiveDate, cadence: Cadence, lang: Lang) -> String {
    let mon = months(lang)[d.month0() as usize];
    match (cadence, lang) {
        (Cadence::Year, _) => d.year().to_string(),
        (Cadence::Quarter, Lang::Nb) => format!("{}K{}", d.year(), d.month0() / 3 + 1),
        (Cadence::Quarter, Lang::En) => format!("{} Q{}", d.year(), d.month0() / 3 + 1),
        (Cadence::Month, _) => format!("{mon} {}", d.year()),
        (Cadence::Day, Lang::Nb) => format!("{}. {mon} {}", d.day(), d.year()),
        (Cadence::Day, Lang::En) => format!("{} {mon} {}", d.day(), d.year()),
    }
}

/// Candidate date ticks between `first` and `last` every `k` periods, aligned to the calendar.
pub(crate) fn date_ticks(first: NaiveDate, last: NaiveDate, cadence: Cadence, k: i64) -> Vec<NaiveDate> {
    let k = k.max(1);
    let mut out = Vec::new();
    if cadence == Cadence::Day {
        let step = chrono::Duration::days(k);
        let mut d = first;
        while d <= last && out.len() < 1000 {
            out.push(d);
            d += step;
        }
        return out;
    }
    let unit = match cadence {
        Cadence::Month => 1,
        Cadence::Quarter => 3,
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
    out
}

/// Steps (in periods) to try, smallest first.
fn cadence_steps(cadence: Cadence) -> &'static [i64] {
    match cadence {
        Cadence::Day => &[1, 2, 7, 14, 28, 56, 91, 182, 364, 728],
        Cadence::Month => &[1, 2, 3, 4, 6, 12, 24, 36, 60, 120],
        Cadence::Quarter => &[1, 2, 4, 8, 12, 20, 40],
        Cadence::Year => &[1, 2, 5, 10, 20, 50, 100],
    }
}

/// Labelled ticks of a date axis from `first` to `last`: the smallest calendar step whose
/// labels (pixel size `size`) keep `gap` pixels between them where `fx` places them.
pub(crate) fn date_axis(
    (first, last): (NaiveDate, NaiveDate),
    cadence: Cadence,
    lang: Lang,
    (size, gap): (f64, f64),
    fx: impl Fn(NaiveDate) -> f64,
) -> Vec<(NaiveDate, String)> {
    let mut chosen = Vec::new();
    for &k in cadence_steps(cadence) {
        let labs: Vec<(NaiveDate, String)> =
            date_ticks(first, last, cadence, k).into_iter().map(|d| (d, date_label(d, cadence, lang))).collect();
        let maxw = labs.iter().map(|(_, s)| font::width(s, size, false)).fold(0.0, f64::max);
        let min_dx = labs.windows(2).map(|w| fx(w[1].0) - fx(w[0].0)).fold(f64::INFINITY, f64::min);
        chosen = labs;
        if min_dx >= maxw + gap {
            break;
        }
    }
    chosen
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
        assert_eq!(format_number(5_391_369.0, 0, Lang::Nb), "5\u{a0}391\u{a0}369");
        assert_eq!(format_number(1234.0, 0, Lang::Nb), "1234");
        assert_eq!(format_number(-0.001, 1, Lang::En), "0.0");
        assert_eq!(format_number(-2.5, 1, Lang::En), "−2.5");
        assert_eq!(format_number(-2.5, 1, Lang::Nb), "−2,5");
        assert_eq!(NumFmt { lang: Lang::Nb, decimals: 0, percent: true }.fmt(95.0), "95\u{a0}%");
        assert_eq!(NumFmt { lang: Lang::En, decimals: 1, percent: true }.fmt(12.25), "12.2%");
    }

    #[test]
    fn nice_steps_and_ticks() {
        assert_eq!(nice_step(0.23), 0.25);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(1.5), 2.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(decimals_for(0.25), 2);
        assert_eq!(decimals_for(0.5), 1);
        assert_eq!(decimals_for(2.0), 0);
        assert_eq!(ticks(0.1, 1.0, 0.25), vec![0.25, 0.5, 0.75, 1.0]);
        assert_eq!(ticks(-1.0, 1.0, 0.5), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
    }

    #[test]
    fn y_scales_for_a_few_ranges() {
        // 272 to 333 padded by 6 % (3.66): 268.34 to 336.66. About 8 ticks: 68.32 / 8 = 8.5,
        // step 10; about 6: 11.4, step 20.
        let s = y_scale((272.0, 333.0), Lang::En, false, 8.0);
        assert_eq!(s.ticks, vec![270.0, 280.0, 290.0, 300.0, 310.0, 320.0, 330.0]);
        assert_eq!(y_scale((272.0, 333.0), Lang::En, false, 6.0).ticks, vec![280.0, 300.0, 320.0]);
        assert_eq!((s.fmt.fmt(300.0), s.value_fmt.fmt(300.25)), ("300".into(), "300.2".into()));
        // A proportion in per cent, Norwegian: 0.5 steps with one decimal and a percent sign.
        let p = y_scale((1.2, 3.4), Lang::Nb, true, 5.0);
        assert_eq!(p.ticks, vec![1.5, 2.0, 2.5, 3.0, 3.5]);
        assert_eq!(p.fmt.fmt(2.5), "2,5\u{a0}%");
        // Few ticks asked for: still three. 10.1 to 11.7 padded is 10.004 to 11.796; 3 ticks
        // -> step 1 gives only 11, so 0.5: 10.5, 11, 11.5.
        let few = y_scale((10.1, 11.7), Lang::Nb, false, 3.0);
        assert_eq!(few.ticks, vec![10.5, 11.0, 11.5]);
        assert_eq!(few.fmt.fmt(10.5), "10,5");
        assert_eq!(
            (smaller_step(10.0), smaller_step(5.0), smaller_step(2.5), smaller_step(2.0), smaller_step(1.0)),
            (5.0, 2.5, 2.0, 1.0, 0.5)
        );
        assert_eq!(smaller_step(0.25), 0.2);
        // One value: a range of ±10 % around it.
        let one = y_scale((50.0, 50.0), Lang::En, false, 4.0);
        assert!(one.lo < 45.0 && one.hi > 55.0 && one.ticks.contains(&50.0));
    }

    #[test]
    fn numeric_log_and_category_axes() {
        let t = number_ticks((0.0, 46.0), 1000.0, true, Lang::En, (15.3, 14.0));
        assert_eq!(
            t.iter().map(|(v, _)| *v).collect::<Vec<_>>(),
            vec![0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0]
        );
        let t = number_ticks((0.0, 1.0), 300.0, false, Lang::Nb, (15.3, 14.0));
        assert_eq!(t.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]);
        let v = |t: Vec<(f64, String)>| t.into_iter().map(|(v, _)| v).collect::<Vec<_>>();
        assert_eq!(v(log_ticks(15.0, 600.0, Lang::En)), vec![20.0, 50.0, 100.0, 200.0, 500.0]);
        assert_eq!(
            v(log_ticks(150.0, 900_000.0, Lang::En)),
            vec![300.0, 1000.0, 3000.0, 10_000.0, 30_000.0, 100_000.0, 300_000.0]
        );
        assert_eq!(v(log_ticks(0.5, 2e7, Lang::En)), vec![1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0, 1e6, 1e7]);
        assert_eq!(log_ticks(150.0, 900_000.0, Lang::Nb)[4].1, "30\u{a0}000");
        let cats: Vec<String> = ["Ahus", "Oslo universitetssykehus HF", "St. Olavs"].map(String::from).to_vec();
        let c = category_ticks(&cats, 900.0, (15.3, 14.0));
        assert_eq!(c[1], (1.0, "Oslo universitets…".to_string()), "17 characters and …");
        assert_eq!(category_ticks(&cats, 100.0, (15.3, 14.0)).len(), 1, "too narrow: every third");
    }

    #[test]
    fn cadences_and_date_labels() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(detect_cadence(&[d(2021, 1), d(2021, 4), d(2021, 7)]), Cadence::Quarter);
        assert_eq!(detect_cadence(&[d(2021, 1), d(2021, 2)]), Cadence::Month);
        assert_eq!(detect_cadence(&[d(2020, 1), d(2021, 1)]), Cadence::Year);
        assert_eq!(detect_cadence(&[NaiveDate::from_ymd_opt(2021, 1, 4).unwrap()]), Cadence::Day);
        assert_eq!(date_label(d(2021, 1), Cadence::Quarter, Lang::Nb), "2021K1");
        assert_eq!(date_label(d(2021, 4), Cadence::Quarter, Lang::En), "2021 Q2");
        assert_eq!(date_label(d(2021, 5), Cadence::Month, Lang::Nb), "mai 2021");
        assert_eq!(date_label(d(2021, 12), Cadence::Month, Lang::En), "Dec 2021");
        assert_eq!(date_label(NaiveDate::from_ymd_opt(2021, 5, 3).unwrap(), Cadence::Day, Lang::Nb), "3. mai 2021");
        assert_eq!(date_ticks(d(2020, 4), d(2021, 12), Cadence::Quarter, 2), vec![d(2020, 7), d(2021, 1), d(2021, 7)]);
    }

    #[test]
    fn date_axes_take_the_smallest_step_that_fits() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        // 17 years over 600 pixels: 35 pixels a year fits "2005" (about 36 pixels at size
        // 15.3) only with 2-year steps, aligned to even years.
        let fx = |x: NaiveDate| f64::from(x.year() - 2005) * 600.0 / 16.0;
        let t = date_axis((d(2005, 1), d(2021, 1)), Cadence::Year, Lang::Nb, (15.3, 14.0), fx);
        let years: Vec<&str> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(years, ["2006", "2008", "2010", "2012", "2014", "2016", "2018", "2020"]);
        // Wide enough: every year.
        let fx = |x: NaiveDate| f64::from(x.year() - 2005) * 100.0;
        assert_eq!(date_axis((d(2005, 1), d(2021, 1)), Cadence::Year, Lang::Nb, (15.3, 14.0), fx).len(), 17);
        // Quarters, English.
        // "2020 Q1" is 56 pixels wide (8778 font units at 15.3/2384 px each): 45 pixels a
        // quarter is too little with the 14-pixel gap, two quarters (90) are enough.
        let fx = |x: NaiveDate| f64::from(x.year() * 12 + x.month0() as i32) * 15.0;
        let q = date_axis((d(2020, 1), d(2021, 10)), Cadence::Quarter, Lang::En, (15.3, 14.0), fx);
        assert_eq!(q.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["2020 Q1", "2020 Q3", "2021 Q1", "2021 Q3"]);
    }
}
