//! The workspace's shape (docs/architecture.md): drawing lives in this crate, which both front
//! ends use; no library crate depends on the command-line crate.

use std::path::Path;

/// The names of the `[dependencies]` (normal, not dev) of a crate's manifest.
fn normal_dependencies(krate: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]" || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            continue;
        }
        if in_deps {
            if let Some((name, _)) = line.split_once(['=', '.']) {
                if !name.trim().is_empty() && !name.starts_with('#') {
                    out.push(name.trim().to_string());
                }
            }
        }
    }
    out
}

#[test]
fn front_ends_draw_through_spc_render_and_nothing_depends_on_the_cli() {
    for krate in ["spc-core", "spc-render", "spc-py", "spc-cli"] {
        let deps = normal_dependencies(krate);
        assert!(!deps.contains(&"spc-cli".to_string()), "{krate} depends on spc-cli: {deps:?}");
        assert!(!deps.is_empty() || krate == "spc-core", "{krate}: no dependencies read");
    }
    for front in ["spc-py", "spc-cli"] {
        let deps = normal_dependencies(front);
        assert!(deps.contains(&"spc-render".to_string()), "{front} does not use spc-render: {deps:?}");
        assert!(deps.contains(&"spc-core".to_string()), "{front} does not use spc-core: {deps:?}");
    }
    // The core draws nothing.
    let core = normal_dependencies("spc-core");
    for drawing in ["ab_glyph", "resvg", "svg2pdf", "spc-render"] {
        assert!(!core.contains(&drawing.to_string()), "spc-core depends on {drawing}");
    }
}
