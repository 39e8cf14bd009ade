//! Drawing a chart on any plotters drawing area, in pixel coordinates.

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};
use spc_core::{Chart, Line, XColumn};

use super::layout::{finite_range, place_labels, stack, step_line, y_scale};
use super::text::{self, LangText as _, NumFmt, Period};
use super::{RenderError, RenderOptions, Scales, FONT_FAMILY};

const DATA: RGBColor = RGBColor(70, 130, 180); // steelblue, as qicharts2
const SIGNAL: RGBColor = RGBColor(214, 69, 52); // tomato, as qicharts2's signal colour
const CL: RGBColor = RGBColor(77, 77, 77);
const LIMIT: RGBColor = RGBColor(140, 140, 140);
const GOAL: RGBColor = RGBColor(27, 127, 59);
const TARGET: RGBColor = RGBColor(120, 80, 160);
const NOTE: RGBColor = RGBColor(70, 70, 70);
const GRID: RGBColor = RGBColor(228, 228, 228);
const BASELINE_FILL: RGBColor = RGBColor(234, 240, 247);
const STRIP_FILL: RGBColor = RGBColor(236, 236, 236);
const INK: RGBColor = RGBColor(30, 30, 30);
const SUBTLE: RGBColor = RGBColor(95, 95, 95);

type Res<T> = Result<T, RenderError>;

fn be<E: std::fmt::Display>(e: E) -> RenderError {
    RenderError::Backend(e.to_string())
}

/// How x values map to numbers.
enum XKind {
    Number { integer: bool },
    Date(Period),
    Category(Vec<String>),
}

/// A drawing context: the area, the unit length and the base font size in pixels.
struct Pen<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    u: f64,
    fs: f64,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    #[allow(clippy::unused_self)] // a method, so call sites read pen.font(..)
    fn font(&self, size: f64, bold: bool) -> FontDesc<'static> {
        // FontDesc::new, not .style(): .style() keeps the regular font's metrics (plotters 0.3.7).
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        FontDesc::new(FontFamily::Name(FONT_FAMILY), size, style)
    }

    fn text_w(&self, s: &str, size: f64, bold: bool) -> Res<f64> {
        let style = TextStyle::from(self.font(size, bold));
        Ok(f64::from(self.root.estimate_text_size(s, &style).map_err(be)?.0))
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&self, s: &str, at: (f64, f64), size: f64, bold: bool, color: RGBColor, h: HPos, v: VPos) -> Res<()> {
        let style = TextStyle::from(self.font(size, bold)).color(&color).pos(Pos::new(h, v));
        self.root.draw(&Text::new(s.to_string(), px(at), style)).map_err(be)
    }

    /// `s` broken into lines no wider than `max_w` (at spaces; a longer word stays whole).
    fn wrap(&self, s: &str, max_w: f64, size: f64, bold: bool) -> Res<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        for para in s.split('\n') {
            let mut cur = String::new();
            for word in para.split(' ') {
                let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
                if cur.is_empty() || self.text_w(&cand, size, bold)? <= max_w {
                    cur = cand;
                } else {
                    lines.push(std::mem::replace(&mut cur, word.to_string()));
                }
            }
            lines.push(cur);
        }
        Ok(lines)
    }

    /// Draws `s` wrapped to `max_w` from `at` (top left); returns the y below it.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &self,
        s: &str,
        at: (f64, f64),
        max_w: f64,
        size: f64,
        bold: bool,
        color: RGBColor,
        leading: f64,
    ) -> Res<f64> {
        let mut y = at.1;
        for l in self.wrap(s, max_w, size, bold)? {
            self.text(&l, (at.0, y), size, bold, color, HPos::Left, VPos::Top)?;
            y += size * leading;
        }
        Ok(y)
    }

    fn vtext(&self, s: &str, at: (f64, f64), size: f64, color: RGBColor) -> Res<()> {
        let style = TextStyle::from(self.font(size, false).transform(FontTransform::Rotate270))
            .color(&color)
            .pos(Pos::new(HPos::Center, VPos::Center));
        self.root.draw(&Text::new(s.to_string(), px(at), style)).map_err(be)
    }

    fn stroke(&self, w: f64, color: RGBColor) -> ShapeStyle {
        ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: (w * self.u).round().max(1.0) as u32 }
    }

    fn line(&self, pts: &[(f64, f64)], w: f64, color: RGBColor) -> Res<()> {
        if pts.len() < 2 {
            return Ok(());
        }
        let p: Vec<(i32, i32)> = pts.iter().copied().map(px).collect();
        self.root.draw(&PathElement::new(p, self.stroke(w, color))).map_err(be)
    }

    /// A dashed polyline: `dash` on, `gap` off (in units).
    fn dashed(&self, pts: &[(f64, f64)], w: f64, color: RGBColor, dash: f64, gap: f64) -> Res<()> {
        let (dash, gap) = (dash * self.u, gap * self.u);
        let mut on = true;
        let mut left = dash;
        let mut cur: Vec<(f64, f64)> = Vec::new();
        for seg in pts.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let len = (b.0 - a.0).hypot(b.1 - a.1);
            let mut t = 0.0;
            if on && cur.is_empty() {
                cur.push(a);
            }
            while len - t > left {
                t += left;
                let p = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
                if on {
                    cur.push(p);
                    self.line(&cur, w, color)?;
                    cur.clear();
                } else {
                    cur.push(p);
                }
                on = !on;
                left = if on { dash } else { gap };
            }
            left -= len - t;
            if on {
                cur.push(b);
            } else {
                cur.clear();
            }
        }
        if on {
            self.line(&cur, w, color)?;
        }
        Ok(())
    }

    fn rect(&self, a: (f64, f64), b: (f64, f64), color: RGBColor) -> Res<()> {
        self.root.draw(&Rectangle::new([px(a), px(b)], color.filled())).map_err(be)
    }

    fn dot(&self, at: (f64, f64), r: f64, fill: RGBColor, ring: Option<RGBColor>) -> Res<()> {
        let r = (r * self.u).round().max(1.0) as i32;
        self.root.draw(&Circle::new(px(at), r, fill.filled())).map_err(be)?;
        if let Some(c) = ring {
            self.root.draw(&Circle::new(px(at), r, self.stroke(1.2, c))).map_err(be)?;
        }
        Ok(())
    }
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// One panel (the whole chart, or one facet).
struct Panel {
    facet: Option<String>,
    start: usize,
    end: usize,
    parts: Vec<usize>,
}

