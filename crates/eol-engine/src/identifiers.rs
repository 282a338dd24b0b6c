//! Names a product goes by outside `eol`: aliases, package URLs and CPE prefixes.
//!
//! A rule file declares them (`alias "node"`, `purl "pkg:npm/next"`, `cpe
//! "cpe:2.3:a:nodejs:node.js"`); `eol status`, `eol list` and `eol audit` find a product
//! by them. Everything here is pure text handling, shared by the checker (which
//! rejects malformed identifiers) and the lookups (which compare normalised forms).

/// A package URL without version, qualifiers or subpath: `pkg:TYPE/[NAMESPACE/]NAME`.
/// In a rule file the name may end with `*` to match every name with that prefix
/// (`pkg:deb/debian/postgresql-*` for the versioned Debian packages).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Purl {
    /// lower case (`npm`, `pypi`, `deb`)
    pub ty: String,
    /// empty when there is none; normalised per type
    pub namespace: String,
    /// normalised per type; may end with `*` in a pattern
    pub name: String,
    /// the version, when the text had one (`@1.2.3`); never in a rule file
    pub version: Option<String>,
}

/// Why a text is not a package URL, for diagnostics.
pub type Invalid = &'static str;

impl Purl {
    /// Parse `pkg:type/namespace/name@version?qualifiers#subpath` (percent-decoding
    /// each segment). Qualifiers and subpath are read past, not kept.
    pub fn parse(text: &str) -> Result<Purl, Invalid> {
        let text = text.trim();
        let rest = strip_prefix_ci(text, "pkg:").ok_or("a package URL starts with `pkg:`")?;
        let rest = rest.trim_start_matches('/');
        let rest = rest.split('#').next().unwrap_or("");
        let rest = rest.split('?').next().unwrap_or("");
        let (path, version) = match rest.rsplit_once('@') {
            // `@` inside the namespace (npm scopes are written `%40scope`) is not a version.
            Some((p, v)) if !v.contains('/') => (p, Some(decode(v)?)),
            _ => (rest, None),
        };
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.len() < 2 {
            return Err("a package URL needs a type and a name: `pkg:TYPE/NAME`");
        }
        let ty = segments.remove(0).to_ascii_lowercase();
        if !ty
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'))
            || !ty.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Err(
                "the type of a package URL is letters, digits, `.`, `+` and `-`, starting with a letter",
            );
        }
        let raw_name = segments.pop().unwrap_or_default();
        let name = decode(raw_name)?;
        let namespace = segments
            .iter()
            .map(|s| decode(s))
            .collect::<Result<Vec<_>, _>>()?
            .join("/");
        if name.is_empty() {
            return Err("the name of a package URL is empty");
        }
        if version.as_deref() == Some("") {
            return Err("the version after `@` is empty");
        }
        let (namespace, name) = normalise(&ty, namespace, name);
        Ok(Purl {
            ty,
            namespace,
            name,
            version,
        })
    }

    /// Does this rule-file purl (a pattern, without version) name the package `other`?
    pub fn matches(&self, other: &Purl) -> bool {
        if self.ty != other.ty || self.namespace != other.namespace {
            return false;
        }
        match self.name.strip_suffix('*') {
            Some(prefix) => other.name.starts_with(prefix),
            None => self.name == other.name,
        }
    }

    /// `pkg:type/namespace/name` (no version), as declared.
    pub fn key(&self) -> String {
        if self.namespace.is_empty() {
            format!("pkg:{}/{}", self.ty, self.name)
        } else {
            format!("pkg:{}/{}/{}", self.ty, self.namespace, self.name)
        }
    }
}

/// A distribution release a package URL says its package comes from: the purl specification's
/// `distro` qualifier of a `deb`, `rpm`, `apk` or `alpm` package, as SBOM tools write it
/// (`?distro=debian-12`, `ubuntu-22.04`, `rhel-9.3`, `alpine-3.19.1`, a bare `3.19.1`, a
/// codename `bookworm`), or Docker Scout's `os_name=debian&os_version=12` (`os_distro=bookworm`
/// without a version).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Distro {
    /// the distribution's name: the qualifier's words before its version (`debian`,
    /// `opensuse-leap`), or the package URL's namespace when the qualifier is a version or a
    /// codename alone (`pkg:apk/alpine/musl?distro=3.19.1`)
    pub name: String,
    /// the namespace, when it is not `name` (`pkg:rpm/redhat/...?distro=rhel-9.3`): another
    /// name the distribution may be known by
    pub namespace: Option<String>,
    /// the release: a version (`12`, `22.04`, `3.19.1`) or a codename (`bookworm`)
    pub release: String,
}

