//! `eol update` against a tiny HTTP server on 127.0.0.1 (a thread of the test) that
//! serves recorded answers from tests/fixtures/sources/. No test touches the network.
//! Every failure must leave the catalog byte for byte as it was.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sources");
const TLS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tls");

/// What the server answers for one path.
#[derive(Clone)]
enum Answer {
    /// status, extra headers, body
    Ok(u16, Vec<(String, String)>, String),
    /// a body cut short: `Content-Length` says more than is sent
    Partial(String),
    /// no answer for this long
    Slow(Duration),
}

fn ok(body: &str) -> Answer {
    Answer::Ok(200, Vec::new(), body.to_owned())
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap()
}

/// A server answering `routes` (path with query -> answer) until dropped.
struct Server {
    base: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(routes: Vec<(String, Answer)>) -> Server {
        Server::start_fixed(move |_| routes.clone())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer<S: Read + Write>(stream: &mut S, routes: &[(String, Answer)]) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let request = String::from_utf8_lossy(&buf);
    let path = request.split_whitespace().nth(1).unwrap_or("").to_owned();
    let found = routes.iter().find(|(p, _)| *p == path).map(|(_, a)| a.clone());
    let write = |stream: &mut S, status: u16, headers: &[(String, String)], body: &str, length: usize| {
        let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {length}\r\nConnection: close\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body.as_bytes());
        let _ = stream.flush();
    };
    match found {
        Some(Answer::Ok(status, headers, body)) => write(stream, status, &headers, &body, body.len()),
        Some(Answer::Partial(body)) => write(stream, 200, &[], &body, body.len() * 4),
        Some(Answer::Slow(d)) => std::thread::sleep(d),
        None => write(stream, 404, &[], "{\"message\": \"Not Found\"}", 24),
    }
}

/// A scratch rules directory with the widget rule file and its catalog.
fn scratch(rules: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("widget.eol"), rules).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("widget.releases.csv"),
        dir.path().join("widget.releases.csv"),
    )
    .unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn eol(dir: &Path, server: &Server, extra: &[&str]) -> Run {
    eol_with(dir, server, extra, None)
}

