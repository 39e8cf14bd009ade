//! Funnel plot images: a computed [`spc_core::funnel::Funnel`] drawn as SVG, PNG or PDF.
//!
//! x is the denominator (a log scale when the denominators span more than a factor of 50),
//! y the indicator (× multiplier). The target is a solid line, the limits of each level are
//! curves (the highest level solid, lower levels dashed), points are not connected; units
//! outside a lower level's limits are orange, outside the highest level's red. One unit can be
//! highlighted and labelled with its name. A note under the plot gives φ̂ and τ̂² when an
//! over-dispersion adjustment was asked for, and how many units are not plotted and why.
//!
//! ```
//! use spc_render::funnel::render_funnel_svg;
//! use spc_render::{Lang, RenderOptions};
//! use spc_core::funnel::{funnel, FunnelSpec, Unit};
//!
//! let units = vec![
//!     Unit::new("0301", "Oslo", Some(30.0), Some(700.0)),
//!     Unit::new("4601", "Bergen", Some(25.0), Some(400.0)),
//!     Unit::new("5001", "Trondheim", Some(8.0), Some(300.0)),
//! ];
//! let spec = FunnelSpec { multiplier: 100.0, ..FunnelSpec::default() };
//! let f = funnel(&units, &spec).unwrap();
//! let opts = RenderOptions { title: Some("Andel i Tromsø".into()), lang: Lang::Nb, ..Default::default() };
//! let svg = render_funnel_svg(&f, &opts, Some("4601")).unwrap();
//! assert!(svg.contains("Bergen") && svg.contains("Tromsø"));
//! ```

use std::fmt::Write as _;

use spc_core::funnel::{DataType, Flag, Funnel, Overdispersion, UnitStatus};
use spc_core::Lang;

use super::canvas::output;
use super::canvas::scale::{self as text, y_scale};
use super::text::LangText as _;
use super::{RenderError, RenderOptions, FONT_FAMILY};

const INK: &str = "#1e1e1e";
const SUBTLE: &str = "#5f5f5f";
const GRID: &str = "#e4e4e4";
const LIMIT: &str = "#6e6e6e";
const TARGET: &str = "#4d4d4d";
const POINT: &str = "#4682b4"; // steelblue, as the run and control charts
const ALERT: &str = "#e08a1e";
const ALARM: &str = "#d64534"; // the charts' signal colour
const HIGHLIGHT: &str = "#111111";

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c => o.push(c),
        }
    }
    o
}

/// Fixed texts.
struct Words {
    lang: Lang,
}

