//! A control or run chart laid out on a [`Canvas`]: a frame with the title, verdict and
//! caption, then one panel per facet with its y axis, x axis, lines, points and notes.

use chrono::{Datelike, NaiveDate};
use spc_core::{Chart, Line, XColumn};

use super::canvas::frame::Frame;
use super::canvas::palette::{
    Rgb, BASELINE_FILL, CL, DATA, GOAL, INK, LIMIT, NOTE, SIGNAL, STRIP_FILL, SUBTLE, TARGET, WHITE,
};
use super::canvas::plot::{edge_width, EdgeLabel, Plot};
use super::canvas::scale::{self, finite_range, y_scale, Cadence, NumFmt};
use super::canvas::{font, Area, Canvas, Stroke, TextStyle, H, V};
use super::layout::{place_labels, step_line};
use super::text::LangText as _;
use super::{RenderError, RenderOptions, Scales};

type Res<T> = Result<T, RenderError>;

/// How x values map to numbers.
enum XKind {
    Number { integer: bool },
    Date(Cadence),
    Category(Vec<String>),
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
            (days, XKind::Date(scale::detect_cadence(&present)))
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
    color: Rgb,
}

/// Draws the whole chart onto `c`.
pub(crate) fn draw(c: &mut Canvas, chart: &Chart, opts: &RenderOptions) -> Res<()> {
    if chart.y.iter().all(|v| !v.is_finite()) {
        return Err(RenderError::Empty);
    }
    c.fill(WHITE);
    let lang = opts.lang;
    let percent = (chart.spec.multiply - 100.0).abs() < 1e-12;
    let mut frame = Frame::new(c);

    // Header: title, subtitle (with the goal on posters), verdict.
    let goal_fmt = |g: f64| {
        let d = scale::decimals_for(g).min(3);
        format!("{}: {}", lang.goal(), NumFmt { lang, decimals: d, percent }.fmt(g))
    };
    let mut sub = opts.subtitle.clone();
    if let (Some(_), Some(g)) = (opts.poster, opts.goal) {
        sub = Some(match sub {
            Some(s) => format!("{s} · {}", goal_fmt(g)),
            None => goal_fmt(g),
        });
    }
    frame.header(c, opts.title.as_deref(), sub.as_deref(), opts.verdict.as_deref());

    // Footer: caption; axis titles.
    if let Some(cap) = &opts.caption {
        frame.caption(c, cap);
    }
    frame.axis_titles(c, opts.xlab.as_deref(), opts.ylab.as_deref());
    let (xs, kind) = x_numbers(&chart.x);
    let panels = panels(chart);
    let ncol = (panels.len() as f64).sqrt().ceil().max(1.0) as usize;
    let nrow = panels.len().div_ceil(ncol);

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

    let (left, top) = (frame.room.left, frame.room.top);
    let cell_w = (frame.room.right - left) / ncol as f64;
    let cell_h = (frame.room.bottom - top) / nrow as f64;
    let ctx = PanelCtx {
        frame: &frame,
        chart,
        opts,
        xs: &xs,
        kind: &kind,
        notes: &notes,
        x_range: (xmin - xpad, xmax + xpad),
        percent,
    };
    for (k, p) in panels.iter().enumerate() {
        let (r, col) = (k / ncol, k % ncol);
        let cell = (
            left + col as f64 * cell_w,
            top + r as f64 * cell_h,
            left + (col + 1) as f64 * cell_w,
            top + (r + 1) as f64 * cell_h,
        );
        let range = match opts.scales {
            Scales::FreeY => y_range(chart, opts, p.start, p.end).unwrap_or(fixed),
            Scales::Fixed => fixed,
        };
        ctx.draw_panel(c, p, cell, range, panels.len() > 1);
    }
    Ok(())
}

struct PanelCtx<'a> {
    frame: &'a Frame,
    chart: &'a Chart,
    opts: &'a RenderOptions,
    xs: &'a [f64],
    kind: &'a XKind,
    notes: &'a [(f64, &'a str)],
    x_range: (f64, f64),
    percent: bool,
}

