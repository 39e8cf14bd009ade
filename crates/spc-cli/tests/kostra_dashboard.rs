//! `spc kostra dashboard`: the HTML page is self-contained, shows every indicator with its
//! comparison figures in Norwegian number format, explains missing values, and renders in
//! headless Chromium (Debian's `chromium` package; `make test` installs it).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo_root as repo, Scratch};

const CHROMIUM: &str = "/usr/bin/chromium";
const POPULATION: &str = "data/kostra/ssb_07459_population_municipality_2005_2021.csv";
const GROUPS: &str = "data/kostra/ssb_kostra_groups_2015.csv";
const INDICATORS: [&str; 3] = ["population_total", "share_aged_67plus_pct", "share_aged_80plus_pct"];

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from)
}

/// `spc ARGS` run in the repository's root (the paths below are relative to it).
fn spc(args: &[&str]) -> std::process::Output {
    common::spc_command().current_dir(repo()).args(args).output().unwrap()
}

/// Runs headless Chromium on a local file with a new profile and no network use.
fn chromium(extra: &[&str], html: &Path) -> std::process::Output {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: the dashboard test needs Debian's Chromium; install it with \
         `apt-get install chromium` (as root, or with sudo); `make test` does this"
    );
    let profile = Scratch::new();
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.dir().display()))
        .args(extra)
        .arg(format!("file://{}", html.canonicalize().unwrap().display()))
        .output()
        .unwrap();
    out
}

/// The rows of the tidy CSV: (region, indicator, period) -> value.
fn read_tidy(path: &str) -> HashMap<(String, String, String), f64> {
    let mut rdr = csv::Reader::from_path(repo().join(path)).unwrap();
    let mut m = HashMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        if let Ok(v) = r[4].parse::<f64>() {
            m.insert((r[0].to_string(), r[2].to_string(), r[3].to_string()), v);
        }
    }
    m
}

/// Municipality -> KOSTRA group (`kostra_group_new`).
fn read_groups() -> HashMap<String, String> {
    let mut rdr = csv::Reader::from_path(repo().join(GROUPS)).unwrap();
    rdr.records()
        .map(|r| r.unwrap())
        .filter(|r| !r[2].is_empty())
        .map(|r| (r[0].to_string(), r[2].to_string()))
        .collect()
}

/// No resource of the page is fetched from anywhere: no URL at all, no script or stylesheet
/// file, no CSS import or url().
fn assert_self_contained(html: &str) {
    for bad in ["http://", "https://", "<script src", "<link ", "@import", "url(", "src=\"//", "href=\"//"] {
        assert!(!html.contains(bad), "the page refers to an outside resource ({bad})");
    }
}

