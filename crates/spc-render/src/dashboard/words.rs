//! The words of the dashboard: signals, verdicts, comparisons and the MDC icons, in bokmål and
//! English.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The chart's signals in words, and per point.
pub(super) struct Signals {
    /// One phrase per signal.
    pub(super) phrases: Vec<String>,
    /// Per chart point: the signals it is part of, in words.
    pub(super) per_point: Vec<Vec<String>>,
    /// Per chart point: the direction of a signal it is part of (sigma or long run).
    pub(super) point_dir: Vec<Option<Direction>>,
    /// The direction of the signal the last point with a value is part of.
    last_dir: Option<Direction>,
    /// The runs analysis figures of the last part, for the "no signal" sentence.
    runs: Option<(u32, u32, u32, u32)>,
    /// Whether the chart has control limits.
    pub(super) limits: bool,
}

pub(super) fn describe_signals(
    c: &Chart,
    signals: &[spc_core::rules::Signal],
    point_obs: &[Option<usize>],
    dated: &[(Obs, NaiveDate)],
    lang: Lang,
) -> Signals {
    let nbl = nb(lang);
    let run = c.kind() == ChartKind::Run;
    let centre = match (run, nbl) {
        (true, true) => "medianen",
        (false, true) => "senterlinjen",
        (true, false) => "the median",
        (false, false) => "the centre line",
    };
    let label = |i: usize| {
        point_obs.get(i).copied().flatten().and_then(|j| dated.get(j)).map(|(o, _)| period_label(o.period, lang))
    };
    let mut phrases = Vec::new();
    let mut per_point = vec![Vec::new(); c.len()];
    let mut point_dir = vec![None; c.len()];
    for s in signals {
        let (Some(&a), Some(&b)) = (s.points.first(), s.points.last()) else { continue };
        let span = match (label(a), label(b)) {
            (Some(x), Some(y)) if x != y => format!("{x}–{y}"),
            (Some(x), _) => x,
            _ => String::new(),
        };
        match s.rule.as_str() {
            "anhoej_long_run" => {
                let side = [["over", "under"], ["above", "below"]][usize::from(!nbl)]
                    [usize::from(s.direction != Direction::Up)];
                let n = s.points.len();
                phrases.push(if nbl {
                    format!("{n} punkter på rad {side} {centre} ({span})")
                } else {
                    format!("{n} points in a row {side} {centre} ({span})")
                });
                for &i in &s.points {
                    if let Some(p) = per_point.get_mut(i) {
                        p.push(if nbl {
                            format!("lang serie {side} {centre}")
                        } else {
                            format!("long run {side} {centre}")
                        });
                    }
                    if let Some(d) = point_dir.get_mut(i) {
                        *d = Some(s.direction);
                    }
                }
            }
            "anhoej_few_crossings" => {
                let part = c.summary.get(s.group);
                let (cr, cm) = part.map_or((0, 0), |p| (p.n_crossings.unwrap_or(0), p.n_crossings_min.unwrap_or(0)));
                phrases.push(if nbl {
                    format!("for få kryssinger av {centre} ({cr} < {cm})")
                } else {
                    format!("too few crossings of {centre} ({cr} < {cm})")
                });
            }
            other => {
                phrases.push(other.to_string());
            }
        }
    }
    // Points outside the control limits (not on run charts).
    let limits = !run && c.ucl.iter().any(f64::is_finite);
    if limits {
        let outside: Vec<usize> = (0..c.len()).filter(|&i| c.sigma_signal[i] && !c.y[i].is_nan()).collect();
        if !outside.is_empty() {
            let periods: Vec<Period> = outside
                .iter()
                .filter_map(|&i| point_obs.get(i).copied().flatten().and_then(|j| dated.get(j)).map(|(o, _)| o.period))
                .collect();
            let list = spans(&periods, lang);
            phrases.push(if nbl {
                format!("{} punkt(er) utenfor kontrollgrensene ({})", outside.len(), list.join(", "))
            } else {
                format!("{} point(s) outside the control limits ({})", outside.len(), list.join(", "))
            });
            for &i in &outside {
                let up = c.y[i] > c.cl[i];
                per_point[i].push(match (up, nbl) {
                    (true, true) => "over øvre kontrollgrense".into(),
                    (false, true) => "under nedre kontrollgrense".into(),
                    (true, false) => "above the upper control limit".into(),
                    (false, false) => "below the lower control limit".into(),
                });
                let d = if up { Direction::Up } else { Direction::Down };
                point_dir[i] = Some(d);
            }
        }
    }
    let last_dir = (0..c.len()).rev().find(|&i| !c.y[i].is_nan()).and_then(|i| point_dir[i]);
    let runs =
        c.summary.last().and_then(|p| match (p.longest_run, p.longest_run_max, p.n_crossings, p.n_crossings_min) {
            (Some(a), Some(b), Some(x), Some(y)) => Some((a, b, x, y)),
            _ => None,
        });
    Signals { phrases, per_point, point_dir, last_dir, runs, limits }
}

