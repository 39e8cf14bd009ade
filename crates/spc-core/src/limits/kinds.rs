//! The chart kinds, one row each: everything the pipeline, the texts and the pictures need to
//! know of a kind. A new kind is a variant of [`ChartKind`], a row here with the function that
//! fills a part's lines, and its tests; the rest of the library reads this table.

use super::{attribute, individuals, smoothing, subgroup, PartIn, PartOut};
use crate::error::{Error, Result};
use crate::kind::ChartKind;

/// Fills the lines of one part (see [`super::compute_part`]); the third argument maps a point of
/// the part to its input row, for messages.
pub(crate) type LinesFn = fn(&PartIn<'_>, &mut PartOut<'_>, &dyn Fn(usize) -> usize) -> Result<()>;

/// What a chart kind is.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // a table of yes/no properties, one row per kind
pub(crate) struct KindInfo {
    /// The kind this row describes (rows are in the order of [`ChartKind::ALL`]).
    pub kind: ChartKind,
    /// The qicharts2 name (`run`, `i`, `xbar`, ...).
    pub name: &'static str,
    /// The kind as titles write it (`I`, `Xbar`, `P'`); the run chart has a name of its own.
    pub symbol: &'static str,
    /// A denominator `n` is required.
    pub needs_n: bool,
    /// The rows of one x form a subgroup of measurements.
    pub subgroups: bool,
    /// The Anhøj runs analysis applies to the plotted points (not to moving ranges, EWMA or
    /// CUSUM statistics, which are correlated by construction).
    pub runs_analysis: bool,
    /// The chart has control limits (all but the run chart).
    pub limits: bool,
    /// The kind plots the aggregated y as it is (before `multiply`): its lines function leaves
    /// [`PartOut::y`] alone, and the chart takes y from the points.
    pub plots_y: bool,
    /// The centre line is the same at every point of a part and kept once per part (set only
    /// through [`PartOut::around`], [`PartOut::around_clamped`] or [`PartOut::set_cl`]).
    pub cl_per_part: bool,
    /// Every line is the same at every point of a part (run and I charts): left to
    /// [`super::constant_lines`] and stored once per part.
    pub lines_per_part: bool,
    /// Non-missing, included baseline points needed for the lines (with a given sigma:
    /// `min_base_given_sigma`).
    pub min_base: usize,
    /// As `min_base`, when the process sigma is given (EWMA and CUSUM need no estimate).
    pub min_base_given_sigma: usize,
    /// Fills the lines of a part.
    pub lines: LinesFn,
}

const fn row(kind: ChartKind, name: &'static str, symbol: &'static str, lines: LinesFn) -> KindInfo {
    KindInfo {
        kind,
        name,
        symbol,
        needs_n: false,
        subgroups: false,
        runs_analysis: true,
        limits: true,
        plots_y: false,
        cl_per_part: false,
        lines_per_part: false,
        min_base: 1,
        min_base_given_sigma: 1,
        lines,
    }
}

