//! The improvement verdict: has the process changed relative to its baseline, in which
//! direction, is that an improvement, on what evidence, and is it stable enough to
//! recalculate the limits? One row per part after the baseline, with one sentence in English
//! or Norwegian bokmål.
//!
//! The baseline is the frozen points (`freeze`) or the first part (`part`). Each later part
//! is judged against the baseline's own centre line and limits, as a chart frozen at the end
//! of the baseline would show it (qicharts2 `freeze`): the Anhøj runs analysis of the baseline
//! and that part against the baseline centre line (a run longer than the Anhøj limit that lies
//! mostly after the baseline is a sustained shift), and the part's points outside the
//! baseline limits (the 3-sigma rule). When a sustained shift is found the first point of the
//! run is suggested as the place to split, and it is called stable enough to recalculate
//! limits when at least `min_points_limits` (12) points follow it (docs/methods.md §8.6, §9.2, §10;
//! recalculate only when the reason is known and the change is meant to last).

use std::borrow::Cow;

use chrono::Datelike;

use crate::compute::x_keys;
use crate::error::Result;
use crate::input::{Input, XColumn};
use crate::kind::ChartKind;
use crate::mdc::Improvement;
use crate::result::Chart;
use crate::runs::anhoej_limits;

/// Language of the sentences (the one language enum of spc, also [`crate::Lang`]).
pub use crate::lang::Lang;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// No signal against the baseline.
    None,
    /// Higher than the baseline.
    Up,
    /// Lower than the baseline.
    Down,
}

/// The verdict on one part.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Facet (`None` when not faceted).
    pub facet: Option<String>,
    /// The part judged (2, 3, ... with parts; 1 for the points after a frozen baseline).
    pub part: u32,
    /// Index of its first point in the chart's columns.
    pub first: usize,
    /// The change found.
    pub change: Change,
    /// Whether the change is an improvement (`None`: no change, or no direction given).
    pub improvement: Option<bool>,
    /// Evidence: the rules that fired, in words.
    pub evidence: Vec<String>,
    /// Where to split (index into the chart's columns) when a sustained shift is found.
    pub split_at: Option<usize>,
    /// Whether enough points follow the split to recalculate the limits.
    pub stable: bool,
    /// The verdict in one sentence.
    pub sentence: String,
}

/// The verdicts of `chart`, computed from `input` by [`ChartSpec::compute`]: one per part after
/// each facet's first, or one for the points after a frozen baseline; none when the chart has
/// neither parts nor a frozen baseline.
///
/// The chart is not computed again. A frozen baseline is judged on the chart's own lines; a
/// later part is judged against the baseline part's lines extended over it, which is the chart
/// of the rows of those two parts frozen at the end of the baseline (the rows are found by
/// their x keys, not by formatting x as text).
pub fn verdicts(chart: &Chart, input: &Input, improvement: Improvement, lang: Lang) -> Result<Vec<Verdict>> {
    let spec = &chart.spec;
    let mut out = Vec::new();
    let mut facets: Vec<Option<String>> = chart.summary.iter().map(|s| s.facet.clone()).collect();
    facets.dedup();
    for facet in facets {
        let parts: Vec<usize> = (0..chart.summary.len()).filter(|&g| chart.summary[g].facet == facet).collect();
        if parts.len() > 1 {
            let base = &chart.summary[parts[0]];
            for &g in &parts[1..] {
                let after = &chart.summary[g];
                // A chart of the baseline and this part, frozen at the end of the baseline.
                let rows = rows_of(input, chart, facet.as_deref(), &[base.start..base.end, after.start..after.end]);
                let sub = input_rows(input, &rows);
                let mut fspec = spec.clone();
                fspec.part.clear();
                fspec.freeze_part = None;
                fspec.freeze = Some(base.end - base.start);
                // Exclusions count points from the facet's first (the baseline's); those of
                // the baseline and of this part keep their points in the chart of the two.
                let (n_base, skip) = (base.end - base.start, after.start - base.start);
                fspec.exclude = spec
                    .exclude
                    .iter()
                    .filter_map(|&e| match e {
                        e if e <= n_base => Some(e),
                        e if e > skip && e <= after.end - base.start => Some(e - skip + n_base),
                        _ => None,
                    })
                    .collect();
                let frozen = fspec.compute(&sub)?;
                let mut v = judge(&frozen, 0..frozen.len(), n_base, true, improvement, lang);
                v.facet.clone_from(&facet);
                v.part = after.part;
                v.first = after.start;
                v.split_at = v.split_at.map(|i| i - n_base + after.start);
                out.push(v);
            }
        } else {
            // One part: the chart's own lines are those of its frozen baseline.
            let s = &chart.summary[parts[0]];
            let n_base = (s.start..s.end).take_while(|&i| chart.baseline[i]).count();
            if n_base < s.end - s.start {
                let mut v = judge(chart, s.start..s.end, n_base, false, improvement, lang);
                v.facet.clone_from(&facet);
                v.part = s.part;
                v.first = s.start + n_base;
                v.split_at = v.split_at.map(|i| i + s.start);
                out.push(v);
            }
        }
    }
    Ok(out)
}

