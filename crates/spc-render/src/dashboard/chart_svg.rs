//! The small SPC chart of each indicator, drawn by the same canvas, axes, palette and font as
//! every other chart, as inline SVG with a tooltip on every point and gap.

#[allow(clippy::wildcard_imports)]
use super::*;

use crate::canvas::frame::Frame;
use crate::canvas::palette::{Rgb, CL, COMMON, CONCERN, GOAL, IMPROVE, LIMIT, NEUTRAL, WHITE};
use crate::canvas::plot::{edge_width, EdgeLabel, Plot};
use crate::canvas::scale::{self, finite_range, y_scale};
use crate::canvas::{Area, Canvas, Group, Stroke};
use crate::layout::step_line;

/// Size of the compact charts (SVG user units = CSS pixels) and their unit: tick labels of
/// 11 CSS pixels.
const W: u32 = 640;
const H: u32 = 210;
const UNIT: f64 = 0.9;

/// The colour of a point of MDC class `cls` (NHS Making Data Count).
fn mdc_color(cls: &str) -> Rgb {
    match cls {
        "improve" => IMPROVE,
        "concern" => CONCERN,
        "neutral" => NEUTRAL,
        _ => COMMON,
    }
}

/// The period of the same kind as `like` that date `d` lies in.
fn period_of(d: NaiveDate, like: Period) -> Period {
    use chrono::Datelike;
    match like {
        Period::Year(_) => Period::Year(d.year()),
        Period::Quarter(..) => Period::Quarter(d.year(), (d.month0() / 3 + 1) as u8),
        Period::Month(..) => Period::Month(d.year(), d.month() as u8),
        Period::Week(..) => Period::Week(d.iso_week().year(), d.iso_week().week() as u8),
    }
}

