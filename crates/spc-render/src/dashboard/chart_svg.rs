//! The small SPC chart of each indicator, drawn as inline SVG with a tooltip on every point.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Size of the compact charts (SVG user units = CSS pixels).
pub(super) const W: f64 = 640.0;
pub(super) const H: f64 = 210.0;
pub(super) const LEFT: f64 = 58.0;
pub(super) const RIGHT: f64 = 14.0;
pub(super) const TOP: f64 = 12.0;
pub(super) const BOTTOM: f64 = 28.0;

#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    c: &Chart,
    point_obs: &[Option<usize>],
    dated: &[(Obs, NaiveDate)],
    sig: Option<&Signals>,
    improvement: Improvement,
    target: Option<f64>,
    decimals: usize,
    name: &str,
    lang: Lang,
) -> Svg {
    let t = texts(lang);
    // x by period index, so a period without a row leaves its space.
    let idx: Vec<i64> = dated.iter().map(|(o, _)| o.period.index()).collect();
    let (i0, i1) = (idx.iter().copied().min().unwrap_or(0), idx.iter().copied().max().unwrap_or(0));
    let (x0, x1) = (LEFT + 8.0, W - RIGHT - 8.0);
    let xpos =
        |i: i64| if i1 > i0 { x0 + (x1 - x0) * (i - i0) as f64 / (i1 - i0) as f64 } else { f64::midpoint(x0, x1) };
    // y range over values, lines and target.
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in c.y.iter().copied().chain(&c.cl).chain(&c.lcl).chain(&c.ucl).chain(target) {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        let d = if lo.abs() > 1e-12 { lo.abs() * 0.1 } else { 1.0 };
        lo -= d;
        hi += d;
    }
    let step = nice_step((hi - lo) / 4.0);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let (y0, y1) = (H - BOTTOM, TOP);
    let ypos = |v: f64| y0 - (y0 - y1) * (v - lo) / (hi - lo);
    let tick_dec = decimals_for(step);
    let yticks =
        ticks(lo, hi, step).into_iter().map(|v| Tick { pos: ypos(v), label: num(v, tick_dec, lang) }).collect();

    // x labels: at most about 9, evenly spaced by period, counted back from the last.
    let every = ((i1 - i0 + 1) as f64 / 9.0).ceil().max(1.0) as i64;
    let xticks: Vec<Tick> = dated
        .iter()
        .filter(|(o, _)| (i1 - o.period.index()) % every == 0)
        .map(|(o, _)| Tick { pos: xpos(o.period.index()), label: period_label(o.period, lang) })
        .collect();

    // Chart point i at its period.
    let at = |i: usize| point_obs.get(i).copied().flatten().and_then(|j| dated.get(j)).map(|(o, _)| o);
    let path = |vals: &[f64]| -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut prev: Option<i64> = None;
        for i in 0..c.len() {
            let (Some(o), v) = (at(i), vals.get(i).copied().unwrap_or(f64::NAN)) else { continue };
            let pi = o.period.index();
            if !v.is_finite() || prev.is_some_and(|p| pi != p + 1) {
                if cur.contains('L') {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
            if v.is_finite() {
                let cmd = if cur.is_empty() { 'M' } else { 'L' };
                let _ = write!(cur, "{cmd}{:.1},{:.1} ", xpos(pi), ypos(v));
                prev = Some(pi);
            } else {
                prev = None;
            }
        }
        if cur.contains('L') {
            out.push(cur);
        }
        out
    };
    // Lines of the values break at missing values and at periods without a row; the centre line
    // and limits are step lines over the whole period range.
    let lines = path(&c.y);
    let steps = |vals: &spc_core::Line| -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let half = if i1 > i0 { (x1 - x0) / (i1 - i0) as f64 / 2.0 } else { 20.0 };
        let mut last: Option<f64> = None;
        for i in 0..c.len() {
            let (Some(o), v) = (at(i), vals.get(i).unwrap_or(f64::NAN)) else { continue };
            if !v.is_finite() {
                continue;
            }
            let x = xpos(o.period.index());
            let (a, b) = ((x - half).max(x0 - 8.0), (x + half).min(x1 + 8.0));
            let y = ypos(v);
            if last.is_some_and(|l| (l - y).abs() > 1e-9) || cur.is_empty() {
                let cmd = if cur.is_empty() { 'M' } else { 'L' };
                let _ = write!(cur, "{cmd}{a:.1},{y:.1} ");
            }
            let _ = write!(cur, "L{b:.1},{y:.1} ");
            last = Some(y);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    };
    let cl = steps(&c.cl);
    let mut limits = steps(&c.ucl);
    limits.extend(steps(&c.lcl));

    let fmt = |v: f64| num(v, decimals, lang);
    let mut points = Vec::new();
    let mut gaps = Vec::new();
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
                None => {
                    if nb(lang) {
                        "ingen signal".into()
                    } else {
                        "no signal".into()
                    }
                }
            };
            points.push(Pt { x, y: ypos(v), cls, title: format!("{p}: {}{status} – {signal}", fmt(v)) });
        } else {
            let why = o.status.map_or_else(|| status_text(Status::Unknown, lang), |s| status_text(s, lang));
            let miss = if nb(lang) { "mangler" } else { "missing" };
            gaps.push(Pt { x, y: y0 - 6.0, cls: "gap", title: format!("{p}: {miss} – {why}") });
        }
    }
    let target = target.map(|v| Tick { pos: ypos(v), label: format!("{} {}", t.target, fmt(v)) });
    let label = format!("{name}: {} {} {}", c.len(), if nb(lang) { "perioder" } else { "periods" }, t.mean_line);
    Svg {
        width: W,
        height: H,
        left: LEFT,
        right: W - RIGHT,
        top: TOP,
        bottom: H - BOTTOM,
        yticks,
        xticks,
        cl,
        limits: if sig.is_some_and(|s| s.limits) { limits } else { Vec::new() },
        lines,
        target,
        points,
        gaps,
        label,
    }
}