impl Words {
    fn nb(&self) -> bool {
        self.lang == Lang::Nb
    }
    fn level(&self, l: f64) -> String {
        let s = text::format_number(l, text::decimals_for(l).min(3), self.lang);
        if self.nb() {
            format!("{s}\u{a0}%")
        } else {
            format!("{s}%")
        }
    }
    fn limits(&self, l: f64) -> String {
        if self.nb() {
            format!("{}-grenser", self.level(l))
        } else {
            format!("{} limits", self.level(l))
        }
    }
    fn inside(&self) -> &'static str {
        if self.nb() {
            "Innenfor grensene"
        } else {
            "Within the limits"
        }
    }
    fn outside(&self, l: f64) -> String {
        if self.nb() {
            format!("Utenfor {}", self.level(l))
        } else {
            format!("Outside {}", self.level(l))
        }
    }
    fn target(&self, given: bool) -> &'static str {
        match (given, self.nb()) {
            (true, _) => self.lang.target(),
            (false, true) => "Samlet",
            (false, false) => "Overall",
        }
    }
    fn xlab(&self) -> &'static str {
        if self.nb() {
            "Nevner"
        } else {
            "Denominator"
        }
    }
    fn ylab(&self) -> &'static str {
        if self.nb() {
            "Verdi"
        } else {
            "Value"
        }
    }
    fn status(&self, s: UnitStatus) -> &'static str {
        match (s, self.nb()) {
            (UnitStatus::Ok, _) => "",
            (UnitStatus::MissingNumerator, true) => "mangler teller",
            (UnitStatus::MissingNumerator, false) => "no numerator",
            (UnitStatus::MissingDenominator, true) => "mangler nevner",
            (UnitStatus::MissingDenominator, false) => "no denominator",
            (UnitStatus::MissingBoth, true) => "mangler teller og nevner",
            (UnitStatus::MissingBoth, false) => "no numerator or denominator",
            (UnitStatus::ZeroDenominator, true) => "nevner 0",
            (UnitStatus::ZeroDenominator, false) => "denominator 0",
            (UnitStatus::NegativeDenominator, true) => "negativ nevner",
            (UnitStatus::NegativeDenominator, false) => "negative denominator",
            (UnitStatus::NegativeNumerator, true) => "negativ teller",
            (UnitStatus::NegativeNumerator, false) => "negative numerator",
            (UnitStatus::NumeratorExceedsDenominator, true) => "teller over nevner",
            (UnitStatus::NumeratorExceedsDenominator, false) => "numerator above denominator",
            (UnitStatus::NotFinite, true) => "ikke et tall",
            (UnitStatus::NotFinite, false) => "not a number",
        }
    }
    fn not_plotted(&self, k: usize, n: usize, why: &str) -> String {
        if self.nb() {
            format!("{k} av {n} enheter er ikke vist ({why}).")
        } else {
            format!("{k} of {n} units not plotted ({why}).")
        }
    }
    fn dispersion(&self, f: &Funnel) -> Option<String> {
        let od = f.spec.overdispersion;
        if od == Overdispersion::None {
            return None;
        }
        let (phi, tau2) = (f.phi?, f.tau2?);
        let lang = self.lang;
        let phi_s = text::format_number(phi, 2, lang);
        let tau_d = if tau2 > 0.0 { (2.0 - tau2.log10().floor()).clamp(0.0, 8.0) as usize } else { 0 };
        let tau_s = text::format_number(tau2, tau_d, lang);
        let how = match (od, self.nb()) {
            (Overdispersion::Additive, true) => "additiv (tilfeldige effekter)",
            (Overdispersion::Additive, false) => "additive (random effects)",
            (_, true) => "multiplikativ",
            (_, false) => "multiplicative",
        };
        Some(match (f.adjusted, self.nb()) {
            (true, true) => format!("Overspredning: φ̂ = {phi_s}, τ̂² = {tau_s}; grensene er utvidet, {how}."),
            (true, false) => format!("Over-dispersion: φ̂ = {phi_s}, τ̂² = {tau_s}; limits widened, {how}."),
            (false, true) => format!("Overspredning: φ̂ = {phi_s} ≤ 1, τ̂² = {tau_s}; grensene er ikke utvidet."),
            (false, false) => format!("Over-dispersion: φ̂ = {phi_s} ≤ 1, τ̂² = {tau_s}; limits not widened."),
        })
    }
}

/// A legend sample: a line (colour, dash, width) or a dot.
enum Glyph {
    Line(&'static str, Option<&'static str>, f64),
    Dot(&'static str),
}

/// The SVG being written, with the unit length and base font size.
struct Svg {
    out: String,
    u: f64,
}

impl Svg {
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, s: &str, x: f64, y: f64, size: f64, bold: bool, color: &str, anchor: &str) {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size:.2}\"{weight} fill=\"{color}\" text-anchor=\"{anchor}\">{}</text>",
            esc(s)
        );
    }

    /// Text with a white outline under it, readable over points and lines.
    #[allow(clippy::too_many_arguments)]
    fn halo_text(&mut self, s: &str, x: f64, y: f64, size: f64, bold: bool, color: &str, anchor: &str) {
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let sw = 3.5 * self.u;
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size:.2}\"{weight} fill=\"white\" stroke=\"white\" stroke-width=\"{sw:.2}\" stroke-linejoin=\"round\" text-anchor=\"{anchor}\">{}</text>",
            esc(s)
        );
        self.text(s, x, y, size, bold, color, anchor);
    }

    fn line(&mut self, a: (f64, f64), b: (f64, f64), color: &str, width: f64, dash: Option<&str>) {
        let dash = dash.map(|d| format!(" stroke-dasharray=\"{d}\"")).unwrap_or_default();
        let _ = writeln!(
            self.out,
            "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"{color}\" stroke-width=\"{:.2}\"{dash}/>",
            a.0,
            a.1,
            b.0,
            b.1,
            width * self.u
        );
    }

    fn polyline(&mut self, pts: &[(f64, f64)], color: &str, width: f64, dash: Option<&str>) {
        if pts.len() < 2 {
            return;
        }
        let dash = dash.map(|d| format!(" stroke-dasharray=\"{d}\"")).unwrap_or_default();
        let mut p = String::new();
        for (x, y) in pts {
            let _ = write!(p, "{x:.2},{y:.2} ");
        }
        let _ = writeln!(
            self.out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{:.2}\" stroke-linejoin=\"round\"{dash}/>",
            p.trim_end(),
            width * self.u
        );
    }

    fn circle(&mut self, at: (f64, f64), r: f64, fill: &str, opacity: f64, ring: Option<(&str, f64)>) {
        let ring = ring.map_or_else(
            || " stroke=\"white\" stroke-width=\"0.6\"".into(),
            |(c, w)| format!(" stroke=\"{c}\" stroke-width=\"{:.2}\"", w * self.u),
        );
        let _ = writeln!(
            self.out,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"{fill}\" fill-opacity=\"{opacity}\"{ring}/>",
            at.0,
            at.1,
            r * self.u
        );
    }
}