/// The rows of `input` (in `facet`) that make the points `ranges` of `chart`. Points of a
/// facet are in x order and each is every row of its facet with its x, so a range of points
/// is the rows whose x key lies between its first and last point's; categories are found by
/// their name.
fn rows_of(input: &Input, chart: &Chart, facet: Option<&str>, ranges: &[std::ops::Range<usize>]) -> Vec<usize> {
    let in_facet = |r: usize| facet.is_none_or(|f| input.facet.as_ref().is_some_and(|fc| fc[r] == f));
    let ranges = ranges.iter().filter(|r| !r.is_empty());
    if let (XColumn::Text(rows), XColumn::Text(points)) = (&input.x, &chart.x) {
        let wanted: std::collections::HashSet<&str> =
            ranges.flat_map(|r| points[r.clone()].iter().flatten().map(String::as_str)).collect();
        return (0..input.len())
            .filter(|&r| in_facet(r) && rows[r].as_deref().is_some_and(|x| wanted.contains(x)))
            .collect();
    }
    let (rows, points) = (x_keys(&input.x), x_keys(&chart.x));
    let spans: Vec<(f64, f64)> = ranges.map(|r| (points[r.start], points[r.end - 1])).collect();
    (0..input.len()).filter(|&r| in_facet(r) && spans.iter().any(|&(lo, hi)| lo <= rows[r] && rows[r] <= hi)).collect()
}

/// The rows `rows` of `input`, without facets or parts.
fn input_rows(input: &Input, rows: &[usize]) -> Input {
    Input {
        x: input.x.take(rows),
        y: rows.iter().map(|&r| input.y[r]).collect(),
        n: input.n.as_ref().map(|n| rows.iter().map(|&r| n[r]).collect()),
        facet: None,
        part: None,
        rows: input.rows.as_ref().map(|v| rows.iter().map(|&r| v[r]).collect()),
    }
}

