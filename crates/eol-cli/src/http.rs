//! Fetching a source's documents over HTTP(S): the only network code in `eol`.
//!
//! Base URLs come from `--base-url SERVICE=URL`, else `EOL_<SERVICE>_URL`, else the
//! service's own; tests point them at a server on 127.0.0.1. Every failure is one
//! clear message: not found, rate limited (with when to try again), timed out, a body
//! cut short, too many pages. Nothing is retried.

use std::collections::HashMap;
use std::time::Duration;

use eol_engine::sources::{formats, Service, SourceKind};

/// GitHub pages are followed this many times at most (100 releases each).
pub const MAX_PAGES: usize = 50;
/// A response larger than this is refused (npm documents of big packages are tens of MB).
const MAX_BODY: u64 = 256 * 1024 * 1024;

pub struct Client {
    agent: ureq::Agent,
    bases: HashMap<&'static str, String>,
    github_token: Option<String>,
}

/// One fetched document.
#[derive(Clone, Debug)]
pub struct Page {
    pub url: String,
    pub text: String,
}

impl Client {
    /// `overrides`: `SERVICE=URL` from the command line.
    pub fn new(overrides: &[String], timeout: u64) -> Result<Client, String> {
        let mut bases: HashMap<&'static str, String> = HashMap::new();
        for s in Service::ALL {
            let base = std::env::var(s.env_var())
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| s.default_base().to_owned());
            bases.insert(s.name(), base);
        }
        for o in overrides {
            let Some((name, url)) = o.split_once('=') else {
                return Err(format!(
                    "--base-url {o}: write SERVICE=URL (services: endoflife, github, pypi, npm)"
                ));
            };
            let Some(s) = Service::ALL.into_iter().find(|s| s.name() == name.trim()) else {
                return Err(format!(
                    "--base-url: unknown service `{name}` (endoflife, github, pypi, npm)"
                ));
            };
            bases.insert(s.name(), url.trim().to_owned());
        }
        let tls = ureq::tls::TlsConfig::builder().root_certs(root_certs()?).build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(Duration::from_secs(timeout.max(1))))
            .http_status_as_error(false)
            .user_agent(concat!("eol/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            agent,
            bases,
            github_token: std::env::var("GITHUB_TOKEN")
                .ok()
                .filter(|t| !t.trim().is_empty()),
        })
    }

    /// The URL of a source's first page.
    pub fn first_url(&self, kind: SourceKind, location: &str) -> String {
        let path = kind.first_request(location);
        match kind.service() {
            Some(s) => {
                let base = self.bases.get(s.name()).map_or(s.default_base(), String::as_str);
                format!("{}{path}", base.trim_end_matches('/'))
            }
            None => path,
        }
    }

    /// Every page of a source's listing, or the first failure (then nothing).
    pub fn fetch_all(&self, kind: SourceKind, location: &str) -> Result<Vec<Page>, String> {
        let mut pages = Vec::new();
        let mut next = Some(self.first_url(kind, location));
        while let Some(url) = next.take() {
            if pages.len() == MAX_PAGES {
                return Err(format!("{url}: more than {MAX_PAGES} pages; narrow the source"));
            }
            let (text, link) = self.get(kind, &url)?;
            next = if kind.paged() {
                link.as_deref().and_then(formats::next_link)
            } else {
                None
            };
            pages.push(Page { url, text });
        }
        Ok(pages)
    }

    fn get(&self, kind: SourceKind, url: &str) -> Result<(String, Option<String>), String> {
        let mut req = self.agent.get(url);
        req = match kind {
            SourceKind::GithubReleases | SourceKind::GithubTags => {
                let r = req
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28");
                match &self.github_token {
                    Some(t) => r.header("Authorization", &format!("Bearer {}", t.trim())),
                    None => r,
                }
            }
            SourceKind::GitTags => req,
            _ => req.header("Accept", "application/json"),
        };
        let mut resp = req.call().map_err(|e| describe(url, &e))?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let link = header("link");
        let retry_after = header("retry-after");
        let remaining = header("x-ratelimit-remaining");
        let reset = header("x-ratelimit-reset");
        if status == 429 || (status == 403 && remaining.as_deref() == Some("0")) {
            let when = match (retry_after, reset) {
                (Some(s), _) => format!("try again in {s} seconds (Retry-After)"),
                (None, Some(r)) => match r
                    .parse::<i64>()
                    .ok()
                    .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                {
                    Some(t) => format!("the limit resets at {} UTC", t.format("%Y-%m-%d %H:%M")),
                    None => "try again later".to_owned(),
                },
                (None, None) => "try again later".to_owned(),
            };
            let token = if kind.service() == Some(Service::Github) && self.github_token.is_none() {
                "; a GITHUB_TOKEN raises GitHub's limit"
            } else {
                ""
            };
            return Err(format!("{url}: rate limited (HTTP {status}); {when}{token}"));
        }
        if status == 404 {
            return Err(format!(
                "{url}: not found (HTTP 404); check the source's location in the rule file"
            ));
        }
        if !(200..300).contains(&status) {
            return Err(format!("{url}: the server answered HTTP {status}"));
        }
        let text = resp
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_string()
            .map_err(|e| describe(url, &e))?;
        Ok((text, link))
    }
}

