//! The language of every text spc writes: verdict sentences, summaries, chart labels, month
//! names and number formats. One enum for the core, the CLI and the Python binding.
//!
//! ```
//! use spc_core::Lang;
//!
//! assert_eq!("NO".parse::<Lang>().unwrap(), Lang::Nb);
//! assert_eq!(Lang::from_locale("nn_NO.UTF-8"), Lang::Nb);
//! assert_eq!(Lang::from_locale("C"), Lang::En);
//! assert_eq!(Lang::Nb.to_string(), "nb");
//! ```

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// The language of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English: `Goal`, `Jan … Dec`, quarters `2021 Q1`, decimal point.
    #[default]
    En,
    /// Norwegian bokmål: `Mål`, month names `jan … des`, quarters `2021K1`, decimal comma.
    Nb,
}

impl Lang {
    /// `nb` when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set and not empty)
    /// is Norwegian (`nb`, `nn`, `no`), else `en`.
    #[must_use]
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&var)
    }

    /// `nb` for a Norwegian locale name (`nb_NO.UTF-8`, `nn`, `no_NO`), else `en`.
    #[must_use]
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim().to_ascii_lowercase();
        if ["nb", "nn", "no"].iter().any(|p| l.starts_with(p)) {
            Lang::Nb
        } else {
            Lang::En
        }
    }

    /// The code: `en` or `nb`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nb => "nb",
        }
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// `en`, or `nb`, `nn`, `no` (all read as bokmål), in any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "nb" | "nn" | "no" => Ok(Lang::Nb),
            _ => Err(Error::UnknownOption { argument: "lang", given: s.into(), expected: "en, nb, nn, no" }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_in_any_case() {
        for (s, want) in [("en", Lang::En), ("EN", Lang::En), (" nb ", Lang::Nb), ("Nn", Lang::Nb), ("no", Lang::Nb)] {
            assert_eq!(s.parse::<Lang>().unwrap(), want, "{s}");
        }
        let e = "sv".parse::<Lang>().unwrap_err();
        assert!(matches!(e, Error::UnknownOption { argument: "lang", .. }));
        assert_eq!(e.to_string(), "unknown value 'sv' for lang: expected one of en, nb, nn, no");
    }

    #[test]
    fn locales_and_display() {
        assert_eq!(Lang::from_locale("nb_NO.UTF-8"), Lang::Nb);
        assert_eq!(Lang::from_locale("nn_NO"), Lang::Nb);
        assert_eq!(Lang::from_locale("no"), Lang::Nb);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert_eq!(Lang::default(), Lang::En);
        assert_eq!(Lang::En.to_string(), "en");
        assert_eq!(Lang::Nb.to_string(), "nb");
    }
}