/// Judges the points after the first `n_base` of a chart frozen at `n_base`.
fn judge(
    chart: &Chart,
    range: std::ops::Range<usize>,
    n_base: usize,
    from_parts: bool,
    improvement: Improvement,
    lang: Lang,
) -> Verdict {
    let spec = &chart.spec;
    let c = Slice::new(chart, range);
    let m = c.len;
    let is_run = spec.kind == ChartKind::Run || (spec.kind == ChartKind::G && spec.cl.is_none());
    // Runs against the baseline centre line over all included points (qicharts2 freeze).
    let useful: Vec<usize> = (0..m).filter(|&i| c.include[i] && !c.y[i].is_nan() && c.y[i] != c.cl[i]).collect();
    let side = |i: usize| if c.y[i] > c.cl[i] { 1i8 } else { -1 };
    let (lmax, _) = anhoej_limits(useful.len() as u32);
    let mut best: Option<(usize, usize)> = None; // (start, len) in `useful`
    let mut start = 0;
    for j in 1..=useful.len() {
        if j == useful.len() || side(useful[j]) != side(useful[start]) {
            let len = j - start;
            let in_after = useful[start..j].iter().filter(|&&i| i >= n_base).count();
            if len as u32 > lmax && 2 * in_after >= len && best.is_none_or(|b| len > b.1) {
                best = Some((start, len));
            }
            start = j;
        }
    }
    // (An empty mask includes every point.)
    let include: &[bool] = if c.include.iter().all(|&b| b) { &[] } else { &c.include };
    let runs = crate::runs::runs_analysis(c.y, &c.cl, include, spec.method);
    let (cr, cm) = (runs.n_crossings.unwrap_or(0), runs.n_crossings_min.unwrap_or(0));
    let few_crossings = runs.n_useful > 0 && cr < cm;
    let after: Vec<usize> = (n_base..m).filter(|&i| !c.y[i].is_nan()).collect();
    let above = after.iter().filter(|&&i| c.y[i] > c.ucl[i]).count();
    let below = after.iter().filter(|&&i| c.y[i] < c.lcl[i]).count();

    let mut evidence = Vec::new();
    let mut change = Change::None;
    let mut split_at = None;
    let nb = lang == Lang::Nb;
    if let Some((s, len)) = best {
        let up = side(useful[s]) > 0;
        change = if up { Change::Up } else { Change::Down };
        split_at = Some(useful[s].max(n_base));
        evidence.push(if nb {
            format!("Anhøj: lengste serie {len} > {lmax}")
        } else {
            format!("Anhøj: longest run {len} > {lmax}")
        });
    }
    if best.is_none() && few_crossings {
        // Too few crossings: the points cluster on the sides of the baseline centre line; the
        // side most of the later points lie on gives the direction.
        let up = after.iter().filter(|&&i| c.y[i] > c.cl[i]).count();
        let down = after.iter().filter(|&&i| c.y[i] < c.cl[i]).count();
        if up != down {
            change = if up > down { Change::Up } else { Change::Down };
        }
        evidence.push(if nb {
            format!("Anhøj: {cr} kryssinger < {cm}")
        } else {
            format!("Anhøj: {cr} crossings < {cm}")
        });
    }
    if above + below > 0 && !is_run {
        let up = above >= below;
        if change == Change::None {
            change = if up { Change::Up } else { Change::Down };
        }
        let k = if up { above } else { below };
        evidence.push(match (nb, up) {
            (true, true) => format!("3-sigma-regelen: {k} punkt(er) over øvre kontrollgrense"),
            (true, false) => format!("3-sigma-regelen: {k} punkt(er) under nedre kontrollgrense"),
            (false, true) => format!("3-sigma rule: {k} point(s) above the upper limit"),
            (false, false) => format!("3-sigma rule: {k} point(s) below the lower limit"),
        });
    }
    let improved = match (change, improvement) {
        (Change::None, _) | (_, Improvement::Neutral) => None,
        (Change::Up, Improvement::Increase) | (Change::Down, Improvement::Decrease) => Some(true),
        _ => Some(false),
    };
    let stable = split_at.is_some_and(|s| m - s >= spec.min_points_limits);

    let when = if n_base < m { period(&chart.x, c.start..c.start + m, c.start + n_base, lang) } else { String::new() };
    let centre = match (is_run, nb) {
        (true, true) => "baseline-medianen",
        (false, true) => "baseline-senterlinjen",
        (true, false) => "the baseline median",
        (false, false) => "the baseline centre line",
    };
    let what = match (improved, change, nb) {
        (Some(true), _, true) => "en varig forbedring",
        (Some(false), _, true) => "en varig forverring",
        (None, _, true) => "en varig endring",
        (Some(true), _, false) => "a sustained improvement",
        (Some(false), _, false) => "a sustained deterioration",
        (None, _, false) => "a sustained change",
    };
    let intro = match (from_parts, nb) {
        (true, true) => format!("Etter endringen {when}"),
        (true, false) => format!("After the change {when}"),
        (false, true) => {
            format!("Etter baseline-perioden (fra {})", when.trim_start_matches("i ").trim_start_matches("ved "))
        }
        (false, false) => {
            format!("After the baseline (from {})", when.trim_start_matches("in ").trim_start_matches("at "))
        }
    };
    let sentence = match (best, change) {
        (Some((s, len)), _) => {
            let dir = side_word(side(useful[s]) > 0, nb);
            if nb {
                format!("{intro} ligger {len} punkter på rad {dir} {centre}: {what} ({}).", evidence.join("; "))
            } else {
                format!("{intro}, {len} points in a row lie {dir} {centre}: {what} ({}).", evidence.join("; "))
            }
        }
        (None, Change::None) if evidence.is_empty() => {
            let (l, lm) = (runs.longest_run.unwrap_or(0), runs.longest_run_max.unwrap_or(0));
            if nb {
                format!("{intro} viser prosessen ingen tegn til endring fra baseline: variasjonen er tilfeldig (Anhøj: lengste serie {l} ≤ {lm}, {cr} kryssinger ≥ {cm}).")
            } else {
                format!("{intro}, the process shows no sign of change from the baseline: the variation is random (Anhøj: longest run {l} ≤ {lm}, {cr} crossings ≥ {cm}).")
            }
        }
        (None, Change::None) => {
            if nb {
                format!("{intro} er variasjonen ikke tilfeldig, men uten tydelig retning ({}).", evidence.join("; "))
            } else {
                format!("{intro}, the variation is not random but has no clear direction ({}).", evidence.join("; "))
            }
        }
        (None, _) if few_crossings && above + below == 0 => {
            let dir = side_word(change == Change::Up, nb);
            if nb {
                format!("{intro} ligger de fleste punktene {dir} {centre}: {what} ({}).", evidence.join("; "))
            } else {
                format!("{intro}, most points lie {dir} {centre}: {what} ({}).", evidence.join("; "))
            }
        }
        (None, _) => {
            let what = what.replace("varig ", "").replace("sustained ", "");
            if nb {
                format!(
                    "{intro} ligger punkter utenfor kontrollgrensene fra baseline: {what} ({}).",
                    evidence.join("; ")
                )
            } else {
                format!("{intro}, points fall outside the baseline limits: {what} ({}).", evidence.join("; "))
            }
        }
    };
    Verdict { facet: None, part: 1, first: n_base, change, improvement: improved, evidence, split_at, stable, sentence }
}