/// Periods as spans of consecutive periods: `2005–2009`, `2014`, `2016–2019`.
pub(super) fn spans(periods: &[Period], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < periods.len() {
        let mut e = k;
        while e + 1 < periods.len() && periods[e + 1].index() == periods[e].index() + 1 {
            e += 1;
        }
        out.push(if e == k {
            period_label(periods[k], lang)
        } else {
            format!("{}–{}", period_label(periods[k], lang), period_label(periods[e], lang))
        });
        k = e + 1;
    }
    out
}

impl Signals {
    /// The verdict on the whole series in one or two sentences.
    pub(super) fn verdict(&self, improvement: Improvement, lang: Lang) -> String {
        let nbl = nb(lang);
        if self.phrases.is_empty() {
            let runs = self.runs.map(|(l, lm, cr, cm)| {
                if nbl {
                    format!("Anhøj: lengste serie {l} ≤ {lm}, {cr} kryssinger ≥ {cm}")
                } else {
                    format!("Anhøj: longest run {l} ≤ {lm}, {cr} crossings ≥ {cm}")
                }
            });
            let lim = match (self.limits, nbl) {
                (true, true) => Some("ingen punkter utenfor kontrollgrensene".to_string()),
                (true, false) => Some("no point outside the control limits".to_string()),
                _ => None,
            };
            let evidence: Vec<String> = runs.into_iter().chain(lim).collect();
            return if nbl {
                format!("Bare tilfeldig variasjon: prosessen er stabil ({}).", evidence.join("; "))
            } else {
                format!("Only common-cause variation: the process is stable ({}).", evidence.join("; "))
            };
        }
        let head = if nbl { "Ikke-tilfeldig variasjon (se signal)." } else { "Special-cause variation (see signal)." };
        let tail = match (self.last_dir, improvement, nbl) {
            (Some(Direction::Up), Improvement::Increase, true)
            | (Some(Direction::Down), Improvement::Decrease, true) => {
                "Den siste verdien er del av et signal som tyder på en forbedring."
            }
            (Some(Direction::Up), Improvement::Decrease, true)
            | (Some(Direction::Down), Improvement::Increase, true) => {
                "Den siste verdien er del av et signal som tyder på en forverring."
            }
            (Some(Direction::Up), Improvement::Increase, false)
            | (Some(Direction::Down), Improvement::Decrease, false) => {
                "The latest value is part of a signal that suggests an improvement."
            }
            (Some(Direction::Up), Improvement::Decrease, false)
            | (Some(Direction::Down), Improvement::Increase, false) => {
                "The latest value is part of a signal that suggests a deterioration."
            }
            (Some(Direction::Up), _, true) => {
                "Den siste verdien er del av et signal oppover (forbedringsretningen er ikke angitt)."
            }
            (Some(Direction::Down), _, true) => {
                "Den siste verdien er del av et signal nedover (forbedringsretningen er ikke angitt)."
            }
            (Some(Direction::Up), _, false) => {
                "The latest value is part of an upward signal (the improvement direction is not given)."
            }
            (Some(Direction::Down), _, false) => {
                "The latest value is part of a downward signal (the improvement direction is not given)."
            }
            (_, _, true) => "Den siste verdien er ikke del av et signal med retning.",
            (_, _, false) => "The latest value is not part of a signal with a direction.",
        };
        format!("{head} {tail}")
    }
}