/// The certificate authorities `eol update` trusts: Mozilla's (built in), or, when
/// `SSL_CERT_FILE` names a PEM bundle, the certificates in it instead, as OpenSSL, curl
/// and Python read that variable. A site whose proxy re-signs TLS with its own authority
/// points it at a bundle that holds that authority.
fn root_certs() -> Result<ureq::tls::RootCerts, String> {
    let Some(path) = std::env::var_os("SSL_CERT_FILE").filter(|v| !v.is_empty()) else {
        return Ok(ureq::tls::RootCerts::WebPki);
    };
    let shown = std::path::Path::new(&path).display().to_string();
    let bytes = std::fs::read(&path).map_err(|e| format!("SSL_CERT_FILE={shown}: {e}"))?;
    let certs = pem_certificates(&bytes).map_err(|e| format!("SSL_CERT_FILE={shown}: {e}"))?;
    Ok(ureq::tls::RootCerts::new_with_certs(&certs))
}

/// The certificates of a PEM bundle (other items, such as keys, are passed over); an error
/// when a block is broken or there is no certificate at all.
fn pem_certificates(bytes: &[u8]) -> Result<Vec<ureq::tls::Certificate<'static>>, String> {
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(bytes) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => return Err(format!("not a PEM bundle of certificates: {e}")),
        }
    }
    if certs.is_empty() {
        return Err(
            "no certificate in it (a PEM bundle of `-----BEGIN CERTIFICATE-----` blocks is expected)"
                .to_owned(),
        );
    }
    Ok(certs)
}

fn describe(url: &str, e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => {
            format!("{url}: no answer in time (timed out); try again, or raise --timeout")
        }
        ureq::Error::HostNotFound => format!("{url}: host not found"),
        ureq::Error::ConnectionFailed => format!("{url}: cannot connect"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("{url}: the response ended early (a partial page); nothing was written")
        }
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::NotConnected
            ) =>
        {
            format!("{url}: cannot connect ({io})")
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("{url}: no answer in time (timed out); try again, or raise --timeout")
        }
        ureq::Error::BodyExceedsLimit(n) => format!("{url}: the response is larger than {n} bytes"),
        other if other.to_string().contains("certificate") => format!(
            "{url}: {other}; where a proxy re-signs TLS with an authority of its own, set SSL_CERT_FILE to a PEM bundle that holds it"
        ),
        other => format!("{url}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::pem_certificates;

    const CA: &str = include_str!("../tests/data/tls/test-ca.pem");
    const SERVER: &str = include_str!("../tests/data/tls/server.pem");
    const KEY: &str = include_str!("../tests/data/tls/server-key.pem");

    #[test]
    fn a_bundle_gives_its_certificates_and_passes_keys_over() {
        assert_eq!(pem_certificates(CA.as_bytes()).unwrap().len(), 1);
        let bundle = format!("# comments are fine\n{CA}\n{KEY}{SERVER}");
        assert_eq!(pem_certificates(bundle.as_bytes()).unwrap().len(), 2);
    }

    #[test]
    fn no_certificate_or_a_broken_block_is_an_error() {
        assert!(pem_certificates(KEY.as_bytes())
            .unwrap_err()
            .contains("no certificate"));
        assert!(pem_certificates(b"").unwrap_err().contains("no certificate"));
        let broken = "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n";
        assert!(pem_certificates(broken.as_bytes())
            .unwrap_err()
            .contains("not a PEM bundle"));
    }
}
