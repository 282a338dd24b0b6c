//! Reading what each source serves (or what was saved from it) into [`Entry`]s.
//!
//! Every problem is a diagnostic with a span into the text: `eol::source-syntax` when
//! the text is not JSON (or, for `git-tags`, not a ref listing), `eol::source-shape`
//! when it is JSON of another shape. An entry that cannot be read is reported and left
//! out; the others are read.

use chrono::NaiveDate;
use eol_syntax::{Diagnostic, Span};

use super::json::{self, Kind, Member, Value};
use super::{code, Entry, SourceKind};

/// Read one document (one page) of a source.
pub fn parse(kind: SourceKind, text: &str) -> (Vec<Entry>, Vec<Diagnostic>) {
    if kind == SourceKind::GitTags {
        return git_refs(text);
    }
    let what = describe(kind);
    let root = match json::parse(text, code::SYNTAX, what) {
        Ok(root) => root,
        Err(d) => return (Vec::new(), vec![*d]),
    };
    let mut r = Reader {
        diags: Vec::new(),
        what,
    };
    let entries = match kind {
        SourceKind::Endoflife => r.endoflife(&root),
        SourceKind::GithubReleases => r.github(&root, true),
        SourceKind::GithubTags => r.github(&root, false),
        SourceKind::Pypi => r.pypi(&root),
        SourceKind::Npm => r.npm(&root),
        SourceKind::ReleaseData => r.release_data(&root),
        SourceKind::GitTags => Vec::new(),
    };
    (entries, r.diags)
}

/// The document a kind serves, in words.
pub fn describe(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Endoflife => "an endoflife.date product document",
        SourceKind::GithubReleases => "a GitHub list of releases",
        SourceKind::GithubTags => "a GitHub list of tags",
        SourceKind::Pypi => "a PyPI project document",
        SourceKind::Npm => "an npm registry package document",
        SourceKind::GitTags => "a git ref listing",
        SourceKind::ReleaseData => "an endoflife.date release-data document",
    }
}

/// The next page from a `Link` header (`<https://...&page=2>; rel="next"`), if any.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let rel_next = params
            .split(';')
            .any(|p| matches!(p.trim(), "rel=\"next\"" | "rel=next"));
        let url = url.trim().strip_prefix('<')?.strip_suffix('>')?;
        rel_next.then(|| url.to_owned())
    })
}

