//! Data flows one way — request → runner → http → domain services → store —
//! and the lower layers never reach up: `domain` imports nothing of store,
//! http, notify or jobs; `store` nothing of http, notify or jobs; `notify`
//! nothing of http. Test code (a file's `#[cfg(test)]` tail, test-only
//! files) may use what it likes.

/// The layers each part of `shared/src` must not import from.
const RULES: &[(&str, &[&str])] = &[
    ("domain", &["store", "http", "notify", "jobs", "app", "runner", "server"]),
    ("store", &["http", "notify", "jobs", "app", "runner", "server"]),
    ("notify", &["http", "runner", "server"]),
];

fn production_code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found
}

/// What `layer`'s production code imports from `forbidden` layers.
fn reaches_up(src: &std::path::Path, layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut offences = Vec::new();
    for path in files(&src.join(layer)) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name == "tests.rs" || name == "test_support.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        for above in forbidden {
            for pattern in [format!("crate::{above}::"), format!("crate::{above};"), format!("crate::{{{above}")] {
                if production_code(&text).contains(&pattern) {
                    offences.push(format!("{} uses crate::{above}", path.strip_prefix(src).unwrap_or(&path).display()));
                }
            }
        }
    }
    offences
}

#[test]
fn lower_layers_never_import_from_higher_ones() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shared/src");
    let offences: Vec<String> =
        RULES.iter().flat_map(|(layer, forbidden)| reaches_up(&src, layer, forbidden)).collect();
    assert!(offences.is_empty(), "a layer reaches up:\n{}", offences.join("\n"));
}

#[test]
fn the_scan_catches_a_layer_reaching_up() {
    let dir = std::env::temp_dir().join(format!("layering-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("domain")).expect("dir");
    std::fs::write(dir.join("domain/bad.rs"), "use crate::store::Store;\n#[cfg(test)]\nuse crate::http::x;\n")
        .expect("write");
    let found = reaches_up(&dir, "domain", &["store", "http"]);
    std::fs::remove_dir_all(&dir).expect("clean up");
    assert_eq!(found, ["domain/bad.rs uses crate::store"], "production imports are caught, test imports are not");
}

#[test]
fn handlers_never_take_the_system_handle() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("shared/src/http");
    let offenders: Vec<String> = files(&src)
        .into_iter()
        .filter(|path| production_code(&std::fs::read_to_string(path).expect("read")).contains(".system()"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "HTTP code acting as the system: {offenders:?}");
}