fn panels(chart: &Chart) -> Vec<Panel> {
    let mut out: Vec<Panel> = Vec::new();
    for (k, s) in chart.summary.iter().enumerate() {
        match out.last_mut() {
            Some(p) if p.facet == s.facet => {
                p.end = s.end;
                p.parts.push(k);
            }
            _ => out.push(Panel { facet: s.facet.clone(), start: s.start, end: s.end, parts: vec![k] }),
        }
    }
    out
}

fn x_numbers(x: &XColumn) -> (Vec<f64>, XKind) {
    match x {
        XColumn::Number(v) => {
            let integer = v.iter().filter(|a| a.is_finite()).all(|a| a.fract() == 0.0);
            (v.to_vec(), XKind::Number { integer })
        }
        XColumn::Date(v) => {
            let days = v.iter().map(|d| d.map_or(f64::NAN, |d| f64::from(d.num_days_from_ce()))).collect();
            let present: Vec<NaiveDate> = v.iter().flatten().copied().collect();
            (days, XKind::Date(text::detect_period(&present)))
        }
        XColumn::Text(v) => {
            let mut cats: Vec<String> = Vec::new();
            let xs = v
                .iter()
                .map(|c| match c {
                    None => f64::NAN,
                    Some(c) => {
                        let i = cats.iter().position(|k| k == c).unwrap_or_else(|| {
                            cats.push(c.clone());
                            cats.len() - 1
                        });
                        i as f64
                    }
                })
                .collect();
            (xs, XKind::Category(cats))
        }
    }
}