/// Every kind, in the order of [`ChartKind::ALL`].
pub(crate) static KINDS: [KindInfo; 17] = [
    KindInfo {
        limits: false,
        plots_y: true,
        cl_per_part: true,
        lines_per_part: true,
        ..row(ChartKind::Run, "run", "Run", |p, out, _| {
            individuals::run(p, out);
            Ok(())
        })
    },
    KindInfo {
        plots_y: true,
        cl_per_part: true,
        lines_per_part: true,
        min_base: 2,
        min_base_given_sigma: 2,
        ..row(ChartKind::I, "i", "I", |p, out, _| {
            individuals::i(p, out);
            Ok(())
        })
    },
    KindInfo {
        runs_analysis: false,
        min_base: 2,
        min_base_given_sigma: 2,
        ..row(ChartKind::Mr, "mr", "MR", |p, out, _| {
            individuals::mr(p, out);
            Ok(())
        })
    },
    KindInfo {
        subgroups: true,
        plots_y: true,
        cl_per_part: true,
        ..row(ChartKind::Xbar, "xbar", "Xbar", |p, out, _| {
            subgroup::xbar(p, out);
            Ok(())
        })
    },
    KindInfo {
        subgroups: true,
        ..row(ChartKind::S, "s", "S", |p, out, _| {
            subgroup::s(p, out);
            Ok(())
        })
    },
    KindInfo {
        subgroups: true,
        ..row(ChartKind::R, "r", "R", |p, out, _| {
            subgroup::r(p, out);
            Ok(())
        })
    },
    KindInfo { min_base: 2, min_base_given_sigma: 2, ..row(ChartKind::T, "t", "T", t_lines) },
    KindInfo {
        needs_n: true,
        plots_y: true,
        cl_per_part: true,
        ..row(ChartKind::P, "p", "P", |p, out, _| {
            attribute::p(p, false, out);
            Ok(())
        })
    },
    KindInfo {
        needs_n: true,
        plots_y: true,
        cl_per_part: true,
        min_base: 2,
        min_base_given_sigma: 2,
        ..row(ChartKind::Pp, "pp", "P'", |p, out, _| {
            attribute::p(p, true, out);
            Ok(())
        })
    },
    KindInfo {
        needs_n: true,
        ..row(ChartKind::Np, "np", "NP", |p, out, _| {
            attribute::np(p, out);
            Ok(())
        })
    },
    KindInfo {
        cl_per_part: true,
        ..row(ChartKind::C, "c", "C", |p, out, _| {
            attribute::c(p, out);
            Ok(())
        })
    },
    KindInfo {
        needs_n: true,
        plots_y: true,
        cl_per_part: true,
        ..row(ChartKind::U, "u", "U", |p, out, _| {
            attribute::u(p, false, out);
            Ok(())
        })
    },
    KindInfo {
        needs_n: true,
        plots_y: true,
        cl_per_part: true,
        min_base: 2,
        min_base_given_sigma: 2,
        ..row(ChartKind::Up, "up", "U'", |p, out, _| {
            attribute::u(p, true, out);
            Ok(())
        })
    },
    KindInfo {
        plots_y: true,
        ..row(ChartKind::G, "g", "G", |p, out, _| {
            attribute::g(p, out);
            Ok(())
        })
    },
    KindInfo {
        plots_y: true,
        min_base: 2,
        min_base_given_sigma: 2,
        ..row(ChartKind::Ip, "ip", "I'", |p, out, _| {
            individuals::ip(p, out);
            Ok(())
        })
    },
    KindInfo {
        subgroups: true,
        runs_analysis: false,
        min_base: 2,
        ..row(ChartKind::Ewma, "ewma", "EWMA", |p, out, _| {
            smoothing::ewma(p, out);
            Ok(())
        })
    },
    KindInfo {
        subgroups: true,
        runs_analysis: false,
        min_base: 2,
        ..row(ChartKind::Cusum, "cusum", "CUSUM", |p, out, _| {
            smoothing::cusum(p, out);
            Ok(())
        })
    },
];

/// T chart: times between events must be positive (they are transformed by `t^(1/3.6)`).
fn t_lines(p: &PartIn<'_>, out: &mut PartOut<'_>, row_of: &dyn Fn(usize) -> usize) -> Result<()> {
    if let Some(i) = p.y.iter().position(|&v| v <= 0.0) {
        return Err(Error::InvalidValue {
            at: crate::error::Location::cell(row_of(i), "y"),
            reason: format!("a T chart needs times between events > 0, got {}", p.y[i]),
        });
    }
    individuals::t(p, out);
    Ok(())
}

/// The row of `kind`.
pub(crate) fn info(kind: ChartKind) -> &'static KindInfo {
    let row = &KINDS[kind as usize];
    debug_assert_eq!(row.kind, kind, "KINDS is in the order of ChartKind::ALL");
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_kind_in_order() {
        assert_eq!(KINDS.len(), ChartKind::ALL.len());
        for (k, row) in ChartKind::ALL.iter().zip(&KINDS) {
            assert_eq!(*k, row.kind, "row of {}", row.name);
            assert_eq!(info(*k).kind, *k);
        }
    }

    #[test]
    fn what_the_table_says_of_some_kinds() {
        let i = info(ChartKind::I);
        assert!(i.lines_per_part && i.cl_per_part && i.plots_y && i.runs_analysis && i.limits);
        assert_eq!((i.min_base, i.symbol), (2, "I"));
        assert!(!info(ChartKind::Run).limits);
        assert!(!info(ChartKind::Mr).runs_analysis && !info(ChartKind::Cusum).runs_analysis);
        assert!(info(ChartKind::P).needs_n && !info(ChartKind::C).needs_n);
        assert_eq!((info(ChartKind::Ewma).min_base, info(ChartKind::Ewma).min_base_given_sigma), (2, 1));
        // Every kind whose lines are constant keeps its centre line once per part.
        assert!(KINDS.iter().all(|r| !r.lines_per_part || r.cl_per_part));
    }

    #[test]
    fn the_names_in_messages_and_the_readme_are_the_table_s() {
        let names: Vec<&str> = KINDS.iter().map(|r| r.name).collect();
        assert_eq!(crate::CHART_NAMES, names.join(", "));
        let readme = include_str!("../../../../README.md");
        let start = readme.find("Chart kinds, named as in qicharts2").expect("the README lists the kinds");
        let paragraph = &readme[start..start + readme[start..].find("\n\n").unwrap_or(readme.len() - start)];
        // The names in backquotes (`run, i, mr` counts three).
        let listed: Vec<&str> =
            paragraph.split('`').skip(1).step_by(2).flat_map(|q| q.split(", ")).map(str::trim).collect();
        for name in names {
            assert!(listed.contains(&name), "README's list of kinds misses {name}: {listed:?}");
        }
    }
}