/// The x axis: linear from 0, or log10.
struct XAxis {
    log: bool,
    lo: f64,
    hi: f64,
    px0: f64,
    px1: f64,
}

impl XAxis {
    fn map(&self, v: f64) -> f64 {
        let t = if self.log {
            (v.ln() - self.lo.ln()) / (self.hi.ln() - self.lo.ln())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        self.px0 + t * (self.px1 - self.px0)
    }

    fn ticks(&self) -> Vec<f64> {
        if self.log {
            let (a, b) = (self.lo.log10().floor() as i32, self.hi.log10().ceil() as i32);
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
                    if t >= self.lo && t <= self.hi {
                        v.push(t);
                    }
                }
            }
            v
        } else {
            let step = text::nice_step((self.hi - self.lo) / 6.0);
            text::ticks(self.lo, self.hi, step)
        }
    }
}

/// `s` cut to `max_w` pixels at font size `size`, ending in `…` when cut.
fn fit(s: &str, max_w: f64, size: f64) -> String {
    if super::text_width(s, size, false) <= max_w {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut n = chars.len();
    while n > 1 {
        n -= 1;
        let cand: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if super::text_width(&cand, size, false) <= max_w {
            return cand;
        }
    }
    "…".into()
}

fn tick_label(v: f64, lang: Lang) -> String {
    text::format_number(v, text::decimals_for(v).min(4), lang)
}

fn scale_of(opts: &RenderOptions, w: f64, h: f64) -> f64 {
    let poster = if opts.poster.is_some() { 1.7 } else { 1.0 };
    (w / 1200.0).min(h / 750.0) * poster * opts.scale
}

/// The y range: the plotted values and the target, widened to the limit curves only within
/// half the spread of the values on each side (the limits at tiny denominators are huge).
fn y_range(f: &Funnel) -> Option<(f64, f64)> {
    let vals: Vec<f64> = f.rows.iter().filter_map(|r| r.value).filter(|v| v.is_finite()).collect();
    let (mut lo, mut hi) = vals.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        return None;
    }
    let t = f.target_value();
    if t.is_finite() {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let spread = (hi - lo).max(hi.abs() * 0.05).max(1e-9);
    let (alo, ahi) = (lo - spread * 0.5, hi + spread * 0.5);
    for c in &f.curves {
        for p in &c.points {
            if p.lower.is_finite() {
                lo = lo.min(p.lower.max(alo));
            }
            if p.upper.is_finite() {
                hi = hi.max(p.upper.min(ahi));
            }
        }
    }
    if matches!(f.spec.data_type, DataType::Proportion | DataType::Rate | DataType::Ratio) {
        lo = lo.max(0.0);
    }
    if f.spec.data_type == DataType::Proportion {
        hi = hi.min(f.spec.multiplier);
    }
    if hi - lo < 1e-12 {
        // All values on the target (e.g. all 0): a range above it rather than around it.
        hi = lo + if lo.abs() > 0.0 { lo.abs() * 0.2 } else { f.spec.multiplier * 0.1 };
    }
    Some((lo, hi))
}

/// The funnel plot as an SVG document. `highlight`: the code of a unit to mark and label
/// with its name (e.g. the user's municipality).
pub fn render_funnel_svg(f: &Funnel, opts: &RenderOptions, highlight: Option<&str>) -> Result<String, RenderError> {
    let (w, h) = super::check_size(opts)?;
    let (w, h) = (f64::from(w), f64::from(h));
    let lang = opts.lang;
    let words = Words { lang };
    let u = scale_of(opts, w, h);
    let fs = 16.0 * u;
    let small = fs * 0.85;
    let pad = 14.0 * u;
    let tw = |s: &str, size: f64, bold: bool| super::text_width(s, size, bold);
    let (yrange_lo, yrange_hi) = y_range(f).ok_or(RenderError::Empty)?;

    let mut svg = Svg { out: String::new(), u };
    let _ = writeln!(
        svg.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\">"
    );
    let _ = writeln!(svg.out, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");

    // Header.
    let mut top = pad;
    let max_w = w - 2.0 * pad;
    let wrap = |s: &str, size: f64, bold: bool| -> Vec<String> {
        let mut lines = Vec::new();
        for para in s.split('\n') {
            let mut cur = String::new();
            for word in para.split(' ') {
                let cand = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
                if cur.is_empty() || tw(&cand, size, bold) <= max_w {
                    cur = cand;
                } else {
                    lines.push(std::mem::replace(&mut cur, word.to_string()));
                }
            }
            lines.push(cur);
        }
        lines
    };
    if let Some(t) = &opts.title {
        let size = fs * 1.45;
        for l in wrap(t, size, true) {
            svg.text(&l, pad, top + size * 0.9, size, true, INK, "start");
            top += size * 1.25;
        }
    }
    if let Some(s) = &opts.subtitle {
        let size = fs * 1.0;
        for l in wrap(s, size, false) {
            svg.text(&l, pad, top + size * 0.9, size, false, SUBTLE, "start");
            top += size * 1.3;
        }
    }
    if top > pad {
        top += fs * 0.4;
    }

    // Footer (bottom up): caption lines, legend, x label.
    let mut notes: Vec<String> = Vec::new();
    if let Some(d) = words.dispersion(f) {
        notes.push(d);
    }
    let total = f.rows.len();
    let missing: Vec<&spc_core::funnel::FunnelRow> = f.rows.iter().filter(|r| !r.plotted()).collect();
    if !missing.is_empty() {
        let mut counts: Vec<(UnitStatus, usize)> = Vec::new();
        for r in &missing {
            match counts.iter_mut().find(|(s, _)| *s == r.status) {
                Some(e) => e.1 += 1,
                None => counts.push((r.status, 1)),
            }
        }
        let why = counts.iter().map(|(s, c)| format!("{c} {}", words.status(*s))).collect::<Vec<_>>().join(", ");
        notes.push(words.not_plotted(missing.len(), total, &why));
    }
    let hl_row = highlight.and_then(|c| f.rows.iter().find(|r| r.code == c));
    if let (Some(code), None) = (highlight, hl_row) {
        notes.push(if words.nb() {
            format!("{code} finnes ikke i dataene.")
        } else {
            format!("{code} is not in the data.")
        });
    }
    if let Some(r) = hl_row.filter(|r| !r.plotted()) {
        let name = if r.name.is_empty() { r.code.clone() } else { r.name.clone() };
        notes.push(if words.nb() {
            format!("{name} er ikke vist: {}.", words.status(r.status))
        } else {
            format!("{name} is not plotted: {}.", words.status(r.status))
        });
    }
    if let Some(c) = &opts.caption {
        notes.push(c.clone());
    }
    let cap = fs * 0.8;
    let mut bottom = h - pad;
    let mut cap_lines: Vec<String> = Vec::new();
    for n in &notes {
        cap_lines.extend(wrap(n, cap, false));
    }
    for l in cap_lines.iter().rev() {
        svg.text(l, pad, bottom - cap * 0.25, cap, false, SUBTLE, "start");
        bottom -= cap * 1.3;
    }
    if !cap_lines.is_empty() {
        bottom -= cap * 0.3;
    }

    // Legend: target, the level lines, the point colours.
    let not_pooled = f.target_given || f.spec.data_type == DataType::Ratio;
    let levels = &f.spec.levels;
    let top_level = levels.last().copied().unwrap_or(99.8);
    let low_level = levels.first().copied().unwrap_or(95.0);
    let dash_of = |k: usize| -> Option<&'static str> {
        if k + 1 == levels.len() {
            None
        } else if k % 2 == 0 {
            Some("7,5")
        } else {
            Some("2,4")
        }
    };
    let mut items: Vec<(Glyph, String)> = vec![(Glyph::Line(TARGET, None, 1.6), words.target(not_pooled).into())];
    for (k, &l) in levels.iter().enumerate() {
        items.push((Glyph::Line(LIMIT, dash_of(k), 1.3), words.limits(l)));
    }
    items.push((Glyph::Dot(POINT), words.inside().into()));
    if levels.len() > 1 {
        items.push((Glyph::Dot(ALERT), words.outside(low_level)));
    }
    items.push((Glyph::Dot(ALARM), words.outside(top_level)));
    let leg = small;
    let glyph_w = 28.0 * u;
    let gap = 18.0 * u;
    let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, (_, label)) in items.iter().enumerate() {
        let iw = glyph_w + 6.0 * u + tw(label, leg, false);
        if x > 0.0 && x + iw > max_w {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push((i, x));
        }
        x += iw + gap;
    }
    let row_h = leg * 1.5;
    for row in rows.iter().rev() {
        let cy = bottom - row_h / 2.0;
        for &(i, x) in row {
            let (g, label) = &items[i];
            let gx = pad + x;
            match g {
                Glyph::Line(c, d, wd) => svg.line((gx, cy), (gx + glyph_w, cy), c, *wd, *d),
                Glyph::Dot(c) => svg.circle((gx + glyph_w / 2.0, cy), 4.2, c, 0.9, None),
            }
            svg.text(label, gx + glyph_w + 6.0 * u, cy + leg * 0.35, leg, false, INK, "start");
        }
        bottom -= row_h;
    }
    bottom -= 4.0 * u;

    let xlab = opts.xlab.clone().unwrap_or_else(|| words.xlab().into());
    let ylab = opts.ylab.clone().unwrap_or_else(|| words.ylab().into());
    let mut left = pad;
    // y label, rotated.
    {
        let cx = left + fs * 0.75;
        let cy = f64::midpoint(top, bottom - small * 1.7 - fs * 1.4);
        let ylab = fit(&ylab, bottom - small * 1.7 - fs * 1.4 - top, fs);
        let _ = writeln!(
            svg.out,
            "<text x=\"{cx:.2}\" y=\"{cy:.2}\" font-size=\"{fs:.2}\" fill=\"{INK}\" text-anchor=\"middle\" transform=\"rotate(-90 {cx:.2} {cy:.2})\">{}</text>",
            esc(&ylab)
        );
        left += fs * 1.5;
    }
    let xlab_y = bottom;
    bottom -= fs * 1.4;

    // y scale and the tick labels' width.
    let percent = f.spec.data_type == DataType::Proportion && (f.spec.multiplier - 100.0).abs() < 1e-12;
    let xtick_h = small * 1.7;
    let plot_h_guess = (bottom - xtick_h - top).max(10.0);
    let ys = y_scale((yrange_lo, yrange_hi), lang, percent, (plot_h_guess / (fs * 3.2)).clamp(3.0, 9.0));
    let ylab_w = ys.ticks.iter().map(|t| tw(&ys.fmt.fmt(*t), small, false)).fold(0.0, f64::max);
    let tval = f.target_value();
    let target_label = format!("{}: {}", words.target(not_pooled), ys.value_fmt.fmt(tval));
    let right_w = tw(&target_label, small, false);
    let px0 = left + ylab_w + 8.0 * u;
    let px1 = w - pad - right_w - 8.0 * u;
    let py0 = top;
    let py1 = bottom - xtick_h;
    if px1 - px0 < 50.0 || py1 - py0 < 50.0 {
        return Err(RenderError::InvalidOption(format!(
            "image size {w}x{h} is too small for the funnel plot with its texts"
        )));
    }
    let fy = |v: f64| py1 - (v - ys.lo) / (ys.hi - ys.lo) * (py1 - py0);

    // x axis.
    let dens: Vec<f64> =
        f.rows.iter().filter(|r| r.plotted()).filter_map(|r| r.denominator).filter(|d| *d > 0.0).collect();
    let (dmin, dmax) = dens.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), &d| (a.min(d), b.max(d)));
    if !dmin.is_finite() {
        return Err(RenderError::Empty);
    }
    let log = dmax / dmin > 50.0;
    let xa = if log {
        XAxis { log, lo: dmin / 1.25, hi: dmax * 1.25, px0, px1 }
    } else {
        XAxis { log, lo: 0.0, hi: dmax * 1.05, px0, px1 }
    };

    // Grid and ticks.
    for t in &ys.ticks {
        let y = fy(*t);
        svg.line((px0, y), (px1, y), GRID, 1.0, None);
        svg.text(&ys.fmt.fmt(*t), px0 - 6.0 * u, y + small * 0.35, small, false, SUBTLE, "end");
    }
    for t in xa.ticks() {
        let x = xa.map(t);
        svg.line((x, py0), (x, py1), GRID, 1.0, None);
        svg.line((x, py1), (x, py1 + 4.0 * u), SUBTLE, 1.0, None);
        svg.text(&tick_label(t, lang), x, py1 + small * 1.3, small, false, SUBTLE, "middle");
    }
    svg.line((px0, py1), (px1, py1), SUBTLE, 1.0, None);
    svg.line((px0, py0), (px0, py1), SUBTLE, 1.0, None);
    let xlab_text = if log {
        if words.nb() {
            format!("{xlab} (logaritmisk skala)")
        } else {
            format!("{xlab} (log scale)")
        }
    } else {
        xlab
    };
    svg.text(&xlab_text, f64::midpoint(px0, px1), xlab_y - fs * 0.3, fs, false, INK, "middle");

    // Curves and target, clipped to the plot area.
    let _ = writeln!(
        svg.out,
        "<defs><clipPath id=\"funnel-plot\"><rect x=\"{px0:.2}\" y=\"{py0:.2}\" width=\"{:.2}\" height=\"{:.2}\"/></clipPath></defs>",
        px1 - px0,
        py1 - py0
    );
    let _ = writeln!(svg.out, "<g clip-path=\"url(#funnel-plot)\">");
    if tval.is_finite() {
        svg.line((px0, fy(tval)), (px1, fy(tval)), TARGET, 1.6, None);
    }
    let clamp_y = |v: f64| v.clamp(ys.lo - (ys.hi - ys.lo), ys.hi + (ys.hi - ys.lo));
    for (k, c) in f.curves.iter().enumerate() {
        let dash = dash_of(k);
        for side in [false, true] {
            let mut seg: Vec<(f64, f64)> = Vec::new();
            for p in &c.points {
                let v = if side { p.upper } else { p.lower };
                if v.is_finite() && p.denominator > 0.0 {
                    seg.push((xa.map(p.denominator), fy(clamp_y(v))));
                } else {
                    svg.polyline(&seg, LIMIT, 1.3, dash);
                    seg.clear();
                }
            }
            svg.polyline(&seg, LIMIT, 1.3, dash);
        }
    }
    let _ = writeln!(svg.out, "</g>");
    if tval.is_finite() && tval >= ys.lo && tval <= ys.hi {
        svg.text(&target_label, px1 + 6.0 * u, fy(tval) + small * 0.35, small, false, TARGET, "start");
    }

    // Points: inside first, then alerts, then alarms on top.
    for want in [Flag::None, Flag::Alert, Flag::Alarm] {
        for r in f.rows.iter().filter(|r| r.flag == Some(want)) {
            let (Some(v), Some(d)) = (r.value, r.denominator) else { continue };
            if !(v.is_finite() && d > 0.0) {
                continue;
            }
            let (c, op) = match want {
                Flag::None => (POINT, 0.7),
                Flag::Alert => (ALERT, 0.9),
                Flag::Alarm => (ALARM, 0.9),
            };
            svg.circle((xa.map(d), fy(v)), 4.0, c, op, None);
        }
    }
    // The highlighted unit: a bigger ringed dot and its name.
    if let Some(r) = hl_row {
        if let (Some(v), Some(d), true) = (r.value, r.denominator, r.plotted()) {
            let (x, y) = (xa.map(d), fy(v));
            let c = match r.flag {
                Some(Flag::Alarm) => ALARM,
                Some(Flag::Alert) => ALERT,
                _ => POINT,
            };
            svg.circle((x, y), 6.5, c, 1.0, Some((HIGHLIGHT, 2.2)));
            let name = if r.name.is_empty() { r.code.clone() } else { r.name.clone() };
            let label = format!("{name}: {}", ys.value_fmt.fmt(v));
            let lw = tw(&label, fs, true);
            let (lx, anchor) = if x + 10.0 * u + lw <= px1 { (x + 10.0 * u, "start") } else { (x - 10.0 * u, "end") };
            let ly = if y - 10.0 * u - fs > py0 { y - 10.0 * u } else { y + 10.0 * u + fs * 0.8 };
            svg.halo_text(&label, lx, ly, fs, true, HIGHLIGHT, anchor);
        }
    }
    let _ = writeln!(svg.out, "</svg>");
    Ok(svg.out)
}

