//! A readable text summary of a chart, in English or Norwegian bokmål.

use std::fmt::Write as _;

use crate::input::XColumn;
use crate::kind::{ChartKind, RunsMethod};
use crate::result::Chart;
use crate::verdict::Lang;

fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        return "-".into();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        format!("{v:.4e}")
    } else {
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".into()
        } else {
            s.to_string()
        }
    }
}

/// A number as `fmt_num` writes it, with a decimal comma in Norwegian.
fn num(v: f64, nb: bool) -> String {
    let s = fmt_num(v);
    if nb {
        s.replace('.', ",")
    } else {
        s
    }
}

fn range(r: (f64, f64), nb: bool) -> String {
    if r.0.is_nan() {
        "-".into()
    } else if (r.0 - r.1).abs() <= 1e-12 * r.0.abs().max(1.0) {
        num(r.0, nb)
    } else if nb {
        format!("{} til {}", num(r.0, nb), num(r.1, nb))
    } else {
        format!("{} to {}", num(r.0, nb), num(r.1, nb))
    }
}

/// The x of point `i` as the summary writes it (numbers with a decimal comma in Norwegian).
fn x_at(x: &XColumn, i: usize, nb: bool) -> String {
    match x {
        XColumn::Number(_) if nb => x.format(i).replace('.', ","),
        _ => x.format(i),
    }
}

/// "1 punkt" / "2 punkter".
fn punkter(n: impl Into<u64>) -> String {
    let n = n.into();
    if n == 1 {
        "1 punkt".into()
    } else {
        format!("{n} punkter")
    }
}

/// A facet's name as the texts and pictures show it: rows without a facet value form a facet
/// of their own, shown as "(blank)" ("(tom)" in Norwegian).
pub fn facet_label(facet: &str, lang: Lang) -> &str {
    match (facet, lang) {
        ("", Lang::Nb) => "(tom)",
        ("", Lang::En) => "(blank)",
        (f, _) => f,
    }
}

/// The summary in words: per facet and part the centre line, the limits, the runs analysis and
/// the signals, and a last line that says whether there is a signal (English).
pub fn summary_text(chart: &Chart) -> String {
    summary_text_lang(chart, Lang::En)
}