fn note_x(note: &super::Note, kind: &XKind) -> Res<f64> {
    let bad = |what: &str| {
        RenderError::InvalidOption(format!("note '{}={}': x '{}' is not {what}", note.x, note.label, note.x))
    };
    match kind {
        XKind::Date(_) => spc_core::io::parse_date(&note.x)
            .map(|d| f64::from(d.num_days_from_ce()))
            .ok_or_else(|| bad("a date like 2021-03-01, 2021K1 or 2021M03 (x is dated)")),
        XKind::Number { .. } => note.x.replace(',', ".").parse::<f64>().map_err(|_| bad("a number (x is numeric)")),
        XKind::Category(c) => {
            c.iter().position(|k| *k == note.x).map(|i| i as f64).ok_or_else(|| bad("one of the categories of x"))
        }
    }
}

fn y_range(chart: &Chart, opts: &RenderOptions, from: usize, to: usize) -> Option<(f64, f64)> {
    let c = chart;
    let lower = |i: usize| c.cusum_lower.as_ref().map_or(f64::NAN, |l| l[i]);
    let pts = (from..to).flat_map(|i| [c.y[i], c.cl[i], c.lcl[i], c.ucl[i], lower(i)]);
    finite_range(pts.chain([chart.target(), opts.goal.unwrap_or(f64::NAN)]))
}

/// A label in the notes band (a note or the baseline label).
struct BandLabel {
    x: f64,
    text: String,
    line: bool,
    color: RGBColor,
}

/// Draws the whole chart onto `root`.
pub(crate) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, chart: &Chart, opts: &RenderOptions) -> Res<()> {
    if chart.y.iter().all(|v| !v.is_finite()) {
        return Err(RenderError::Empty);
    }
    root.fill(&WHITE).map_err(be)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let poster = if opts.poster.is_some() { 1.7 } else { 1.0 };
    let u = (w / 1200.0).min(h / 750.0) * poster * opts.scale;
    let pen = Pen { root, u, fs: 18.0 * u };
    let lang = opts.lang;
    let percent = (chart.spec.multiply - 100.0).abs() < 1e-12;
    let pad = 14.0 * u;

    // Header: title, subtitle (with the goal on posters), verdict.
    let mut top = pad;
    let max_w = w - 2.0 * pad;
    if let Some(t) = &opts.title {
        top = pen.paragraph(t, (pad, top), max_w, pen.fs * 1.5, true, INK, 1.2)?;
    }
    let goal_fmt = |g: f64| {
        let d = text::decimals_for(g).min(3);
        format!("{}: {}", lang.goal(), NumFmt { lang, decimals: d, percent }.fmt(g))
    };
    let mut sub = opts.subtitle.clone();
    if let (Some(_), Some(g)) = (opts.poster, opts.goal) {
        sub = Some(match sub {
            Some(s) => format!("{s} · {}", goal_fmt(g)),
            None => goal_fmt(g),
        });
    }
    if let Some(s) = &sub {
        top = pen.paragraph(s, (pad, top), max_w, pen.fs * 1.05, false, SUBTLE, 1.3)?;
    }
    if let Some(v) = &opts.verdict {
        // Dark, not red: whether a change is good depends on the direction of improvement.
        top = pen.paragraph(v, (pad, top), max_w, pen.fs * 1.05, true, INK, 1.3)?;
    }
    if top > pad {
        top += pen.fs * 0.4;
    }

    // Footer: caption, x label.
    let mut bottom = h - pad;
    if let Some(c) = &opts.caption {
        let lines = pen.wrap(c, max_w, pen.fs * 0.8, false)?;
        for l in lines.iter().rev() {
            pen.text(l, (pad, bottom), pen.fs * 0.8, false, SUBTLE, HPos::Left, VPos::Bottom)?;
            bottom -= pen.fs * 0.8 * 1.3;
        }
        bottom -= pen.fs * 0.8 * 0.1;
    }
    let mut left = pad;
    let (xs, kind) = x_numbers(&chart.x);
    let panels = panels(chart);
    let ncol = (panels.len() as f64).sqrt().ceil().max(1.0) as usize;
    let nrow = panels.len().div_ceil(ncol);
    if let Some(l) = &opts.xlab {
        let grid_mid = (pad + pen.fs * if opts.ylab.is_some() { 1.4 } else { 0.0 } + w - pad) / 2.0;
        pen.text(l, (grid_mid, bottom), pen.fs, false, INK, HPos::Center, VPos::Bottom)?;
        bottom -= pen.fs * 1.4;
    }
    if let Some(l) = &opts.ylab {
        pen.vtext(l, (left + pen.fs * 0.5, f64::midpoint(top, bottom)), pen.fs, INK)?;
        left += pen.fs * 1.4;
    }

    let (xmin, xmax) = finite_range(xs.iter().copied()).ok_or(RenderError::Empty)?;
    let xpad = match kind {
        XKind::Category(_) => 0.6,
        _ if xmax > xmin => (xmax - xmin) * 0.025,
        _ => 1.0,
    };
    let notes: Vec<(f64, &str)> =
        opts.notes.iter().map(|n| Ok((note_x(n, &kind)?, n.label.as_str()))).collect::<Res<_>>()?;
    for (n, (x, _)) in opts.notes.iter().zip(&notes) {
        if *x < xmin - xpad || *x > xmax + xpad {
            return Err(RenderError::InvalidOption(format!(
                "note '{}={}': x is outside the data ({} to {})",
                n.x,
                n.label,
                chart.x.format(0),
                chart.x.format(chart.len() - 1)
            )));
        }
    }
    let fixed =
        finite_range(panels.iter().filter_map(|p| y_range(chart, opts, p.start, p.end)).flat_map(|(a, b)| [a, b]))
            .ok_or(RenderError::Empty)?;

    let cell_w = (w - pad - left) / ncol as f64;
    let cell_h = (bottom - top) / nrow as f64;
    for (k, p) in panels.iter().enumerate() {
        let (r, c) = (k / ncol, k % ncol);
        let cell = (
            left + c as f64 * cell_w,
            top + r as f64 * cell_h,
            left + (c + 1) as f64 * cell_w,
            top + (r + 1) as f64 * cell_h,
        );
        let range = match opts.scales {
            Scales::FreeY => y_range(chart, opts, p.start, p.end).unwrap_or(fixed),
            Scales::Fixed => fixed,
        };
        let ctx = PanelCtx {
            pen: &pen,
            chart,
            opts,
            xs: &xs,
            kind: &kind,
            notes: &notes,
            x_range: (xmin - xpad, xmax + xpad),
            percent,
        };
        ctx.draw_panel(p, cell, range, panels.len() > 1)?;
    }
    Ok(())
}