/// The funnel plot as the bytes of a PNG file (the SVG rasterised with the bundled font).
pub fn render_funnel_png(f: &Funnel, opts: &RenderOptions, highlight: Option<&str>) -> Result<Vec<u8>, RenderError> {
    output::png(&render_funnel_svg(f, opts, highlight)?, opts.size(), output::dpi(opts.poster.is_some()))
}

/// The funnel plot as the bytes of a PDF file (vector graphics, the bundled font embedded).
pub fn render_funnel_pdf(f: &Funnel, opts: &RenderOptions, highlight: Option<&str>) -> Result<Vec<u8>, RenderError> {
    output::pdf(&render_funnel_svg(f, opts, highlight)?, output::dpi(opts.poster.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use spc_core::funnel::{funnel, FunnelSpec, Unit};

    #[test]
    fn log_ticks_are_1_2_5_or_1_3_or_decades() {
        let ax = |lo: f64, hi: f64| XAxis { log: true, lo, hi, px0: 0.0, px1: 100.0 };
        assert_eq!(ax(15.0, 600.0).ticks(), vec![20.0, 50.0, 100.0, 200.0, 500.0]);
        assert_eq!(ax(150.0, 900_000.0).ticks(), vec![300.0, 1000.0, 3000.0, 10_000.0, 30_000.0, 100_000.0, 300_000.0]);
        assert_eq!(ax(0.5, 2e7).ticks(), vec![1.0, 10.0, 100.0, 1000.0, 10_000.0, 100_000.0, 1e6, 1e7]);
        let a = ax(10.0, 1000.0);
        assert!((a.map(100.0) - 50.0).abs() < 1e-9, "log scale: 100 halfway between 10 and 1000");
    }

    #[test]
    fn text_is_escaped_and_long_labels_cut() {
        assert_eq!(esc("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        let long = "DERIVED ratio: Energikostnader til kommunale idrettsbygg konsern / Samlet areal";
        let cut = fit(long, 200.0, 16.0);
        assert!(cut.ends_with('…') && super::super::text_width(&cut, 16.0, false) <= 200.0, "{cut}");
        assert_eq!(fit("kort", 200.0, 16.0), "kort");
    }

    #[test]
    fn y_range_follows_the_points_not_the_wide_limits() {
        // Limits at n = 5 reach far beyond the values; the range stays near the points.
        let units = vec![
            Unit::new("a", "", Some(1.0), Some(5.0)),
            Unit::new("b", "", Some(100.0), Some(1000.0)),
            Unit::new("c", "", Some(1200.0), Some(10_000.0)),
        ];
        let f = funnel(&units, &FunnelSpec { data_type: DataType::Rate, ..FunnelSpec::default() }).unwrap();
        let (lo, hi) = y_range(&f).unwrap();
        // values 0.1, 0.2, 0.12; spread 0.1 → at most 0.05 beyond them, never below 0.
        assert!(lo >= 0.05 - 1e-12 && hi <= 0.25 + 1e-12, "{lo} {hi}");
    }

    #[test]
    fn highlighted_unit_not_plotted_is_said_under_the_plot() {
        let units = vec![
            Unit::new("0301", "Oslo", Some(3.0), Some(30.0)),
            Unit::new("4601", "Bergen", Some(2.0), Some(40.0)),
            Unit::new("5001", "Trondheim", Some(2.0), Some(0.0)),
        ];
        let f = funnel(&units, &FunnelSpec::default()).unwrap();
        let opts = RenderOptions { lang: Lang::Nb, ..RenderOptions::default() };
        let svg = render_funnel_svg(&f, &opts, Some("5001")).unwrap();
        assert!(svg.contains("Trondheim er ikke vist: nevner 0."), "{svg}");
        assert!(svg.contains("1 av 3 enheter er ikke vist (1 nevner 0)."));
        let svg = render_funnel_svg(&f, &RenderOptions::default(), Some("0301")).unwrap();
        assert!(svg.contains("Oslo: 0.10"), "label with the value");
    }
}