impl Distro {
    /// The distribution release of a package URL's text, when it is a distribution's package
    /// (type `deb`, `rpm`, `apk`, `alpm`) and says which release; None otherwise, or when the
    /// text is no package URL (its parse reports that).
    pub fn of(text: &str) -> Option<Distro> {
        let text = text.trim();
        let rest = strip_prefix_ci(text, "pkg:")?.trim_start_matches('/');
        let (path, query) = rest.split('#').next().unwrap_or("").split_once('?')?;
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let ty = segments.next()?.to_ascii_lowercase();
        if !matches!(ty.as_str(), "deb" | "rpm" | "apk" | "alpm") {
            return None;
        }
        let namespace = decode(segments.next()?).ok()?.to_ascii_lowercase();
        // a package URL of a distribution names it before the package: `deb/debian/openssl`
        segments.next()?;
        let qualifier = |key: &str| {
            query.split('&').find_map(|q| {
                let (k, v) = q.split_once('=')?;
                let v = decode(v).ok()?;
                let v = v.trim();
                (k.eq_ignore_ascii_case(key) && !v.is_empty()).then(|| v.to_owned())
            })
        };
        // Docker Scout's `os_name=debian&os_version=12` (and `os_distro=bookworm`), when
        // there is no `distro`
        if qualifier("distro").is_none() {
            let release = qualifier("os_version").or_else(|| qualifier("os_distro"))?;
            let name = qualifier("os_name").map_or_else(|| namespace.clone(), |n| n.to_ascii_lowercase());
            let namespace = (namespace != name && !namespace.is_empty()).then_some(namespace);
            return Some(Distro {
                name,
                namespace,
                release,
            });
        }
        let value = qualifier("distro")?;
        let (name, release) = match Distro::split(&value) {
            Some((n, r)) => (n, r),
            None => (namespace.clone(), value),
        };
        let namespace = (namespace != name && !namespace.is_empty()).then_some(namespace);
        Some(Distro {
            name,
            namespace,
            release,
        })
    }

    /// A release named with its distribution, as `--distro` takes it: `debian-12`,
    /// `ubuntu-22.04`, `opensuse-leap-15.5`; None without a name before the version (`12`,
    /// `bookworm`).
    pub fn named(text: &str) -> Option<Distro> {
        let (name, release) = Distro::split(text.trim())?;
        Some(Distro {
            name,
            namespace: None,
            release,
        })
    }

    /// `opensuse-leap-15.5` as (`opensuse-leap`, `15.5`): the version starts after the last
    /// `-` that a digit follows, and the name before it is lower-cased.
    fn split(value: &str) -> Option<(String, String)> {
        value
            .rmatch_indices('-')
            .map(|(i, _)| i)
            .filter(|&i| i > 0)
            .filter_map(|i| Some((value.get(..i)?, value.get(i + 1..)?)))
            .find(|(_, r)| r.starts_with(|c: char| c.is_ascii_digit()))
            .map(|(n, r)| (n.to_ascii_lowercase(), r.to_owned()))
    }

    /// Is this text a package URL of a distribution's package (type `deb`, `rpm`, `apk`,
    /// `alpm`, with a namespace)?
    pub fn is_package_url(text: &str) -> bool {
        Purl::parse(text)
            .is_ok_and(|p| matches!(p.ty.as_str(), "deb" | "rpm" | "apk" | "alpm") && !p.namespace.is_empty())
    }
}

/// The purl specification's per-type rules: names that compare case-insensitively
/// are lower-cased; PyPI folds `_` and `.` to `-`.
fn normalise(ty: &str, namespace: String, name: String) -> (String, String) {
    match ty {
        "pypi" => (
            namespace.to_ascii_lowercase(),
            name.to_ascii_lowercase().replace(['_', '.'], "-"),
        ),
        "npm" | "deb" | "apk" | "rpm" | "github" | "bitbucket" | "golang" | "generic" | "docker"
        | "composer" | "gem" | "hex" | "nuget" | "cargo" | "alpm" | "oci" => {
            (namespace.to_ascii_lowercase(), name.to_ascii_lowercase())
        }
        _ => (namespace, name),
    }
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// Percent-decoding of one purl segment.
fn decode(s: &str) -> Result<String, Invalid> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .ok_or("a `%` in a package URL must be followed by two hex digits")?;
            let v = u8::from_str_radix(hex, 16)
                .map_err(|_| "a `%` in a package URL must be followed by two hex digits")?;
            out.push(v);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "a package URL decodes to text that is not UTF-8")
}

