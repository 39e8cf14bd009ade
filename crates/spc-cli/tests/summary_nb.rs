//! `spc chart --lang nb` prints the summary in Norwegian bokmål, `--lang en` in English, and a
//! Norwegian locale chooses Norwegian as it does for the images. (The rules block under the
//! summary is English in both.)

mod common;

use std::process::Output;

/// `spc chart` on the reference case `i_part24` (a shift after point 12, `--part 12`), with
/// the locale `locale` and no other locale variable set.
fn spc_chart(extra: &[&str], locale: &str) -> Output {
    let case = common::cases("qicharts2").into_iter().find(|c| c.id == "i_part24").unwrap();
    let input = case.input.display().to_string();
    let mut args = vec!["chart", input.as_str(), "--chart", "i", "--x", "x", "--y", "y", "--part", "12"];
    args.extend(extra);
    common::spc_command().args(&args).env("LANG", locale).output().expect("the spc binary runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", common::stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// qicharts2's centre lines of the two parts (the expected output of the case).
fn centre_lines() -> (f64, f64) {
    let case = common::cases("qicharts2").into_iter().find(|c| c.id == "i_part24").unwrap();
    let e = common::read_csv(&std::fs::read_to_string(&case.expected).unwrap());
    (e["cl"][0].parse().unwrap(), e["cl"][23].parse().unwrap())
}

#[test]
fn lang_nb_prints_the_summary_in_norwegian() {
    let s = stdout(&spc_chart(&["--lang", "nb"], "C"));
    // 48.550833 and 56.2075 to 4 decimals, with a decimal comma.
    let (cl1, cl2) = centre_lines();
    assert!((cl1 - 48.5508).abs() < 0.5e-4 && (cl2 - 56.2075).abs() < 0.5e-4, "{cl1} {cl2}");
    for line in [
        "I-diagram, 24 punkter\n",
        "\ndel 1: 1 til 12 (12 punkter, 12 i grunnlaget)\n  senterlinje: 48,5508\n  kontrollgrenser: ",
        "\ndel 2: 13 til 24 (12 punkter, 12 i grunnlaget)\n  senterlinje: 56,2075\n",
        "  punkter utenfor kontrollgrensene: 0\n",
        "  serieanalyse (Anhøj): 12 nyttige punkter, lengste serie 3 (maks 7), kryssinger 6 (min 3)\n",
        "\nIngen signal: variasjonen ser tilfeldig ut (bare tilfeldig variasjon, ingen spesielle årsaker).\n",
        // The verdict, Norwegian already.
        "Etter endringen ved x = 13 ligger 12 punkter på rad over baseline-senterlinjen",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    // The summary (up to the rules block, which spc_core::rules writes in English) has no
    // English words left.
    let summary = &s[..s.find("Rules (").unwrap_or(s.len())];
    for english in ["chart", "points", "part", "centre line", "limits", "runs", "No signal", " to "] {
        assert!(!summary.contains(english), "English '{english}' in\n{summary}");
    }
}

#[test]
fn lang_en_prints_the_summary_in_english_also_under_a_norwegian_locale() {
    let s = stdout(&spc_chart(&["--lang", "en"], "nb_NO.UTF-8"));
    for line in [
        "I chart, 24 points\n",
        "\npart 1: 1 to 12 (12 points, 12 in the baseline)\n  centre line: 48.5508\n",
        "\npart 2: 13 to 24 (12 points, 12 in the baseline)\n  centre line: 56.2075\n",
        "\nNo signal: the variation looks random (common cause only).\n",
        "Rules (anhoej): no signals.\n",
        "After the change at x = 13, 12 points in a row lie above the baseline centre line",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    assert!(!s.contains("senterlinje") && !s.contains("punkter"), "{s}");
}

/// Without `--lang` the locale decides, as for the images: Norwegian under `nb_NO`, `nn_NO`
/// and `no_NO`, English under `C` and `en_US`.
#[test]
fn the_locale_chooses_the_language_without_lang() {
    for locale in ["nb_NO.UTF-8", "nn_NO.UTF-8", "no_NO"] {
        let s = stdout(&spc_chart(&[], locale));
        assert!(s.starts_with("I-diagram, 24 punkter\n") && s.contains("senterlinje: 48,5508"), "{locale}:\n{s}");
    }
    for locale in ["C", "en_US.UTF-8"] {
        let s = stdout(&spc_chart(&[], locale));
        assert!(s.starts_with("I chart, 24 points\n") && s.contains("centre line: 48.5508"), "{locale}:\n{s}");
    }
}