#[test]
fn oslo_dashboard_is_self_contained_and_renders_in_chromium() {
    let scratch = Scratch::new();
    let dir = scratch.dir();
    let html_path = dir.join("oslo.html");
    let out = spc(&[
        "kostra",
        "dashboard",
        POPULATION,
        "--region",
        "0301",
        "--groups",
        GROUPS,
        "--improvement",
        "share_aged_80plus_pct=decrease",
        "--target",
        "share_aged_80plus_pct=5",
        "-o",
        html_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("<html lang=\"nb\">"));
    assert!(html.contains("<style>") && html.contains("@page") && html.contains("@media print"));
    for ind in INDICATORS {
        assert!(html.contains(ind), "{ind} is missing");
    }
    // Norwegian text and numbers: Oslo's population on 1 January 2021 (SSB 07459) is 697 010,
    // Norway's 5 391 369 (SSB's published national figure: the sum over the municipalities of
    // the table), written with a no-break space between thousands.
    assert!(html.contains("Måloppnåelse") && html.contains("Oversikt"));
    assert!(html.contains(">697\u{a0}010<"), "Oslo 2021, Norwegian format");
    assert!(html.contains(">5\u{a0}391\u{a0}369<"), "Norway 2021");
    // The share aged 80+ in Oslo 2021: 21 713 / 697 010 = 3.1152 % -> "3,12" (decimal comma).
    assert!(html.contains(">3,12<"));
    // A tooltip on every point: 17 years x 3 indicators, each <circle> with a <title> giving
    // the period, the value and the signal.
    assert_eq!(html.matches("<circle class=\"pt ").count(), 17 * 3);
    assert!(html.contains("<title>2021: 697\u{a0}010 – "));
    // Oslo is alone in KOSTRA group 15: no z-score (3 members needed), said in words.
    assert!(html.contains("bare 1 kommune(r) i gruppen har verdi (3 trengs)"));

    // Rendered by Chromium: the DOM after parsing shows every indicator as a summary row and a
    // section heading.
    let dom = chromium(&["--dump-dom"], &html_path);
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.status.success() && dom_text.contains("</html>"),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    assert_eq!(dom_text.matches("class=\"summary-row\"").count(), INDICATORS.len());
    for (k, ind) in INDICATORS.iter().enumerate() {
        assert!(dom_text.contains(&format!("<a href=\"#ind-{}\">{ind}</a>", k + 1)), "summary row of {ind}");
        assert!(dom_text.contains(&format!("<h2 id=\"ind-{}-h\">{ind}</h2>", k + 1)), "section of {ind}");
    }
    assert!(dom_text.contains("KOSTRA-indikatorer for"));

    // A screenshot to look at (target/kostra_dashboard.png).
    let png = target_dir().join("kostra_dashboard.png");
    let _ = std::fs::remove_file(&png);
    let shot = chromium(
        &[&format!("--screenshot={}", png.display()), "--window-size=1280,2000", "--hide-scrollbars"],
        &html_path,
    );
    assert!(shot.status.success(), "chromium --screenshot failed: {}", String::from_utf8_lossy(&shot.stderr));
    let bytes = std::fs::read(&png).expect("the screenshot was not written");
    assert_eq!(&bytes[1..4], b"PNG");
    let (w, h) =
        (u32::from_be_bytes(bytes[16..20].try_into().unwrap()), u32::from_be_bytes(bytes[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1280, 2000));
}

#[test]
fn halden_z_scores_against_kostra_group_13() {
    // Halden (0101) is in KOSTRA group 13 (2015 grouping); its last year under code 0101 is 2019
    // (3001 from 2020). z = (x - mean) / sd over the group's municipalities with a value in
    // 2019 (sd with n - 1), computed here from the CSV.
    let values = read_tidy(POPULATION);
    let groups = read_groups();
    let members: Vec<&String> = groups.iter().filter(|(_, g)| g.as_str() == "13").map(|(m, _)| m).collect();
    let scratch = Scratch::new();
    let dir = scratch.dir();
    let html_path = dir.join("halden.html");
    let out = spc(&[
        "kostra",
        "dashboard",
        POPULATION,
        "--region",
        "101",
        "--groups",
        GROUPS,
        "--lang",
        "en",
        "-o",
        html_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("<html lang=\"en\">") && html.contains("Overview") && html.contains("KOSTRA group 13"));
    for ind in INDICATORS {
        let xs: Vec<f64> = members
            .iter()
            .filter_map(|m| values.get(&((*m).clone(), ind.to_string(), "2019".to_string())).copied())
            .collect();
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        let x = values[&("0101".to_string(), ind.to_string(), "2019".to_string())];
        let z = (x - mean) / sd;
        let text = if z > 0.0 { format!("+{z:.2}") } else { format!("{z:.2}").replace('-', "−") };
        assert!(html.contains(&format!(">{text}<")), "{ind}: z = {text}");
    }
    // English number format: Halden 2019 had 31 177 inhabitants.
    assert!(html.contains(">31,177<"));
}

#[test]
fn missing_values_are_gaps_explained_never_zero() {
    let scratch = Scratch::new();
    let dir = scratch.dir();
    let csv = dir.join("table.csv");
    std::fs::write(
        &csv,
        "region_code,region_name,indicator,period,value,numerator,denominator\n\
         3803,Tønsberg,Andel barn i barnehage,2015,90.1,,\n\
         3803,Tønsberg,Andel barn i barnehage,2016,91.2,,\n\
         3803,Tønsberg,Andel barn i barnehage,2017,..,,\n\
         3803,Tønsberg,Andel barn i barnehage,2018,92.0,,\n\
         3803,Tønsberg,Andel barn i barnehage,2019,:,,\n\
         3803,Tønsberg,Andel barn i barnehage,2020,91.7,,\n\
         3803,Tønsberg,Andel barn i barnehage,2021,92.4,,\n",
    )
    .unwrap();
    let html_path = dir.join("out.html");
    let out =
        spc(&["kostra", "dashboard", csv.to_str().unwrap(), "--region", "3803", "-o", html_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("Tønsberg") && html.contains("Andel barn i barnehage"));
    assert!(html.contains("2017: mangler – tallgrunnlag mangler (..)"));
    assert!(html.contains("2019: mangler – vises ikke av konfidensialitetshensyn (:)"));
    // Five points with values, two gaps; no zero anywhere in the values.
    assert_eq!(html.matches("<circle class=\"pt ").count(), 5);
    assert_eq!(html.matches("<g class=\"gap\">").count(), 2);
    assert!(!html.contains("<title>2017: 0") && !html.contains("<title>2019: 0"));
    // No group file: the group column says so.
    assert!(html.contains("ingen KOSTRA-gruppefil oppgitt"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let out = spc(&["kostra", "dashboard", POPULATION]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--region"));
    let out = spc(&["kostra", "dashboard", POPULATION, "--region", "0301", "--chart", "xbar"]);
    assert_eq!(out.status.code(), Some(2));
    let out = spc(&["kostra", "dashboard", POPULATION, "--region", "0301", "--indicator", "nope", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'nope'"));
}
