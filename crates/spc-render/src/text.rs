//! Fixed texts of a chart in Norwegian and English (numbers and dates: [`crate::canvas::scale`]).

use spc_core::ChartKind;

use spc_core::Lang;

/// The fixed texts of a chart in a [`Lang`].
pub(crate) trait LangText: Copy {
    /// The goal line's label: `Mål`, `Goal`.
    fn goal(self) -> &'static str;
    /// The target line's label: `Målverdi`, `Target`.
    fn target(self) -> &'static str;
    /// The shaded baseline's label: `Grunnlag`, `Baseline`.
    fn baseline(self) -> &'static str;
}

impl LangText for Lang {
    fn goal(self) -> &'static str {
        match self {
            Lang::Nb => "Mål",
            Lang::En => "Goal",
        }
    }

    fn target(self) -> &'static str {
        match self {
            Lang::Nb => "Målverdi",
            Lang::En => "Target",
        }
    }

    fn baseline(self) -> &'static str {
        match self {
            Lang::Nb => "Grunnlag",
            Lang::En => "Baseline",
        }
    }
}

/// The name of a chart kind in `lang`, for a default title (`I-diagram`, `I chart`).
///
/// ```
/// use spc_render::{chart_name, Lang};
/// use spc_core::ChartKind;
///
/// assert_eq!(chart_name(ChartKind::I, Lang::Nb), "I-diagram");
/// assert_eq!(chart_name(ChartKind::I, Lang::En), "I chart");
/// ```
#[must_use]
pub fn chart_name(kind: ChartKind, lang: Lang) -> String {
    kind.title(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("nb_NO.UTF-8"), Lang::Nb);
        assert_eq!(Lang::from_locale("nn_NO"), Lang::Nb);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }

    #[test]
    fn fixed_texts() {
        assert_eq!((Lang::Nb.goal(), Lang::En.target(), Lang::Nb.baseline()), ("Mål", "Target", "Grunnlag"));
        assert_eq!(chart_name(ChartKind::Run, Lang::Nb), "Seriediagram");
        assert_eq!(chart_name("xbar".parse().unwrap(), Lang::En), "Xbar chart");
    }
}