/// The day of a timestamp such as `2024-01-02T03:04:05Z` (its date part, as written:
/// services write UTC) or of a plain `2024-01-02`.
fn day(text: &str) -> Option<NaiveDate> {
    let date = text.get(..10)?;
    let rest = text.get(10..)?;
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// PEP 440 pre-releases and development releases: `4.0a1`, `4.0b2`, `4.0rc1`, `4.0.dev3`.
pub fn pep440_prerelease(version: &str) -> bool {
    let lower = version.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let after_digit = |i: usize| {
        i > 0
            && bytes
                .get(i - 1)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-' || *b == b'_')
    };
    ["dev", "rc", "alpha", "beta", "pre", "preview", "a", "b", "c"]
        .iter()
        .any(|m| {
            lower.match_indices(m).any(|(i, _)| {
                after_digit(i)
                    && lower
                        .get(i + m.len()..)
                        .and_then(|r| r.trim_start_matches(['.', '-', '_']).chars().next())
                        .is_none_or(|c| c.is_ascii_digit())
            })
        })
}

struct Reader {
    diags: Vec<Diagnostic>,
    what: &'static str,
}

impl Reader {
    fn shape(&mut self, v: &Value, message: String, label: &str, help: &str) {
        self.diags.push(
            Diagnostic::error(code::SHAPE, message, v.span, label.to_owned()).with_help(help.to_owned()),
        );
    }

    fn array<'v>(&mut self, v: &'v Value, name: &str) -> &'v [Value] {
        match &v.kind {
            Kind::Array(items) => items,
            _ => {
                self.shape(
                    v,
                    format!("{name} must be an array, found {}", v.what()),
                    "not an array",
                    &format!("is this {}? check the URL or the file", self.what),
                );
                &[]
            }
        }
    }

    /// A string member; a problem is reported (None) unless the member is optional
    /// and absent or null.
    fn text<'v>(&mut self, obj: &'v Value, key: &str, required: bool) -> Option<&'v str> {
        match obj.get(key) {
            Some(v) if v.as_str().is_some() => v.as_str(),
            Some(v) if v.is_null() && !required => None,
            None if !required => None,
            Some(v) => {
                self.shape(
                    v,
                    format!("`{key}` must be a string, found {}", v.what()),
                    "not a string",
                    "the entry is left out; the others are read",
                );
                None
            }
            None => {
                self.shape(
                    obj,
                    format!("an entry without `{key}`"),
                    &format!("no `{key}` here"),
                    "the entry is left out; the others are read",
                );
                None
            }
        }
    }

    fn date(&mut self, obj: &Value, key: &str) -> Option<NaiveDate> {
        let v = obj.get(key)?;
        let text = v.as_str()?;
        let d = day(text);
        if d.is_none() {
            self.diags.push(
                Diagnostic::error(
                    code::SHAPE,
                    format!("`{text}` in `{key}` is not a date"),
                    v.inner_span(),
                    "not a date",
                )
                .with_help("dates are `YYYY-MM-DD` or timestamps such as `2024-01-02T03:04:05Z`; the entry keeps no date"),
            );
        }
        d
    }

    fn flag(&mut self, obj: &Value, key: &str) -> bool {
        match obj.get(key) {
            None => false,
            Some(v) => match v.as_bool() {
                Some(b) => b,
                None if v.is_null() => false,
                None => {
                    self.shape(
                        v,
                        format!("`{key}` must be true or false, found {}", v.what()),
                        "not true/false",
                        "read as false",
                    );
                    false
                }
            },
        }
    }

    fn object_or_report(&mut self, v: &Value, what: &str) -> bool {
        if matches!(v.kind, Kind::Object(_)) {
            return true;
        }
        self.shape(
            v,
            format!("{what} must be an object, found {}", v.what()),
            "not an object",
            "the entry is left out; the others are read",
        );
        false
    }

    /// The members of the object `root.key`; none, with the problem reported, when `root`
    /// has no `key` (`missing`: where such a document is read from) or it is not an object
    /// (`shape`: what it looks like).
    fn object_member<'v>(
        &mut self,
        root: &'v Value,
        key: &str,
        document: &str,
        missing: &str,
        shape: &str,
    ) -> &'v [Member] {
        let Some(v) = root.get(key) else {
            self.shape(
                root,
                format!("{document} without `{key}`"),
                &format!("no `{key}` here"),
                missing,
            );
            return &[];
        };
        match &v.kind {
            Kind::Object(members) => members,
            _ => {
                self.shape(
                    v,
                    format!("`{key}` must be an object, found {}", v.what()),
                    "not an object",
                    shape,
                );
                &[]
            }
        }
    }

    /// GitHub `/releases` (`tag_name`, `draft`, `prerelease`, `published_at`) and `/tags`
    /// (`name`; tags carry no date).
    fn github(&mut self, root: &Value, releases: bool) -> Vec<Entry> {
        let mut out = Vec::new();
        if let Kind::Object(_) = root.kind {
            let message = root.get("message").and_then(Value::as_str).unwrap_or("an object");
            self.shape(
                root,
                format!("expected a list, found an object (`{message}`)"),
                "not a list",
                "GitHub answers errors (`Not Found`, `API rate limit exceeded`) with an object; check the repository name",
            );
            return out;
        }
        for item in self.array(root, "the document") {
            if !self.object_or_report(item, "a release") {
                continue;
            }
            if releases {
                let Some(tag) = self.text(item, "tag_name", true) else {
                    continue;
                };
                let date = match item.get("published_at") {
                    Some(v) if !v.is_null() => self.date(item, "published_at"),
                    _ => self.date(item, "created_at"),
                };
                let mut e = Entry::named(tag, date);
                e.prerelease = self.flag(item, "prerelease");
                e.withdrawn = self.flag(item, "draft");
                out.push(e);
            } else {
                let Some(name) = self.text(item, "name", true) else {
                    continue;
                };
                out.push(Entry::named(name, None));
            }
        }
        out
    }

    /// PyPI `/pypi/NAME/json`: `releases` maps each version to its files; the release
    /// date is the earliest upload among files not yanked.
    fn pypi(&mut self, root: &Value) -> Vec<Entry> {
        let mut out = Vec::new();
        let members = self.object_member(
            root,
            "releases",
            "a PyPI project document",
            "this is read from https://pypi.org/pypi/NAME/json (the JSON API), not the simple index",
            "PyPI lists releases as `{\"1.0\": [files...]}`",
        );
        for Member {
            key: version,
            value: files,
            ..
        } in members
        {
            let files = self.array(files, "a release's files");
            let mut date: Option<NaiveDate> = None;
            let mut live = 0;
            for f in files {
                if !self.object_or_report(f, "a file") {
                    continue;
                }
                if self.flag(f, "yanked") {
                    continue;
                }
                live += 1;
                let d = match f.get("upload_time_iso_8601") {
                    Some(_) => self.date(f, "upload_time_iso_8601"),
                    None => self.date(f, "upload_time"),
                };
                date = match (date, d) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            let mut e = Entry::named(version.clone(), date);
            e.withdrawn = !files.is_empty() && live == 0;
            e.prerelease = pep440_prerelease(version);
            out.push(e);
        }
        out
    }

    /// The npm registry's package document: `versions` (the versions) and `time` (when
    /// each was published). A semver pre-release has a `-`.
    fn npm(&mut self, root: &Value) -> Vec<Entry> {
        let mut out = Vec::new();
        let members = self.object_member(
            root,
            "versions",
            "an npm package document",
            "this is read from https://registry.npmjs.org/NAME (the full document)",
            "npm lists versions as `{\"1.0.0\": {...}}`",
        );
        let time = root.get("time");
        for Member { key: version, .. } in members {
            let date = time.and_then(|t| {
                let v = t.get(version)?;
                let d = day(v.as_str()?);
                if d.is_none() {
                    self.diags.push(
                        Diagnostic::error(
                            code::SHAPE,
                            format!("the time of `{version}` is not a timestamp"),
                            v.span,
                            "not a timestamp",
                        )
                        .with_help("npm writes `2024-01-02T03:04:05.678Z`; the version keeps no date"),
                    );
                }
                d
            });
            let core = version.split('+').next().unwrap_or(version);
            let mut e = Entry::named(version.clone(), date);
            e.prerelease = core.contains('-');
            out.push(e);
        }
        out
    }

    /// endoflife.date's release-data (`releases/PRODUCT.json`): `versions` maps each
    /// version to `{"name": VERSION, "date": DAY}`. Its `releases` member (per-cycle end
    /// dates that endoflife.date's scripts collected) is not read: a catalog lists
    /// releases, and the rule file gives the ends.
    fn release_data(&mut self, root: &Value) -> Vec<Entry> {
        let mut out = Vec::new();
        let members = self.object_member(
            root,
            "versions",
            "a release-data document",
            "this is read from releases/PRODUCT.json of endoflife.date's release-data repository",
            "release-data lists versions as `{\"1.0.0\": {\"name\": \"1.0.0\", \"date\": \"2024-01-02\"}}`",
        );
        for Member { key, value, .. } in members {
            if !self.object_or_report(value, "a version") {
                continue;
            }
            let name = match value.get("name") {
                Some(_) => match self.text(value, "name", true) {
                    Some(n) => n.to_owned(),
                    None => continue,
                },
                None => key.clone(),
            };
            let date = self.date(value, "date");
            out.push(Entry::named(name, date));
        }
        out
    }

    /// endoflife.date: the API v1 product document (`{"result": {"releases": [...]}}`)
    /// or the older cycle array (`[{"cycle": ...}]`). Each cycle gives its first release
    /// (version = the cycle, kind `first`) and its latest (kind `latest`), both on the
    /// cycle's line, as `eol import endoflife-csv` does.
    fn endoflife(&mut self, root: &Value) -> Vec<Entry> {
        let mut out = Vec::new();
        let (items, v1) = match &root.kind {
            Kind::Array(items) => (items.as_slice(), false),
            Kind::Object(_) => match root.get("result").and_then(|r| r.get("releases")) {
                Some(rs) => (self.array(rs, "`result.releases`"), true),
                None => {
                    self.shape(
                        root,
                        "an endoflife.date document without `result.releases`".to_owned(),
                        "no `result.releases` here",
                        "this is read from /api/v1/products/PRODUCT/ (API v1) or /api/PRODUCT.json",
                    );
                    return out;
                }
            },
            _ => {
                self.shape(
                    root,
                    format!("expected an object or an array, found {}", root.what()),
                    "neither",
                    "this is read from /api/v1/products/PRODUCT/ (API v1) or /api/PRODUCT.json",
                );
                return out;
            }
        };
        for item in items {
            if !self.object_or_report(item, "a release cycle") {
                continue;
            }
            let cycle_key = if v1 { "name" } else { "cycle" };
            let Some(cycle) = self.text(item, cycle_key, true).map(str::to_owned) else {
                continue;
            };
            let released = self.date(item, "releaseDate");
            let (lts, lts_from) = if v1 {
                let from = self.date(item, "ltsFrom");
                (item.get("isLts").and_then(Value::as_bool), from)
            } else {
                match item.get("lts") {
                    Some(v) if v.as_bool().is_some() => (v.as_bool(), None),
                    Some(v) if v.as_str().is_some() => (Some(true), self.date(item, "lts")),
                    _ => (None, None),
                }
            };
            let (latest, latest_date) = if v1 {
                match item.get("latest") {
                    Some(l) if !l.is_null() => {
                        let name = self.text(l, "name", true).map(str::to_owned);
                        (name, self.date(l, "date"))
                    }
                    _ => (None, None),
                }
            } else {
                (
                    self.text(item, "latest", false).map(str::to_owned),
                    self.date(item, "latestReleaseDate"),
                )
            };
            let mut first = Entry::named(cycle.clone(), released);
            first.line = Some(cycle.clone());
            first.kind = Some("first".to_owned());
            first.lts = lts;
            first.lts_from = lts_from;
            if let Some(latest) = latest.filter(|l| !l.eq_ignore_ascii_case(&cycle)) {
                let mut last = first.clone();
                last.name = latest;
                last.date = latest_date;
                last.kind = Some("latest".to_owned());
                out.push(first);
                out.push(last);
            } else {
                out.push(first);
            }
        }
        out
    }
}

