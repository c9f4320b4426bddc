//! The deployment artefacts as the platforms read them: `template.yaml`
//! passes cfn-lint (PyPI) with nothing to say, only functions that send to
//! the queue may, and the HTTP API routes every documented path to the
//! function that serves it, and no route to nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use simplicity_shared::endpoints::{ALL, Endpoint};

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