struct PanelCtx<'a, 'b, DB: DrawingBackend> {
    pen: &'a Pen<'b, DB>,
    chart: &'a Chart,
    opts: &'a RenderOptions,
    xs: &'a [f64],
    kind: &'a XKind,
    notes: &'a [(f64, &'a str)],
    x_range: (f64, f64),
    percent: bool,
}

impl<DB: DrawingBackend> PanelCtx<'_, '_, DB> {
    #[allow(clippy::too_many_lines)]
    fn draw_panel(&self, p: &Panel, cell: (f64, f64, f64, f64), range: (f64, f64), faceted: bool) -> Res<()> {
        let (pen, chart, opts, lang) = (self.pen, self.chart, self.opts, self.opts.lang);
        let (u, fs) = (pen.u, pen.fs);
        let small = fs * 0.85;
        let (x0, mut y0, x1, y1) = cell;
        let inner = 8.0 * u;
        let (x0, x1) = (x0 + if faceted { inner } else { 0.0 }, x1 - if faceted { inner } else { 0.0 });
        if faceted {
            let sh = fs * 1.5;
            pen.rect((x0, y0), (x1, y0 + sh), STRIP_FILL)?;
            pen.text(
                spc_core::facet_label(p.facet.as_deref().unwrap_or_default(), lang),
                (x0 + 6.0 * u, y0 + sh / 2.0),
                fs,
                true,
                INK,
                HPos::Left,
                VPos::Center,
            )?;
            y0 += sh + 4.0 * u;
        }
        let y1 = y1 - if faceted { inner } else { 0.0 };
        let xtick_h = small * 1.7;
        // y scale and the widths of the left tick labels and the right value labels.
        let plot_h_guess = (y1 - y0 - xtick_h).max(10.0);
        let ys = y_scale(range, lang, self.percent, (plot_h_guess / (fs * 3.2)).clamp(3.0, 8.0));
        let mut ylab_w: f64 = 0.0;
        for t in &ys.ticks {
            ylab_w = ylab_w.max(pen.text_w(&ys.fmt.fmt(*t), small, false)?);
        }
        let last = &chart.summary[*p.parts.last().expect("a panel has at least one part")];
        let last_finite = |v: &Line| (last.start..last.end).rev().map(|i| v[i]).find(|v| v.is_finite());
        let mut right: Vec<(f64, String, RGBColor)> = Vec::new();
        if let Some(v) = last_finite(&chart.ucl) {
            right.push((v, ys.value_fmt.fmt(v), LIMIT));
        }
        if let Some(v) = last_finite(&chart.cl) {
            right.push((v, ys.value_fmt.fmt(v), if last.runs_signal { SIGNAL } else { CL }));
        }
        if let Some(v) = last_finite(&chart.lcl) {
            right.push((v, ys.value_fmt.fmt(v), LIMIT));
        }
        let t = chart.target();
        if t.is_finite() {
            right.push((t, format!("{}: {}", lang.target(), ys.value_fmt.fmt(t)), TARGET));
        }
        if let Some(g) = opts.goal {
            let d = text::decimals_for(g).min(3);
            right.push((
                g,
                format!("{}: {}", lang.goal(), NumFmt { lang, decimals: d, percent: self.percent }.fmt(g)),
                GOAL,
            ));
        }
        let mut right_w: f64 = 0.0;
        for (_, s, _) in &right {
            right_w = right_w.max(pen.text_w(s, small, false)?);
        }
        let px0 = x0 + ylab_w + 8.0 * u;
        let px1 = x1 - right_w - 10.0 * u;
        let (xlo, xhi) = self.x_range;
        let fx = |v: f64| px0 + (v - xlo) / (xhi - xlo) * (px1 - px0);

        // The notes band: notes and the baseline label, above the data.
        let mut band: Vec<BandLabel> = Vec::new();
        for s in p.parts.iter().map(|&k| &chart.summary[k]) {
            let nb = (s.start..s.end).filter(|&i| chart.baseline[i]).count();
            if nb > 0 && nb < s.end - s.start {
                let first = (s.start..s.end).find(|&i| chart.baseline[i]).unwrap_or(s.start);
                band.push(BandLabel {
                    x: fx(self.xs[first]),
                    text: lang.baseline().into(),
                    line: false,
                    color: SUBTLE,
                });
            }
        }
        for (x, label) in self.notes {
            band.push(BandLabel { x: fx(*x), text: (*label).to_string(), line: true, color: NOTE });
        }
        band.sort_by(|a, b| a.x.total_cmp(&b.x));
        let note_fs = fs * 0.85;
        let mut sizes = Vec::new();
        for b in &band {
            sizes.push((b.x, pen.text_w(&b.text, note_fs, false)?, b.line));
        }
        let placed = place_labels(&sizes, px0, px1, 10.0 * u);
        let rows = placed.iter().map(|q| q.row + 1).max().unwrap_or(0);
        let row_h = note_fs * 1.45;
        let band_top = y0;
        let py0 = y0 + rows as f64 * row_h + if rows > 0 { 6.0 * u } else { 2.0 * u };
        let py1 = y1 - xtick_h;
        let fy = |v: f64| py1 - (v - ys.lo) / (ys.hi - ys.lo) * (py1 - py0);

        // Baseline shading.
        let half_gap = |i: usize, j: usize| {
            if j < chart.len() && self.xs[j].is_finite() && self.xs[i].is_finite() {
                (fx(self.xs[j]) - fx(self.xs[i])).abs() / 2.0
            } else {
                0.0
            }
        };
        for s in p.parts.iter().map(|&k| &chart.summary[k]) {
            let base: Vec<usize> = (s.start..s.end).filter(|&i| chart.baseline[i]).collect();
            if let (Some(&a), Some(&b)) = (base.first(), base.last()) {
                if base.len() < s.end - s.start {
                    let l =
                        fx(self.xs[a]) - if a > s.start { half_gap(a - 1, a) } else { half_gap(a, a + 1).min(6.0 * u) };
                    let r = fx(self.xs[b]) + half_gap(b, b + 1);
                    pen.rect((l.max(px0), py0), (r.min(px1), py1), BASELINE_FILL)?;
                }
            }
        }
        // Grid and y ticks.
        for t in &ys.ticks {
            let y = fy(*t);
            pen.line(&[(px0, y), (px1, y)], 1.0, GRID)?;
            pen.text(&ys.fmt.fmt(*t), (px0 - 6.0 * u, y), small, false, SUBTLE, HPos::Right, VPos::Center)?;
        }
        pen.line(&[(px0, py1), (px1, py1)], 1.0, LIMIT)?;
        self.x_ticks(p, px0, px1, py1, small, fx)?;

        // Lines: limits, target, goal, centre lines.
        let part_ranges: Vec<(usize, usize, bool)> =
            p.parts.iter().map(|&k| &chart.summary[k]).map(|s| (s.start, s.end, s.runs_signal)).collect();
        for &(a, b, _) in &part_ranges {
            for v in [&chart.ucl, &chart.lcl] {
                for seg in step_line(self.xs, v, a, b) {
                    let pts: Vec<(f64, f64)> = seg.iter().map(|&(x, y)| (fx(x), fy(y))).collect();
                    pen.line(&pts, 1.3, LIMIT)?;
                }
            }
        }
        if t.is_finite() {
            pen.dashed(&[(px0, fy(t)), (px1, fy(t))], 1.5, TARGET, 2.0, 4.0)?;
        }
        if let Some(g) = opts.goal {
            pen.dashed(&[(px0, fy(g)), (px1, fy(g))], 2.2, GOAL, 12.0, 6.0)?;
        }
        for &(a, b, runs) in &part_ranges {
            for seg in step_line(self.xs, &chart.cl, a, b) {
                let pts: Vec<(f64, f64)> = seg.iter().map(|&(x, y)| (fx(x), fy(y))).collect();
                if runs {
                    pen.dashed(&pts, 1.8, SIGNAL, 8.0, 5.0)?;
                } else {
                    pen.line(&pts, 1.8, CL)?;
                }
            }
        }
        // Notes: lines from their label down to the axis, a marker, the label.
        for (b, q) in band.iter().zip(&placed) {
            let ty = band_top + q.row as f64 * row_h + row_h / 2.0;
            if b.line {
                pen.dashed(&[(b.x, ty + row_h * 0.45), (b.x, py1)], 1.2, b.color, 5.0, 4.0)?;
                pen.dot((b.x, ty), 3.2, b.color, None)?;
            }
            let lx = if q.left >= b.x { q.left + 2.0 * u } else { q.left };
            pen.text(&b.text, (lx, ty), note_fs, false, b.color, HPos::Left, VPos::Center)?;
        }
        // Data: lines within parts (not for categories), then points.
        // Dense series: a thinner line, so single points stay visible.
        let data_w = if p.end - p.start > 200 { 1.0 } else { 1.7 };
        if !chart.categorical {
            for &(a, b, _) in &part_ranges {
                let mut seg: Vec<(f64, f64)> = Vec::new();
                for i in a..b {
                    if chart.y[i].is_finite() && self.xs[i].is_finite() {
                        seg.push((fx(self.xs[i]), fy(chart.y[i])));
                    } else {
                        pen.line(&seg, data_w, DATA)?;
                        seg.clear();
                    }
                }
                pen.line(&seg, data_w, DATA)?;
            }
        }
        // CUSUM: the lower sum (-C-) below zero, as its own line; beyond -h in red.
        if let Some(lower) = &chart.cusum_lower {
            for &(a, b, _) in &part_ranges {
                let mut seg: Vec<(f64, f64)> = Vec::new();
                for (i, &v) in lower.iter().enumerate().take(b).skip(a) {
                    if v.is_finite() && self.xs[i].is_finite() {
                        seg.push((fx(self.xs[i]), fy(v)));
                    } else {
                        pen.line(&seg, data_w, DATA)?;
                        seg.clear();
                    }
                }
                pen.line(&seg, data_w, DATA)?;
                for i in (a..b).filter(|&i| lower[i].is_finite() && self.xs[i].is_finite()) {
                    let out = lower[i] < chart.lcl[i];
                    pen.dot(
                        (fx(self.xs[i]), fy(lower[i])),
                        if out { 3.8 } else { 2.8 },
                        if out { SIGNAL } else { DATA },
                        None,
                    )?;
                }
            }
        }
        let r = if chart.categorical {
            4.0
        } else if p.end - p.start > 200 {
            1.6
        } else {
            2.8
        };
        for i in p.start..p.end {
            if !(chart.y[i].is_finite() && self.xs[i].is_finite()) {
                continue;
            }
            let at = (fx(self.xs[i]), fy(chart.y[i]));
            let c = if chart.sigma_signal[i] { SIGNAL } else { DATA };
            if !chart.include[i] {
                // Excluded from the calculations: hollow.
                pen.dot(at, r * 1.35, WHITE, Some(c))?;
            } else if chart.sigma_signal[i] {
                pen.dot(at, r * 1.35, SIGNAL, None)?;
            } else {
                pen.dot(at, r, DATA, None)?;
            }
        }
        // Values at the right edge.
        let lh = small * 1.25;
        let wanted: Vec<f64> = right.iter().map(|(v, _, _)| fy(*v)).collect();
        let at = stack(&wanted, lh, py0, py1);
        for ((_, s, c), y) in right.iter().zip(at) {
            pen.text(s, (px1 + 6.0 * u, y), small, false, *c, HPos::Left, VPos::Center)?;
        }
        Ok(())
    }

