//! Golden tests: every NHSRplotthedots reference case (tests/data/reference/plotthedots)
//! through `spc_core::mdc`: numbers to relative 1e-9, point types and icons exactly.

mod common;

use common::{cases, cells_agree, read_csv, Case};
use spc_core::io::Table;
use spc_core::mdc::{mdc, MdcChart, MdcSpec};

fn run_case(case: &Case) -> MdcChart {
    let t = Table::from_path(&case.input).unwrap();
    let x = t.x_column("date").unwrap();
    let y = t.numbers("value").unwrap();
    let facet = t.column("facet").ok().map(|_| t.texts("facet").unwrap());
    let mut spec = MdcSpec::default();
    if let Some(d) = case.text("improvement_direction") {
        spec.improvement = d.parse().unwrap();
    }
    spec.target = case.number("target");
    if let Some(r) = case.text("rebase") {
        spec.rebase = vec![r];
    }
    mdc(&x, &y, facet.as_deref(), None, &spec).unwrap()
}

fn num(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else {
        v.to_string()
    }
}

#[test]
fn every_plotthedots_case_matches() {
    let all = cases("plotthedots");
    assert_eq!(all.len(), 9);
    let mut diffs = Vec::new();
    for case in &all {
        let c = run_case(case);
        // NHSRplotthedots' short-group warning and ours come together.
        let warned =
            case.json["messages"].as_array().unwrap().iter().any(|m| m.as_str().unwrap().contains("trial limits"));
        if warned == c.warnings.is_empty() {
            diffs.push(format!("{}: NHSRplotthedots warned {warned}, we warned {:?}", case.id, c.warnings));
        }
        let exp = read_csv(&std::fs::read_to_string(&case.expected).unwrap());
        let n = exp["y"].len();
        assert_eq!(c.y.len(), n, "{}", case.id);
        for i in 0..n {
            let ours = [
                ("y", num(c.y[i])),
                ("x", c.x.format(i)),
                ("mean_col", num(c.cl[i])),
                ("lpl", num(c.lcl[i])),
                ("upl", num(c.ucl[i])),
                ("rebase_group", (c.part[i] - 1).to_string()),
                ("point_type", c.point_type[i].name().to_string()),
                ("target", num(c.target[i])),
            ];
            for (col, v) in ours {
                if !cells_agree(&v, &exp[col][i]) {
                    diffs.push(format!(
                        "{} row {} {col}: ours {v:?}, NHSRplotthedots {:?}",
                        case.id,
                        i + 1,
                        exp[col][i]
                    ));
                }
            }
            if let Some(f) = &c.facet {
                if f[i] != exp["f"][i] {
                    diffs.push(format!("{} row {} facet", case.id, i + 1));
                }
            }
        }
        let facets = read_csv(
            &std::fs::read_to_string(case.expected.with_file_name(format!("{}.facets.csv", case.id))).unwrap(),
        );
        for (k, icon) in c.icons.iter().enumerate() {
            let ours = [
                ("last_x", c.x.format(icon.last)),
                ("variation_icon", icon.variation.to_string()),
                ("assurance_icon", icon.assurance.unwrap_or("").to_string()),
            ];
            for (col, v) in ours {
                if !cells_agree(&v, &facets[col][k]) {
                    diffs
                        .push(format!("{} facet {k} {col}: ours {v:?}, NHSRplotthedots {:?}", case.id, facets[col][k]));
                }
            }
        }
    }
    assert!(diffs.is_empty(), "{} difference(s):\n{}", diffs.len(), diffs.join("\n"));
}
