//! No message, help text, comment, document or notebook names a file that is not in the
//! repository, and every `§N` / `§N.M` citation of a document names a heading it has.
//!
//! Scanned: the tracked `*.rs`, `*.py` and `*.pyi` files under `crates/`, every tracked `*.md`
//! file (README.md, docs/, the data READMEs, BENCHMARKS.md) and the notebooks under
//! `notebooks/`. Not scanned: `benches/compare/results/`, the benchmark history kept verbatim
//! with the paths of its day, and this file, whose own tests hold broken citations on purpose.
//!
//! Checked in each line:
//! - a path with a `/` whose first component is a top-level directory of the repository (or
//!   `..`), ending in one of [`EXTENSIONS`], must exist relative to the repository root or to the
//!   directory of the file or one of its parents (so `../../data/x.csv` in a crate's tests and
//!   `tests/foo.rs` in a crate's docs resolve);
//! - a bare `NAME.md` must exist in the same places (so `methods.md` alone, which is in none of
//!   them, is an error: write `docs/methods.md`);
//! - `§N`, `§N.M`, lists (`§8.6, §9.2`) and ranges (`§1.2-1.4`) and `section N` right after a
//!   `.md` path must name a heading `## N ...` / `### N.M ...` (or `## N. ...`) of that file.
//!
//! Paths of other repositories that happen to start like ours are listed in [`EXTERNAL`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Extensions of the files a path may name.
const EXTENSIONS: [&str; 17] = [
    "md", "csv", "tsv", "json", "jsonl", "ipynb", "txt", "toml", "xlsx", "xls", "ods", "parquet", "rs", "py", "pyi",
    "sh", "html",
];

/// Paths that name files of other repositories (or a file that must not exist), by prefix.
const EXTERNAL: [(&str, &str); 4] = [
    ("tests/testthat/", "the test folders of the R packages cited (qicharts2, FunnelPlotR, rjstat, ...)"),
    ("tests/test_apidata.py", "statisticsnorway/ssb-pxwebapidata"),
    ("tests/data/kostra/no_such_file.csv", "a CLI test of a missing input file"),
    ("SPC-Charts-XmR-Testing.md", "the MDC testing checklist in NHSDigital/fdp-react-design-system"),
];

/// This file, left out of the scan (see the module docs).
const SELF: &str = "crates/spc-core/tests/doc_references.rs";

fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Whether the repository-relative `path` is scanned.
fn is_scanned(path: &str) -> bool {
    if path == SELF || path.starts_with("benches/compare/results/") {
        return false;
    }
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "md" => true,
        "rs" | "py" | "pyi" => path.starts_with("crates/"),
        "ipynb" => path.starts_with("notebooks/"),
        _ => false,
    }
}

/// The tracked files (`git ls-files`), or every file under the root but hidden directories and
/// `target` where git is not at hand (a source archive).
fn files(root: &Path) -> Vec<String> {
    let tracked = Command::new("git").args(["ls-files", "-z"]).current_dir(root).output();
    if let Ok(out) = tracked {
        if out.status.success() && !out.stdout.is_empty() {
            return String::from_utf8_lossy(&out.stdout)
                .split('\0')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
        }
    }
    let mut found = Vec::new();
    walk(root, root, &mut found);
    found
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !(name.starts_with('.') || name == "target" || name == "__pycache__" || name == "node_modules") {
                walk(root, &path, found);
            }
        } else if let Ok(rel) = path.strip_prefix(root) {
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The top-level directories of the repository (a path starting with one is ours).
fn top_dirs(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && n != "target")
                .collect()
        })
        .unwrap_or_default()
}

/// One broken reference.
#[derive(Debug, PartialEq)]
struct Problem {
    file: String,
    line: usize,
    what: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

fn is_path_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')
}