/// A CPE naming a product: part, vendor and product, from a CPE 2.3 formatted string
/// (`cpe:2.3:a:nodejs:node.js:*:...`) or a CPE 2.2 URI (`cpe:/a:nodejs:node.js`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Cpe {
    /// `a` (application), `o` (operating system) or `h` (hardware)
    pub part: char,
    pub vendor: String,
    pub product: String,
    /// the version component, when the text has one that is not `*` or `-`
    pub version: Option<String>,
    /// the update component, the same way: where NVD names a service pack or update level
    /// (`cpe:2.3:a:microsoft:sql_server:2016:sp3`: version `2016`, update `sp3`)
    pub update: Option<String>,
}

impl Cpe {
    pub fn parse(text: &str) -> Result<Cpe, Invalid> {
        let text = text.trim();
        let (fields, two_three): (Vec<&str>, bool) = if let Some(rest) = strip_prefix_ci(text, "cpe:2.3:") {
            (rest.split(':').collect(), true)
        } else if let Some(rest) = strip_prefix_ci(text, "cpe:/") {
            (rest.split(':').collect(), false)
        } else {
            return Err("a CPE starts with `cpe:2.3:` (or, CPE 2.2, `cpe:/`)");
        };
        let mut it = fields.into_iter();
        let part = match it.next().map(str::to_ascii_lowercase).as_deref() {
            Some("a") => 'a',
            Some("o") => 'o',
            Some("h") => 'h',
            _ => return Err("the part of a CPE is `a`, `o` or `h`"),
        };
        let vendor = it.next().unwrap_or("").to_ascii_lowercase();
        let product = it.next().unwrap_or("").to_ascii_lowercase();
        if vendor.is_empty() || product.is_empty() || vendor == "*" || product == "*" {
            return Err("a CPE must name a vendor and a product (`cpe:2.3:a:VENDOR:PRODUCT`)");
        }
        let mut value = || {
            it.next()
                .filter(|v| !v.is_empty() && *v != "*" && *v != "-")
                .map(|v| {
                    if two_three {
                        v.replace('\\', "")
                    } else {
                        v.to_owned()
                    }
                })
        };
        let version = value();
        let update = value();
        Ok(Cpe {
            part,
            vendor,
            product,
            version,
            update,
        })
    }

    /// The version as a person would write it: the version component, and the update
    /// after a blank when there is one (`2016 sp3`, which `alias line 13.0-sp3 "2016 SP3"`
    /// finds; `1.0.2 k`, whose line `1.0.2` starts it). None without a version.
    pub fn version_text(&self) -> Option<String> {
        let version = self.version.as_deref()?;
        Some(match &self.update {
            Some(update) => format!("{version} {update}"),
            None => version.to_owned(),
        })
    }

    /// Same part, vendor and product (versions aside).
    pub fn same_product(&self, other: &Cpe) -> bool {
        self.part == other.part && self.vendor == other.vendor && self.product == other.product
    }
}