    fn x_ticks(&self, p: &Panel, px0: f64, px1: f64, py1: f64, size: f64, fx: impl Fn(f64) -> f64) -> Res<()> {
        let (pen, lang) = (self.pen, self.opts.lang);
        let u = pen.u;
        let gap = 14.0 * u;
        let width = px1 - px0;
        let labels: Vec<(f64, String)> = match self.kind {
            XKind::Date(period) => {
                let dates: Vec<NaiveDate> = match &self.chart.x {
                    XColumn::Date(d) => d[p.start..p.end].iter().flatten().copied().collect(),
                    _ => Vec::new(),
                };
                let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else { return Ok(()) };
                let mut chosen = Vec::new();
                for &k in text::period_steps(*period) {
                    let ticks = text::date_ticks(first, last, *period, k);
                    let labs: Vec<(f64, String)> = ticks
                        .iter()
                        .map(|d| (f64::from(d.num_days_from_ce()), text::date_label(*d, *period, lang)))
                        .collect();
                    let mut maxw: f64 = 0.0;
                    for (_, s) in &labs {
                        maxw = maxw.max(pen.text_w(s, size, false)?);
                    }
                    let min_dx = labs.windows(2).map(|w| fx(w[1].0) - fx(w[0].0)).fold(f64::INFINITY, f64::min);
                    chosen = labs;
                    if min_dx >= maxw + gap {
                        break;
                    }
                }
                chosen
            }
            XKind::Number { integer } => {
                let (lo, hi) = self.x_range;
                let probe = pen.text_w(&text::format_number(hi, 1, lang), size, false)?;
                let n = (width / (probe + gap * 2.0)).clamp(2.0, 12.0);
                let mut step = text::nice_step((hi - lo) / n);
                if *integer {
                    step = step.max(1.0).round();
                }
                let d = text::decimals_for(step);
                text::ticks(lo, hi, step).into_iter().map(|t| (t, text::format_number(t, d, lang))).collect()
            }
            XKind::Category(cats) => {
                let shown: Vec<String> = cats
                    .iter()
                    .map(|c| {
                        if c.chars().count() > 18 {
                            format!("{}…", c.chars().take(17).collect::<String>())
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                let mut maxw: f64 = 0.0;
                for s in &shown {
                    maxw = maxw.max(pen.text_w(s, size, false)?);
                }
                let per = width / cats.len().max(1) as f64;
                let k = ((maxw + gap) / per).ceil().max(1.0) as usize;
                shown.into_iter().enumerate().filter(|(i, _)| i % k == 0).map(|(i, s)| (i as f64, s)).collect()
            }
        };
        for (x, s) in labels {
            let xp = fx(x);
            if xp < px0 - 1.0 || xp > px1 + 1.0 {
                continue;
            }
            pen.line(&[(xp, py1), (xp, py1 + 5.0 * u)], 1.0, LIMIT)?;
            pen.text(&s, (xp, py1 + 7.0 * u), size, false, SUBTLE, HPos::Center, VPos::Top)?;
        }
        Ok(())
    }
}
