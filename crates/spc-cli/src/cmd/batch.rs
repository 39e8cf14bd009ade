//! `spc chart --batch COL --out-dir DIR`: one image per value of a column (per unit,
//! municipality, ward), with a progress bar when it takes more than a moment.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use spc_core::io::{Columns, Table};
use spc_core::request::ChartRequest;
use spc_core::ChartSpec;

use super::image::write_image;
use super::{flag_error, CliError};

/// A file name from a value: letters (æøå too), digits, `-`, `_`, `.`; anything else `_`.
pub(crate) fn file_stem(value: &str) -> String {
    let s: String =
        value.trim().chars().map(|c| if c.is_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let s = s.trim_matches('.').to_string();
    if s.is_empty() {
        "_".into()
    } else {
        s
    }
}

/// Draws one chart per value of `col` into `dir`; a value whose chart fails is reported and
/// skipped, and the command then fails with exit code 1.
pub(crate) fn run(
    req: &ChartRequest,
    spec: &ChartSpec,
    improvement: spc_core::mdc::Improvement,
    table: &Table,
    cols: &Columns,
    col: &str,
) -> Result<(), CliError> {
    let dir = req.out_dir.as_deref().unwrap_or(Path::new("."));
    let ext = req.batch_format().map_err(flag_error)?;
    let lang = req.lang().map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
    if req.output.is_some() {
        return Err(CliError::Usage("--batch writes one file per value into --out-dir; leave out -o".into()));
    }
    let c = table.column(col)?;
    let mut values: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for r in &table.rows {
        if seen.insert(r[c].trim()) {
            values.push(r[c].trim().to_string());
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| CliError::Data(format!("cannot create {}: {e}", dir.display())))?;
    let bar = ProgressBar::with_draw_target(Some(values.len() as u64), ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let start = Instant::now();
    let mut shown = false;
    let (mut written, mut failed) = (0, 0);
    let mut names = HashSet::new();
    for value in &values {
        if !shown && start.elapsed() > Duration::from_millis(300) && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            shown = true;
        }
        bar.set_message(value.clone());
        let keep: Vec<usize> = (0..table.rows.len()).filter(|&i| table.rows[i][c].trim() == value).collect();
        let sub = Table {
            rows: keep.iter().map(|&i| table.rows[i].clone()).collect(),
            row_numbers: keep.iter().map(|&i| table.row_number(i)).collect(),
            ..table.clone()
        };
        let result = (|| {
            let input = sub.input(cols)?;
            let chart = spec.compute(&input).map_err(|e| sub.locate(e, cols))?;
            let verdicts = spc_core::verdict::verdicts(&chart, &input, improvement, lang)?;
            let mut opts = spc_render::options::render_options(req, lang).map_err(flag_error)?.with_analysis(
                &chart,
                req.y.as_deref(),
                &verdicts,
            );
            opts.title = opts.title.map(|t| format!("{t} – {value}"));
            let mut stem = file_stem(value);
            while !names.insert(stem.clone()) {
                stem.push('_');
            }
            write_image(&chart, &opts, &dir.join(format!("{stem}.{ext}")))
        })();
        match result {
            Ok(()) => written += 1,
            Err(e) => {
                bar.suspend(|| eprintln!("spc: error: {col} = {value}: {e}"));
                failed += 1;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    eprintln!("spc: wrote {written} image(s) to {}", dir.display());
    if failed > 0 {
        return Err(CliError::Data(format!("{failed} of {} charts failed (see above)", values.len())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_stems_keep_norwegian_letters() {
        assert_eq!(super::file_stem("Aurskog-Høland"), "Aurskog-Høland");
        assert_eq!(super::file_stem("030102a Grünerløkka/Sofienberg"), "030102a_Grünerløkka_Sofienberg");
        assert_eq!(super::file_stem(" .. "), "_");
    }
}
