//! The deployment artefacts as the platforms read them: `vercel.json` is
//! valid against Vercel's published schema and the layout follows the rules
//! of Vercel's Rust runtime; `template.yaml` passes cfn-lint (PyPI) with
//! nothing to say, only functions that send to the queue may, and the HTTP
//! API routes every documented path to the function that serves it, and no
//! route to nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use simplicity_shared::endpoints::{ALL, CRON_SWEEP, Endpoint};
use simplicity_shared::manifests::vercel_function_glob;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `script` with the test venv's Python (cfn-lint installed there by
/// scripts/test), in the repository root; its standard output.
fn python(script: &str) -> std::process::Output {
    let python = crate::helpers::venv_python();
    Command::new(&python)
        .arg("-c")
        .arg(script)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e} (scripts/test installs it)", python.display()))
}

/// The template's functions as cfn-lint's own YAML reader loads them:
/// binary → (its policies, its HTTP routes as "METHOD path").
fn functions() -> BTreeMap<String, (Value, Vec<String>)> {
    let output = python(
        "import json\nfrom cfnlint.decode import cfn_yaml\nt = cfn_yaml.load('template.yaml')\nout = {}\n\
         for r in t['Resources'].values():\n    if r['Type'] != 'AWS::Serverless::Function': continue\n    \
         p = r['Properties']\n    routes = [e['Properties']['Method'] + ' ' + e['Properties']['Path'] \
         for e in (p.get('Events') or {}).values() if e['Type'] == 'HttpApi']\n    \
         out[r['Metadata']['BuildProperties']['Binary']] = [p.get('Policies', []), routes]\n\
         print(json.dumps(out))",
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let parsed: BTreeMap<String, (Value, Vec<String>)> = serde_json::from_slice(&output.stdout).expect("json");
    parsed
}

#[test]
fn the_sam_template_passes_cfn_lint() {
    let output =
        python("import sys\nfrom cfnlint.runner import main\nsys.argv = ['cfn-lint', 'template.yaml']\nmain()");
    assert!(
        output.status.success() && output.stdout.is_empty(),
        "cfn-lint has something to say:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn only_the_worker_and_functions_that_enqueue_may_send_to_the_queue() {
    let functions = functions();
    assert_eq!(functions.len(), ALL.len() + 1, "every endpoint and the worker");
    let senders: Vec<&str> = functions
        .iter()
        .filter(|(_, (policies, _))| policies.to_string().contains("SQS"))
        .map(|(binary, _)| binary.as_str())
        .collect();
    let mut expected: Vec<String> = ALL.iter().filter(|e| e.enqueues()).map(Endpoint::bin_name).collect();
    expected.push("notify-worker".into());
    expected.sort();
    assert_eq!(senders, expected);
    for (binary, (policies, _)) in &functions {
        let text = policies.to_string();
        assert!(!text.contains('*') && !text.contains("FullAccess"), "{binary} asks for more than it needs: {text}");
    }
}

/// Which routed function a request for `path` reaches: an exact route
/// first (the most specific), else the longest `{proxy+}` prefix (API
/// Gateway's rule).
fn routed<'a>(functions: &'a BTreeMap<String, (Value, Vec<String>)>, path: &str) -> Option<&'a str> {
    let segments = |p: &str| p.trim_matches('/').split('/').map(str::to_owned).collect::<Vec<_>>();
    let matches = |pattern: &[String], path: &[String]| {
        pattern.len() == path.len() && pattern.iter().zip(path).all(|(a, b)| a == b || a.starts_with('{'))
    };
    let wanted = segments(path);
    let mut best: Option<(usize, &str)> = None;
    for (binary, (_, routes)) in functions {
        for route in routes {
            let pattern = segments(route.split_once(' ').map_or("", |(_, p)| p));
            let proxy = pattern.last().is_some_and(|last| last == "{proxy+}");
            let rank = match pattern.split_last() {
                // Exact routes first, the most literal segments winning.
                _ if !proxy && matches(&pattern, &wanted) => {
                    1000 + pattern.iter().filter(|s| !s.starts_with('{')).count()
                }
                Some((last, prefix)) if last == "{proxy+}" && wanted.len() > prefix.len() => {
                    if matches(prefix, &wanted[..prefix.len()]) { prefix.len() } else { continue }
                }
                _ => continue,
            };
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, binary));
            }
        }
    }
    best.map(|(_, binary)| binary)
}