/// The chart of `c` as an SVG element for the page (`id`: the section's, for unique ids).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    c: &Chart,
    point_obs: &[Option<usize>],
    dated: &[(Obs, NaiveDate)],
    sig: Option<&Signals>,
    improvement: Improvement,
    target: Option<f64>,
    decimals: usize,
    (name, id): (&str, &str),
    lang: Lang,
) -> String {
    let t = texts(lang);
    let label = format!("{name}: {} {} {}", c.len(), if nb(lang) { "perioder" } else { "periods" }, t.mean_line);
    let mut cv = Canvas::new(W, H, UNIT).precision(1).inline("spc", &label, id);
    cv.fill(WHITE);
    let fr = Frame::new(&cv);
    let (u, small) = (cv.u, fr.small());

    // x by period index, so a period without a row leaves its space.
    let idx: Vec<i64> = dated.iter().map(|(o, _)| o.period.index()).collect();
    let (i0, i1) = (idx.iter().copied().min().unwrap_or(0), idx.iter().copied().max().unwrap_or(0));
    let xpad = if i1 > i0 { (i1 - i0) as f64 * 0.025 } else { 1.0 };
    // y over values, lines and target.
    let lines = c.y.iter().copied().chain(&c.cl).chain(&c.lcl).chain(&c.ucl);
    let range = finite_range(lines.chain(target)).unwrap_or((0.0, 1.0));
    let xtick_h = small * 1.7;
    let plot_h_guess = (fr.room.bottom - fr.room.top - xtick_h).max(10.0);
    // A tick every two lines or so: denser than a big chart's, as the plot is short.
    let ys = y_scale(range, lang, false, (plot_h_guess / (fr.fs * 2.0)).clamp(3.0, 8.0));
    let fmt = |v: f64| num(v, decimals, lang);
    let edge: Vec<EdgeLabel> = target
        .map(|v| EdgeLabel { value: v, text: format!("{}: {}", t.target, fmt(v)), color: GOAL })
        .into_iter()
        .collect();
    let area = Area {
        left: fr.room.left + ys.label_width(small) + 8.0 * u,
        top: fr.room.top,
        right: fr.room.right - edge_width(&edge, small) - 10.0 * u,
        bottom: fr.room.bottom - xtick_h,
    };
    let plot = Plot { area, x: (i0 as f64 - xpad, i1 as f64 + xpad), xlog: false, y: (ys.lo, ys.hi) };
    let xpos = |i: i64| plot.fx(i as f64);
    plot.y_axis(&mut cv, &ys, small);
    let ds: Vec<NaiveDate> = dated.iter().map(|(_, d)| *d).collect();
    let xticks = match (dated.first(), ds.iter().min(), ds.iter().max()) {
        (Some(&(o, _)), Some(&first), Some(&last)) => {
            let cadence = scale::detect_cadence(&ds);
            let at = |d: NaiveDate| period_of(d, o.period).index();
            scale::date_axis((first, last), cadence, lang, (small, 14.0 * u), |d| xpos(at(d)))
                .into_iter()
                .map(|(d, s)| (at(d) as f64, s))
                .collect()
        }
        _ => Vec::new(),
    };
    plot.x_axis(&mut cv, &xticks, small, false);

    // Chart point i at its period.
    let at = |i: usize| point_obs.get(i).copied().flatten().and_then(|j| dated.get(j)).map(|(o, _)| o);
    let xs: Vec<f64> = (0..c.len()).map(|i| at(i).map_or(f64::NAN, |o| o.period.index() as f64)).collect();
    let px = |seg: &[(f64, f64)]| -> Vec<(f64, f64)> { seg.iter().map(|&(x, y)| (plot.fx(x), plot.fy(y))).collect() };
    // Limits and centre line: step lines, as on every chart.
    if sig.is_some_and(|s| s.limits) {
        for v in [&c.ucl, &c.lcl] {
            for seg in step_line(&xs, v, 0, c.len()) {
                cv.line(&px(&seg), Stroke::dashed(LIMIT, 1.3, 5.0, 3.0));
            }
        }
    }
    for seg in step_line(&xs, &c.cl, 0, c.len()) {
        cv.line(&px(&seg), Stroke::solid(CL, 1.4));
    }
    if let Some(v) = target {
        cv.line(&[(area.left, plot.fy(v)), (area.right, plot.fy(v))], Stroke::dashed(GOAL, 2.2, 12.0, 6.0));
    }
    // The values: a line that breaks at a missing value and at a period without a row.
    let series = Stroke::solid(COMMON, 1.3);
    let mut seg: Vec<(f64, f64)> = Vec::new();
    let mut prev: Option<f64> = None;
    for (i, &x) in xs.iter().enumerate() {
        let v = c.y[i];
        if !(v.is_finite() && x.is_finite()) || prev.is_some_and(|p| x != p + 1.0) {
            cv.line(&seg, series);
            seg.clear();
        }
        if v.is_finite() && x.is_finite() {
            seg.push((plot.fx(x), plot.fy(v)));
            prev = Some(x);
        } else {
            prev = None;
        }
    }
    cv.line(&seg, series);

    // Points with their period, value and signal as a tooltip; gaps marked ×.
    for i in 0..c.len() {
        let Some(o) = at(i) else { continue };
        let x = xpos(o.period.index());
        let p = period_label(o.period, lang);
        if let Some(v) = o.value.filter(|_| c.y[i].is_finite()) {
            let s = sig.and_then(|s| s.per_point.get(i)).filter(|s| !s.is_empty());
            let dir = sig.and_then(|s| s.point_dir.get(i).copied().flatten());
            let cls = match (dir, improvement) {
                (None | Some(Direction::None), _) => "common",
                (Some(_), Improvement::Neutral) => "neutral",
                (Some(Direction::Up), Improvement::Increase) | (Some(Direction::Down), Improvement::Decrease) => {
                    "improve"
                }
                _ => "concern",
            };
            let status = o.status.map(|st| format!(" ({})", status_text(st, lang))).unwrap_or_default();
            let signal = match s {
                Some(s) => format!("{}: {}", t.point_signal, s.join(", ")),
                None if nb(lang) => "ingen signal".into(),
                None => "no signal".into(),
            };
            let title = format!("{p}: {}{status} – {signal}", fmt(v));
            let group = Group { class: Some(format!("pt {cls}")), title: Some(title), clip: None };
            cv.marker((x, plot.fy(v)), 5.0, mdc_color(cls), 1.0, group);
        } else {
            let why = o.status.map_or_else(|| status_text(Status::Unknown, lang), |s| status_text(s, lang));
            let miss = if nb(lang) { "mangler" } else { "missing" };
            let title = format!("{p}: {miss} – {why}");
            let y = area.bottom - 6.0;
            cv.group(Group { class: Some("gap".into()), title: Some(title), clip: None }, |cv| {
                cv.hit_area((x - 6.0, y - 6.0), (x + 6.0, y + 6.0));
                let cross = Stroke::solid(LIMIT, 2.0);
                cv.line(&[(x - 4.0, y - 4.0), (x + 4.0, y + 4.0)], cross);
                cv.line(&[(x + 4.0, y - 4.0), (x - 4.0, y + 4.0)], cross);
            });
        }
    }
    plot.edge_labels(&mut cv, &edge, small);
    cv.to_svg()
}