/// `git ls-remote --tags` output (`SHA<TAB>refs/tags/NAME`), or the ref advertisement a
/// git server sends over smart HTTP (`/info/refs?service=git-upload-pack`, pkt-lines).
/// Peeled refs (`NAME^{}`) and branches are passed over; tags carry no date.
fn git_refs(text: &str) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut diags = Vec::new();
    let mut refs: Vec<(&str, Span)> = Vec::new();
    let bad = |span: Span, label: &str| {
        Diagnostic::error(
            code::SYNTAX,
            "not a git ref listing",
            span,
            label.to_owned(),
        )
        .with_help("expected `git ls-remote --tags` output (`SHA<TAB>refs/tags/NAME` per line) or a git smart-HTTP ref advertisement")
    };
    if text.get(4..).is_some_and(|r| r.starts_with("# service=")) {
        // pkt-lines: four hex digits give the length of the line, themselves included.
        let mut pos = 0;
        while pos < text.len() {
            let Some(len) = text
                .get(pos..pos + 4)
                .and_then(|h| usize::from_str_radix(h, 16).ok())
            else {
                diags.push(bad(
                    Span::new(pos, (pos + 4).min(text.len())),
                    "not a pkt-line length",
                ));
                break;
            };
            if len == 0 {
                pos += 4;
                continue;
            }
            let Some(line) = text.get(pos + 4..pos + len).filter(|_| len >= 4) else {
                diags.push(bad(Span::new(pos, text.len()), "this pkt-line is cut short"));
                break;
            };
            let line = line.split('\0').next().unwrap_or(line).trim_end_matches('\n');
            if let Some((_, name)) = line.split_once(' ') {
                let start = pos + 4 + line.find(name).unwrap_or(0);
                refs.push((name, Span::new(start, start + name.len())));
            }
            pos += len;
        }
    } else {
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let span = Span::new(offset, offset + line.len());
            offset += raw.len();
            if line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some(sha), Some(name), None)
                    if sha.len() >= 7 && sha.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    let start = span.start + line.rfind(name).unwrap_or(0);
                    refs.push((name, Span::new(start, start + name.len())));
                }
                _ => diags.push(bad(span, "not `SHA<TAB>REF`")),
            }
        }
    }
    for (name, _) in refs {
        let Some(tag) = name.strip_prefix("refs/tags/") else {
            continue;
        };
        if tag.ends_with("^{}") {
            continue;
        }
        entries.push(Entry::named(tag, None));
    }
    (entries, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_releases() {
        let text = r#"[{"tag_name": "v2.0.0", "draft": false, "prerelease": false, "published_at": "2024-03-01T10:00:00Z"},
                       {"tag_name": "v2.1.0-rc1", "prerelease": true, "published_at": "2024-04-01T10:00:00Z"},
                       {"tag_name": "v0.9", "draft": true, "published_at": null, "created_at": "2023-01-01T00:00:00Z"},
                       {"name": "no tag"}]"#;
        let (entries, diags) = parse(SourceKind::GithubReleases, text);
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].date, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert!(entries[1].prerelease);
        assert!(entries[2].withdrawn);
        assert_eq!(entries[2].date, NaiveDate::from_ymd_opt(2023, 1, 1));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, code::SHAPE);
    }

    #[test]
    fn pypi_takes_the_earliest_file() {
        let text = r#"{"info": {}, "releases": {
            "1.0": [{"upload_time_iso_8601": "2020-01-02T00:00:00Z", "yanked": false},
                    {"upload_time_iso_8601": "2020-01-01T23:00:00Z", "yanked": false}],
            "1.1rc1": [{"upload_time": "2020-02-01T00:00:00", "yanked": false}],
            "1.2": [{"upload_time": "2020-03-01T00:00:00", "yanked": true}],
            "0.1": []}}"#;
        let (e, d) = parse(SourceKind::Pypi, text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e[0].date, NaiveDate::from_ymd_opt(2020, 1, 1));
        assert!(e[1].prerelease);
        assert!(e[2].withdrawn);
        assert_eq!(e[3].date, None);
        assert!(!e[3].withdrawn);
    }

    #[test]
    fn pep440() {
        for v in ["4.0a1", "4.0b2", "4.0rc1", "4.0.dev3", "1.0c1", "2.0-alpha"] {
            assert!(pep440_prerelease(v), "{v}");
        }
        for v in ["4.0", "4.0.1", "4.0.post1", "2024.1"] {
            assert!(!pep440_prerelease(v), "{v}");
        }
    }

    #[test]
    fn npm_versions_and_times() {
        let text = r#"{"name": "x", "versions": {"1.0.0": {}, "2.0.0-beta.1": {}},
                       "time": {"created": "2019-01-01T00:00:00.000Z", "1.0.0": "2019-01-02T00:00:00.000Z"}}"#;
        let (e, d) = parse(SourceKind::Npm, text);
        assert!(d.is_empty());
        assert_eq!(e[0].date, NaiveDate::from_ymd_opt(2019, 1, 2));
        assert!(e[1].prerelease);
    }

    #[test]
    fn release_data_versions() {
        let text = r#"{"releases": {"8.11": {"name": "8.11", "eol": "2025-04-15"}},
                       "versions": {"8.11.4": {"name": "8.11.4", "date": "2024-01-15"},
                                    "8.11.0": {"date": "2023-11-08"},
                                    "8.10.9": {"name": "8.10.9", "date": "15/01/2024"},
                                    "8.10.8": ["not an object"]}}"#;
        let (e, d) = parse(SourceKind::ReleaseData, text);
        let read: Vec<(&str, Option<NaiveDate>)> = e.iter().map(|e| (e.name.as_str(), e.date)).collect();
        assert_eq!(
            read,
            [
                ("8.11.4", NaiveDate::from_ymd_opt(2024, 1, 15)),
                ("8.11.0", NaiveDate::from_ymd_opt(2023, 11, 8)),
                ("8.10.9", None),
            ]
        );
        // the cycles' end dates are not read, and nothing is a line or a pre-release
        assert!(e
            .iter()
            .all(|e| e.line.is_none() && !e.prerelease && e.kind.is_none()));
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`15/01/2024` in `date` is not a date",
                "a version must be an object, found an array"
            ]
        );
        let (e, d) = parse(SourceKind::ReleaseData, r#"{"releases": {}}"#);
        assert!(e.is_empty());
        assert_eq!(d[0].message, "a release-data document without `versions`");
    }

    #[test]
    fn endoflife_v1_and_legacy() {
        let v1 = r#"{"schema_version": "1.2.0", "result": {"name": "go", "releases": [
            {"name": "1.22", "releaseDate": "2024-02-06", "isLts": false, "ltsFrom": null,
             "latest": {"name": "1.22.5", "date": "2024-07-02", "link": null}}]}}"#;
        let (e, d) = parse(SourceKind::Endoflife, v1);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].name, "1.22.5");
        assert_eq!(e[1].line.as_deref(), Some("1.22"));
        // a cycle named otherwise is its own first release; a latest without a digit is
        // no release (endoflife.date writes `N/A`), as `eol import endoflife-csv` has it
        let named = r#"{"result": {"releases": [
            {"name": "galaxy-tab-j", "releaseDate": "2015-01-01", "latest": null},
            {"name": "6", "releaseDate": "2014-01-21", "latest": {"name": "N/A", "date": "2018-10-16"}}]}}"#;
        let (e, d) = parse(SourceKind::Endoflife, named);
        assert!(d.is_empty(), "{d:?}");
        let decl = crate::sources::SourceDecl {
            kind: SourceKind::Endoflife,
            location: "x".into(),
            pattern: crate::sources::Pattern::default(),
            filter: None,
            span: eol_syntax::Span::default(),
        };
        let s = crate::sources::select_with(&e, &decl, 1, &[]);
        let kept: Vec<&str> = s.releases.iter().map(|c| c.version.as_str()).collect();
        assert_eq!(kept, ["6", "galaxy-tab-j"], "{s:?}");
        assert_eq!(s.not_versions, ["N/A"]);
        let legacy = r#"[{"cycle": "20", "releaseDate": "2023-04-18", "lts": "2023-10-24", "latest": "20.1.0", "latestReleaseDate": "2023-05-01"}]"#;
        let (e, d) = parse(SourceKind::Endoflife, legacy);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e[0].lts_from, NaiveDate::from_ymd_opt(2023, 10, 24));
    }

    #[test]
    fn git_refs_both_forms() {
        let ls = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0\trefs/tags/v1.0\n\
                  b1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0\trefs/tags/v1.0^{}\n\
                  c1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0\trefs/heads/main\n";
        let (e, d) = parse(SourceKind::GitTags, ls);
        assert!(d.is_empty());
        assert_eq!(e.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["v1.0"]);
        let sha = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0";
        let line = |s: &str| format!("{:04x}{s}", s.len() + 4);
        let smart = format!(
            "{}0000{}{}0000",
            line("# service=git-upload-pack\n"),
            line(&format!("{sha} HEAD\0multi_ack\n")),
            line(&format!("{sha} refs/tags/v2.1\n"))
        );
        let (e, d) = parse(SourceKind::GitTags, &smart);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["v2.1"]);
        let (_, d) = parse(SourceKind::GitTags, "hello world\n");
        assert_eq!(d[0].code, code::SYNTAX);
    }

    #[test]
    fn link_headers() {
        let h = r#"<https://api.github.com/repositories/1/releases?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/releases?per_page=100&page=5>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.github.com/repositories/1/releases?per_page=100&page=2")
        );
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
    }
}
