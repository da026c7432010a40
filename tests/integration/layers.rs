//! Layers the compiler cannot see: `stats` knows nothing of public services.
//!
//! `src/stats/` may name only itself (`crate::stats::…`, `super::…` from a file directly in
//! it). A path to anything else in the crate, in code or in a doc link, fails here, so
//! statistics stay a layer that could become a crate of their own.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The lines of `text` that reach outside `stats`: `crate::` not followed by `stats`, or
/// `super::super` (which climbs out of `src/stats/` from a file directly in it).
fn escapes(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let outside_crate_path = line
                .match_indices("crate::")
                .any(|(at, _)| !line[at + "crate::".len()..].starts_with("stats"));
            outside_crate_path || line.contains("super::super")
        })
        .map(|(i, line)| (i + 1, line.trim()))
        .collect()
}

#[test]
fn stats_imports_nothing_outside_stats() {
    let stats = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/stats");
    let files = rust_files(&stats);
    assert!(files.len() > 10, "found only {files:?} under {stats:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source");
        for (line, code) in escapes(&text) {
            found.push(format!("{}:{line}: {code}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "src/stats/ must not depend on the rest of the crate:\n{}",
        found.join("\n")
    );
}

/// The check itself: it catches what it should and lets through what it should.
#[test]
fn the_layer_check_tells_inside_from_outside() {
    let outside = [
        "use crate::error::{Error, Result};",
        "use crate::model::Weight;",
        "/// [`Error`](crate::Error)",
        "let x = crate::read_check::checked_on_read;",
        "use super::super::model;",
        "crate::stats::Level; crate::Error",
    ];
    for line in outside {
        assert_eq!(escapes(line).len(), 1, "{line}");
    }
    let inside = [
        "use super::error::{Error, Result};",
        "use crate::stats::Level;",
        "/// [`Moments`](crate::stats::Moments)",
        "let crate_name = \"layanan\";",
    ];
    for line in inside {
        assert!(escapes(line).is_empty(), "{line}");
    }
}