/// [`summary_text`] in the language `lang`: English, or Norwegian bokmål (senterlinje,
/// kontrollgrenser, Anhøj-analysen, numbers with a decimal comma).
#[allow(clippy::too_many_lines)] // one sentence after the other, in two languages
pub fn summary_text_lang(chart: &Chart, lang: Lang) -> String {
    let nb = lang == Lang::Nb;
    let mut s = String::new();
    let kind = chart.kind();
    let multiply = if chart.spec.multiply == 1.0 {
        String::new()
    } else if nb {
        format!(" (verdiene ganget med {})", num(chart.spec.multiply, nb))
    } else {
        format!(" (values x {})", chart.spec.multiply)
    };
    if nb {
        let _ = writeln!(s, "{}, {}{multiply}", kind.title(Lang::Nb), punkter(chart.len() as u64));
    } else {
        let _ = writeln!(s, "{} chart, {} points{multiply}", kind.name().to_uppercase(), chart.len());
    }
    for p in &chart.summary {
        let part = if nb { "del" } else { "part" };
        let head = match p.facet.as_deref() {
            Some(f) => format!("{}, {part} {}", facet_label(f, lang), p.part),
            None => format!("{part} {}", p.part),
        };
        let (first, last) = (x_at(&chart.x, p.start, nb), x_at(&chart.x, p.end - 1, nb));
        if nb {
            let _ = writeln!(
                s,
                "\n{head}: {first} til {last} ({}, {} i grunnlaget)",
                punkter((p.end - p.start) as u64),
                p.n_baseline
            );
        } else {
            let _ = writeln!(
                s,
                "\n{head}: {first} to {last} ({} points, {} in the baseline)",
                p.end - p.start,
                p.n_baseline
            );
        }
        let median = kind == ChartKind::Run || kind == ChartKind::G && chart.spec.cl.is_none();
        let cl_name = match (median, nb) {
            (true, _) => "median",
            (false, true) => "senterlinje",
            (false, false) => "centre line",
        };
        let _ = writeln!(s, "  {cl_name}: {}", num(p.cl, nb));
        if kind.has_limits() {
            let (lcl, ucl) = (range(p.lcl, nb), range(p.ucl, nb));
            if nb {
                let _ = writeln!(s, "  kontrollgrenser: {lcl} (nedre), {ucl} (øvre)");
                let _ = writeln!(s, "  punkter utenfor kontrollgrensene: {}", p.n_sigma_signals);
            } else {
                let _ = writeln!(s, "  limits: {lcl} (lower), {ucl} (upper)");
                let _ = writeln!(s, "  points outside the limits: {}", p.n_sigma_signals);
            }
        }
        if chart.categorical {
            let _ = writeln!(
                s,
                "  {}",
                if nb {
                    "serieanalyse: ikke gjort (x er kategorisk)"
                } else {
                    "runs analysis: not done (x is categorical)"
                }
            );
        } else if let (Some(l), Some(lm), Some(c), Some(cm)) =
            (p.longest_run, p.longest_run_max, p.n_crossings, p.n_crossings_min)
        {
            let tail = match (kind == ChartKind::Mr, p.runs_signal, nb) {
                (true, _, true) => "; brukes ikke i MR-diagram",
                (true, _, false) => "; not used for MR charts",
                (false, true, _) => " -> signal",
                (false, false, _) => "",
            };
            if nb {
                let method = match chart.spec.method {
                    RunsMethod::Anhoej => "Anhøj".to_string(),
                    m => m.to_string(),
                };
                let _ = writeln!(
                    s,
                    "  serieanalyse ({method}): {} nyttige punkter, lengste serie {l} (maks {lm}), kryssinger {c} (min {cm}){tail}",
                    p.n_useful
                );
            } else {
                let _ = writeln!(
                    s,
                    "  runs analysis ({}): {} useful points, longest run {l} (max {lm}), crossings {c} (min {cm}){tail}",
                    chart.spec.method, p.n_useful
                );
            }
        } else {
            let _ = writeln!(
                s,
                "  {}",
                if nb { "serieanalyse: ingen nyttige punkter" } else { "runs analysis: no useful points" }
            );
        }
    }
    let _ = writeln!(s);
    let part = if nb { "del" } else { "part" };
    let runs: Vec<String> = chart
        .summary
        .iter()
        .filter(|p| p.runs_signal)
        .map(|p| {
            p.facet
                .as_deref()
                .map_or(format!("{part} {}", p.part), |f| format!("{} {part} {}", facet_label(f, lang), p.part))
        })
        .collect();
    let outside: u32 = chart.summary.iter().map(|p| p.n_sigma_signals).sum();
    if chart.summary.is_empty() {
        let _ = writeln!(s, "{}", if nb { "Ingen punkter å vurdere." } else { "No points to judge." });
    } else if runs.is_empty() && outside == 0 {
        let _ = writeln!(
            s,
            "{}",
            if nb {
                "Ingen signal: variasjonen ser tilfeldig ut (bare tilfeldig variasjon, ingen spesielle årsaker)."
            } else {
                "No signal: the variation looks random (common cause only)."
            }
        );
    } else if nb {
        // The count first, so that "del 1 og 2 punkter" cannot be read as parts 1 and 2.
        let mut why = Vec::new();
        if outside > 0 {
            why.push(format!("{} utenfor kontrollgrensene", punkter(outside)));
        }
        if !runs.is_empty() {
            why.push(format!("ikke-tilfeldige serier i {}", runs.join(", ")));
        }
        let _ = writeln!(
            s,
            "Signal: {} – prosessen har endret seg eller er ikke stabil (ikke-tilfeldig variasjon).",
            why.join(" og ")
        );
    } else {
        let mut why = Vec::new();
        if !runs.is_empty() {
            why.push(format!("non-random runs in {}", runs.join(", ")));
        }
        if outside > 0 {
            why.push(format!("{outside} point(s) outside the control limits"));
        }
        let _ = writeln!(
            s,
            "Signal: {} - the process has changed or is not stable (special cause variation).",
            why.join(" and ")
        );
    }
    s
}