pub(super) fn comparison_sentence(
    period: Period,
    v: f64,
    decimals: usize,
    group: &Bench,
    country: &Bench,
    lang: Lang,
) -> String {
    let nbl = nb(lang);
    let rel = |b: &Bench| -> Option<String> {
        let o = b.value?;
        let tol = 0.5 * 10f64.powi(-(decimals as i32));
        let word = if (v - o).abs() < tol {
            if nbl {
                "på nivå med"
            } else {
                "level with"
            }
        } else if v > o {
            if nbl {
                "over"
            } else {
                "above"
            }
        } else if nbl {
            "under"
        } else {
            "below"
        };
        Some(format!("{word} {} ({})", b.label, b.text))
    };
    let country = Bench { label: if nbl { "landet".into() } else { "the country".into() }, ..country.clone() };
    let parts: Vec<String> = [rel(group), rel(&country)].into_iter().flatten().collect();
    let p = period_label(period, lang);
    let val = num(v, decimals, lang);
    match (parts.is_empty(), nbl) {
        (true, true) => format!("Siste verdi ({p}) er {val}."),
        (true, false) => format!("The latest value ({p}) is {val}."),
        (false, true) => format!("Siste verdi ({p}) er {val}, {}.", parts.join(" og ")),
        (false, false) => format!("The latest value ({p}) is {val}, {}.", parts.join(" and ")),
    }
}

pub(super) fn assurance_sentence(a: &str, target: &str, lang: Lang) -> String {
    match (a, nb(lang)) {
        ("pass", true) => format!("Prosessen når målet ({target}) konsekvent."),
        ("fail", true) => format!("Prosessen når ikke målet ({target}) uten en endring."),
        (_, true) => format!("Prosessen når målet ({target}) bare av og til."),
        ("pass", false) => format!("The process consistently meets the target ({target})."),
        ("fail", false) => format!("The process will not meet the target ({target}) without a change."),
        (_, false) => format!("The process meets the target ({target}) only some of the time."),
    }
}

pub(super) fn direction_text(i: Improvement, lang: Lang) -> &'static str {
    match (i, nb(lang)) {
        (Improvement::Increase, true) => "høyere verdi",
        (Improvement::Decrease, true) => "lavere verdi",
        (Improvement::Neutral, true) => "ikke angitt",
        (Improvement::Increase, false) => "higher",
        (Improvement::Decrease, false) => "lower",
        (Improvement::Neutral, false) => "not given",
    }
}

/// The variation icon of an MDC icon name (`None`: too few values).
pub(super) fn variation_icon(v: Option<&str>, lang: Lang) -> Icon {
    let nbl = nb(lang);
    let (cls, letter, trend, nbt, ent) = match v {
        Some("common_cause") => ("common", "", "flat", "Tilfeldig variasjon", "Common cause variation"),
        Some("improvement_high") => {
            ("improve", "H", "up", "Spesiell variasjon: forbedring (høy)", "Special cause: improvement (high)")
        }
        Some("improvement_low") => {
            ("improve", "L", "down", "Spesiell variasjon: forbedring (lav)", "Special cause: improvement (low)")
        }
        Some("concern_high") => {
            ("concern", "H", "up", "Spesiell variasjon: bekymring (høy)", "Special cause: concern (high)")
        }
        Some("concern_low") => {
            ("concern", "L", "down", "Spesiell variasjon: bekymring (lav)", "Special cause: concern (low)")
        }
        Some("neutral_high") => (
            "neutral",
            "H",
            "up",
            "Spesiell variasjon: verken forbedring eller bekymring (høy)",
            "Special cause: neither improvement nor concern (high)",
        ),
        Some("neutral_low") => (
            "neutral",
            "L",
            "down",
            "Spesiell variasjon: verken forbedring eller bekymring (lav)",
            "Special cause: neither improvement nor concern (low)",
        ),
        _ => ("none", "–", "flat", "For få verdier", "Too few values"),
    };
    Icon { cls, letter, trend, label: if nbl { nbt } else { ent }.to_string() }
}

