//! `spc`: run charts and control charts from the command line.
//!
//! Exit codes: 0 success, 1 data errors (bad file, bad values), 2 usage errors (bad flags).

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Run charts and Shewhart control charts, as R's qicharts2 computes them.
#[derive(Parser, Debug)]
#[command(name = "spc", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  spc chart data.csv --chart i --x month --y value
  spc chart data.csv --chart p --x month --y infections --n patients --freeze 12 --data out.csv";

#[derive(Subcommand, Debug)]
enum Command {
    /// Compute a run or control chart from a CSV file and print its summary or write its data.
    Chart(Box<cmd::chart::ChartArgs>),
    /// NHS "Making Data Count" XmR chart with point types and variation/assurance icons.
    Mdc(Box<cmd::mdc::MdcArgs>),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Chart(args) => cmd::chart::run(&args),
        Command::Mdc(args) => cmd::mdc::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spc: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
