//! A readable text summary of a chart.

use std::fmt::Write as _;

use crate::result::Chart;

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

fn range(r: (f64, f64)) -> String {
    if r.0.is_nan() {
        "-".into()
    } else if (r.0 - r.1).abs() <= 1e-12 * r.0.abs().max(1.0) {
        fmt_num(r.0)
    } else {
        format!("{} to {}", fmt_num(r.0), fmt_num(r.1))
    }
}

/// The summary in words: per facet and part the centre line, the limits, the runs analysis and
/// the signals, and a last line that says whether there is a signal.
pub fn summary_text(chart: &Chart) -> String {
    let mut s = String::new();
    let kind = chart.kind();
    let _ = writeln!(
        s,
        "{} chart, {} points{}",
        kind.name().to_uppercase(),
        chart.len(),
        if chart.spec.multiply == 1.0 { String::new() } else { format!(" (values x {})", chart.spec.multiply) }
    );
    for p in &chart.summary {
        let head = match &p.facet {
            Some(f) => format!("{f}, part {}", p.part),
            None => format!("part {}", p.part),
        };
        let _ = writeln!(
            s,
            "\n{head}: {} to {} ({} points, {} in the baseline)",
            chart.x.format(p.start),
            chart.x.format(p.end - 1),
            p.end - p.start,
            p.n_baseline
        );
        let cl_name = if kind == crate::ChartKind::Run || kind == crate::ChartKind::G && chart.spec.cl.is_none() {
            "median"
        } else {
            "centre line"
        };
        let _ = writeln!(s, "  {cl_name}: {}", fmt_num(p.cl));
        if kind.has_limits() {
            let _ = writeln!(s, "  limits: {} (lower), {} (upper)", range(p.lcl), range(p.ucl));
            let _ = writeln!(s, "  points outside the limits: {}", p.n_sigma_signals);
        }
        if chart.categorical {
            let _ = writeln!(s, "  runs analysis: not done (x is categorical)");
        } else if let (Some(l), Some(lm), Some(c), Some(cm)) =
            (p.longest_run, p.longest_run_max, p.n_crossings, p.n_crossings_min)
        {
            let _ = writeln!(
                s,
                "  runs analysis ({}): {} useful points, longest run {l} (max {lm}), crossings {c} (min {cm}){}",
                chart.spec.method,
                p.n_useful,
                if kind == crate::ChartKind::Mr {
                    "; not used for MR charts"
                } else if p.runs_signal {
                    " -> signal"
                } else {
                    ""
                }
            );
        } else {
            let _ = writeln!(s, "  runs analysis: no useful points");
        }
    }
    let _ = writeln!(s);
    let runs: Vec<String> = chart
        .summary
        .iter()
        .filter(|p| p.runs_signal)
        .map(|p| p.facet.clone().map_or(format!("part {}", p.part), |f| format!("{f} part {}", p.part)))
        .collect();
    let outside: u32 = chart.summary.iter().map(|p| p.n_sigma_signals).sum();
    if runs.is_empty() && outside == 0 {
        let _ = writeln!(s, "No signal: the variation looks random (common cause only).");
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
