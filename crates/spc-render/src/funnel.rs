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

use spc_core::funnel::{DataType, Flag, Funnel, Overdispersion, UnitStatus};
use spc_core::Lang;

use super::canvas::frame::{self, Frame, Glyph};
use super::canvas::palette::{Rgb, ALERT, CL, DATA, INK, LIMIT, SIGNAL, WHITE};
use super::canvas::plot::{edge_width, EdgeLabel, Plot};
use super::canvas::scale::{decimals_for, format_number, log_ticks, number_ticks, y_scale};
use super::canvas::{font, output, Area, Canvas, Group, Stroke, TextStyle, H, V};
use super::text::LangText as _;
use super::{RenderError, RenderOptions};

/// Fixed texts.
struct Words {
    lang: Lang,
}

impl Words {
    fn nb(&self) -> bool {
        self.lang == Lang::Nb
    }
    fn level(&self, l: f64) -> String {
        let s = format_number(l, decimals_for(l).min(3), self.lang);
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
        let phi_s = format_number(phi, 2, lang);
        let tau_d = if tau2 > 0.0 { (2.0 - tau2.log10().floor()).clamp(0.0, 8.0) as usize } else { 0 };
        let tau_s = format_number(tau2, tau_d, lang);
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
    let u = frame::unit(f64::from(w), f64::from(h), opts.poster.is_some(), opts.scale);
    // Curves: coordinates to a tenth of a pixel, so they are drawn smooth.
    let mut c = Canvas::new(w, h, u).precision(1);
    draw(&mut c, f, opts, highlight)?;
    Ok(c.to_svg())
}

/// The notes under the plot: the over-dispersion, the units not plotted and why, the
/// highlighted unit when it is not plotted, the caption.
fn notes(f: &Funnel, words: &Words, highlight: Option<&str>, caption: Option<&str>) -> Vec<String> {
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
    if let Some(c) = caption {
        notes.push(c.to_string());
    }
    notes
}

/// The limits of level `k` of `n`: the highest level solid, lower ones dashed; a little
/// wider than a control chart's, as they are the funnel's curves to read.
fn limit_stroke(k: usize, n: usize) -> Stroke {
    if k + 1 == n {
        Stroke::solid(LIMIT, 1.6)
    } else if k % 2 == 0 {
        Stroke::dashed(LIMIT, 1.6, 7.0, 5.0)
    } else {
        Stroke::dashed(LIMIT, 1.6, 2.0, 4.0)
    }
}

/// The colour of a unit's point by its flag.
fn flag_color(flag: Option<Flag>) -> Rgb {
    match flag {
        Some(Flag::Alarm) => SIGNAL,
        Some(Flag::Alert) => ALERT,
        _ => DATA,
    }
}

#[allow(clippy::too_many_lines)]
fn draw(c: &mut Canvas, f: &Funnel, opts: &RenderOptions, highlight: Option<&str>) -> Result<(), RenderError> {
    let lang = opts.lang;
    let words = Words { lang };
    let u = c.u;
    let (yrange_lo, yrange_hi) = y_range(f).ok_or(RenderError::Empty)?;
    let dens: Vec<f64> =
        f.rows.iter().filter(|r| r.plotted()).filter_map(|r| r.denominator).filter(|d| *d > 0.0).collect();
    let (dmin, dmax) = dens.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), &d| (a.min(d), b.max(d)));
    if !dmin.is_finite() {
        return Err(RenderError::Empty);
    }
    // x: the denominator, on a log scale when it spans more than a factor of 50.
    let log = dmax / dmin > 50.0;
    let x = if log { (dmin / 1.25, dmax * 1.25) } else { (0.0, dmax * 1.05) };

    c.fill(WHITE);
    let mut fr = Frame::new(c);
    let small = fr.small();
    fr.header(c, opts.title.as_deref(), opts.subtitle.as_deref(), opts.verdict.as_deref());
    let notes = notes(f, &words, highlight, opts.caption.as_deref());
    if !notes.is_empty() {
        fr.caption(c, &notes.join("\n"));
    }

    // Legend: target, the level lines, the point colours.
    let not_pooled = f.target_given || f.spec.data_type == DataType::Ratio;
    let levels = &f.spec.levels;
    let top_level = levels.last().copied().unwrap_or(99.8);
    let low_level = levels.first().copied().unwrap_or(95.0);
    let mut items: Vec<(Glyph, String)> = vec![(Glyph::Line(Stroke::solid(CL, 1.6)), words.target(not_pooled).into())];
    for (k, &l) in levels.iter().enumerate() {
        items.push((Glyph::Line(limit_stroke(k, levels.len())), words.limits(l)));
    }
    items.push((Glyph::Dot(DATA), words.inside().into()));
    if levels.len() > 1 {
        items.push((Glyph::Dot(ALERT), words.outside(low_level)));
    }
    items.push((Glyph::Dot(SIGNAL), words.outside(top_level)));
    fr.legend(c, &items);

    let xlab = opts.xlab.clone().unwrap_or_else(|| words.xlab().into());
    let xlab = match (log, words.nb()) {
        (false, _) => xlab,
        (true, true) => format!("{xlab} (logaritmisk skala)"),
        (true, false) => format!("{xlab} (log scale)"),
    };
    let ylab = opts.ylab.clone().unwrap_or_else(|| words.ylab().into());
    fr.axis_titles(c, Some(&xlab), Some(&ylab));

    // y scale, the tick labels at the left and the target's label at the right.
    let percent = f.spec.data_type == DataType::Proportion && (f.spec.multiplier - 100.0).abs() < 1e-12;
    let xtick_h = small * 1.7;
    let plot_h_guess = (fr.room.bottom - xtick_h - fr.room.top).max(10.0);
    let ys = y_scale((yrange_lo, yrange_hi), lang, percent, (plot_h_guess / (fr.fs * 3.2)).clamp(3.0, 9.0));
    let tval = f.target_value();
    let edge: Vec<EdgeLabel> = if tval.is_finite() {
        let text = format!("{}: {}", words.target(not_pooled), ys.value_fmt.fmt(tval));
        vec![EdgeLabel { value: tval, text, color: CL }]
    } else {
        Vec::new()
    };
    let area = Area {
        left: fr.room.left + ys.label_width(small) + 8.0 * u,
        top: fr.room.top,
        right: fr.room.right - edge_width(&edge, small) - 10.0 * u,
        bottom: fr.room.bottom - xtick_h,
    };
    let plot = Plot { area, x, xlog: log, y: (ys.lo, ys.hi) };
    let Area { left: px0, top: py0, right: px1, bottom: py1 } = area;
    if px1 - px0 < 50.0 || py1 - py0 < 50.0 {
        return Err(RenderError::InvalidOption(format!(
            "image size {}x{} is too small for the funnel plot with its texts",
            c.w, c.h
        )));
    }
    plot.y_axis(c, &ys, small);
    let xticks =
        if log { log_ticks(x.0, x.1, lang) } else { number_ticks(x, px1 - px0, false, lang, (small, 14.0 * u)) };
    plot.x_axis(c, &xticks, small, true);

    // Target and limit curves, clipped to the plot area.
    let clamp_y = |v: f64| v.clamp(ys.lo - (ys.hi - ys.lo), ys.hi + (ys.hi - ys.lo));
    c.group(Group { clip: Some(area), ..Group::default() }, |c| {
        if tval.is_finite() {
            c.line(&[(px0, plot.fy(tval)), (px1, plot.fy(tval))], Stroke::solid(CL, 1.6));
        }
        for (k, curve) in f.curves.iter().enumerate() {
            let stroke = limit_stroke(k, levels.len());
            for upper in [false, true] {
                let mut seg: Vec<(f64, f64)> = Vec::new();
                for p in &curve.points {
                    let v = if upper { p.upper } else { p.lower };
                    if v.is_finite() && p.denominator > 0.0 {
                        seg.push((plot.fx(p.denominator), plot.fy(clamp_y(v))));
                    } else {
                        c.line(&seg, stroke);
                        seg.clear();
                    }
                }
                c.line(&seg, stroke);
            }
        }
    });
    plot.edge_labels(c, &edge, small);

    // Points: inside first, then alerts, then alarms on top.
    for want in [Flag::None, Flag::Alert, Flag::Alarm] {
        for r in f.rows.iter().filter(|r| r.flag == Some(want)) {
            let (Some(v), Some(d)) = (r.value, r.denominator) else { continue };
            if v.is_finite() && d > 0.0 {
                let opacity = if want == Flag::None { 0.7 } else { 0.9 };
                c.marker((plot.fx(d), plot.fy(v)), 4.0, flag_color(r.flag), opacity, Group::default());
            }
        }
    }
    // The highlighted unit: a bigger ringed dot and its name.
    let hl_row = highlight.and_then(|code| f.rows.iter().find(|r| r.code == code));
    if let Some(r) = hl_row {
        if let (Some(v), Some(d), true) = (r.value, r.denominator, r.plotted()) {
            let (x, y) = (plot.fx(d), plot.fy(v));
            c.dot((x, y), 6.5, flag_color(r.flag), None);
            c.ring((x, y), 6.5, INK, 2.2);
            let name = if r.name.is_empty() { r.code.clone() } else { r.name.clone() };
            let label = format!("{name}: {}", ys.value_fmt.fmt(v));
            let fs = fr.fs;
            let lw = font::width(&label, fs, true);
            let (lx, h) = if x + 10.0 * u + lw <= px1 { (x + 10.0 * u, H::Left) } else { (x - 10.0 * u, H::Right) };
            let (ly, v) = if y - 10.0 * u - fs > py0 { (y - 10.0 * u, V::Bottom) } else { (y + 10.0 * u, V::Top) };
            c.text(&label, (lx, ly), TextStyle::new(fs, INK).bold(true).at(h, v).halo());
        }
    }
    Ok(())
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

    /// Units from (code, name, numerator, denominator).
    fn units(rows: &[(&str, &str, f64, f64)]) -> Vec<Unit> {
        rows.iter().map(|&(code, name, y, n)| Unit::new(code, name, Some(y), Some(n))).collect()
    }

    #[test]
    fn y_range_follows_the_points_not_the_wide_limits() {
        // Limits at n = 5 reach far beyond the values; the range stays near the points.
        let units = units(&[("a", "", 1.0, 5.0), ("b", "", 100.0, 1000.0), ("c", "", 1200.0, 10_000.0)]);
        let f = funnel(&units, &FunnelSpec { data_type: DataType::Rate, ..FunnelSpec::default() }).unwrap();
        let (lo, hi) = y_range(&f).unwrap();
        // values 0.1, 0.2, 0.12; spread 0.1 → at most 0.05 beyond them, never below 0.
        assert!(lo >= 0.05 - 1e-12 && hi <= 0.25 + 1e-12, "{lo} {hi}");
    }

    #[test]
    fn highlighted_unit_not_plotted_is_said_under_the_plot() {
        let units =
            units(&[("0301", "Oslo", 3.0, 30.0), ("4601", "Bergen", 2.0, 40.0), ("5001", "Trondheim", 2.0, 0.0)]);
        let f = funnel(&units, &FunnelSpec::default()).unwrap();
        let opts = RenderOptions { lang: Lang::Nb, ..RenderOptions::default() };
        let svg = render_funnel_svg(&f, &opts, Some("5001")).unwrap();
        assert!(svg.contains("Trondheim er ikke vist: nevner 0."), "{svg}");
        assert!(svg.contains("1 av 3 enheter er ikke vist (1 nevner 0)."));
        let svg = render_funnel_svg(&f, &RenderOptions::default(), Some("0301")).unwrap();
        assert!(svg.contains("Oslo: 0.10"), "label with the value");
    }
}