impl PanelCtx<'_> {
    #[allow(clippy::too_many_lines)]
    fn draw_panel(&self, c: &mut Canvas, p: &Panel, cell: (f64, f64, f64, f64), range: (f64, f64), faceted: bool) {
        let (chart, opts, lang) = (self.chart, self.opts, self.opts.lang);
        let (u, fs) = (c.u, self.frame.fs);
        let small = self.frame.small();
        let (x0, mut y0, x1, y1) = cell;
        let inner = 8.0 * u;
        let (x0, x1) = (x0 + if faceted { inner } else { 0.0 }, x1 - if faceted { inner } else { 0.0 });
        if faceted {
            let sh = fs * 1.5;
            c.rect((x0, y0), (x1, y0 + sh), STRIP_FILL);
            c.text(
                spc_core::facet_label(p.facet.as_deref().unwrap_or_default(), lang),
                (x0 + 6.0 * u, y0 + sh / 2.0),
                TextStyle::new(fs, INK).bold(true).at(H::Left, V::Center),
            );
            y0 += sh + 4.0 * u;
        }
        let y1 = y1 - if faceted { inner } else { 0.0 };
        let xtick_h = small * 1.7;
        // y scale and the widths of the left tick labels and the right value labels.
        let plot_h_guess = (y1 - y0 - xtick_h).max(10.0);
        let ys = y_scale(range, lang, self.percent, (plot_h_guess / (fs * 3.2)).clamp(3.0, 8.0));
        let ylab_w = ys.label_width(small);
        let last = &chart.summary[*p.parts.last().expect("a panel has at least one part")];
        let last_finite = |v: &Line| (last.start..last.end).rev().map(|i| v[i]).find(|v| v.is_finite());
        let mut right: Vec<EdgeLabel> = Vec::new();
        let mut edge = |value: f64, text: String, color: Rgb| right.push(EdgeLabel { value, text, color });
        if let Some(v) = last_finite(&chart.ucl) {
            edge(v, ys.value_fmt.fmt(v), LIMIT);
        }
        if let Some(v) = last_finite(&chart.cl) {
            edge(v, ys.value_fmt.fmt(v), if last.runs_signal { SIGNAL } else { CL });
        }
        if let Some(v) = last_finite(&chart.lcl) {
            edge(v, ys.value_fmt.fmt(v), LIMIT);
        }
        let t = chart.target();
        if t.is_finite() {
            edge(t, format!("{}: {}", lang.target(), ys.value_fmt.fmt(t)), TARGET);
        }
        if let Some(g) = opts.goal {
            let d = scale::decimals_for(g).min(3);
            edge(g, format!("{}: {}", lang.goal(), NumFmt { lang, decimals: d, percent: self.percent }.fmt(g)), GOAL);
        }
        let px0 = x0 + ylab_w + 8.0 * u;
        let px1 = x1 - edge_width(&right, small) - 10.0 * u;
        let py1 = y1 - xtick_h;
        let area = Area { left: px0, top: y0, right: px1, bottom: py1 };
        let mut plot = Plot { area, x: self.x_range, xlog: false, y: (ys.lo, ys.hi) };
        let fx = |v: f64| plot.fx(v);

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
        let sizes: Vec<(f64, f64, bool)> =
            band.iter().map(|b| (b.x, font::width(&b.text, note_fs, false), b.line)).collect();
        let placed = place_labels(&sizes, px0, px1, 10.0 * u);
        let rows = placed.iter().map(|q| q.row + 1).max().unwrap_or(0);
        let row_h = note_fs * 1.45;
        let band_top = y0;
        plot.area.top = y0 + rows as f64 * row_h + if rows > 0 { 6.0 * u } else { 2.0 * u };
        let py0 = plot.area.top;
        let (fx, fy) = (|v: f64| plot.fx(v), |v: f64| plot.fy(v));

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
                    c.rect((l.max(px0), py0), (r.min(px1), py1), BASELINE_FILL);
                }
            }
        }
        // Grid, y ticks, x axis.
        plot.y_axis(c, &ys, small);
        plot.x_axis(c, &self.x_ticks(p, &plot, (small, 14.0 * u)), small, false);

        // Lines: limits, target, goal, centre lines.
        let part_ranges: Vec<(usize, usize, bool)> =
            p.parts.iter().map(|&k| &chart.summary[k]).map(|s| (s.start, s.end, s.runs_signal)).collect();
        let px_line = |seg: &[(f64, f64)]| -> Vec<(f64, f64)> { seg.iter().map(|&(x, y)| (fx(x), fy(y))).collect() };
        for &(a, b, _) in &part_ranges {
            for v in [&chart.ucl, &chart.lcl] {
                for seg in step_line(self.xs, v, a, b) {
                    c.line(&px_line(&seg), Stroke::solid(LIMIT, 1.3));
                }
            }
        }
        if t.is_finite() {
            c.line(&[(px0, fy(t)), (px1, fy(t))], Stroke::dashed(TARGET, 1.5, 2.0, 4.0));
        }
        if let Some(g) = opts.goal {
            c.line(&[(px0, fy(g)), (px1, fy(g))], Stroke::dashed(GOAL, 2.2, 12.0, 6.0));
        }
        for &(a, b, runs) in &part_ranges {
            for seg in step_line(self.xs, &chart.cl, a, b) {
                let stroke = if runs { Stroke::dashed(SIGNAL, 1.8, 8.0, 5.0) } else { Stroke::solid(CL, 1.8) };
                c.line(&px_line(&seg), stroke);
            }
        }
        // Notes: lines from their label down to the axis, a marker, the label.
        for (b, q) in band.iter().zip(&placed) {
            let ty = band_top + q.row as f64 * row_h + row_h / 2.0;
            if b.line {
                c.line(&[(b.x, ty + row_h * 0.45), (b.x, py1)], Stroke::dashed(b.color, 1.2, 5.0, 4.0));
                c.dot((b.x, ty), 3.2, b.color, None);
            }
            let lx = if q.left >= b.x { q.left + 2.0 * u } else { q.left };
            c.text(&b.text, (lx, ty), TextStyle::new(note_fs, b.color).at(H::Left, V::Center));
        }
        // Data: lines within parts (not for categories), then points.
        // Dense series: a thinner line, so single points stay visible.
        let data = Stroke::solid(DATA, if p.end - p.start > 200 { 1.0 } else { 1.7 });
        let series = |c: &mut Canvas, v: &dyn Fn(usize) -> f64, a: usize, b: usize| {
            let mut seg: Vec<(f64, f64)> = Vec::new();
            for i in a..b {
                if v(i).is_finite() && self.xs[i].is_finite() {
                    seg.push((fx(self.xs[i]), fy(v(i))));
                } else {
                    c.line(&seg, data);
                    seg.clear();
                }
            }
            c.line(&seg, data);
        };
        if !chart.categorical {
            for &(a, b, _) in &part_ranges {
                series(c, &|i| chart.y[i], a, b);
            }
        }
        // CUSUM: the lower sum (-C-) below zero, as its own line; beyond -h in red.
        if let Some(lower) = &chart.cusum_lower {
            for &(a, b, _) in &part_ranges {
                series(c, &|i| lower[i], a, b);
                for i in (a..b).filter(|&i| lower[i].is_finite() && self.xs[i].is_finite()) {
                    let out = lower[i] < chart.lcl[i];
                    let at = (fx(self.xs[i]), fy(lower[i]));
                    c.dot(at, if out { 3.8 } else { 2.8 }, if out { SIGNAL } else { DATA }, None);
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
            if !chart.include[i] {
                // Excluded from the calculations: hollow.
                c.dot(at, r * 1.35, WHITE, Some(if chart.sigma_signal[i] { SIGNAL } else { DATA }));
            } else if chart.sigma_signal[i] {
                c.dot(at, r * 1.35, SIGNAL, None);
            } else {
                c.dot(at, r, DATA, None);
            }
        }
        // Values at the right edge.
        plot.edge_labels(c, &right, small);
    }

    /// The labelled ticks of the x axis of panel `p`, labels of pixel size `spacing.0` at
    /// least `spacing.1` pixels apart.
    fn x_ticks(&self, p: &Panel, plot: &Plot, spacing: (f64, f64)) -> Vec<(f64, String)> {
        let lang = self.opts.lang;
        let width = plot.area.right - plot.area.left;
        match self.kind {
            XKind::Date(cadence) => {
                let dates: Vec<NaiveDate> = match &self.chart.x {
                    XColumn::Date(d) => d[p.start..p.end].iter().flatten().copied().collect(),
                    _ => Vec::new(),
                };
                let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else { return Vec::new() };
                let days = |d: NaiveDate| f64::from(d.num_days_from_ce());
                scale::date_axis((first, last), *cadence, lang, spacing, |d| plot.fx(days(d)))
                    .into_iter()
                    .map(|(d, s)| (days(d), s))
                    .collect()
            }
            XKind::Number { integer } => scale::number_ticks(self.x_range, width, *integer, lang, spacing),
            XKind::Category(cats) => scale::category_ticks(cats, width, spacing),
        }
    }
}