/// The columns of one part of a chart (positions count from its start).
struct Slice<'a> {
    start: usize,
    len: usize,
    y: &'a [f64],
    cl: Cow<'a, [f64]>,
    lcl: Cow<'a, [f64]>,
    ucl: Cow<'a, [f64]>,
    include: Cow<'a, [bool]>,
}

impl<'a> Slice<'a> {
    fn new(c: &'a Chart, r: std::ops::Range<usize>) -> Self {
        let (a, b) = (r.start, r.end);
        Slice {
            start: a,
            len: b - a,
            y: &c.y[a..b],
            cl: c.cl.range(a, b),
            lcl: c.lcl.range(a, b),
            ucl: c.ucl.range(a, b),
            include: c.include.range(a, b),
        }
    }
}

/// "over"/"under" or "above"/"below".
fn side_word(up: bool, nb: bool) -> &'static str {
    match (up, nb) {
        (true, true) => "over",
        (false, true) => "under",
        (true, false) => "above",
        (false, false) => "below",
    }
}

const MONTHS_NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "i 2021" / "in 2021" (yearly dates: all 1 January), "i mars 2021" / "in March 2021", "i 2021K1" / "in 2021 Q1", "ved x = 13" / "at x = 13".
/// Whether the dates are all firsts of years, quarters or months is judged on the points
/// `within` (the part judged).
fn period(x: &XColumn, within: std::ops::Range<usize>, i: usize, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    match x {
        XColumn::Date(all) => {
            let Some(day) = all[i] else { return String::new() };
            let d = &all[within];
            let firsts = d.iter().flatten().all(|v| v.day() == 1);
            let years = firsts && d.iter().flatten().all(|v| v.month() == 1);
            let quarters = firsts && d.iter().flatten().all(|v| (v.month() - 1) % 3 == 0);
            let q = (day.month() - 1) / 3 + 1;
            if years {
                return format!("{} {}", if nb { "i" } else { "in" }, day.year());
            }
            match (firsts, quarters, nb) {
                (true, true, true) => format!("i {}K{q}", day.year()),
                (true, true, false) => format!("in {} Q{q}", day.year()),
                (true, false, true) => format!("i {} {}", MONTHS_NB[day.month0() as usize], day.year()),
                (true, false, false) => format!("in {} {}", MONTHS_EN[day.month0() as usize], day.year()),
                (false, _, true) => format!("den {}", day.format("%d.%m.%Y")),
                (false, _, false) => format!("on {}", day.format("%Y-%m-%d")),
            }
        }
        XColumn::Number(_) | XColumn::Text(_) => {
            if nb {
                format!("ved x = {}", x.format(i))
            } else {
                format!("at x = {}", x.format(i))
            }
        }
    }
}