#[test]
fn the_http_api_routes_each_documented_path_to_the_function_that_serves_it() {
    let functions = functions();
    let spec = serde_json::to_value(simplicity_shared::http::docs::spec()).expect("spec");
    let documented: Vec<&String> = spec["paths"].as_object().expect("paths").keys().collect();
    let mut served = std::collections::BTreeSet::new();
    for endpoint in ALL {
        let own = (endpoint.routes)().into_openapi();
        for path in own.paths.paths.keys() {
            // Any method: the function itself answers 405 with `Allow`.
            assert_eq!(routed(&functions, path), Some(endpoint.bin_name().as_str()), "{path}");
            served.insert(path.clone());
        }
    }
    let unserved: Vec<&&String> = documented.iter().filter(|p| !served.contains(p.as_str())).collect();
    assert!(unserved.is_empty(), "documented but served by no function: {unserved:?}");
    for (binary, (_, routes)) in &functions {
        for route in routes {
            assert!(route.starts_with("ANY "), "{binary}: {route}");
        }
        let own = ALL.iter().find(|e| e.bin_name() == *binary);
        assert_eq!(own.is_some(), !routes.is_empty(), "{binary}: only endpoint functions are routed");
    }
}

fn vercel_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("vercel.json")).expect("vercel.json")).expect("json")
}

/// What Vercel's published schema says of `config`: each error with where.
fn vercel_schema_errors(config: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/vercel.schema.json")).expect("the schema fixture");
    let schema: Value = serde_json::from_str(&text).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    validator.iter_errors(config).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn vercel_json_is_valid_against_vercels_published_schema() {
    let config = vercel_json();
    assert_eq!(vercel_schema_errors(&config), Vec::<String>::new());
    // The schema checks what we set: a memory size Vercel does not offer, a
    // duration past its limit and a cron path that is not a path are refused.
    let mut wrong = config.clone();
    let functions = wrong["functions"].as_object_mut().expect("functions");
    let (_, limits) = functions.iter_mut().next().expect("a function with its limits");
    limits["memory"] = 100.into();
    limits["maxDuration"] = 5000.into();
    wrong["crons"][0]["path"] = "api/cron/sweep".into();
    assert_eq!(vercel_schema_errors(&wrong).len(), 3, "{:?}", vercel_schema_errors(&wrong));
}

/// A micromatch glob with `*` for one whole segment, as the generator writes
/// them, against a path.
fn glob_matches(glob: &str, path: &str) -> bool {
    let (globs, parts): (Vec<&str>, Vec<&str>) = (glob.split('/').collect(), path.split('/').collect());
    globs.len() == parts.len() && globs.iter().zip(&parts).all(|(g, p)| *g == "*" || g == p)
}

#[test]
fn the_layout_follows_the_rules_of_vercels_rust_runtime() {
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).expect("the root Cargo.toml");
    // The runtime crate is a dependency of the root package itself.
    let dependencies = cargo.split("\n[dependencies]\n").nth(1).expect("[dependencies]");
    let dependencies = dependencies.split("\n[").next().unwrap_or_default();
    assert!(dependencies.lines().any(|l| l.starts_with("vercel_runtime ")), "vercel_runtime on the root package");
    // Each `[[bin]]` under api/ exists; names are unique and plain (Vercel
    // builds with `cargo build --bin NAME`).
    let mut bins = BTreeMap::new();
    for block in cargo.split("[[bin]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| l.strip_prefix(&format!("{key} = \""))?.strip_suffix('"')).map(str::to_owned)
        };
        let (name, path) = (field("name").expect("a bin name"), field("path").expect("a bin path"));
        assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "bin name {name}");
        assert!(root().join(&path).is_file(), "{path} is missing");
        assert!(bins.insert(name.clone(), path).is_none(), "bin name {name} twice");
    }
    let api: Vec<&String> = bins.values().filter(|p| p.starts_with("api/")).collect();
    for endpoint in ALL {
        assert_eq!(bins.get(&endpoint.bin_name()), Some(&endpoint.file()), "{} is a bin", endpoint.path);
    }
    assert_eq!(api.len(), ALL.len(), "every function under api/ is an endpoint");
    // Every `functions` key is a glob that finds exactly its function's
    // file (a key matching nothing fails the deploy); brackets would be
    // character classes.
    let config = vercel_json();
    let functions = config["functions"].as_object().expect("functions");
    assert!(!functions.is_empty());
    for glob in functions.keys() {
        assert!(!glob.contains(['[', ']', '{', '}', '?']), "{glob} has only `*` wildcards");
        let found: Vec<&&String> = api.iter().filter(|p| glob_matches(glob, p)).collect();
        assert_eq!(found.len(), 1, "{glob} finds one function: {found:?}");
    }
    let sweep = vercel_function_glob(&CRON_SWEEP);
    assert_eq!(functions[&sweep]["maxDuration"], 60, "the sweep has its interval");
    assert_eq!(config["crons"][0]["path"], CRON_SWEEP.path);
}
