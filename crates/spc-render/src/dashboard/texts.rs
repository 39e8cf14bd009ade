//! The fixed texts of the dashboard page in bokmål and English, and how numbers, periods and
//! SSB statuses are written in each.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The fixed texts of the page in one language.
#[derive(Debug, Serialize)]
pub(super) struct Texts {
    pub(super) html_lang: &'static str,
    pub(super) overview: &'static str,
    pub(super) indicator: &'static str,
    pub(super) period: &'static str,
    pub(super) value: &'static str,
    pub(super) group: &'static str,
    pub(super) county: &'static str,
    pub(super) country: &'static str,
    pub(super) zscore: &'static str,
    pub(super) zscore_note: &'static str,
    pub(super) variation: &'static str,
    pub(super) assurance: &'static str,
    pub(super) signal: &'static str,
    pub(super) verdict: &'static str,
    pub(super) latest: &'static str,
    pub(super) missing: &'static str,
    pub(super) direction: &'static str,
    pub(super) target: &'static str,
    pub(super) legend: &'static str,
    pub(super) legend_chart: &'static str,
    pub(super) method: &'static str,
    pub(super) no_chart: &'static str,
    pub(super) contents: &'static str,
    pub(super) mean_line: &'static str,
    pub(super) limits: &'static str,
    pub(super) point_signal: &'static str,
    pub(super) generated: &'static str,
}

pub(super) const NB: Texts = Texts {
    html_lang: "nb",
    overview: "Oversikt",
    indicator: "Indikator",
    period: "Periode",
    value: "Verdi",
    group: "KOSTRA-gruppe",
    county: "Fylke",
    country: "Landet",
    zscore: "z mot gruppen",
    zscore_note: "z: avstanden fra gjennomsnittet i KOSTRA-gruppen målt i gruppens standardavvik (siste periode).",
    variation: "Variasjon",
    assurance: "Måloppnåelse",
    signal: "Signal",
    verdict: "Vurdering",
    latest: "Siste verdi",
    missing: "Manglende verdier",
    direction: "Forbedring er",
    target: "Mål",
    legend: "Ikoner (NHS Making Data Count)",
    legend_chart: "Diagram: punkt = verdi (hold pekeren over for periode, verdi og signal); heltrukken linje = senterlinje; stiplet = kontrollgrenser; grå × = manglende verdi.",
    method: "Metode",
    no_chart: "For få verdier til et diagram.",
    contents: "Indikatorer",
    mean_line: "senterlinje",
    limits: "kontrollgrenser",
    point_signal: "signal",
    generated: "Laget med spc kostra dashboard",
};

pub(super) const EN: Texts = Texts {
    html_lang: "en",
    overview: "Overview",
    indicator: "Indicator",
    period: "Period",
    value: "Value",
    group: "KOSTRA group",
    county: "County",
    country: "Country",
    zscore: "z vs group",
    zscore_note: "z: distance from the KOSTRA group's mean in the group's standard deviations (latest period).",
    variation: "Variation",
    assurance: "Assurance",
    signal: "Signal",
    verdict: "Verdict",
    latest: "Latest value",
    missing: "Missing values",
    direction: "Improvement is",
    target: "Target",
    legend: "Icons (NHS Making Data Count)",
    legend_chart: "Chart: dot = value (hover for period, value and signal); solid line = centre line; dashed = control limits; grey × = missing value.",
    method: "Method",
    no_chart: "Too few values for a chart.",
    contents: "Indicators",
    mean_line: "centre line",
    limits: "control limits",
    point_signal: "signal",
    generated: "Made with spc kostra dashboard",
};

pub(super) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

pub(super) fn nb(lang: Lang) -> bool {
    lang == Lang::Nb
}

/// A number the way `lang` writes it.
pub(super) fn num(v: f64, decimals: usize, lang: Lang) -> String {
    format_number(v, decimals, lang)
}

/// A period as the language writes it (`2021K1` in Norwegian, `2021 Q1` in English).
pub(super) fn period_label(p: Period, lang: Lang) -> String {
    match (p, lang) {
        (Period::Quarter(y, q), Lang::En) => format!("{y} Q{q}"),
        _ => p.to_string(),
    }
}

/// An SSB status explained: Norwegian as SSB words its symbols, English from [`Status::describe`].
pub(super) fn status_text(s: Status, lang: Lang) -> String {
    let words = if nb(lang) {
        match s {
            Status::NotApplicable => "ikke mulig å oppgi tall (kategorien var ikke i bruk)",
            Status::NotAvailable => "tallgrunnlag mangler",
            Status::NotYetAvailable => "oppgave mangler / ikke tilgjengelig ennå",
            Status::Confidential => "vises ikke av konfidensialitetshensyn",
            Status::Nil => "null",
            Status::Provisional => "foreløpige tall",
            Status::SeriesBreak => "brudd i serien",
            Status::Unknown => "mangler, årsak ukjent",
            Status::ZeroDenominator => "nevneren er null",
            Status::NumeratorMissing => "telleren mangler",
            Status::DenominatorMissing => "nevneren mangler",
            Status::NotHarmonisable => "forholdstall uten teller og nevner: kan ikke regnes om til nye grenser",
        }
    } else {
        s.describe()
    };
    format!("{words} ({})", s.symbol())
}
