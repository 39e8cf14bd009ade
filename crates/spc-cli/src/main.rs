//! `spc`: run charts and control charts from the command line.
//!
//! Exit codes: 0 success, 1 data errors (bad file, bad values), 2 usage errors (bad flags).

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Run charts and Shewhart control charts, as R's qicharts2 computes them.
#[derive(Parser, Debug)]
#[command(name = "spc", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  spc chart data.csv --chart i --x month --y value
  spc chart data.csv --chart i --x month --y value -o chart.png --lang nb --goal 95
  spc chart --spec poster.toml
  spc completions bash > ~/.local/share/bash-completion/completions/spc
  spc chart data.csv --chart p --x month --y infections --n patients --freeze 12 --data out.csv";

#[derive(Subcommand, Debug)]
enum Command {
    /// Compute a run or control chart from a CSV file and print its summary or write its data.
    Chart(Box<cmd::chart::ChartArgs>),
    /// NHS "Making Data Count" XmR chart with point types and variation/assurance icons.
    Mdc(Box<cmd::mdc::MdcArgs>),
    /// KOSTRA/SSB indicators: read, aggregate, compare, funnel, charts per region, dashboard.
    #[command(subcommand)]
    Kostra(Box<cmd::kostra::KostraCommand>),
    /// Print a shell completion script: spc completions bash|zsh|fish|powershell|elvish.
    #[command(after_help = "Examples:
  spc completions bash > ~/.local/share/bash-completion/completions/spc
  spc completions zsh > ~/.zfunc/_spc
  spc completions fish > ~/.config/fish/completions/spc.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Restores the default action of SIGPIPE (Rust ignores it), so that `spc ... | head` ends
/// quietly when `head` has read enough, as Unix tools do, instead of failing on the write.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: called once at the start of main, before any thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = match Cli::command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "spc", &mut std::io::stdout());
            Ok(())
        }
        Command::Chart(args) => cmd::chart::main(&args),
        Command::Mdc(args) => cmd::mdc::run(&args),
        Command::Kostra(k) => cmd::kostra::run(&k),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spc: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
