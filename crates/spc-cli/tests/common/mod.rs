//! What every CLI test shares: running the `spc` binary, a scratch folder per test, the paths of
//! the data bundled with the repository, the text of outputs, and (from spc-core's tests) the
//! reference cases. Each test file says `mod common;` and uses what it needs.
#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The reference cases of `tests/data/reference` (qicharts2, NHSRplotthedots) and their
/// comparison, shared with spc-core's golden tests.
#[path = "../../../spc-core/tests/common/mod.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::{cases, cells_agree, compare_qic, read_csv, Case};

/// The `spc` binary as a command, under the C locale (`LANG=C`, no `LC_ALL` or `LC_MESSAGES`
/// from the caller's environment), so messages and summaries are English unless a test asks
/// otherwise. For standard input, another folder or another locale; [`spc`] runs it.
pub fn spc_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_spc"));
    c.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C");
    c
}

/// Runs `spc ARGS` (see [`spc_command`]) and returns its output.
pub fn spc<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    spc_command().args(args).output().expect("the spc binary runs")
}

/// Standard output as text (invalid UTF-8 replaced).
pub fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

/// Standard error as text (invalid UTF-8 replaced).
pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// Bytes as text (invalid UTF-8 replaced).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The root of the repository.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A path in the repository (`rel` from its root), as text for an argument.
pub fn repo(rel: &str) -> String {
    repo_root().join(rel).display().to_string()
}

/// A file bundled under `data/` (e.g. `sykefravaer_totalt.csv`, `kostra/...`), as text.
pub fn data(name: &str) -> String {
    repo(&format!("data/{name}"))
}

/// The input CSV of qicharts2 reference case `id`.
pub fn qic_case_input(id: &str) -> PathBuf {
    repo_root().join(format!("tests/data/reference/qicharts2/cases/{id}.input.csv"))
}

/// The rows of CSV text as maps from column name to cell.
pub fn csv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    rd.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// A folder of its own for one test, empty when made and removed (with what the test wrote in
/// it) when dropped: `std::env::temp_dir()/spc-cli-TESTFILE-TESTNAME-PID[-K]`.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// A new, empty folder named after the running test (libtest names the test's thread after
    /// it) and this process, so tests running at once never share one.
    pub fn new() -> Scratch {
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let thread = std::thread::current();
        let test = thread.name().unwrap_or("main").replace("::", "-");
        let k = MADE.fetch_add(1, Ordering::Relaxed);
        let name = format!("spc-cli-{}-{test}-{}-{k}", env!("CARGO_CRATE_NAME"), std::process::id());
        let dir = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `name` in the folder (not created).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `name` in the folder as text for an argument (not created).
    pub fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// Writes `content` to `name` in the folder and returns its path as text.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p.display().to_string()
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
