//! `spc chart --spec chart.toml` and `--print-spec`: every flag of `spc chart` as a TOML key
//! (the long name, `-` or `_`), so a poster or a monthly report is one file and one command.
//! Flags on the command line override the file. Paths are relative to the current directory.
//!
//! ```toml
//! input = "data/sykefravaer_totalt.csv"
//! chart = "i"
//! x = "kvartal"
//! y = "sykefravær_prosent"
//! part = [16]
//! note = ["2004K2=Endret sykmeldingsregelverk"]
//! goal = 6.5
//! lang = "nb"
//! output = "plakat.png"
//! poster = true
//! ```

use std::ffi::OsString;
use std::path::Path;

use clap::parser::ValueSource;
use clap::ArgAction;

use super::CliError;

const NOT_IN_SPEC: [&str; 4] = ["spec", "print-spec", "help", "version"];

fn key_of(arg: &clap::Arg) -> Option<String> {
    match arg.get_long() {
        Some(l) => Some(l.to_string()),
        None if arg.is_positional() => Some(arg.get_id().as_str().to_string()),
        None => None,
    }
}

/// The value of `--spec` in `argv`, when given.
fn spec_path(argv: &[OsString]) -> Option<OsString> {
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if s == "--spec" {
            return it.next().cloned();
        }
        if let Some(v) = s.strip_prefix("--spec=") {
            return Some(v.into());
        }
    }
    None
}

fn given(argv: &[OsString], long: &str, short: Option<char>) -> bool {
    argv.iter().any(|a| {
        let s = a.to_string_lossy();
        s == format!("--{long}")
            || s.starts_with(&format!("--{long}="))
            || short.is_some_and(|c| s == format!("-{c}") || (s.starts_with(&format!("-{c}")) && !s.starts_with("--")))
    })
}

fn scalar(file: &str, key: &str, v: &toml::Value) -> Result<String, CliError> {
    match v {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        _ => Err(CliError::Usage(format!("{file}: key '{key}': expected a string, a number, true/false or a list"))),
    }
}

/// `argv` with the keys of the `--spec` file added as flags, except those given on the command
/// line. Without `--spec` (or outside `spc chart`) `argv` is returned as it is.
pub(crate) fn expand(argv: Vec<OsString>, cli: &clap::Command) -> Result<Vec<OsString>, CliError> {
    if argv.get(1).is_none_or(|a| a != "chart") {
        return Ok(argv);
    }
    let Some(path) = spec_path(&argv) else { return Ok(argv) };
    let file = Path::new(&path).display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| CliError::Data(format!("cannot read {file}: {e}")))?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        CliError::Data(format!("{file}: not valid TOML: {}", e.to_string().lines().next().unwrap_or_default()))
    })?;
    let chart = cli.find_subcommand("chart").expect("spc has a chart subcommand");
    let mut flags: Vec<OsString> = Vec::new();
    let mut input: Option<OsString> = None;
    for (raw_key, value) in &table {
        let key = raw_key.replace('_', "-");
        let arg = chart
            .get_arguments()
            .find(|a| key_of(a).is_some_and(|k| k.replace('_', "-") == key) && !NOT_IN_SPEC.contains(&key.as_str()))
            .ok_or_else(|| {
                CliError::Usage(format!("{file}: unknown key '{raw_key}': the keys are the long flags of spc chart"))
            })?;
        if arg.is_positional() {
            input = Some(scalar(&file, raw_key, value)?.into());
            continue;
        }
        if given(&argv[2..], &key, arg.get_short()) {
            continue; // the command line wins
        }
        let flag = OsString::from(format!("--{key}"));
        match value {
            toml::Value::Boolean(true) => flags.push(flag),
            toml::Value::Boolean(false) => {}
            toml::Value::Array(items) => {
                for item in items {
                    flags.push(flag.clone());
                    flags.push(scalar(&file, raw_key, item)?.into());
                }
            }
            v => {
                flags.push(flag);
                flags.push(scalar(&file, raw_key, v)?.into());
            }
        }
    }
    let mut out: Vec<OsString> = argv[..2].to_vec();
    out.extend(flags);
    out.extend(argv[2..].iter().cloned());
    // The input of the file, unless the command line names one.
    if let Some(input) = input {
        if let Err(e) = cli.clone().try_get_matches_from(&out) {
            if e.kind() == clap::error::ErrorKind::MissingRequiredArgument {
                out.insert(2, input);
            }
        }
    }
    Ok(out)
}

fn toml_value(raw: &str) -> toml::Value {
    if let Ok(i) = raw.parse::<i64>() {
        toml::Value::Integer(i)
    } else if let Ok(f) = raw.parse::<f64>().map_err(|_| ()).and_then(|f| if f.is_finite() { Ok(f) } else { Err(()) }) {
        toml::Value::Float(f)
    } else {
        toml::Value::String(raw.to_string())
    }
}

/// The spec (TOML) of the `spc chart` command in `argv`: every flag given, by the command line
/// or by `--spec`.
pub(crate) fn print_spec(argv: &[OsString], cli: &clap::Command) -> Result<String, CliError> {
    let m = cli.clone().try_get_matches_from(argv).map_err(|e| CliError::Usage(e.to_string()))?;
    let sub = m.subcommand_matches("chart").expect("print_spec is called for spc chart");
    let chart = cli.find_subcommand("chart").expect("spc has a chart subcommand");
    let mut table = toml::Table::new();
    for arg in chart.get_arguments() {
        let Some(key) = key_of(arg) else { continue };
        let id = arg.get_id().as_str();
        if NOT_IN_SPEC.contains(&key.as_str()) || sub.value_source(id) != Some(ValueSource::CommandLine) {
            continue;
        }
        let raw: Vec<String> =
            sub.get_raw(id).map(|v| v.map(|s| s.to_string_lossy().into_owned()).collect()).unwrap_or_default();
        let value = if !arg.get_action().takes_values() {
            toml::Value::Boolean(true)
        } else if matches!(arg.get_action(), ArgAction::Append) {
            toml::Value::Array(raw.iter().map(|r| toml_value(r)).collect())
        } else {
            let Some(r) = raw.first() else { continue };
            if is_numeric_flag(arg) {
                toml_value(r)
            } else {
                toml::Value::String(r.clone())
            }
        };
        table.insert(key, value);
    }
    toml::to_string(&table).map_err(|e| CliError::Data(e.to_string()))
}

/// Flags whose values are numbers (written unquoted in the spec).
fn is_numeric_flag(arg: &clap::Arg) -> bool {
    matches!(
        arg.get_long(),
        Some("freeze" | "multiply" | "cl" | "target" | "goal" | "lambda" | "width" | "k" | "h" | "sigma")
    )
}