/// The assurance icon (`None` without a target, or without a direction).
pub(super) fn assurance_icon(a: Option<&str>, has_target: bool, improvement: Improvement, lang: Lang) -> Icon {
    let nbl = nb(lang);
    let (cls, letter, nbt, ent) = match a {
        Some("pass") => ("pass", "P", "Når målet konsekvent", "Consistently hits the target"),
        Some("fail") => ("fail", "F", "Bommer konsekvent på målet", "Consistently fails the target"),
        Some(_) => ("hitmiss", "?", "Treffer og bommer på målet", "Hit or miss the target"),
        None if has_target && improvement == Improvement::Neutral => {
            ("none", "–", "Mål uten forbedringsretning", "Target without an improvement direction")
        }
        None => ("none", "–", "Ikke noe mål", "No target"),
    };
    Icon { cls, letter, trend: "flat", label: if nbl { nbt } else { ent }.to_string() }
}

pub(super) fn legend(lang: Lang) -> Vec<Icon> {
    let mut v: Vec<Icon> = ["common_cause", "improvement_high", "concern_low", "neutral_high"]
        .into_iter()
        .map(|k| variation_icon(Some(k), lang))
        .collect();
    v.extend(
        ["pass", "fail", "inconsistent"]
            .into_iter()
            .map(|a| assurance_icon(Some(a), true, Improvement::Increase, lang)),
    );
    v
}

pub(super) fn method_notes(opts: &DashboardOptions, lang: Lang) -> Vec<String> {
    let mut v = Vec::new();
    if nb(lang) {
        v.push(match opts.chart {
            ChartKind::Run => "Diagram: seriediagram med median. Signaler: Anhøj-reglene (uvanlig lange serier på samme side av medianen, for få kryssinger).".to_string(),
            _ => "Diagram: I-kort (enkeltverdier) med senterlinje = gjennomsnitt og kontrollgrenser = gjennomsnitt ± 3 sigma fra glidende variasjonsbredde. Signaler: Anhøj-reglene og punkter utenfor kontrollgrensene.".to_string(),
        });
        v.push("Ikoner: NHS Making Data Count (XmR-kort: punkt utenfor grensene, 7 punkter på rad på samme side eller i samme retning, 2 av 3 nær en grense), regnet på den siste verdien. Blå = forbedring, oransje = bekymring, lilla = endring uten kjent forbedringsretning, grå = tilfeldig variasjon.".to_string());
        v.push("Manglende verdier er hull i diagrammet, forklart med SSBs symbol; de regnes aldri som 0.".to_string());
        if let Some(f) = opts.freeze {
            v.push(format!("Vurderingen sammenligner de senere årene med de første {f} årene (baseline)."));
        }
    } else {
        v.push(match opts.chart {
            ChartKind::Run => "Chart: run chart with median. Signals: the Anhøj rules (unusually long runs on one side of the median, too few crossings).".to_string(),
            _ => "Chart: I chart (individuals) with centre line = mean and control limits = mean ± 3 sigma from the moving range. Signals: the Anhøj rules and points outside the control limits.".to_string(),
        });
        v.push("Icons: NHS Making Data Count (XmR chart: a point outside the limits, 7 points in a row on one side or in one direction, 2 of 3 near a limit), for the latest value. Blue = improvement, orange = concern, purple = change without a known improvement direction, grey = common cause.".to_string());
        v.push(
            "Missing values are gaps in the chart, explained with SSB's symbol; they are never taken as 0.".to_string(),
        );
        if let Some(f) = opts.freeze {
            v.push(format!("The verdict compares the later years with the first {f} years (baseline)."));
        }
    }
    v
}