/// The form used to compare product ids and aliases: lower case, trimmed.
pub fn fold(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_distribution_package_says_which_release() {
        let d = |t: &str| Distro::of(t).map(|d| (d.name, d.namespace, d.release));
        let own = |n: &str, r: &str| Some((n.to_owned(), None, r.to_owned()));
        // syft's and Trivy's ways of writing it
        assert_eq!(
            d("pkg:deb/debian/libssl3@3.0.17-1~deb12u2?arch=amd64&distro=debian-12"),
            own("debian", "12")
        );
        assert_eq!(
            d("pkg:deb/ubuntu/openssl@3.0.2?distro=ubuntu-22.04"),
            own("ubuntu", "22.04")
        );
        assert_eq!(
            d("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1"),
            own("alpine", "3.19.1")
        );
        assert_eq!(
            d("pkg:deb/debian/curl@7.88.1?distro=bookworm"),
            own("debian", "bookworm")
        );
        assert_eq!(
            d("pkg:rpm/redhat/openssl-libs@3.0.7?distro=rhel-9.3"),
            Some(("rhel".to_owned(), Some("redhat".to_owned()), "9.3".to_owned()))
        );
        assert_eq!(
            d("pkg:rpm/opensuse/curl@8.0?DISTRO=opensuse-leap-15.5"),
            Some((
                "opensuse-leap".to_owned(),
                Some("opensuse".to_owned()),
                "15.5".to_owned()
            ))
        );
        assert_eq!(
            d("pkg:deb/debian/curl@7.88.1?distro=debian%2D12"),
            own("debian", "12")
        );
        // not a distribution's package, or no release said
        assert_eq!(d("pkg:pypi/django@4.2?distro=debian-12"), None);
        assert_eq!(d("pkg:deb/debian/curl@7.88.1?arch=amd64"), None);
        assert_eq!(d("pkg:deb/debian/curl@7.88.1?distro="), None);
        assert_eq!(d("pkg:deb/curl@7.88.1?distro=debian-12"), None);
        assert_eq!(d("not a purl?distro=debian-12"), None);
        // odd values are kept as written, for the release lookup to refuse
        assert_eq!(d("pkg:deb/debian/curl@1?distro=-12"), own("debian", "-12"));
        assert_eq!(
            d("pkg:deb/debian/curl@1?distro=debian-"),
            own("debian", "debian-")
        );
        assert_eq!(
            d("pkg:deb/debian/curl@1?distro=%C3%A9-1"),
            Some(("é".to_owned(), Some("debian".to_owned()), "1".to_owned()))
        );
        assert_eq!(d("pkg:deb/debian/curl@1?distro=%ZZ"), None);
        assert_eq!(d("pkg:deb/debian/curl@1?distro"), None);
    }

    #[test]
    fn a_release_named_with_its_distribution() {
        let n = |t: &str| Distro::named(t).map(|d| (d.name, d.release));
        assert_eq!(n("debian-12"), Some(("debian".to_owned(), "12".to_owned())));
        assert_eq!(
            n(" Ubuntu-22.04 "),
            Some(("ubuntu".to_owned(), "22.04".to_owned()))
        );
        assert_eq!(
            n("opensuse-leap-15.5"),
            Some(("opensuse-leap".to_owned(), "15.5".to_owned()))
        );
        assert_eq!(n("12"), None);
        assert_eq!(n("bookworm"), None);
        assert_eq!(n("-12"), None);
        assert!(Distro::is_package_url("pkg:deb/debian/curl@7.88.1"));
        assert!(!Distro::is_package_url("pkg:deb/curl@7.88.1"));
        assert!(!Distro::is_package_url("pkg:pypi/django@4.2"));
    }

    #[test]
    fn purls_parse_and_normalise() {
        let p = Purl::parse("pkg:pypi/Django_REST@3.2.1?x=1#sub").unwrap();
        assert_eq!((p.ty.as_str(), p.name.as_str()), ("pypi", "django-rest"));
        assert_eq!(p.version.as_deref(), Some("3.2.1"));
        let scoped = Purl::parse("pkg:npm/%40angular/core@17.0.0").unwrap();
        assert_eq!(
            (scoped.namespace.as_str(), scoped.name.as_str()),
            ("@angular", "core")
        );
        let deb = Purl::parse("pkg:deb/debian/postgresql-15@15.4-1?arch=amd64").unwrap();
        assert!(Purl::parse("pkg:deb/debian/postgresql-*").unwrap().matches(&deb));
        assert!(!Purl::parse("pkg:deb/ubuntu/postgresql-*").unwrap().matches(&deb));
        assert_eq!(
            Purl::parse("pkg:generic/python").unwrap().key(),
            "pkg:generic/python"
        );
    }

    #[test]
    fn malformed_purls_are_refused() {
        for bad in [
            "npm/x",
            "pkg:",
            "pkg:npm",
            "pkg:1x/y",
            "pkg:npm/x@",
            "pkg:npm/%zz",
        ] {
            assert!(Purl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cpes_parse_both_forms() {
        let a = Cpe::parse("cpe:2.3:a:nodejs:node.js:18.19.0:*:*:*:*:*:*:*").unwrap();
        let b = Cpe::parse("cpe:/a:NodeJS:node.js").unwrap();
        assert!(a.same_product(&b));
        assert_eq!(a.version.as_deref(), Some("18.19.0"));
        assert_eq!(a.version_text().as_deref(), Some("18.19.0"));
        assert_eq!(b.version, None);
        // the update component, where NVD names a service pack
        let sp = Cpe::parse("cpe:2.3:a:microsoft:sql_server:2016:sp3:*:*:*:*:x64:*").unwrap();
        assert_eq!(sp.version_text().as_deref(), Some("2016 sp3"));
        let uri = Cpe::parse("cpe:/a:openssl:openssl:1.0.2:k").unwrap();
        assert_eq!(uri.version_text().as_deref(), Some("1.0.2 k"));
        let no_version = Cpe::parse("cpe:2.3:a:microsoft:sql_server:*:sp3").unwrap();
        assert_eq!(no_version.version_text(), None);
        for bad in ["cpe:2.3:x:a:b", "cpe:2.3:a:*:b", "cpe:2.3:a:v", "nodejs"] {
            assert!(Cpe::parse(bad).is_err(), "{bad}");
        }
    }
}