/// `eol update`, with `SSL_CERT_FILE` set to `ca` (or not set at all).
fn eol_with(dir: &Path, server: &Server, extra: &[&str], ca: Option<&Path>) -> Run {
    let mut args: Vec<String> = vec![
        "update".into(),
        "--rules".into(),
        dir.to_string_lossy().into_owned(),
        "--at".into(),
        "2024-07-01".into(),
        "--base-url".into(),
        format!("github={}", server.base),
        "--base-url".into(),
        format!("pypi={}", server.base),
        "--timeout".into(),
        "2".into(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_eol"));
    command
        .args(&args)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_TOKEN")
        .env_remove("EOL_GITHUB_URL")
        .env_remove("SSL_CERT_FILE");
    if let Some(ca) = ca {
        command.env("SSL_CERT_FILE", ca);
    }
    let out = command.output().unwrap();
    let scrub = |s: &[u8]| {
        String::from_utf8_lossy(s)
            .replace(&server.base, "http://SERVER")
            .replace(&dir.to_string_lossy().into_owned(), "DIR")
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: scrub(&out.stdout),
        stderr: scrub(&out.stderr),
    }
}

fn widget_rules() -> String {
    fixture("widget.eol")
}

fn good_routes(base: &str) -> Vec<(String, Answer)> {
    let next = format!("<{base}/repos/acme/widget/releases?per_page=100&page=2>; rel=\"next\"");
    vec![
        (
            "/repos/acme/widget/releases?per_page=100".into(),
            Answer::Ok(200, vec![("Link".into(), next)], fixture("github-page1.json")),
        ),
        (
            "/repos/acme/widget/releases?per_page=100&page=2".into(),
            ok(&fixture("github-page2.json")),
        ),
        ("/pypi/acme-widget/json".into(), ok(&fixture("pypi.json"))),
    ]
}

impl Server {
    /// Bind a server to a fresh port and give the routes that port's base URL.
    /// The routes may name the server's own base URL (GitHub's `Link` header).
    fn start_fixed(routes: impl Fn(&str) -> Vec<(String, Answer)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let table = routes(&base);
        Server::from_listener(listener, base, table)
    }

    /// The same over TLS, with the certificate in tests/data/tls/ that the test authority
    /// signed for 127.0.0.1.
    fn start_tls(routes: impl Fn(&str) -> Vec<(String, Answer)>) -> Server {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("https://{}", listener.local_addr().unwrap());
        let table = routes(&base);
        let certs = CertificateDer::pem_file_iter(Path::new(TLS).join("server.pem"))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let key = PrivateKeyDer::from_pem_file(Path::new(TLS).join("server-key.pem")).unwrap();
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap();
        Server::serve(listener, base, table, Some(Arc::new(config)))
    }

    fn from_listener(listener: TcpListener, base: String, routes: Vec<(String, Answer)>) -> Server {
        Server::serve(listener, base, routes, None)
    }

    fn serve(
        listener: TcpListener,
        base: String,
        routes: Vec<(String, Answer)>,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> Server {
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            // Bounded: at most 60 s and 100 connections, whatever happens.
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut served = 0;
            while !flag.load(Ordering::SeqCst) && Instant::now() < deadline && served < 100 {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        served += 1;
                        stream.set_nonblocking(false).unwrap();
                        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                        match &tls {
                            None => answer(&mut stream, &routes),
                            Some(config) => {
                                let Ok(conn) = rustls::ServerConnection::new(config.clone()) else {
                                    continue;
                                };
                                answer(&mut rustls::StreamOwned::new(conn, stream), &routes);
                            }
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Server {
            base,
            stop,
            thread: Some(thread),
        }
    }
}

fn catalog(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("widget.releases.csv")).unwrap()
}

fn record(dir: &Path) -> PathBuf {
    dir.join("widget.sources.toml")
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let server = Server::start_fixed(good_routes);
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let run = eol(dir.path(), &server, &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(catalog(dir.path()), before);
    assert!(!record(dir.path()).exists());
    insta::assert_snapshot!(format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    ));
}

#[test]
fn update_adds_new_releases_keeps_every_row_and_is_idempotent() {
    let server = Server::start_fixed(good_routes);
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let run = eol(dir.path(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = catalog(dir.path());
    assert!(after.starts_with(&before), "rows were rewritten:\n{after}");
    insta::assert_snapshot!("catalog_after_update", after);
    insta::assert_snapshot!(
        "record_after_update",
        std::fs::read_to_string(record(dir.path())).unwrap()
    );
    // Again: nothing new, nothing rewritten.
    let again = eol(dir.path(), &server, &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(catalog(dir.path()), after);
    assert!(again.stdout.contains("0 new"), "{}", again.stdout);
    assert!(!again.stdout.contains("wrote"), "{}", again.stdout);
    // The updated catalog evaluates cleanly.
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["eval", "--at", "2024-07-01"])
        .arg(dir.path().join("widget.eol"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each failure: a clear message, the catalog byte for byte as it was, no record.
fn fails_untouched(routes: Vec<(String, Answer)>, code: i32, expect: &str) -> Run {
    let server = Server::start(routes);
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let run = eol(dir.path(), &server, &[]);
    assert_eq!(run.code, code, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(expect),
        "expected `{expect}` in:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(catalog(dir.path()), before);
    assert!(!record(dir.path()).exists());
    run
}

#[test]
fn not_found() {
    fails_untouched(Vec::new(), 2, "not found (HTTP 404)");
}

#[test]
fn rate_limited() {
    let routes = vec![(
        "/repos/acme/widget/releases?per_page=100".to_owned(),
        Answer::Ok(429, vec![("Retry-After".into(), "60".into())], "{}".into()),
    )];
    fails_untouched(routes, 2, "rate limited (HTTP 429); try again in 60 seconds");
    let routes = vec![(
        "/repos/acme/widget/releases?per_page=100".to_owned(),
        Answer::Ok(
            403,
            vec![
                ("X-RateLimit-Remaining".into(), "0".into()),
                ("X-RateLimit-Reset".into(), "1719835200".into()),
            ],
            "{\"message\": \"API rate limit exceeded\"}".into(),
        ),
    )];
    fails_untouched(
        routes,
        2,
        "rate limited (HTTP 403); the limit resets at 2024-07-01 12:00 UTC",
    );
}

#[test]
fn timeout() {
    let routes = vec![(
        "/repos/acme/widget/releases?per_page=100".to_owned(),
        Answer::Slow(Duration::from_secs(4)),
    )];
    fails_untouched(routes, 2, "timed out");
}

#[test]
fn malformed_json() {
    let routes = vec![(
        "/repos/acme/widget/releases?per_page=100".to_owned(),
        ok(&fixture("malformed.json")),
    )];
    let run = fails_untouched(routes, 1, "eol::source-syntax");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn partial_page() {
    let routes = vec![(
        "/repos/acme/widget/releases?per_page=100".to_owned(),
        Answer::Partial(fixture("github-page1.json")),
    )];
    fails_untouched(routes, 2, "ended early");
}

#[test]
fn a_later_page_failing_loses_the_earlier_ones_too() {
    let routes = |base: &str| {
        let next = format!("<{base}/repos/acme/widget/releases?per_page=100&page=2>; rel=\"next\"");
        vec![
            (
                "/repos/acme/widget/releases?per_page=100".to_owned(),
                Answer::Ok(200, vec![("Link".into(), next)], fixture("github-page1.json")),
            ),
            (
                "/repos/acme/widget/releases?per_page=100&page=2".to_owned(),
                Answer::Ok(500, Vec::new(), "oops".into()),
            ),
        ]
    };
    let server = Server::start_fixed(routes);
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let run = eol(dir.path(), &server, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("HTTP 500"), "{}", run.stderr);
    assert_eq!(catalog(dir.path()), before);
}

#[test]
fn unreachable_host() {
    // A port nobody listens on: bind, note it, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args(["update", "--at", "2024-07-01", "--timeout", "2", "--rules"])
        .arg(dir.path())
        .env("EOL_GITHUB_URL", format!("http://127.0.0.1:{port}"))
        .env("EOL_PYPI_URL", format!("http://127.0.0.1:{port}"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert_eq!(catalog(dir.path()), before);
}

#[test]
fn git_tags_over_smart_http() {
    let sha = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0";
    let pkt = |s: &str| format!("{:04x}{s}", s.len() + 4);
    let body = format!(
        "{}0000{}{}{}{}0000",
        pkt("# service=git-upload-pack\n"),
        pkt(&format!("{sha} HEAD\0multi_ack side-band-64k\n")),
        pkt(&format!("{sha} refs/tags/v3.0.0\n")),
        pkt(&format!("{sha} refs/tags/v3.0.0^{{}}\n")),
        pkt(&format!("{sha} refs/tags/latest\n")),
    );
    let server = Server::start(vec![(
        "/acme/widget.git/info/refs?service=git-upload-pack".to_owned(),
        ok(&body),
    )]);
    let rules = format!(
        "policy widget \"Widget\" {{\n  line major.minor\n  source git-tags \"{}/acme/widget.git\" matching \"v{{version}}\"\n  service fixes \"Fixes\"\n  phase supported \"Supported\" {{\n    from first_ship\n    until first_ship + 1 year\n    provides fixes\n  }}\n}}\n",
        server.base
    );
    let dir = scratch(&rules);
    let run = eol(dir.path(), &server, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 new"), "{}", run.stdout);
    assert!(run.stdout.contains("not matching: latest"), "{}", run.stdout);
    assert!(
        catalog(dir.path()).ends_with("widget,3.0.0,,git-tags http://127.0.0.1:")
            || catalog(dir.path()).contains("widget,3.0.0,")
    );
}

/// endoflife.date's release-data lists every version with its day; a version goes on the
/// line the catalog already names for it (endoflife.date's cycle `1`), else on the line the
/// policy's `line` gives; `2.0.0` is the release the catalog names `2.0`. The cycles' end
/// dates in the same document are not read.
#[test]
fn release_data_adds_every_version_on_the_lines_the_catalog_names() {
    let body = r#"{
  "releases": {"1": {"name": "1", "eol": "2024-01-01"}},
  "versions": {
    "2.1.1": {"name": "2.1.1", "date": "2024-03-05"},
    "2.1.0": {"name": "2.1.0", "date": "2024-01-09"},
    "2.0.0": {"name": "2.0.0", "date": "2023-02-02"},
    "2.0.1": {"name": "2.0.1", "date": "2023-01-15"},
    "1.4.2": {"name": "1.4.2", "date": "2022-11-30"},
    "nightly": {"name": "nightly", "date": "2024-06-30"}
  }
}"#;
    let server = Server::start(vec![("/releases/widget.json".to_owned(), ok(body))]);
    let rules = "policy widget \"Widget\" {\n  line major.minor\n  source release-data \"widget\"\n  service fixes \"Fixes\"\n  phase supported \"Supported\" {\n    from first_ship\n    until first_ship(newer 1)\n    provides fixes\n  }\n}\n";
    let dir = scratch(rules);
    let before =
        "product,version,date,kind,line\nwidget,1,2020-01-10,first,1\nwidget,2.0,2023-02-01,first,2.0\n";
    std::fs::write(dir.path().join("widget.releases.csv"), before).unwrap();
    let base = format!("release-data={}", server.base);
    let run = eol(dir.path(), &server, &["--base-url", &base]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "widget (release-data widget): 4 new, 1 already in the catalog; skipped 1 not a version\n  + 1.4.2 2022-11-30\n  + 2.0.1 2023-01-15\n  + 2.1.0 2024-01-09\n  + 2.1.1 2024-03-05\n  ! 2.0.0: the catalog says 2023-02-01, the source 2023-02-02 (kept)\n  not versions: nightly\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        catalog(dir.path()),
        format!("{before}widget,1.4.2,2022-11-30,,1\nwidget,2.0.1,2023-01-15,,2.0\nwidget,2.1.0,2024-01-09,,\nwidget,2.1.1,2024-03-05,,\n")
    );
    // 2.0.1 is dated before the catalog's first release of line 2.0: the rows are kept,
    // and the update says what the catalog now gives that it did not
    assert!(
        run.stderr.contains("release `2.0.1` (2023-01-15) is dated before `2.0` (2023-02-01)")
            && run.stderr.ends_with(
                "warning: widget: the updated catalog gives 1 warning it did not give before; the new rows are \
                 kept, `eol check` shows every warning\n"
            ),
        "{}",
        run.stderr
    );
    let record = std::fs::read_to_string(record(dir.path())).unwrap();
    assert!(
        record.contains("kind = \"release-data\"\nlocation = \"widget\"\nchecked = 2024-07-01\nnewest = 2024-03-05\nreleases = 5\n"),
        "{record}"
    );
    // 1.4.2 is on line 1, 2.1.1 on the policy's line 2.1
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args([
            "status",
            "widget",
            "--no-bundled",
            "--format",
            "json",
            "--at",
            "2024-07-01",
            "--rules",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<(&str, &str)> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["line"].as_str().unwrap(),
                l["newest_in_line"]["version"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [("1", "1.4.2"), ("2.0", "2.0"), ("2.1", "2.1.1")], "{doc}");
}

#[test]
fn https_trusts_the_authorities_of_ssl_cert_file() {
    let server = Server::start_tls(good_routes);
    let ca = Path::new(TLS).join("test-ca.pem");
    // Mozilla's authorities do not know the test one: refused, and the way out is named.
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let refused = eol_with(dir.path(), &server, &[], None);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("SERVER/repos/acme/widget/"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("certificate") && refused.stderr.contains("SSL_CERT_FILE"),
        "{}",
        refused.stderr
    );
    assert_eq!(catalog(dir.path()), before);
    // With the test authority in SSL_CERT_FILE, the same update goes through.
    let run = eol_with(dir.path(), &server, &[], Some(&ca));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // ... and gives what the same answers give over plain HTTP.
    let plain = Server::start_fixed(good_routes);
    let plain_dir = scratch(&widget_rules());
    assert_eq!(eol(plain_dir.path(), &plain, &[]).code, 0);
    assert_ne!(catalog(dir.path()), before);
    assert_eq!(catalog(dir.path()), catalog(plain_dir.path()));
}

#[test]
fn a_bad_ssl_cert_file_is_an_error_before_anything_is_fetched() {
    let server = Server::start(good_routes(""));
    let dir = scratch(&widget_rules());
    let before = catalog(dir.path());
    let missing = dir.path().join("no-such-bundle.pem");
    let run = eol_with(dir.path(), &server, &[], Some(&missing));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("SSL_CERT_FILE=DIR/no-such-bundle.pem: "),
        "{}",
        run.stderr
    );
    // A key is not a certificate.
    let run = eol_with(
        dir.path(),
        &server,
        &[],
        Some(&Path::new(TLS).join("server-key.pem")),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no certificate in it"), "{}", run.stderr);
    assert_eq!(catalog(dir.path()), before);
}

/// `eol import release-data FILE -o CATALOG` merges as `eol update` does, and says the
/// warnings the written catalog newly gives; the rule file is the local one.
/// Tags written `v1.2.0` are no versions without a pattern (docs/sources.md); the summary
/// says how to read them, and says nothing once the source has the pattern.
#[test]
fn import_says_how_to_read_tags_written_after_v() {
    let tags = |names: &[&str]| -> String {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{:040x}\trefs/tags/{n}\n", i + 1))
            .collect()
    };
    for (source, expected) in [
        (
            "",
            Some(
                "widget: 1 new, 0 already in the catalog; skipped 3 not versions (v1.2.0, nightly, V1.3.0)\n  \
                 help: 2 of them are versions written after `v` (`v1.2.0`): add `matching \"v{version}\"` to the \
                 product's `source` to read them (docs/sources.md)\n",
            ),
        ),
        ("  source git-tags \"https://example.com/widget.git\" matching \"v{version}\"\n", None),
    ] {
        let rules = format!(
            "policy widget \"Widget\" {{\n  line major.minor\n{source}  service fixes \"Fixes\"\n  phase supported \"Supported\" {{\n    from first_ship\n    until first_ship(newer 1)\n    provides fixes\n  }}\n}}\n"
        );
        let dir = scratch(&rules);
        let listing = dir.path().join("tags.txt");
        std::fs::write(&listing, tags(&["v1.2.0", "nightly", "1.4.0", "V1.3.0"])).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(["import", "git-tags"])
            .arg(&listing)
            .args(["--product", "widget", "--rules"])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        match expected {
            Some(text) => assert_eq!(stderr, text),
            None => assert!(
                stderr.starts_with("widget: 2 new, 0 already in the catalog; skipped 2 not matching")
                    && !stderr.contains("help:"),
                "{stderr}"
            ),
        }
    }
}

#[test]
fn import_release_data_says_the_warnings_it_brings() {
    let rules = "policy widget \"Widget\" {\n  line major.minor\n  service fixes \"Fixes\"\n  phase supported \"Supported\" {\n    from first_ship\n    until first_ship(newer 1)\n    provides fixes\n  }\n}\n";
    let dir = scratch(rules);
    std::fs::write(
        dir.path().join("widget.releases.csv"),
        "product,version,date,kind,line\nwidget,2.0,2023-02-01,first,2.0\n",
    )
    .unwrap();
    let doc = dir.path().join("widget.json");
    std::fs::write(
        &doc,
        r#"{"versions": {"2.0.1": {"name": "2.0.1", "date": "2023-01-15"}, "2.1.0": {"name": "2.1.0", "date": "2024-01-09"}}}"#,
    )
    .unwrap();
    let import = || {
        Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(["import", "release-data"])
            .arg(&doc)
            .args(["--product", "widget", "--as-of", "2024-07-01", "--rules"])
            .arg(dir.path())
            .arg("-o")
            .arg(dir.path().join("widget.releases.csv"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = import();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with("widget: 2 new, 0 already in the catalog\n")
            && stderr.contains("release `2.0.1` (2023-01-15) is dated before `2.0` (2023-02-01)")
            && stderr.ends_with(
                "warning: widget: the updated catalog gives 1 warning it did not give before; the new rows are \
                 kept, `eol check` shows every warning\n"
            ),
        "{stderr}"
    );
    // again: nothing written, nothing new to say
    let again = import();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(stderr, "widget: 0 new, 2 already in the catalog\n");
}

/// `eol update --into DIR` in a directory without rules: `args` after the base URL.
fn into_run(cwd: &Path, server: &Server, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_eol"))
        .arg("update")
        .args(args)
        .args([
            "--base-url",
            &format!("endoflife={}", server.base),
            "--timeout",
            "2",
        ])
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("EOL_RULES")
        .env_remove("EOL_ENDOFLIFE_URL")
        .output()
        .unwrap();
    let scrub = |s: &[u8]| {
        String::from_utf8_lossy(s)
            .replace(&server.base, "http://SERVER")
            .replace(&cwd.to_string_lossy().into_owned(), "CWD")
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: scrub(&out.stdout),
        stderr: scrub(&out.stderr),
    }
}

/// A catalog written from the vendor's records because endoflife.date misdates releases
/// (rules/endoflife/OWN-RECORDS.txt) keeps its dates through an update: endoflife.date's
/// cycle `8.0` is the catalog's first 8.0 release, `8.0.11`, not a release to add.
#[test]
fn into_keeps_the_first_ship_dates_of_a_catalog_from_the_vendor_records() {
    let api = r#"{"result": {"releases": [
 {"name": "9.4", "releaseDate": "2025-07-09", "isLts": false, "latest": {"name": "9.4.2", "date": "2025-09-04"}},
 {"name": "8.0", "releaseDate": "2018-04-08", "isLts": true, "latest": {"name": "8.0.46", "date": "2026-04-21"}},
 {"name": "5.7", "releaseDate": "2015-10-21", "isLts": false, "latest": {"name": "5.7.44", "date": "2023-10-25"}}]}}"#;
    into_keeps_the_bundled_catalog(
        "mysql",
        api,
        "mysql (endoflife mysql): 0 new, 6 already in the catalog\n  \
         ! 8.0 (8.0.11): the catalog says 2018-04-19, the source 2018-04-08 (kept)\n  \
         ! 9.4: the catalog says 2025-07-22, the source 2025-07-09 (kept)\n",
    );
}

/// The same holds where the vendor's records give only the month: endoflife.date writes
/// MongoDB's lifecycle months as their last days (7.2: 2024-01-31), the catalog the month
/// (`2024-01`), and an update neither adds the release again nor makes the day up.
#[test]
fn into_keeps_a_month_the_vendor_records_give_over_a_made_up_last_day() {
    let api = r#"{"result": {"releases": [
 {"name": "8.0", "releaseDate": "2024-10-31", "isLts": false, "latest": {"name": "8.0.29", "date": "2026-08-11"}},
 {"name": "7.2", "releaseDate": "2024-01-31", "isLts": false, "latest": {"name": "7.2.2", "date": "2024-02-28"}}]}}"#;
    into_keeps_the_bundled_catalog(
        "mongodb",
        api,
        "mongodb (endoflife mongodb): 0 new, 4 already in the catalog\n  \
         ! 7.2: the catalog says 2024-01, the source 2024-01-31 (kept)\n  \
         ! 8.0: the catalog says 2024-10-02, the source 2024-10-31 (kept)\n",
    );
}

/// `update PRODUCT --into library` against endoflife.date's API document `api` reports
/// `report`, copies the bundled rule file, and writes a catalog that is the bundled one:
/// no row added, no date changed.
fn into_keeps_the_bundled_catalog(product: &str, api: &str, report: &str) {
    let server = Server::start(vec![(format!("/api/v1/products/{product}/"), ok(api))]);
    let cwd = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let bundled_catalog = std::fs::read_to_string(root.join(format!("{product}.releases.csv"))).unwrap();
    let run = into_run(
        cwd.path(),
        &server,
        &[product, "--into", "library", "--at", "2026-12-05"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{report}wrote library/{product}.eol (the bundled rule file)\n\
             wrote library/{product}.releases.csv\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(cwd.path().join(format!("library/{product}.releases.csv"))).unwrap(),
        bundled_catalog
    );
}

/// The bundled library refreshed from endoflife.date's API into a directory: the bundled
/// rule file copied as it is, its catalog with the new releases appended, the copies read
/// with `--rules` and updated in place the next time; nothing written over a file in the
/// way, and products the library has no endoflife.date data of say so.
#[test]
fn into_copies_a_bundled_product_and_adds_what_endoflife_date_has_since() {
    let v1 = r#"{"schema_version": "1.2.0", "result": {"name": "nodejs", "releases": [
 {"name": "27", "releaseDate": "2026-10-20", "isLts": false, "ltsFrom": null, "latest": {"name": "27.1.0", "date": "2026-11-10"}},
 {"name": "26", "releaseDate": "2026-05-05", "isLts": true, "ltsFrom": "2026-10-28", "latest": {"name": "26.9.1", "date": "2026-11-18"}},
 {"name": "24", "releaseDate": "2025-05-06", "isLts": true, "ltsFrom": "2025-10-28", "latest": {"name": "24.21.0", "date": "2026-11-12"}}]}}"#;
    let server = Server::start(vec![("/api/v1/products/nodejs/".to_owned(), ok(v1))]);
    let cwd = tempfile::tempdir().unwrap();
    let out = cwd.path().join("library");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let bundled_rules = std::fs::read_to_string(root.join("nodejs.eol")).unwrap();
    let bundled_catalog = std::fs::read_to_string(root.join("nodejs.releases.csv")).unwrap();
    let new_rows = "nodejs,27,2026-10-20,first,27,false,\nnodejs,27.1.0,2026-11-10,latest,27,false,\n\
                    nodejs,24.21.0,2026-11-12,latest,24,true,2025-10-28\nnodejs,26.9.1,2026-11-18,latest,26,true,2026-10-28\n";
    let report = "nodejs (endoflife nodejs): 4 new, 2 already in the catalog\n  + 27 2026-10-20\n  + 27.1.0 2026-11-10\n  + 24.21.0 2026-11-12\n  + 26.9.1 2026-11-18\n";

    // a dry run shows the diff against the bundled catalog and makes nothing
    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "--into", "library", "--at", "2026-12-05", "--dry-run"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(report), "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("+{}", new_rows.lines().next().unwrap())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("(dry run: nothing written)\n"),
        "{}",
        run.stdout
    );
    assert!(!out.exists());

    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "--into", "library", "--at", "2026-12-05"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{report}wrote library/nodejs.eol (the bundled rule file)\nwrote library/nodejs.releases.csv\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(out.join("nodejs.eol")).unwrap(),
        bundled_rules
    );
    assert_eq!(
        std::fs::read_to_string(out.join("nodejs.releases.csv")).unwrap(),
        format!("{bundled_catalog}{new_rows}")
    );
    let record = std::fs::read_to_string(out.join("nodejs.sources.toml")).unwrap();
    assert!(
        record.contains("kind = \"endoflife\"\nlocation = \"nodejs\"\nchecked = 2026-12-05\nnewest = 2026-11-18\nreleases = 6\n"),
        "{record}"
    );

    // the copy answers for a line the bundled catalog does not list
    let status = |rules: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args([
                "status",
                "nodejs",
                "27.1.0",
                "--at",
                "2026-12-05",
                "--format",
                "json",
            ])
            .args(rules)
            .current_dir(cwd.path())
            .env_remove("EOL_RULES")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(status(&["--rules", "library"]).contains("\"line\": \"27\""));
    assert!(!status(&[]).contains("\"line\": \"27\""));

    // the next run updates the copy in place: nothing new, nothing written
    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "--into", "library", "--at", "2026-12-06"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "nodejs (endoflife nodejs): 0 new, 6 already in the catalog\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("nodejs.releases.csv")).unwrap(),
        format!("{bundled_catalog}{new_rows}")
    );

    // a copy nothing was added to is the bundled file byte for byte (the library reads
    // the bundled one then): the next run updates it in place all the same
    let known = r#"{"result": {"releases": [{"name": "26", "releaseDate": "2026-05-05", "isLts": true,
        "ltsFrom": "2026-10-28", "latest": {"name": "26.7.0", "date": "2026-08-05"}}]}}"#;
    let quiet = Server::start(vec![("/api/v1/products/nodejs/".to_owned(), ok(known))]);
    for _ in 0..2 {
        let run = into_run(
            cwd.path(),
            &quiet,
            &["nodejs", "--into", "same", "--at", "2026-12-05"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout
                .starts_with("nodejs (endoflife nodejs): 0 new, 2 already in the catalog\n"),
            "{}",
            run.stdout
        );
        assert_eq!(
            std::fs::read_to_string(cwd.path().join("same/nodejs.releases.csv")).unwrap(),
            bundled_catalog
        );
    }
    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "--into", "same", "--at", "2026-12-05"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{report}wrote same/nodejs.releases.csv\n"));
    assert_eq!(
        std::fs::read_to_string(cwd.path().join("same/nodejs.releases.csv")).unwrap(),
        format!("{bundled_catalog}{new_rows}")
    );

    // a catalog in the way, without its rule file: not written over
    std::fs::create_dir(cwd.path().join("other")).unwrap();
    std::fs::write(cwd.path().join("other/nodejs.releases.csv"), "mine\n").unwrap();
    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "--into", "other", "--at", "2026-12-05"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "error: nodejs: other/nodejs.releases.csv exists without its rule file; nothing written over it"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(cwd.path().join("other/nodejs.releases.csv")).unwrap(),
        "mine\n"
    );
    assert!(!cwd.path().join("other/nodejs.eol").exists());

    // a product endoflife.date does not answer for: nothing copied; one the library has
    // no endoflife.date data of (the OTRS seed): said so
    let run = into_run(
        cwd.path(),
        &server,
        &["python", "otrs", "--into", "fresh", "--at", "2026-12-05"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("not found (HTTP 404); endoflife.date does not know the product by the library's id\nnothing copied into fresh"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("otrs: declares no `source` (and the bundled library has no endoflife.date data for it); nothing to update"),
        "{}",
        run.stderr
    );
    assert!(!cwd.path().join("fresh").exists());

    // several products: one request for endoflife.date's list of every product (this
    // server answers nothing else); one it does not list is fetched on its own
    let full = format!(
        r#"{{"schema_version": "1.2.0", "total": 2, "result": [{}, {{"name": "angular", "releases": []}}]}}"#,
        v1.strip_prefix(r#"{"schema_version": "1.2.0", "result": "#)
            .and_then(|r| r.strip_suffix('}'))
            .unwrap()
    );
    let everything = Server::start(vec![("/api/v1/products/full/".to_owned(), ok(&full))]);
    let run = into_run(
        cwd.path(),
        &everything,
        &[
            "nodejs",
            "angular",
            "python",
            "--into",
            "all",
            "--at",
            "2026-12-05",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains(report), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("angular (endoflife angular): 0 new, 0 already in the catalog\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(cwd.path().join("all/nodejs.releases.csv")).unwrap(),
        format!("{bundled_catalog}{new_rows}")
    );
    assert!(cwd.path().join("all/angular.eol").exists());
    assert!(
        run.stderr.contains(
            "error: python (endoflife python): http://SERVER/api/v1/products/python/: not found (HTTP 404)"
        ),
        "{}",
        run.stderr
    );
    // without the list, each product is fetched on its own
    let run = into_run(
        cwd.path(),
        &server,
        &["nodejs", "angular", "--into", "each", "--at", "2026-12-05"],
    );
    assert!(
        run.stderr
            .contains("note: http://SERVER/api/v1/products/full/: not found (HTTP 404)")
            && run.stderr.contains("each product is fetched on its own"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with(report), "{}", run.stdout);

    // without `--into`, a bundled product has nothing to update, and the help says how
    let run = into_run(cwd.path(), &server, &["nodejs", "--at", "2026-12-05"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nodejs: declares no `source`; nothing to update"),
        "{}",
        run.stderr
    );
}

/// The sources record says when a catalog's sources were last read: `eol status` says it,
/// and a catalog read on the day asked about is not stale, whatever is overdue (the vendor
/// is late, and the sources said so); read before, it may be. A record that cannot be read
/// is a note, and the catalog is read all the same.
#[test]
fn a_catalog_whose_sources_were_read_that_day_is_not_stale() {
    let rules = "policy widget \"Widget\" {\n  line major\n  cadence line every 6 months\n  service fixes \"Fixes\"\n  phase supported \"Supported\" {\n    from first_ship\n    until first_ship(newer 1)\n    provides fixes\n  }\n}\n";
    let dir = scratch(rules);
    std::fs::write(
        dir.path().join("widget.releases.csv"),
        "product,version,date\nwidget,1.0.0,2024-01-10\nwidget,2.0.0,2024-07-02\n",
    )
    .unwrap();
    let status = |at: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args([
                "status",
                "widget",
                "2.0.0",
                "--no-bundled",
                "--fail-on-stale",
                "--at",
                at,
                "--rules",
            ])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // line 3 was due by 2025-01-02; without a record, the catalog may be behind
    let (code, out, _) = status("2025-03-01");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "  stale:       the catalog may be stale: the release cadence expected a new line by 2025-01-02"
        ),
        "{out}"
    );
    std::fs::write(
        record(dir.path()),
        "[[source]]\nkind = \"github-releases\"\nlocation = \"acme/widget\"\nchecked = 2025-03-01\nnewest = 2024-07-02\nreleases = 2\n",
    )
    .unwrap();
    let (code, out, _) = status("2025-03-01");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("stale:"), "{out}");
    assert!(
        out.contains("this product's newest catalog row 2024-07-02 (242 days before 2025-03-01); its sources were last read on 2025-03-01 (`eol update`): they did not have what this status waits for either, so the vendor is late, not the catalog\n"),
        "{out}"
    );
    let json = Command::new(env!("CARGO_BIN_EXE_eol"))
        .args([
            "status",
            "widget",
            "2.0.0",
            "--no-bundled",
            "--format",
            "json",
            "--at",
            "2025-03-01",
            "--rules",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let freshness = &doc["status"]["freshness"];
    assert_eq!(
        (
            &freshness["checked"],
            &freshness["late"],
            &freshness["may_be_stale"]
        ),
        (
            &serde_json::json!("2025-03-01"),
            &serde_json::json!(true),
            &serde_json::json!(false)
        ),
        "{doc}"
    );
    // a day later, what was overdue may have come since
    let (code, out, _) = status("2025-03-02");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("stale:") && out.contains("its sources were last read on 2025-03-01 (`eol update`)\n"),
        "{out}"
    );
    // a record that cannot be read: said, and the answer stands on the catalog alone
    std::fs::write(record(dir.path()), "[[source]]\nkind = 3\n").unwrap();
    let (code, out, err) = status("2025-03-01");
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("widget.sources.toml: ") && err.contains("when its sources were last read is not known"),
        "{err}"
    );
    assert!(out.contains("stale:") && !out.contains("last read"), "{out}");
}

/// `eol audit` says when the sources of the products that answered were last read: the
/// oldest day, and how many of them have a record.
#[test]
fn the_audit_says_when_the_sources_were_read() {
    let rules = "policy widget \"Widget\" {\n  line major\n  service fixes \"Fixes\"\n  phase supported \"Supported\" {\n    from first_ship\n    until first_ship(newer 1)\n    provides fixes\n  }\n}\n";
    let dir = scratch(rules);
    std::fs::write(
        dir.path().join("widget.releases.csv"),
        "product,version,date\nwidget,1.0.0,2024-01-10\nwidget,2.0.0,2024-07-02\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("gadget.eol"), rules.replace("widget", "gadget")).unwrap();
    std::fs::write(
        dir.path().join("gadget.releases.csv"),
        "product,version,date\ngadget,1.0.0,2024-01-10\n",
    )
    .unwrap();
    let audit = || {
        let out = Command::new(env!("CARGO_BIN_EXE_eol"))
            .args(["audit", "-", "--no-bundled", "--at", "2025-03-01", "--rules"])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write as _;
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(b"product,version\nwidget,2.0.0\ngadget,1.0.0\n")?;
                child.wait_with_output()
            })
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // no record: nothing said
    assert!(!audit().contains("last read"));
    std::fs::write(
        record(dir.path()),
        "[[source]]\nkind = \"github-releases\"\nlocation = \"acme/widget\"\nchecked = 2025-02-27\nnewest = 2024-07-02\nreleases = 2\n",
    )
    .unwrap();
    let out = audit();
    assert!(
        out.contains("; sources of 1 of the 2 products that answered last read on 2025-02-27 or later (`eol update`)\n"),
        "{out}"
    );
}