/// The path-like tokens of a line with their byte end.
fn tokens(line: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        match (start, is_path_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                // A sentence may end right after a path.
                let token = line[s..i].trim_end_matches('.');
                out.push((token, s + token.len()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where `path`, named in `file` (repository-relative), may be: the root, then the file's
/// directory and each of its parents.
fn resolve(root: &Path, file: &str, path: &str) -> Option<PathBuf> {
    let mut places = vec![root.to_path_buf()];
    let mut dir = Path::new(file).parent();
    while let Some(d) = dir {
        if d.as_os_str().is_empty() {
            break;
        }
        places.push(root.join(d));
        dir = d.parent();
    }
    places.into_iter().map(|p| p.join(path)).find(|p| p.is_file())
}

/// The section numbers of a Markdown file: the first word of every heading, without a
/// trailing dot (`## 5. Region codes` is 5, `### 1.2 Quantiles` is 1.2).
fn sections(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| {
            let rest = l.trim_start_matches('#');
            (rest.len() < l.len() && rest.starts_with(' ')).then(|| rest.split_whitespace().next())?
        })
        .map(|w| w.trim_end_matches('.').to_string())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

/// A section number (`9`, `13.15`) at the start of `s`, and what follows it.
fn number(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut end = 0;
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    while end + 1 < b.len() && b[end] == b'.' && b[end + 1].is_ascii_digit() {
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    Some((&s[..end], &s[end..]))
}

/// The sections cited right after a document's name: `§9`, `§8.6, §9.2, §10`, `§1.2-1.4`,
/// `§3 and §4`, `section 5`. Empty when no citation follows.
fn cited(after: &str) -> Vec<&str> {
    let rest = after.trim_start_matches(['`', '\'', '"', '*', ' ']);
    let first = rest.strip_prefix('§').or_else(|| rest.strip_prefix("section ")).map(str::trim_start);
    let Some(mut rest) = first else { return Vec::new() };
    let mut out = Vec::new();
    while let Some((n, tail)) = number(rest) {
        out.push(n);
        let next = [", §", " and §", ", and §", "-", "–", "-§", "–§"].iter().find_map(|sep| tail.strip_prefix(sep));
        match next {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
    out
}

/// The broken references of `text`, the content of the repository-relative `file`.
fn check_text(root: &Path, tops: &BTreeSet<String>, file: &str, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let problem = |what: String| Problem { file: file.to_string(), line: k + 1, what };
        for (token, end) in tokens(line) {
            let token = token.strip_prefix("./").unwrap_or(token);
            let Some((_, ext)) = token.rsplit_once('.') else { continue };
            if !EXTENSIONS.contains(&ext) || ext.contains('/') {
                continue;
            }
            let ours = match token.split_once('/') {
                Some((first, _)) => first == ".." || tops.contains(first),
                None => ext == "md",
            };
            if !ours || EXTERNAL.iter().any(|(prefix, _)| token.starts_with(prefix)) {
                continue;
            }
            let Some(found) = resolve(root, file, token) else {
                problems.push(problem(format!("`{token}` is not a file of the repository")));
                continue;
            };
            if ext != "md" {
                continue;
            }
            let want = cited(&line[end..]);
            if want.is_empty() {
                continue;
            }
            let have = sections(&std::fs::read_to_string(&found).unwrap_or_default());
            for n in want {
                if !have.contains(n) {
                    problems.push(problem(format!("`{token}` has no section §{n}")));
                }
            }
        }
    }
    problems
}

#[test]
fn every_cited_file_and_section_exists() {
    let root = repo_root();
    let tops = top_dirs(&root);
    let mut problems = Vec::new();
    let mut scanned = 0;
    for file in files(&root).into_iter().filter(|f| is_scanned(f)) {
        let Ok(text) = std::fs::read_to_string(root.join(&file)) else { continue };
        scanned += 1;
        problems.extend(check_text(&root, &tops, &file, &text));
    }
    assert!(scanned > 100, "only {scanned} files scanned under {}", root.display());
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{} broken reference(s):\n{}", list.len(), list.join("\n"));
}

/// The scanner finds what it must: a missing file, a bare `methods.md`, a section the document
/// does not have (in every citation form), and passes what exists.
#[test]
fn broken_references_are_reported_with_file_and_line() {
    let root = repo_root();
    let tops = top_dirs(&root);
    let text = "\
fine: docs/methods.md §9 and `docs/methods.md` §13.15; docs/kostra.md §7; see README.md.
missing file: docs/no_such_page.md and data/kostra/no_such_table.csv
bare name: (methods.md §8)
missing section: docs/methods.md §99, docs/methods.md §2.99
list and range: docs/methods.md §8.6, §9.77 and docs/kostra.md §1-12
old form: docs/methods.md section 42
external: FunnelPlotR `tests/testthat/test-poisson_limits.R`, rjstat `tests/testthat/1120.json`
";
    let got: Vec<String> =
        check_text(&root, &tops, "crates/spc-core/src/x.rs", text).iter().map(ToString::to_string).collect();
    let x = "crates/spc-core/src/x.rs";
    assert_eq!(
        got,
        [
            format!("{x}:2: `docs/no_such_page.md` is not a file of the repository"),
            format!("{x}:2: `data/kostra/no_such_table.csv` is not a file of the repository"),
            format!("{x}:3: `methods.md` is not a file of the repository"),
            format!("{x}:4: `docs/methods.md` has no section §99"),
            format!("{x}:4: `docs/methods.md` has no section §2.99"),
            format!("{x}:5: `docs/methods.md` has no section §9.77"),
            format!("{x}:5: `docs/kostra.md` has no section §12"),
            format!("{x}:6: `docs/methods.md` has no section §42"),
        ]
    );
}

#[test]
fn citations_are_parsed_in_every_form() {
    assert_eq!(cited(" §9), so"), ["9"]);
    assert_eq!(cited("` §5 of"), ["5"]);
    assert_eq!(cited(" §8.6, §9.2, §10;"), ["8.6", "9.2", "10"]);
    assert_eq!(cited(" §1.2-1.4 and §3;"), ["1.2", "1.4", "3"]);
    assert_eq!(cited(" §3, §4 and qicharts2"), ["3", "4"]);
    assert_eq!(cited(" §9."), ["9"]);
    assert_eq!(cited(" section 5):"), ["5"]);
    assert!(cited(" of the repository").is_empty());
    assert_eq!(
        sections("# T\n## 5. Region codes\n### 1.2 Quantiles\n## Sources\n#x\n"),
        BTreeSet::from(["1.2", "5"].map(String::from))
    );
}
