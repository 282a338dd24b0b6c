//! Names a product goes by outside `eol`: aliases, package URLs and CPE prefixes.
//!
//! A rule file declares them (`alias "node"`, `purl "pkg:npm/next"`, `cpe
//! "cpe:2.3:a:nodejs:node.js"`); `eol status`, `eol list` and `eol audit` find a product
//! by them. Everything here is pure text handling, shared by the checker (which
//! rejects malformed identifiers) and the lookups (which compare normalised forms).

/// A package URL without version, qualifiers or subpath: `pkg:TYPE/[NAMESPACE/]NAME`.
/// In a rule file the name is a pattern: it may end with `*` to match every name with that
/// prefix (`pkg:deb/debian/postgresql-*`), and may hold [`LINE`] once, for a line's number
/// (`pkg:deb/debian/php{line}-fpm` for `php8.2-fpm`); see [`name_matches`].
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
    /// Is it a distribution's package (type `deb`, `rpm`, `apk`, `alpm`, with the
    /// distribution as its namespace)?
    pub fn is_distribution_package(&self) -> bool {
        is_distribution_type(&self.ty) && !self.namespace.is_empty()
    }

    /// Parse `pkg:type/namespace/name@version?qualifiers#subpath` (percent-decoding
    /// each segment). Qualifiers and subpath are read past, not kept, but for a Docker
    /// image's `repository_url`, the registry it is in, which is part of its name
    /// ([`docker_hub_namespace`]).
    pub fn parse(text: &str) -> Result<Purl, Invalid> {
        let text = text.trim();
        let rest = strip_prefix_ci(text, "pkg:").ok_or("a package URL starts with `pkg:`")?;
        let rest = rest.trim_start_matches('/');
        let rest = rest.split('#').next().unwrap_or("");
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
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
        let mut namespace = segments
            .iter()
            .map(|s| decode(s))
            .collect::<Result<Vec<_>, _>>()?
            .join("/");
        let mut version = version;
        if ty == "docker" {
            if let Some(registry) = repository_url(query) {
                namespace = if namespace.is_empty() {
                    registry
                } else {
                    format!("{registry}/{namespace}")
                };
            }
        }
        if ty == "oci" {
            // `pkg:oci/NAME@DIGEST?repository_url=HOST/PATH/NAME&tag=TAG`: the repository is the
            // image's whole name, the version a digest, the tag beside it
            if let Some(repository) = repository_url(query) {
                namespace = match repository.rsplit_once('/') {
                    Some((path, last)) if last.eq_ignore_ascii_case(&name) => path.to_owned(),
                    _ => repository,
                };
            }
            if version.as_deref().is_none_or(is_digest) {
                version = qualifier(query, "tag").filter(|t| !t.is_empty());
            }
        }
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

    /// Does this rule-file purl (a pattern, without version) name the package `other`? An
    /// OCI image's package URL names the same image as a Docker one of its repository, an
    /// RPM of Red Hat Enterprise Linux names the same package as a rebuild's of that name
    /// ([`enterprise_linux`]: `pkg:rpm/redhat/openssl-libs` is also Rocky Linux's), and one
    /// of SUSE's the same as openSUSE's ([`suse`]: `pkg:rpm/suse/libopenssl3` is also
    /// `pkg:rpm/sles/libopenssl3` and `pkg:rpm/opensuse-leap/libopenssl3`).
    pub fn matches(&self, other: &Purl) -> bool {
        self.match_rank(other).is_some()
    }

    /// How closely this rule-file purl names the package `other`, when it does
    /// ([`Purl::matches`]): [`Rank::Own`] when its namespace is the package's distribution
    /// (`pkg:rpm/oracle/redhat-release` names Oracle Linux's own `redhat-release`, also as
    /// `pkg:rpm/ol/...`), [`Rank::Family`] when it is the head of the package's family
    /// (`pkg:rpm/redhat/...`, `pkg:rpm/suse/...`), [`Rank::Sibling`] when it is another
    /// member's. A lookup takes the closest, so a distribution's own package of a name is
    /// its own even where Red Hat's of that name is another product's.
    pub fn match_rank(&self, other: &Purl) -> Option<Rank> {
        let image = |ty: &str| matches!(ty, "docker" | "oci");
        if !(self.ty == other.ty || image(&self.ty) && image(&other.ty))
            || !name_matches(&self.name, &other.name)
        {
            return None;
        }
        if self.namespace == other.namespace {
            return Some(Rank::Own);
        }
        if self.ty != "rpm" {
            return None;
        }
        if rpm_distribution(&self.namespace) == rpm_distribution(&other.namespace) {
            Some(Rank::Own)
        } else if rpm_family(&self.namespace) != rpm_family(&other.namespace) {
            None
        } else if rpm_family(&self.namespace) == rpm_distribution(&self.namespace) {
            Some(Rank::Family)
        } else {
            Some(Rank::Sibling)
        }
    }

    /// Does the name stand for more than one package (a `*` or [`LINE`] in it)?
    pub fn is_pattern(&self) -> bool {
        self.name.ends_with('*') || self.name.contains(LINE)
    }

    /// Why this purl cannot be a rule file's pattern, if it cannot: a `*` anywhere but at the
    /// end of the name, braces other than one [`LINE`], a [`LINE`] that runs into digits (the
    /// number would have no end), or a pattern with no fixed text to find a package by.
    pub fn pattern_problem(&self) -> Option<Invalid> {
        if self.namespace.contains(['*', '{', '}']) {
            return Some("`*` and `{line}` belong in the name, not the namespace");
        }
        let open = self.name.strip_suffix('*').unwrap_or(&self.name);
        if open.contains('*') {
            return Some("`*` may only end the name");
        }
        let (before, after) = open.split_once(LINE).unwrap_or((open, ""));
        if before.contains(['{', '}']) || after.contains(['{', '}']) {
            return Some("the one placeholder a name may hold is `{line}`, once");
        }
        if open.contains(LINE)
            && (before.ends_with(|c: char| c.is_ascii_digit())
                || after.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
        {
            return Some("`{line}` runs into a digit or a dot here, so the line's number would have no end");
        }
        if before.is_empty() && after.is_empty() {
            return Some("a pattern needs fixed text besides `*` and `{line}`");
        }
        None
    }

    /// The package its source package is, for a distribution's package URL whose `upstream`
    /// qualifier names it, as syft writes it: `pkg:deb/debian/libpq5@15.8-0+deb12u1?upstream=postgresql-15`
    /// (or `upstream=bash%405.2.15-2`, with the source's version), `pkg:apk/alpine/libcrypto3@3.1.4-r5?upstream=openssl`,
    /// `pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?upstream=openssl-3.0.7-27.el9.src.rpm`. The
    /// type and namespace stay; the version is the binary package's. None without such a
    /// qualifier, or when it names the package itself.
    pub fn source_of(&self, text: &str) -> Option<Purl> {
        if !self.is_distribution_package() {
            return None;
        }
        let value = qualifier(query_of(text)?, "upstream")?;
        let name = source_package_name(&value)?;
        let (namespace, name) = normalise(&self.ty, self.namespace.clone(), name.to_owned());
        (!name.is_empty() && name != self.name && !name.contains(['/', '*', '{'])).then(|| Purl {
            ty: self.ty.clone(),
            namespace,
            name,
            version: self.version.clone(),
        })
    }

    /// The GitHub repository a `generic` package URL's `repository_url` qualifier names, as
    /// its `pkg:github` URL: syft identifies an installed JVM by its `release` file and writes
    /// the source repository that file names there, whoever built it
    /// (`pkg:generic/oracle/openjdk@21.0.4%2B7-LTS?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Fjdk21u.git`
    /// is Eclipse Temurin's build from `pkg:github/adoptium/jdk21u`). The address may have a
    /// scheme (`https://`, `git+https://`, `git://`, `ssh://git@`), `www.`, a trailing `.git`
    /// or `/`; it must be `github.com/OWNER/REPO` and nothing more. The version stays. None
    /// for another type, another host, or no such qualifier.
    pub fn repository_of(&self, text: &str) -> Option<Purl> {
        if self.ty != "generic" {
            return None;
        }
        let url = qualifier(query_of(text)?, "repository_url")?;
        let url = url.trim();
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let rest = rest.strip_prefix("git@").unwrap_or(rest);
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        let (host, path) = rest.split_once(['/', ':'])?;
        if !host.eq_ignore_ascii_case("github.com") {
            return None;
        }
        let path = path.trim_end_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let (owner, repo) = path.split_once('/')?;
        let plain =
            |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !plain(owner) || !plain(repo) {
            return None;
        }
        let (namespace, name) = normalise("github", owner.to_owned(), repo.to_owned());
        Some(Purl {
            ty: "github".to_owned(),
            namespace,
            name,
            version: self.version.clone(),
        })
    }

    /// [`Purl::key`] as [`Purl::match_rank`] ranks a package [`Rank::Own`]: an OCI image's
    /// type is Docker's, and an RPM namespace that is another name of a distribution is its
    /// name ([`rpm_distribution`]: `rhel` is `redhat`, `ol` is `oracle`). Two rule-file
    /// package URLs with one match key name the same packages first; a rebuild's namespace
    /// (`pkg:rpm/oracle/redhat-release`) and Red Hat's are two keys, the rebuild's the
    /// closer for the rebuild's packages.
    pub fn match_key(&self) -> String {
        let ty = if self.ty == "oci" {
            "docker"
        } else {
            self.ty.as_str()
        };
        let namespace = if self.ty == "rpm" {
            rpm_distribution(&self.namespace)
        } else {
            self.namespace.as_str()
        };
        if namespace.is_empty() {
            format!("pkg:{ty}/{}", self.name)
        } else {
            format!("pkg:{ty}/{namespace}/{}", self.name)
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

/// The query of a package URL's text: what follows its `?`, before any `#`.
fn query_of(text: &str) -> Option<&str> {
    Some(text.trim().split('#').next()?.split_once('?')?.1)
}

/// The name of a distribution's source package as tools write it: `postgresql-15` (dpkg's
/// `${source:Package}`), `binutils (2.40-2)` (a Debian `Source` field whose version differs
/// from its binary's, as osquery's `deb_packages.source` copies it), `bash@5.2.15-2` (syft's
/// `upstream` qualifier), `openssl-3.0.7-27.el9.src.rpm` (an RPM's `%{SOURCERPM}`, whose name
/// is what precedes its version and release). The version is left out; None when no name is
/// left.
pub fn source_package_name(text: &str) -> Option<&str> {
    let text = text.trim();
    let name = match text.strip_suffix(".src.rpm") {
        Some(nvr) => {
            let mut parts = nvr.rsplitn(3, '-');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(_release), Some(_version), Some(name)) => name,
                _ => nvr,
            }
        }
        None => text.split(['@', '(', ' ', '\t']).next().unwrap_or(text),
    };
    Some(name.trim()).filter(|n| !n.is_empty())
}

/// The architectures RPM writes after a package's release (`%{ARCH}`), and `src` and
/// `nosrc` of a source package.
const RPM_ARCHES: &[&str] = &[
    "x86_64",
    "noarch",
    "aarch64",
    "i686",
    "i586",
    "i486",
    "i386",
    "ppc64le",
    "ppc64",
    "ppc",
    "s390x",
    "s390",
    "armv7hl",
    "armv7hnl",
    "armv6hl",
    "armhfp",
    "riscv64",
    "loongarch64",
    "src",
    "nosrc",
];

/// The architectures Debian names its package files with (`nginx_1.22.1-9_amd64.deb`).
const DEB_ARCHES: &[&str] = &[
    "amd64", "arm64", "armhf", "armel", "i386", "all", "ppc64el", "s390x", "riscv64", "mips64el", "loong64",
];

/// A distribution's package named with its version in one text, as a package manager lists
/// it ([`package_in_one`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackageInOne<'t> {
    /// the package's name (`python3.11-requests`)
    pub name: &'t str,
    /// its version with the distribution's release (`2.28.1-1.el9`), the architecture left out
    pub version: &'t str,
    /// who writes it so, for a note (`` `rpm -qa` ``)
    pub written_by: &'static str,
}

/// A distribution's package written with its version in one text:
/// - as `rpm -qa` prints it, `NAME-VERSION-RELEASE.ARCH`, or its file's name (the same, then
///   `.rpm`), with an architecture RPM writes (`python3.11-requests-2.28.1-1.el9.noarch`);
/// - as `apk info -v` prints it, `NAME-VERSION-rN` (`postgresql16-contrib-16.1-r0`), or its
///   file's name (the same, then `.apk`);
/// - as Debian names a package's file, `NAME_VERSION_ARCH.deb` (`nginx_1.22.1-9_amd64.deb`);
/// - as a row of `dpkg -l`: its state, name (perhaps with `:ARCH`), version and architecture,
///   then its description (`ii  php8.2-redis  6.0.2-1  amd64  PHP extension for ...`);
/// - as a row of `apt list --installed`: `NAME/SUITES VERSION ARCH [installed...]`
///   (`openssl/stable-security,now 3.0.11-1~deb12u2 amd64 [installed]`).
///
/// A name may have hyphens of its own, so the version and the release are the last two
/// parts between hyphens (underscores in a Debian file's name); the version starts with a
/// digit. None for any other text: one with a blank that is no such row, or without such an
/// ending.
pub fn package_in_one<'t>(text: &'t str) -> Option<PackageInOne<'t>> {
    let text = text.trim();
    let starts_a_version = |v: &str| v.starts_with(|c: char| c.is_ascii_digit());
    if text.contains(char::is_whitespace) {
        let mut words = text.split_whitespace();
        let (first, second, third, fourth) = (words.next()?, words.next()?, words.next()?, words.next());
        // `dpkg -l`: a desired state (`u`, `i`, `h`, `r`, `p`), a current one and perhaps an
        // error flag, then the name, version and architecture
        let state = first.len() <= 3
            && first.starts_with(['u', 'i', 'h', 'r', 'p'])
            && first.chars().nth(1).is_some_and(|c| "ncHUFWti".contains(c))
            && first.chars().nth(2).is_none_or(|c| c == 'R');
        if state && !text.contains('\n') {
            let name = second.split_once(':').map_or(second, |(name, _)| name);
            let fits = !name.is_empty()
                && starts_a_version(third)
                && fourth.is_some_and(|arch| DEB_ARCHES.contains(&arch));
            return fits.then_some(PackageInOne {
                name,
                version: third,
                written_by: "`dpkg -l`",
            });
        }
        // `dnf list installed` (and yum's): `NAME.ARCH  [EPOCH:]VERSION-RELEASE  @REPO`, the
        // repository it came from after an `@`; without the `@` the row is one `dnf
        // check-update` or `dnf list --upgrades` prints, a version to be installed, not the
        // one that runs
        if let (Some((name, arch)), None) = (first.rsplit_once('.'), fourth) {
            if RPM_ARCHES.contains(&arch) && !name.is_empty() {
                let epochless = second.split_once(':').map_or(second, |(epoch, v)| {
                    if epoch.bytes().all(|b| b.is_ascii_digit()) {
                        v
                    } else {
                        second
                    }
                });
                let fits = third.len() > 1 && third.starts_with('@') && starts_a_version(epochless);
                return fits.then_some(PackageInOne {
                    name,
                    version: second,
                    written_by: "`dnf list installed`",
                });
            }
        }
        // `apt list --installed`: the suites after the name, then the version and architecture,
        // and the flags in brackets, perhaps with the version an upgrade would bring
        // (`[installed,upgradable to: 3.0.2-0ubuntu1.12]`); `apt list --upgradable` gives that
        // version first and the installed one last (`[upgradable from: 3.0.2-0ubuntu1.10]`):
        // what runs is the installed one
        let (name, suites) = first.split_once('/')?;
        let (flag, after, version) = (words.next(), words.next(), words.next());
        let (version, written_by) = match (fourth?, flag, after, version) {
            (f, None, None, None) if f.starts_with("[installed") && f.ends_with(']') => {
                (second, "`apt list --installed`")
            }
            (f, Some("to:"), Some(upgrade), None)
                if f.starts_with("[installed,") && upgrade.ends_with(']') =>
            {
                (second, "`apt list --installed`")
            }
            ("[upgradable", Some("from:"), Some(installed), None) => (
                installed.strip_suffix(']')?,
                "`apt list --upgradable` (installed: after `upgradable from:`)",
            ),
            _ => return None,
        };
        let fits = !name.is_empty()
            && !suites.is_empty()
            && starts_a_version(second)
            && starts_a_version(version)
            && DEB_ARCHES.contains(&third);
        return fits.then_some(PackageInOne {
            name,
            version,
            written_by,
        });
    }
    if let Some(file) = text.strip_suffix(".deb") {
        let (nv, arch) = file.rsplit_once('_')?;
        let (name, version) = nv.rsplit_once('_')?;
        let fits = DEB_ARCHES.contains(&arch) && !name.is_empty() && starts_a_version(version);
        return fits.then_some(PackageInOne {
            name,
            version,
            written_by: "a Debian package's file",
        });
    }
    // `NAME-VERSION-RELEASE`: the name and the version with the release
    let apart = |nvr: &'t str, written_by: &'static str| -> Option<PackageInOne<'t>> {
        let (nv, release) = nvr.rsplit_once('-')?;
        let (name, version) = nv.rsplit_once('-')?;
        let fits = !name.is_empty()
            && starts_a_version(version)
            && release.starts_with(|c: char| c.is_ascii_alphanumeric());
        fits.then_some(PackageInOne {
            name,
            version: nvr.get(name.len() + 1..)?,
            written_by,
        })
    };
    let nvra = text.strip_suffix(".rpm").unwrap_or(text);
    if let Some((nvr, _)) = nvra
        .rsplit_once('.')
        .filter(|(_, arch)| RPM_ARCHES.contains(arch))
    {
        return apart(nvr, "`rpm -qa`");
    }
    let nvr = text.strip_suffix(".apk").unwrap_or(text);
    let (_, release) = nvr.rsplit_once('-')?;
    let apk_release = release
        .strip_prefix('r')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if apk_release {
        apart(nvr, "`apk info -v`")
    } else {
        None
    }
}

/// The placeholder for a line's number in a rule file's package URL: `php{line}-fpm`.
pub const LINE: &str = "{line}";

/// Does the package name `name` fit a rule file's name `pattern`? A `*` at its end stands
/// for any text (none too), and [`LINE`] for a line's number as package names carry it:
/// digits, with single dots between groups (`8.2`, `15`, `3.11`, `82`). So
/// `php{line}-fpm` takes `php8.2-fpm` but not `php-fpm` nor `php-sabre-fpm`, and
/// `postgresql-{line}` takes `postgresql-15` but not `postgresql-common` nor
/// `postgresql-15-postgis-3`. Linear in the name's length.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    let (pattern, open) = match pattern.strip_suffix('*') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    // a `{` is searched for as one byte (an audit asks this of every pattern for every name
    // it has not seen; a substring search per pattern tripled its time on unknown names)
    let (name, pattern) = match pattern.find('{') {
        None => (name, pattern),
        Some(at) => {
            let (Some(before), Some(after)) = (
                pattern.get(..at),
                pattern.get(at..).and_then(|p| p.strip_prefix(LINE)),
            ) else {
                return false;
            };
            let Some(rest) = name.strip_prefix(before) else {
                return false;
            };
            let number = line_number_len(rest);
            match rest.get(number..) {
                Some(rest) if number > 0 => (rest, after),
                _ => return false,
            }
        }
    };
    if open {
        name.starts_with(pattern)
    } else {
        name == pattern
    }
}

/// The length of the line number `text` starts with: digits, then `.` and digits, repeated
/// (0 when it starts with none).
pub fn line_number_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let digits = |from: usize| bytes.iter().skip(from).take_while(|b| b.is_ascii_digit()).count();
    let mut end = digits(0);
    if end == 0 {
        return 0;
    }
    while bytes.get(end) == Some(&b'.') {
        let more = digits(end + 1);
        if more == 0 {
            break;
        }
        end += 1 + more;
    }
    end
}

/// A package name both rule-file names `a` and `b` take ([`name_matches`]), each written
/// out or a pattern with `{line}` and a final `*` as [`Purl::pattern_problem`] allows: the
/// shortest such name, or None when no name fits both. (`demo-*` and `demo-{line}-server`
/// both take `demo-0-server`; `php{line}-fpm` and `php{line}-cli` take nothing in common.)
/// Decided exactly, by walking the two patterns side by side over the characters both can
/// read next; the pairs of places the walk reaches grow with the patterns' lengths added,
/// not multiplied (one pattern's fixed text is read in step with the other's).
pub fn common_name(a: &str, b: &str) -> Option<String> {
    let (a, b) = (NamePattern::new(a), NamePattern::new(b));
    type Pair = (State, State);
    let mut seen: std::collections::HashMap<Pair, Option<(Pair, char)>> = std::collections::HashMap::new();
    let mut queue: std::collections::VecDeque<Pair> = std::collections::VecDeque::new();
    for x in a.closure(State::START) {
        for y in b.closure(State::START) {
            if seen.insert((x, y), None).is_none() {
                queue.push_back((x, y));
            }
        }
    }
    while let Some(pair) = queue.pop_front() {
        if a.accepts(pair.0) && b.accepts(pair.1) {
            let mut name = Vec::new();
            let mut at = pair;
            while let Some(Some((before, c))) = seen.get(&at) {
                name.push(*c);
                at = *before;
            }
            return Some(name.into_iter().rev().collect());
        }
        // what both can read next: a pattern's own character, or for two numbers (or a
        // number and a `*`) a digit and a dot, for which any digit stands
        let next: &[char] = match (a.tokens.get(pair.0.at), b.tokens.get(pair.1.at)) {
            (Some(Token::Char(c)), Some(_)) | (Some(_), Some(Token::Char(c))) => std::slice::from_ref(c),
            (Some(_), Some(_)) => &['0', '.'],
            _ => &[],
        };
        for &c in next {
            let (Some(x), Some(y)) = (a.step(pair.0, c), b.step(pair.1, c)) else {
                continue;
            };
            for x in a.closure(x) {
                for y in b.closure(y) {
                    if let std::collections::hash_map::Entry::Vacant(e) = seen.entry((x, y)) {
                        e.insert(Some((pair, c)));
                        queue.push_back((x, y));
                    }
                }
            }
        }
    }
    None
}

/// A rule file's package name as a sequence of what it reads ([`common_name`]).
struct NamePattern {
    tokens: Vec<Token>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `{line}`: digits, with single dots between groups
    Line,
    /// a final `*`: anything
    Rest,
}

/// Where a [`NamePattern`] is: before token `at`, and within a `{line}` there, whether a
/// digit was last read (`in_number`) or a dot (`after_dot`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct State {
    at: usize,
    in_number: bool,
    after_dot: bool,
}

impl State {
    const START: State = State {
        at: 0,
        in_number: false,
        after_dot: false,
    };

    fn before(at: usize) -> State {
        State { at, ..State::START }
    }
}

impl NamePattern {
    fn new(name: &str) -> NamePattern {
        let (fixed, rest) = match name.strip_suffix('*') {
            Some(f) => (f, true),
            None => (name, false),
        };
        let (before, after) = match fixed.split_once(LINE) {
            Some((b, a)) => (b, Some(a)),
            None => (fixed, None),
        };
        let mut tokens: Vec<Token> = before.chars().map(Token::Char).collect();
        if let Some(after) = after {
            tokens.push(Token::Line);
            tokens.extend(after.chars().map(Token::Char));
        }
        if rest {
            tokens.push(Token::Rest);
        }
        NamePattern { tokens }
    }

    /// The states `s` is, or can leave for without reading: past a `{line}` once a digit
    /// ends it, past a `*` (which may take nothing).
    fn closure(&self, s: State) -> Vec<State> {
        let mut out = vec![s];
        let mut at = s;
        loop {
            let next = match self.tokens.get(at.at) {
                Some(Token::Line) if at.in_number => State::before(at.at + 1),
                Some(Token::Rest) => State::before(at.at + 1),
                _ => return out,
            };
            out.push(next);
            at = next;
        }
    }

    /// The state reading `c` in state `s` leads to (before its closure), if any.
    fn step(&self, s: State, c: char) -> Option<State> {
        match self.tokens.get(s.at)? {
            Token::Char(t) => (*t == c).then(|| State::before(s.at + 1)),
            Token::Rest => Some(s),
            Token::Line if c.is_ascii_digit() => Some(State {
                at: s.at,
                in_number: true,
                after_dot: false,
            }),
            Token::Line if c == '.' && s.in_number => Some(State {
                at: s.at,
                in_number: false,
                after_dot: true,
            }),
            Token::Line => None,
        }
    }

    fn accepts(&self, s: State) -> bool {
        s.at == self.tokens.len()
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
    /// where the release was read
    pub from: DistroFrom,
}

/// Where the audit read which distribution release a package comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DistroFrom {
    /// the package URL's qualifiers (`distro=debian-12`, Docker Scout's `os_version=12`)
    PackageUrl,
    /// the audit's `--distro` option
    Given,
    /// the item's `distro` field (an inventory's column or key) as written: the release its
    /// system runs (`debian-12`, `Ubuntu 22.04.4 LTS`)
    Inventory(String),
    /// a mark in the package's version that names the release it was built for, as written
    /// there (`~deb12u2`, `ubuntu0.22.04`, `.el9`)
    Version(String),
}

impl DistroFrom {
    /// As the JSON says it: `package-url`, `--distro`, `version`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DistroFrom::PackageUrl => "package-url",
            DistroFrom::Given => "--distro",
            DistroFrom::Inventory(_) => "inventory",
            DistroFrom::Version(_) => "version",
        }
    }
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
        if !is_distribution_type(&ty) {
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
                from: DistroFrom::PackageUrl,
            });
        }
        let value = qualifier("distro")?;
        // `debian-12`; `debian-bookworm`, the namespace's name before a codename; `bookworm`
        let (name, release) = match Distro::split(&value) {
            Some((n, r)) => (n, r),
            None => match value
                .get(namespace.len()..)
                .and_then(|r| r.strip_prefix('-'))
                .filter(|r| {
                    !r.is_empty()
                        && value
                            .get(..namespace.len())
                            .is_some_and(|n| n.eq_ignore_ascii_case(&namespace))
                }) {
                Some(codename) => (namespace.clone(), codename.to_owned()),
                None => (namespace.clone(), value),
            },
        };
        let namespace = (namespace != name && !namespace.is_empty()).then_some(namespace);
        Some(Distro {
            name,
            namespace,
            release,
            from: DistroFrom::PackageUrl,
        })
    }

    /// The release an item names, as `eol status` reads its argument: a distribution's
    /// package URL's qualifier ([`Distro::of`]), else the mark in its version ([`Distro::marked`]):
    /// the version given (`version`), else the package URL's own. `text` is a package URL or
    /// a product's name (`openssl` with `3.0.17-1~deb12u2`).
    pub fn of_item(text: &str, version: Option<&str>) -> Option<Distro> {
        Distro::of(text).or_else(|| {
            let purl = Purl::parse(text).ok();
            let version = version.or(purl.as_ref().and_then(|p| p.version.as_deref()))?;
            Distro::marked(purl.as_ref(), version)
        })
    }

    /// The release a mark in an item's version names ([`Distro::from_version`]), for an item
    /// named by a distribution's package URL (whose namespace says which distribution) or by
    /// none; never for a package URL of another type (`pkg:pypi`), whose versions are not a
    /// distribution's.
    pub fn marked(purl: Option<&Purl>, version: &str) -> Option<Distro> {
        match purl {
            Some(p) if is_distribution_type(&p.ty) => Distro::from_version(version, Some(&p.namespace)),
            Some(_) => None,
            None => Distro::from_version(version, None),
        }
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
            from: DistroFrom::Given,
        })
    }

    /// The release a package was built for, as a mark in its version says, for a package
    /// whose package URL gives no release (and no `--distro`): Debian's stable and LTS
    /// updates `+deb12u1`/`~deb12u2` (`debian`), Ubuntu's `ubuntu0.22.04.1` and `~22.04.1`
    /// (`ubuntu`; the second only in a version that says `ubuntu` or a package URL of that
    /// namespace), Fedora's `.fc40`, Amazon Linux's `.amzn2023` and `.amzn2`, and the `.el9`
    /// (`.el9_4`) of Red Hat Enterprise Linux and its rebuilds, read only with the package
    /// URL's namespace (`redhat`, `rocky`, `almalinux`, `oracle`) since the mark is the same
    /// in each: the major release, as the package serves every minor of it. `namespace` is
    /// the package URL's, when there is one; a mark of another distribution than it names is
    /// not read (Devuan's packages carry Debian's marks). None when the version has no mark.
    pub fn from_version(version: &str, namespace: Option<&str>) -> Option<Distro> {
        let v = version.trim().to_ascii_lowercase();
        let namespace = namespace.map(str::to_ascii_lowercase).filter(|n| !n.is_empty());
        let fits = |names: &[&str]| namespace.as_deref().is_none_or(|n| names.contains(&n));
        let found = |name: &str, release: String, mark: &str| Distro {
            name: name.to_owned(),
            namespace: namespace.clone().filter(|n| n != name),
            release,
            from: DistroFrom::Version(mark.to_owned()),
        };
        if fits(&["debian"]) {
            if let Some((release, mark)) = debian_mark(&v) {
                return Some(found("debian", release, mark));
            }
        }
        if fits(&["ubuntu"]) {
            let said = namespace.is_some() || v.contains("ubuntu");
            if let Some((release, mark)) = ubuntu_mark(&v, said) {
                return Some(found("ubuntu", release, mark));
            }
        }
        if fits(&["fedora"]) {
            if let Some((n, at)) = numbered_mark(&v, ".fc") {
                return Some(found("fedora", n.to_string(), v.get(at).unwrap_or_default()));
            }
        }
        if fits(&["amazon", "amzn", "amazonlinux"]) {
            if let Some((n @ (1 | 2 | 2022 | 2023), at)) = numbered_mark(&v, ".amzn") {
                return Some(found(
                    "amazon-linux",
                    n.to_string(),
                    v.get(at).unwrap_or_default(),
                ));
            }
        }
        // Oracle's Unbreakable Enterprise Kernel, `5.15.0-206.153.7.1.el9uek.x86_64`: no
        // rebuild has it
        if fits(&["oracle", "ol"]) {
            let uek = v.match_indices(".el").find_map(|(i, _)| {
                let rest = v.get(i + 3..)?;
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let n: u32 = rest.get(..digits)?.parse().ok()?;
                (rest.get(digits..)?.starts_with("uek") && (5..=99).contains(&n))
                    .then(|| (n, v.get(i..i + 3 + digits + 3).unwrap_or_default()))
            });
            if let Some((n, mark)) = uek {
                return Some(found("oracle-linux", n.to_string(), mark));
            }
        }
        let rebuilt = match namespace.as_deref() {
            Some("redhat" | "rhel") => "rhel",
            Some("rocky" | "rocky-linux") => "rocky-linux",
            Some("almalinux" | "alma") => "almalinux",
            Some("oracle" | "ol") => "oracle-linux",
            // CentOS Linux and CentOS Stream both mark `.el8`: which one is not said
            _ => return None,
        };
        let (n, at) = numbered_mark(&v, ".el")?;
        // `.el9_4`: built for 9.4, serving every later minor of 9 too
        let minor = v
            .get(at.end..)
            .and_then(|rest| rest.strip_prefix('_'))
            .map_or(0, |rest| 1 + rest.bytes().take_while(u8::is_ascii_digit).count());
        let mark = v.get(at.start..at.end + minor).unwrap_or_default();
        Some(found(rebuilt, n.to_string(), mark))
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
}

/// A distribution's build that a version shows without saying which release it is of
/// ([`built_for`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BuiltFor {
    /// the distribution, as `--distro` names it: `ubuntu`, `debian` (a kernel's flavour),
    /// `sles` (a SUSE kernel's: SUSE Linux Enterprise, or openSUSE, which shares its kernels),
    /// `rhel` (Enterprise Linux: Red Hat Enterprise Linux or a rebuild, which mark their
    /// builds alike)
    pub distribution: &'static str,
    /// the mark, lower-cased as the version writes it: `ubuntu2.14`, `.el9`, a kernel's
    /// flavour `-generic`
    pub mark: String,
    /// the release, when the mark says it: `9` of `.el9` (which rebuild stays unsaid)
    pub release: Option<String>,
}

/// What a version says of the distribution that built it when [`Distro::from_version`] reads
/// no release from it: Ubuntu's own revisions (`8.1.2-1ubuntu2.14`, the package as a release
/// first shipped it, and its updates), Enterprise Linux's `.el9` without a package URL
/// whose namespace says whose, and a kernel's release as `uname -r` prints it on Debian and
/// Ubuntu ([`kernel_flavour`]: `6.1.0-13-amd64`, `5.15.0-78-generic`). None otherwise: for
/// a version whose mark names the release (`ubuntu0.22.04.1`, `+deb12u1`, `.fc40`,
/// `6.12.48+deb13-amd64`), and for one with no mark.
pub fn built_for(version: &str) -> Option<BuiltFor> {
    if Distro::from_version(version, None).is_some() {
        return None;
    }
    let v = version.trim().to_ascii_lowercase();
    if let Some((distribution, flavour)) = kernel_flavour(&v) {
        return Some(BuiltFor {
            distribution,
            mark: format!("-{flavour}"),
            release: None,
        });
    }
    if let Some((mark, release)) = suse_kernel(&v) {
        return Some(BuiltFor {
            distribution: "sles",
            mark: mark.to_owned(),
            release,
        });
    }
    let ubuntu = v.match_indices("ubuntu").find_map(|(i, _)| {
        let rest = v.get(i + 6..)?;
        let n = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let mark = v.get(i..i + 6 + n)?.trim_end_matches('.');
        rest.starts_with(|c: char| c.is_ascii_digit())
            .then(|| mark.to_owned())
    });
    if let Some(mark) = ubuntu {
        return Some(BuiltFor {
            distribution: "ubuntu",
            mark,
            release: None,
        });
    }
    let (n, at) = numbered_mark(&v, ".el")?;
    Some(BuiltFor {
        distribution: "rhel",
        mark: v.get(at)?.to_owned(),
        release: Some(n.to_string()),
    })
}

/// The flavours Debian builds its kernels in, as `uname -r` ends (`6.1.0-13-amd64`): the
/// architectures' names and the cloud and realtime builds of some.
const DEBIAN_KERNEL_FLAVOURS: &[&str] = &[
    "amd64",
    "arm64",
    "arm64-16k",
    "armmp",
    "armmp-lpae",
    "686",
    "686-pae",
    "cloud-amd64",
    "cloud-arm64",
    "rt-amd64",
    "rt-arm64",
    "rt-686-pae",
    "rt-armmp",
    "powerpc64le",
    "ppc64el",
    "s390x",
    "4kc-malta",
    "5kc-malta",
    "octeon",
    "loongson-3",
    "mips32r2el",
    "mips64r2el",
    "mips64r6el",
    "marvell",
    "rpi",
    "riscv64",
    "loong64",
];

/// The flavours Ubuntu builds its kernels in, as `uname -r` ends (`5.15.0-78-generic`,
/// `6.8.0-1015-aws`): the generic and low-latency builds, and those for clouds and boards.
const UBUNTU_KERNEL_FLAVOURS: &[&str] = &[
    "generic",
    "generic-64k",
    "generic-lpae",
    "lowlatency",
    "lowlatency-64k",
    "aws",
    "aws-fips",
    "azure",
    "azure-fde",
    "azure-fips",
    "gcp",
    "gcp-fips",
    "gke",
    "gkeop",
    "oracle",
    "oracle-64k",
    "kvm",
    "raspi",
    "raspi-nolpae",
    "ibm",
    "ibm-fips",
    "nvidia",
    "nvidia-64k",
    "nvidia-lowlatency",
    "oem",
    "intel-iotg",
    "realtime",
    "fips",
    "bluefield",
    "xilinx-zynqmp",
    "iot",
];

/// The distribution (`debian`, `ubuntu`) and flavour of a kernel's release as `uname -r`
/// prints it there: the upstream release with its patch level written `0`, the build's
/// ABI number and the flavour (`6.1.0-13-amd64` is Debian's, `5.15.0-78-generic` Ubuntu's:
/// their flavours' names do not overlap). Neither names the release, which the line does
/// not say either: Ubuntu ships 5.15 to 22.04 and, as a hardware enablement kernel, to
/// 20.04. `v` is lower-cased. None for anything else, a kernel.org release (`6.6.30`) too.
fn kernel_flavour(v: &str) -> Option<(&'static str, &str)> {
    let (upstream, rest) = v.split_once('-')?;
    let (abi, flavour) = rest.split_once('-')?;
    let mut parts = upstream.split('.');
    let numbered =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let upstream_ok = numbered(parts.next())
        && numbered(parts.next())
        && parts.next() == Some("0")
        && parts.next().is_none();
    let abi_ok = (1..=5).contains(&abi.len()) && abi.bytes().all(|b| b.is_ascii_digit());
    if !(upstream_ok && abi_ok) {
        return None;
    }
    if DEBIAN_KERNEL_FLAVOURS.contains(&flavour) {
        Some(("debian", flavour))
    } else if UBUNTU_KERNEL_FLAVOURS.contains(&flavour) {
        Some(("ubuntu", flavour))
    } else {
        None
    }
}

/// The flavours SUSE builds its kernels in, as `uname -r` ends (`5.14.21-150500.55.39-default`).
const SUSE_KERNEL_FLAVOURS: &[&str] = &["default", "azure", "rt", "64kb", "kvmsmall", "preempt"];

/// A kernel's release as `uname -r` prints it on SUSE Linux Enterprise and openSUSE: the
/// upstream release, SUSE's release number and a flavour of SUSE's (`-default`), as the
/// mark, and the service pack SUSE Linux Enterprise 15's release number names
/// (`150500.55.39`: 15 SP5, as `15.5`; each service pack has its own kernel, which openSUSE
/// Leap 15.5 shares). The release stays unsaid for another number (SUSE Linux Enterprise 12's
/// `122.37`, Tumbleweed's `1`). `v` is lower-cased.
fn suse_kernel(v: &str) -> Option<(&str, Option<String>)> {
    let (upstream, rest) = v.split_once('-')?;
    let (number, flavour) = rest.rsplit_once('-')?;
    let numbered = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = upstream.split('.').collect();
    if parts.len() != 3
        || !parts.iter().all(|p| numbered(p))
        || !number.split('.').all(numbered)
        || !SUSE_KERNEL_FLAVOURS.contains(&flavour)
    {
        return None;
    }
    let codestream = number.split('.').next().unwrap_or_default();
    let release = match codestream.as_bytes() {
        [b'1', b'5', pack @ .., b'0', b'0'] if pack.len() == 2 => {
            let pack: u32 = codestream.get(2..4)?.parse().ok()?;
            (pack <= 20).then(|| format!("15.{pack}"))
        }
        _ => None,
    };
    let mark = match release {
        Some(_) => codestream,
        None => v.get(v.len() - flavour.len() - 1..)?,
    };
    Some((mark, release))
}

/// The package URL types of languages' package registries (`npm`, `pypi`, `maven`, `gem`,
/// `cargo`, `nuget`, `golang`, `composer`, ...): a package there is a project of its own
/// whatever its name, so a product is found for it only by a package URL a rule gives
/// (`pkg:pypi/redis` is a client, not Redis; `pkg:gem/foreman` a Procfile manager, not
/// Foreman). Not `conan` or `conda`, whose `openssl` and `python` are the projects
/// themselves, nor `generic`, `docker`, `oci` or `github`.
pub fn is_registry_type(ty: &str) -> bool {
    matches!(
        ty,
        "npm"
            | "pypi"
            | "maven"
            | "gem"
            | "cargo"
            | "nuget"
            | "golang"
            | "composer"
            | "hex"
            | "pub"
            | "cocoapods"
            | "swift"
            | "hackage"
            | "cran"
            | "cpan"
            | "luarocks"
    )
}

/// Is an RPM package URL's namespace Enterprise Linux's: Red Hat Enterprise Linux or a
/// rebuild of its sources (Rocky Linux, AlmaLinux, Oracle Linux, CentOS), which name their
/// packages as Red Hat does (`openssl-libs`, `kernel-core`)? The `distro` qualifier or the
/// version's `.el9` still says which release packaged it.
pub fn enterprise_linux(namespace: &str) -> bool {
    matches!(
        namespace,
        "redhat" | "rhel" | "rocky" | "rocky-linux" | "almalinux" | "alma" | "oracle" | "ol" | "centos"
    )
}

/// Is an RPM package URL's namespace SUSE's: SUSE Linux Enterprise or openSUSE, as package
/// URLs name them (`suse`; the package URL specification's `opensuse`; the systems' own
/// os-release IDs, which SBOM tools write, `sles`, `sled`, `opensuse-leap`,
/// `opensuse-tumbleweed`, `sle-micro`, `sl-micro`)? They build from one source tree and
/// name their packages alike (`kernel-default`, `libopenssl3`, `nodejs20`); the `distro`
/// qualifier or the release still says which release packaged it.
pub fn suse(namespace: &str) -> bool {
    matches!(
        namespace,
        "suse"
            | "sles"
            | "sled"
            | "opensuse"
            | "opensuse-leap"
            | "opensuse-tumbleweed"
            | "sle-micro"
            | "sl-micro"
    )
}

/// How closely a rule-file package URL names a package ([`Purl::match_rank`]); the closer
/// ranks higher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// another member of the package's RPM family (`pkg:rpm/rocky/...` for AlmaLinux's)
    Sibling,
    /// the head of the package's RPM family (`pkg:rpm/redhat/...` for Rocky Linux's)
    Family,
    /// the package's own namespace, or another name of its distribution
    Own,
}

/// The distribution an RPM package URL's namespace names, under the name SBOM tools'
/// other spelling shares: Trivy writes `redhat`, `oracle`, `rocky`, `alma`; syft the
/// systems' os-release IDs `rhel`, `ol`, `rocky`, `almalinux`.
fn rpm_distribution(namespace: &str) -> &str {
    match namespace {
        "rhel" => "redhat",
        "ol" => "oracle",
        "rocky-linux" => "rocky",
        "alma" => "almalinux",
        other => other,
    }
}

/// The namespace an RPM package URL's is one with ([`enterprise_linux`]: `redhat`;
/// [`suse`]: `suse`), or itself.
fn rpm_family(namespace: &str) -> &str {
    if enterprise_linux(namespace) {
        "redhat"
    } else if suse(namespace) {
        "suse"
    } else {
        namespace
    }
}

/// The package URL types of distributions' packages, whose versions and `distro` qualifier
/// are a distribution's: `deb`, `rpm`, `apk`, `alpm`.
pub fn is_distribution_type(ty: &str) -> bool {
    matches!(ty, "deb" | "rpm" | "apk" | "alpm")
}

/// Whether a version is a distribution package's: an upstream version and a packaging
/// revision after its last hyphen, both starting with a digit (Debian's `3.11.2-6`,
/// `3.0.2-0ubuntu1.18`, `1:8.9p1-3ubuntu0.10`; RPM's `3.0.7-27.el9`), as `dpkg-query` and
/// `rpm -q` list them, or a kernel's release as `uname -r` prints it on Debian and Ubuntu
/// (`6.1.0-28-amd64`, `5.15.0-126-generic`: [`kernel_flavour`]). An upstream release has no such revision (`3.11.2`, `v22.11.0`,
/// `1.0.0-rc1`), and a date (`2024-01-15`) is no revision. The audit takes an item named
/// by a product's id or alias for a distribution's package when its version has one and the
/// release of its system is given (`--distro`, a `distro` column).
pub fn is_package_version(version: &str) -> bool {
    let v = version.trim();
    // an epoch: `1:8.9p1-3ubuntu0.10`
    let v = match v.split_once(':') {
        Some((epoch, rest)) if !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => v,
    };
    // a kernel's release as `uname -r` prints it on Debian, Ubuntu and SUSE: `6.1.0-28-amd64`
    let lower = v.to_ascii_lowercase();
    if kernel_flavour(&lower).is_some() || suse_kernel(&lower).is_some() {
        return true;
    }
    let Some((upstream, revision)) = v.rsplit_once('-') else {
        return false;
    };
    let digit_first = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    let date = {
        let parts: Vec<&str> = v.split('-').collect();
        matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
    };
    digit_first(upstream)
        && digit_first(revision)
        && !date
        && revision
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'~' | b'_'))
}

/// The number after `prefix` in a version (`.fc40`: 40) and where the mark is: a number of one
/// to four digits that no letter follows (`.el9_4`, `.amzn2023.0.1`, not `.el9a`).
fn numbered_mark(v: &str, prefix: &str) -> Option<(u32, std::ops::Range<usize>)> {
    v.match_indices(prefix).find_map(|(i, _)| {
        let start = i + prefix.len();
        let rest = v.get(start..)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest.as_bytes().get(digits);
        if !(1..=4).contains(&digits) || after.is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        Some((rest.get(..digits)?.parse().ok()?, i..start + digits))
    })
}

/// Debian's mark of a stable or LTS update, `+deb12u1` or `~deb12u2` (or a bare `+deb12`),
/// as the release (`12`) and the mark: `deb` after `+` or `~`, a release number from 7, then
/// the end, `u` and the update's number, or a separator. Docker's `~debian.12~bookworm` is
/// not one.
fn debian_mark(v: &str) -> Option<(String, &str)> {
    v.match_indices("deb").find_map(|(i, _)| {
        let before = v.get(..i)?.chars().next_back()?;
        if before != '+' && before != '~' {
            return None;
        }
        let rest = v.get(i + 3..)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: u32 = rest.get(..digits)?.parse().ok()?;
        let mut end = i + 3 + digits;
        match rest.as_bytes().get(digits) {
            None | Some(b'+' | b'~' | b'.' | b'-') => {}
            Some(b'u') => {
                let update = rest
                    .get(digits + 1..)?
                    .bytes()
                    .take_while(u8::is_ascii_digit)
                    .count();
                if update == 0 {
                    return None;
                }
                end += 1 + update;
            }
            Some(_) => return None,
        }
        (7..=99)
            .contains(&n)
            .then(|| (n.to_string(), v.get(i - 1..end).unwrap_or_default()))
    })
}

/// Ubuntu's mark of the release a package was built for: `ubuntu0.22.04.1` (an update of a
/// version that several releases share) or, when `said` (the version names Ubuntu, or the
/// package URL does), a backport's `~22.04.1`; as the release (`22.04`) and the mark. A
/// release is two digits, a dot and `04` or `10`; `0ubuntu1.15` says none.
fn ubuntu_mark(v: &str, said: bool) -> Option<(String, &str)> {
    let release_at = |at: usize| -> Option<String> {
        let r = v.get(at..at + 5)?;
        let b = r.as_bytes();
        let ok = b.first()?.is_ascii_digit()
            && b.get(1)?.is_ascii_digit()
            && b.get(2) == Some(&b'.')
            && matches!(r.get(3..5)?, "04" | "10")
            && v.as_bytes()
                .get(at + 5)
                .is_none_or(|c| matches!(c, b'.' | b'~' | b'+'));
        ok.then(|| r.to_owned())
    };
    let after_ubuntu = v.match_indices("ubuntu").find_map(|(i, _)| {
        let rest = v.get(i + 6..)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || rest.as_bytes().get(digits) != Some(&b'.') {
            return None;
        }
        let at = i + 6 + digits + 1;
        Some((release_at(at)?, v.get(i..at + 5)?))
    });
    after_ubuntu.or_else(|| {
        if !said {
            return None;
        }
        v.match_indices('~')
            .find_map(|(i, _)| Some((release_at(i + 1)?, v.get(i..i + 6)?)))
    })
}

/// The purl specification's per-type rules: names that compare case-insensitively
/// are lower-cased; PyPI folds `_` and `.` to `-`.
fn normalise(ty: &str, namespace: String, name: String) -> (String, String) {
    match ty {
        "docker" => (
            docker_hub_namespace(&namespace.to_ascii_lowercase()),
            name.to_ascii_lowercase(),
        ),
        // without a `repository_url` an OCI image is its content wherever it is kept, no
        // registry's: no namespace, not Docker Hub's `library`
        "oci" if namespace.is_empty() => (namespace, name.to_ascii_lowercase()),
        "oci" => (
            docker_hub_namespace(&namespace.to_ascii_lowercase()),
            name.to_ascii_lowercase(),
        ),
        "pypi" => (
            namespace.to_ascii_lowercase(),
            name.to_ascii_lowercase().replace(['_', '.'], "-"),
        ),
        "npm" | "deb" | "apk" | "rpm" | "github" | "bitbucket" | "golang" | "generic" | "composer"
        | "gem" | "hex" | "nuget" | "cargo" | "alpm" => {
            (namespace.to_ascii_lowercase(), name.to_ascii_lowercase())
        }
        _ => (namespace, name),
    }
}

/// The value of a package URL's qualifier `key`, decoded; None without it, or when it does
/// not decode.
fn qualifier(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|q| {
        let (k, v) = q.split_once('=')?;
        k.eq_ignore_ascii_case(key).then(|| decode(v).ok()).flatten()
    })
}

/// An image digest as an OCI package URL's version holds it: `sha256:` and hex digits (or
/// the hex digits alone, as some tools write them).
fn is_digest(version: &str) -> bool {
    let hex = version.split_once(':').map_or(
        version,
        |(algorithm, hex)| if algorithm.starts_with("sha") { hex } else { "" },
    );
    hex.len() >= 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// The registry a Docker image's `repository_url` qualifier names, as a namespace's first
/// part: `pkg:docker/kube-apiserver@v1.30.2?repository_url=registry.k8s.io` is
/// `registry.k8s.io/kube-apiserver` (for an OCI image, its whole repository). Without a
/// scheme or trailing `/`; None without the qualifier, or when it is empty or does not decode.
fn repository_url(query: &str) -> Option<String> {
    let value = qualifier(query, "repository_url")?;
    let value = value.trim();
    let value = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .unwrap_or(value)
        .trim_matches('/');
    (!value.is_empty()).then(|| value.to_owned())
}

/// A Docker image's namespace as Docker Hub resolves it: the purl specification's
/// namespace is the registry, user or organisation, and Docker reads an image without one
/// as an official image (`python` is `docker.io/library/python`). So no namespace is
/// `library`, and Docker Hub's own host names before it (`docker.io/library`,
/// `index.docker.io/bitnami`) are left out: `pkg:docker/python`,
/// `pkg:docker/library/python` and `pkg:docker/docker.io/library/python` are one image.
/// Another registry's host stays (`ghcr.io/acme`): its images are other images, and a
/// `repository_url` qualifier gives it ([`Purl::parse`]). A `library` right after another
/// registry's host is left out too: older Trivy releases write Docker Hub's `library` into
/// every single-name repository (`repository_url=k8s.gcr.io/library/etcd`), which the
/// registry does not have. An OCI image's package URL with a `repository_url` is read
/// alike.
fn docker_hub_namespace(namespace: &str) -> String {
    const HUB: [&str; 4] = [
        "docker.io",
        "index.docker.io",
        "registry-1.docker.io",
        "registry.hub.docker.com",
    ];
    let rest = HUB
        .iter()
        .find_map(|host| {
            if namespace == *host {
                Some("")
            } else {
                namespace.strip_prefix(host)?.strip_prefix('/')
            }
        })
        .unwrap_or(namespace);
    if rest.is_empty() {
        return "library".to_owned();
    }
    match rest.split_once('/') {
        Some((host, "library")) if host.contains(['.', ':']) => host.to_owned(),
        _ => rest.to_owned(),
    }
}

/// A container image reference as `docker ps`, Kubernetes and inventories write it
/// (`postgres:13`, `docker.io/library/redis:6.2-alpine`,
/// `registry.k8s.io/kube-apiserver:v1.30.2`, `localhost:5000/app:1.4@sha256:...`) read as
/// the Docker package URL of its image, with its tag as the version: `pkg:docker/postgres@13`.
/// A tag that is no version (`node:lts`, `python:latest`) is kept as the version, for the
/// lines to refuse: the image is known, the release it runs is not. A reference without a
/// tag (`mysql@sha256:...`) is none, and so is text with blanks, capital letters, or
/// anything else an image's name cannot hold. The digest after the tag is left out.
pub fn image_reference(text: &str) -> Option<Purl> {
    let text = text.trim();
    if text.is_empty() || text.len() > 512 || is_identifier_text(text) {
        return None;
    }
    let text = text.split_once('@').map_or(text, |(before, _digest)| before);
    let slash = text.rfind('/').map_or(0, |i| i + 1);
    let colon = slash + text.get(slash..)?.rfind(':')?;
    let (path, tag) = (text.get(..colon)?, text.get(colon + 1..)?);
    // the distribution specification's tag: a word character first, then up to 127 more
    if !tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        || tag.len() > 128
        || !tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return None;
    }
    let mut parts = path.split('/').peekable();
    let mut components = Vec::new();
    // a registry host first, when there are more parts: it has a dot or a port, or is `localhost`
    if let Some(first) = parts.next() {
        let host = parts.peek().is_some() && (first.contains(['.', ':']) || first == "localhost");
        let ok = if host {
            first
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | ':'))
        } else {
            image_component(first)
        };
        if !ok {
            return None;
        }
        components.push(first);
    }
    for part in parts {
        if !image_component(part) {
            return None;
        }
        components.push(part);
    }
    let (name, namespace) = components.split_last()?;
    let (namespace, name) = normalise("docker", namespace.join("/"), (*name).to_owned());
    Some(Purl {
        ty: "docker".to_owned(),
        namespace,
        name,
        version: Some(tag.to_owned()),
    })
}

/// One component of an image's path: lower-case letters and digits, separated by `.`, `_`,
/// `__` or `-` runs (the distribution specification's grammar, loosely).
fn image_component(part: &str) -> bool {
    !part.is_empty()
        && part.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && part.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

fn is_identifier_text(text: &str) -> bool {
    let lower = text.get(..4).map(str::to_ascii_lowercase);
    matches!(lower.as_deref(), Some("pkg:" | "cpe:"))
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

/// The product a distribution is, by a name an SBOM tool gives it that is no product's alias
/// because it means more than the system elsewhere: Trivy names operating systems by their
/// family, in its operating-system components and in its package URLs' `distro` qualifier
/// (`amazon` for Amazon Linux, `oracle` for Oracle Linux, `opensuse.leap`; Trivy's other
/// families, `redhat`, `alma`, `rocky`, `debian`, are the products' ids or aliases). Only
/// for a name known to be a distribution's: an operating system an SBOM lists, a package's
/// distribution release.
pub fn distribution_product(name: &str) -> Option<&'static str> {
    match name.trim().to_ascii_lowercase().as_str() {
        "amazon" => Some("amazon-linux"),
        "oracle" => Some("oracle-linux"),
        "opensuse.leap" => Some("opensuse"),
        _ => None,
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

    /// An official Docker image has one name however it is written: with or without
    /// `library/`, with or without Docker Hub's host. Another registry's stays its own.
    #[test]
    fn a_docker_hub_image_is_one_image_however_written() {
        let key = |t: &str| Purl::parse(t).unwrap().key();
        for text in [
            "pkg:docker/python@3.8-slim",
            "pkg:docker/library/python@3.8-slim",
            "pkg:docker/docker.io/library/python",
            "pkg:docker/index.docker.io/library/python",
            "pkg:docker/registry-1.docker.io/library/python",
            "pkg:docker/Docker.IO/Library/Python",
        ] {
            assert_eq!(key(text), "pkg:docker/library/python", "{text}");
        }
        assert_eq!(
            key("pkg:docker/docker.io/bitnami/postgresql"),
            "pkg:docker/bitnami/postgresql"
        );
        assert_eq!(
            key("pkg:docker/bitnami/postgresql"),
            "pkg:docker/bitnami/postgresql"
        );
        // other registries, and names that only start like Docker Hub's host
        assert_eq!(
            key("pkg:docker/ghcr.io/acme/python"),
            "pkg:docker/ghcr.io/acme/python"
        );
        assert_eq!(
            key("pkg:docker/docker.iox/python"),
            "pkg:docker/docker.iox/python"
        );
        let rule = Purl::parse("pkg:docker/library/postgres").unwrap();
        assert!(rule.matches(&Purl::parse("pkg:docker/postgres@13").unwrap()));
        assert!(!rule.matches(&Purl::parse("pkg:docker/bitnami/postgres@13").unwrap()));
        // not Docker: the namespace is the package's own
        assert_eq!(key("pkg:npm/python"), "pkg:npm/python");
        // the registry a `repository_url` names is part of the image's name
        assert_eq!(
            key("pkg:docker/kube-apiserver@v1.30.2?repository_url=registry.k8s.io"),
            "pkg:docker/registry.k8s.io/kube-apiserver"
        );
        assert_eq!(
            key("pkg:docker/acme/app@1?arch=amd64&repository_url=https%3A%2F%2Fghcr.io%2F"),
            "pkg:docker/ghcr.io/acme/app"
        );
        assert_eq!(
            key("pkg:docker/redis@7?repository_url=docker.io"),
            "pkg:docker/library/redis"
        );
        assert_eq!(
            key("pkg:docker/redis@7?repository_url="),
            "pkg:docker/library/redis"
        );
        assert_eq!(key("pkg:npm/x@1?repository_url=ghcr.io"), "pkg:npm/x");
        assert_eq!(
            key("pkg:docker/k8s.gcr.io/library/etcd"),
            "pkg:docker/k8s.gcr.io/etcd",
            "older Trivy's `library` after another registry"
        );
    }

    /// An OCI image's package URL (Trivy's for a cluster's containers) names its image by its
    /// repository, as a Docker one does, and its digest gives way to a `tag` beside it.
    #[test]
    fn an_oci_image_is_its_repository() {
        let read = |t: &str| {
            let p = Purl::parse(t).unwrap();
            (p.key(), p.version)
        };
        let digest = "sha256%3A18e61c783b41758dd391ab901366ec3546b26fae00eef7e223d1f94da808e02f";
        assert_eq!(
            read(&format!(
                "pkg:oci/kube-apiserver@{digest}?arch=amd64&repository_url=k8s.gcr.io%2Fkube-apiserver"
            )),
            ("pkg:oci/k8s.gcr.io/kube-apiserver".to_owned(), None)
        );
        assert_eq!(
            read("pkg:oci/kube-apiserver@18e61c783b41758dd391ab901366ec3546b26fae00eef7e223d1f94da808e02f?repository_url=k8s.gcr.io/library/kube-apiserver"),
            ("pkg:oci/k8s.gcr.io/kube-apiserver".to_owned(), None)
        );
        assert_eq!(
            read("pkg:oci/kube-apiserver?repository_url=registry.k8s.io&tag=v1.26.0"),
            (
                "pkg:oci/registry.k8s.io/kube-apiserver".to_owned(),
                Some("v1.26.0".to_owned())
            ),
            "a registry alone: the repository is the registry's image of the name"
        );
        assert_eq!(
            read(&format!(
                "pkg:oci/debian@{digest}?repository_url=docker.io/library/debian&tag=bookworm"
            )),
            ("pkg:oci/library/debian".to_owned(), Some("bookworm".to_owned()))
        );
        // no repository: no registry's image, Docker Hub's neither
        assert_eq!(read("pkg:oci/nginx"), ("pkg:oci/nginx".to_owned(), None));
        assert_eq!(
            read("pkg:oci/nginx@1.25.3"),
            ("pkg:oci/nginx".to_owned(), Some("1.25.3".to_owned()))
        );
        assert!(!Purl::parse("pkg:docker/library/nginx")
            .unwrap()
            .matches(&Purl::parse("pkg:oci/nginx@1.25.3").unwrap()));
        let rule = Purl::parse("pkg:docker/k8s.gcr.io/kube-apiserver").unwrap();
        assert!(rule.matches(
            &Purl::parse(&format!(
                "pkg:oci/kube-apiserver@{digest}?repository_url=k8s.gcr.io/kube-apiserver"
            ))
            .unwrap()
        ));
        assert!(!Purl::parse("pkg:npm/nginx")
            .unwrap()
            .matches(&Purl::parse("pkg:oci/nginx").unwrap()));
    }

    /// Image references as `docker ps` and Kubernetes write them are their images' package
    /// URLs, the tag the version; what is no reference, or has no version-like tag, is not.
    #[test]
    fn an_image_reference_is_its_images_package_url() {
        let read = |t: &str| image_reference(t).map(|p| (p.key(), p.version.unwrap_or_default()));
        let is = |k: &str, v: &str| Some((k.to_owned(), v.to_owned()));
        assert_eq!(read("postgres:13"), is("pkg:docker/library/postgres", "13"));
        assert_eq!(
            read(" python:3.8-slim "),
            is("pkg:docker/library/python", "3.8-slim")
        );
        assert_eq!(
            read("docker.io/library/redis:6.2-alpine"),
            is("pkg:docker/library/redis", "6.2-alpine")
        );
        assert_eq!(
            read("bitnami/postgresql:15.4.0-debian-11-r10"),
            is("pkg:docker/bitnami/postgresql", "15.4.0-debian-11-r10")
        );
        assert_eq!(
            read("registry.k8s.io/kube-apiserver:v1.30.2"),
            is("pkg:docker/registry.k8s.io/kube-apiserver", "v1.30.2")
        );
        assert_eq!(
            read("localhost:5000/team/app:1.4@sha256:0123abcd"),
            is("pkg:docker/localhost:5000/team/app", "1.4")
        );
        // a tag that is no version is kept, for the lines to refuse
        assert_eq!(read("node:lts"), is("pkg:docker/library/node", "lts"));
        assert_eq!(read("python:latest"), is("pkg:docker/library/python", "latest"));
        for none in [
            "mysql@sha256:0123abcd",
            "localhost:5000/app",
            "Python:3.12",
            "python 3.12",
            "pkg:docker/python@3",
            "a//b:1",
            "-x:1",
            ":1",
            "x:1+build",
            "x:-1",
            "x:.1",
            "",
        ] {
            assert_eq!(read(none), None, "{none}");
        }
    }

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
        // the namespace's name before a codename
        assert_eq!(
            d("pkg:deb/debian/curl@7.88.1?distro=debian-bookworm"),
            own("debian", "bookworm")
        );
        assert_eq!(
            d("pkg:deb/ubuntu/curl@7.81.0?distro=Ubuntu-jammy"),
            own("ubuntu", "jammy")
        );
        // another name's before it is not stripped: the release is unknown as written
        assert_eq!(
            d("pkg:deb/debian/curl@7.88.1?distro=devuan-daedalus"),
            own("debian", "devuan-daedalus")
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
    fn a_version_may_say_which_release_it_was_built_for() {
        let v = |version: &str, ns: Option<&str>| {
            Distro::from_version(version, ns).map(|d| match d.from {
                DistroFrom::Version(mark) => (d.name, d.release, mark),
                other => panic!("read from {other:?}"),
            })
        };
        let is = |n: &str, r: &str, m: &str| Some((n.to_owned(), r.to_owned(), m.to_owned()));
        // Debian's stable and LTS updates
        assert_eq!(v("3.0.17-1~deb12u2", None), is("debian", "12", "~deb12u2"));
        assert_eq!(
            v("2.36-9+deb12u7", Some("debian")),
            is("debian", "12", "+deb12u7")
        );
        assert_eq!(v("1:9.16.50-1~deb11u1+b1", None), is("debian", "11", "~deb11u1"));
        assert_eq!(v("7.88.1-10+DEB12U8", None), is("debian", "12", "+deb12u8"));
        assert_eq!(v("1.0-1+deb10", None), is("debian", "10", "+deb10"));
        // Ubuntu's updates of a shared version, and backports in a version that says Ubuntu
        assert_eq!(
            v("1:8.9p1-3ubuntu0.22.04.1", None),
            is("ubuntu", "22.04", "ubuntu0.22.04")
        );
        assert_eq!(v("1.2-1ubuntu1~20.04.1", None), is("ubuntu", "20.04", "~20.04"));
        assert_eq!(
            v("3.10.12-1~22.04.3", Some("ubuntu")),
            is("ubuntu", "22.04", "~22.04")
        );
        // the RPM families: by the package URL's namespace, the major release
        assert_eq!(v("3.0.7-27.el9", Some("redhat")), is("rhel", "9", ".el9"));
        let built = |t: &str| built_for(t).map(|b| (b.distribution, b.mark, b.release));
        assert_eq!(
            built("8.1.2-1ubuntu2.14"),
            Some(("ubuntu", "ubuntu2.14".to_owned(), None))
        );
        assert_eq!(
            built("1:9.6p1-3UBUNTU13.5"),
            Some(("ubuntu", "ubuntu13.5".to_owned(), None))
        );
        assert_eq!(
            built("3.0.7-27.el9"),
            Some(("rhel", ".el9".to_owned(), Some("9".to_owned())))
        );
        // a kernel as `uname -r` prints it: Debian's and Ubuntu's flavours, no release
        for (release, distribution, flavour) in [
            ("6.1.0-13-amd64", "debian", "-amd64"),
            ("5.10.0-32-cloud-amd64", "debian", "-cloud-amd64"),
            ("6.1.0-28-rt-arm64", "debian", "-rt-arm64"),
            ("5.15.0-78-generic", "ubuntu", "-generic"),
            ("6.8.0-1015-aws", "ubuntu", "-aws"),
            ("5.4.0-1103-azure", "ubuntu", "-azure"),
            ("6.8.0-45-Generic", "ubuntu", "-generic"),
        ] {
            assert_eq!(
                built(release),
                Some((distribution, flavour.to_owned(), None)),
                "{release}"
            );
        }
        // SUSE's: SUSE Linux Enterprise 15's service pack, else only the flavour
        assert_eq!(
            built("5.14.21-150500.55.39-default"),
            Some(("sles", "150500".to_owned(), Some("15.5".to_owned())))
        );
        assert_eq!(
            built("6.4.0-150600.23.25-azure"),
            Some(("sles", "150600".to_owned(), Some("15.6".to_owned())))
        );
        assert_eq!(
            built("4.12.14-122.37-default"),
            Some(("sles", "-default".to_owned(), None))
        );
        assert_eq!(
            built("6.11.5-1-default"),
            Some(("sles", "-default".to_owned(), None))
        );
        // not a distribution's kernel, or not one for sure
        for other in [
            "6.6.30",                      // kernel.org's
            "6.6.30-amd64",                // no ABI number (Kali writes its kernels so)
            "6.1.55-13-amd64",             // Debian writes the patch level 0
            "6.8.12-4-pve",                // Proxmox VE's
            "5.15.0-78-custom",            // a flavour no distribution builds
            "5.15.0-78-generic-extra",     // nor this one
            "5.14.21-150500.55.39-custom", // no flavour of SUSE's
            "5.14.21-150500.55.39",        // no flavour at all
            "v1.27.3-amd64",               // an image's tag
            "1.2.0-12345678-generic",      // an ABI number is short
        ] {
            assert_eq!(built(other), None, "{other}");
        }
        // the release is named: the audit and `--distro` read it, nothing to hint
        for named in [
            "8.0.35-0ubuntu0.22.04.1",
            "3.0.11-1~deb12u2",
            "2.9.6-1.fc40",
            "1.2.3-1ubuntu",
        ] {
            assert_eq!(built(named), None, "{named}");
        }
        assert_eq!(
            v("3.0.7-24.el9_4.1", Some("rocky")),
            is("rocky-linux", "9", ".el9_4")
        );
        assert_eq!(
            v("1.1.1k-12.el8_9", Some("almalinux")),
            is("almalinux", "8", ".el8_9")
        );
        assert_eq!(
            v("2.34-100.0.1.el9", Some("oracle")),
            is("oracle-linux", "9", ".el9")
        );
        assert_eq!(v("3.1.4-2.fc40", None), is("fedora", "40", ".fc40"));
        // kernels: Oracle's own (no rebuild has it), Debian's as `uname -r` prints it
        assert_eq!(
            v("5.15.0-206.153.7.1.el9uek.x86_64", None),
            is("oracle-linux", "9", ".el9uek")
        );
        assert_eq!(
            v("5.4.17-2136.324.5.3.el8uek", Some("oracle")),
            is("oracle-linux", "8", ".el8uek")
        );
        assert_eq!(v("5.4.17-2136.324.5.3.el8uek", Some("redhat")), None);
        assert_eq!(v("6.12.48+deb13-amd64", None), is("debian", "13", "+deb13"));
        assert_eq!(
            v("3.0.8-1.amzn2023.0.14", Some("amazon")),
            is("amazon-linux", "2023", ".amzn2023")
        );
        assert_eq!(v("1.0.2k-24.amzn2.0.11", None), is("amazon-linux", "2", ".amzn2"));
        // no mark, or a mark that says nothing for sure
        for (version, ns) in [
            ("3.0.2-0ubuntu1.15", None),   // an Ubuntu update: no release in it
            ("1:8.9p1-3ubuntu0.10", None), // `0.10` is no release
            ("3.10.12-1~22.04.3", None),   // `~22.04` without Ubuntu named
            ("5:27.3.1-1~debian.12~bookworm", None),
            ("1.0-1~bpo12+1", None), // a backport: not the release's archive
            ("2.36-9+deb12u7", Some("devuan")),
            ("2.36-9+deb12u7", Some("ubuntu")),
            ("1.0-1+deb3u1", None),
            ("1.0-1+debu1", None),
            ("3.0.7-27.el9", None), // RHEL or a rebuild: the namespace says which
            ("3.0.7-27.el9", Some("centos")), // CentOS Linux or CentOS Stream
            ("1.0-1.el9a", Some("redhat")),
            ("4.2.16", None),
            ("", None),
        ] {
            assert_eq!(v(version, ns), None, "{version} {ns:?}");
        }
        // as `eol status` reads its argument: a product's name with the version beside it, a
        // package URL with its own version, and never a package URL of another type
        let item =
            |text: &str, version: Option<&str>| Distro::of_item(text, version).map(|d| (d.name, d.release));
        let debian_12 = Some(("debian".to_owned(), "12".to_owned()));
        assert_eq!(item("openssl", Some("3.0.17-1~deb12u2")), debian_12);
        assert_eq!(item("pkg:deb/debian/curl@7.88.1-10+deb12u8", None), debian_12);
        assert_eq!(
            item("pkg:deb/debian/curl@7.88.1-10+deb12u8?distro=debian-11", None).map(|d| d.1),
            Some("11".to_owned())
        );
        assert_eq!(item("pkg:pypi/django@4.2.16+deb12u1", None), None);
        assert_eq!(item("openssl", Some("3.0.17")), None);
    }

    proptest::proptest! {
        /// Any version, with or without a namespace, reads without a panic, and a release
        /// read is named by a mark that is in the version.
        #[test]
        fn any_version_reads_and_a_mark_is_in_it(
            version in "([0-9a-z.~+_:-]|deb|ubuntu|el|fc|amzn|é){0,16}",
            namespace in proptest::option::of("(debian|ubuntu|redhat|rocky|fedora|amazon|centos|x)"),
        ) {
            if let Some(d) = Distro::from_version(&version, namespace.as_deref()) {
                let DistroFrom::Version(mark) = &d.from else {
                    return Err(proptest::test_runner::TestCaseError::fail("not read from the version"));
                };
                proptest::prop_assert!(version.to_ascii_lowercase().contains(mark.as_str()), "{mark} in {version}");
                proptest::prop_assert!(!d.release.is_empty());
            }
        }
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
        let package = |t: &str| Purl::parse(t).unwrap().is_distribution_package();
        assert!(package("pkg:deb/debian/curl@7.88.1"));
        assert!(!package("pkg:deb/curl@7.88.1"));
        assert!(!package("pkg:pypi/django@4.2"));
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
        assert!(Purl::parse("pkg:deb/debian/postgresql-{line}")
            .unwrap()
            .matches(&deb));
        // Enterprise Linux's rebuilds name their packages as Red Hat does; other RPM
        // distributions are their own
        let rule = Purl::parse("pkg:rpm/redhat/openssl-libs").unwrap();
        for rebuilt in ["rocky", "almalinux", "oracle", "centos", "redhat"] {
            let p = Purl::parse(&format!("pkg:rpm/{rebuilt}/openssl-libs@3.0.7-27.el9")).unwrap();
            assert!(rule.matches(&p), "{rebuilt}");
        }
        for other in [
            "pkg:rpm/fedora/openssl-libs@3.1.4-2.fc40",
            "pkg:rpm/opensuse/openssl-libs@3",
            "pkg:deb/redhat/openssl-libs@3",
            "pkg:rpm/redhat/openssl@3",
        ] {
            assert!(!rule.matches(&Purl::parse(other).unwrap()), "{other}");
        }
        // a distribution's own namespace, under either name SBOM tools write, is closer than
        // its family's head, which is closer than another member's
        let oracle = Purl::parse("pkg:rpm/ol/redhat-release@9.7-0.6.0.1.el9").unwrap();
        let rank = |rule: &str| Purl::parse(rule).unwrap().match_rank(&oracle);
        assert_eq!(rank("pkg:rpm/oracle/redhat-release"), Some(Rank::Own));
        assert_eq!(rank("pkg:rpm/redhat/redhat-release"), Some(Rank::Family));
        assert_eq!(rank("pkg:rpm/rocky/redhat-release"), Some(Rank::Sibling));
        assert_eq!(rank("pkg:rpm/fedora/redhat-release"), None);
        assert!(rank("pkg:rpm/oracle/redhat-release") > rank("pkg:rpm/redhat/redhat-release"));
        assert_eq!(
            Purl::parse("pkg:rpm/rhel/openssl-libs").unwrap().match_key(),
            "pkg:rpm/redhat/openssl-libs"
        );
        assert_eq!(
            Purl::parse("pkg:rpm/rocky/openssl-libs").unwrap().match_key(),
            "pkg:rpm/rocky/openssl-libs"
        );
        // SUSE's and openSUSE's, under whichever name a tool gives them, are one family
        let rule = Purl::parse("pkg:rpm/suse/libopenssl3").unwrap();
        for suse in [
            "sles",
            "opensuse",
            "opensuse-leap",
            "opensuse-tumbleweed",
            "sle-micro",
            "suse",
        ] {
            let p = Purl::parse(&format!("pkg:rpm/{suse}/libopenssl3@3.1.4-150600.5.15.1")).unwrap();
            assert!(rule.matches(&p), "{suse}");
        }
        for other in [
            "pkg:rpm/redhat/libopenssl3@3",
            "pkg:rpm/fedora/libopenssl3@3",
            "pkg:deb/sles/libopenssl3@3",
        ] {
            assert!(!rule.matches(&Purl::parse(other).unwrap()), "{other}");
        }
        assert_eq!(
            Purl::parse("pkg:generic/python").unwrap().key(),
            "pkg:generic/python"
        );
    }

    #[test]
    fn package_versions_are_told_from_upstream_ones() {
        for package in [
            "3.11.2-6",
            "3.0.2-0ubuntu1.18",
            "1:8.9p1-3ubuntu0.10",
            "3.0.7-27.el9",
            "2.36-9+deb12u10",
            "18.20.4-1nodesource1",
            " 15.8-0+deb12u1 ",
            "1:3.0.7-27.el9_4",
            "6.1.0-28-amd64",
            "5.15.0-126-generic",
            "4.18.0-553.27.1.el8_10.x86_64",
            "5.14.21-150500.55.39-default",
        ] {
            assert!(is_package_version(package), "{package}");
        }
        for upstream in [
            "3.11.2",
            "v22.11.0",
            "1.0.0-rc1",
            "2.0.0-beta.1",
            "2024-01-15",
            "10.0.22631.4460",
            "21.0.1+12-LTS",
            "x-1",
            "1.2-",
            "-1",
            "1.2-1 2",
            "6.6.58",
            "6.6.30-amd64",
            "",
        ] {
            assert!(!is_package_version(upstream), "{upstream}");
        }
    }

    #[test]
    fn a_line_placeholder_takes_a_line_number_and_nothing_else() {
        for (pattern, name) in [
            ("php{line}-fpm", "php8.2-fpm"),
            ("php{line}-fpm", "php7.4-fpm"),
            ("php{line}-fpm", "php82-fpm"),
            ("libapache2-mod-php{line}", "libapache2-mod-php8.3"),
            ("postgresql-{line}", "postgresql-15"),
            ("postgresql-{line}", "postgresql-9.6"),
            ("python{line}", "python3.11"),
            ("libpython{line}-stdlib", "libpython3.11-stdlib"),
            ("mysql-server-{line}", "mysql-server-8.0"),
            ("openjdk-{line}-*", "openjdk-17-jre-headless"),
            ("python2.*", "python2.7"),
        ] {
            assert!(name_matches(pattern, name), "{pattern} takes {name}");
        }
        for (pattern, name) in [
            ("php{line}-fpm", "php-fpm"),
            ("php{line}-fpm", "php-sabre-fpm"),
            ("php{line}-fpm", "php8.2-fpm-dbg"),
            ("php{line}-fpm", "php8.-fpm"),
            ("php{line}-fpm", "php.8-fpm"),
            ("postgresql-{line}", "postgresql-common"),
            ("postgresql-{line}", "postgresql-15-postgis-3"),
            ("postgresql-{line}", "postgresql-"),
            ("python{line}", "python3-requests"),
            ("python{line}", "python"),
            ("mysql-server-{line}", "mysql-server-core-8.0"),
            ("python2.*", "python3.11"),
            ("postgresql-15", "postgresql-16"),
        ] {
            assert!(!name_matches(pattern, name), "{pattern} refuses {name}");
        }
        let problem = |t: &str| Purl::parse(t).unwrap().pattern_problem();
        for good in [
            "pkg:deb/debian/php{line}-fpm",
            "pkg:deb/debian/postgresql-*",
            "pkg:deb/debian/openjdk-{line}-*",
            "pkg:deb/debian/php{LINE}-cli",
            "pkg:npm/next",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "pkg:deb/debian/php*-fpm",
            "pkg:deb/debian/php{line}-{line}",
            "pkg:deb/debian/php{version}-fpm",
            "pkg:deb/debian/php{line",
            "pkg:deb/debian/python3{line}",
            "pkg:deb/debian/postgresql-{line}.1",
            "pkg:deb/debian/{line}",
            "pkg:deb/debian/*",
            "pkg:deb/deb*/curl",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_source_package_is_read_from_the_upstream_qualifier() {
        let source = |t: &str| Purl::parse(t).unwrap().source_of(t).map(|p| (p.key(), p.version));
        assert_eq!(
            source(
                "pkg:deb/debian/libpq5@15.8-0%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=postgresql-15"
            ),
            Some((
                "pkg:deb/debian/postgresql-15".to_owned(),
                Some("15.8-0+deb12u1".to_owned())
            ))
        );
        assert_eq!(
            source("pkg:deb/debian/libpython3-stdlib@3.11.2-1%2Bb1?upstream=python3-defaults%403.11.2-1")
                .map(|s| s.0),
            Some("pkg:deb/debian/python3-defaults".to_owned())
        );
        assert_eq!(
            source("pkg:apk/alpine/libcrypto3@3.1.4-r5?distro=3.19.1&upstream=openssl").map(|s| s.0),
            Some("pkg:apk/alpine/openssl".to_owned())
        );
        assert_eq!(
            source("pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?upstream=openssl-3.0.7-27.el9.src.rpm&distro=rhel-9.4")
                .map(|s| s.0),
            Some("pkg:rpm/redhat/openssl".to_owned())
        );
        for none in [
            "pkg:deb/debian/openssl@3.0.15-1?upstream=openssl",
            "pkg:deb/debian/openssl@3.0.15-1?arch=amd64",
            "pkg:deb/debian/openssl@3.0.15-1?upstream=",
            "pkg:pypi/requests@2.31.0?upstream=requests-src",
            "pkg:deb/debian/libfoo1@1.0-1?upstream=*",
        ] {
            assert_eq!(source(none), None, "{none}");
        }
    }

    #[test]
    fn a_repository_is_read_from_a_generic_urls_repository_url() {
        let repo = |t: &str| {
            Purl::parse(t)
                .unwrap()
                .repository_of(t)
                .map(|p| (p.key(), p.version))
        };
        assert_eq!(
            repo("pkg:generic/oracle/openjdk@21.0.4%2B7-LTS?repository_url=https%3A%2F%2Fgithub.com%2Fadoptium%2Fjdk21u.git"),
            Some((
                "pkg:github/adoptium/jdk21u".to_owned(),
                Some("21.0.4+7-LTS".to_owned())
            ))
        );
        for (text, key) in [
            (
                "pkg:generic/oracle/jdk@21.0.4?repository_url=https://github.com/Adoptium/temurin-build/",
                "pkg:github/adoptium/temurin-build",
            ),
            (
                "pkg:generic/x@1?repository_url=git%2Bhttps%3A%2F%2Fwww.github.com%2Fo%2Fr.git",
                "pkg:github/o/r",
            ),
            (
                "pkg:generic/x@1?repository_url=git%40github.com%3Ao%2Fr.git",
                "pkg:github/o/r",
            ),
        ] {
            assert_eq!(repo(text).map(|r| r.0).as_deref(), Some(key), "{text}");
        }
        for none in [
            "pkg:generic/oracle/openjdk@17.0.12%2B7-LTS",
            "pkg:generic/x@1?repository_url=https%3A%2F%2Fgitlab.com%2Fo%2Fr",
            "pkg:generic/x@1?repository_url=https%3A%2F%2Fgithub.com%2Fo",
            "pkg:generic/x@1?repository_url=https%3A%2F%2Fgithub.com%2Fo%2Fr%2Ftree%2Fmain",
            "pkg:generic/x@1?repository_url=https%3A%2F%2Fgithub.com.evil.example%2Fo%2Fr",
            "pkg:docker/kube-apiserver@v1.30.2?repository_url=github.com%2Fo%2Fr",
            "pkg:generic/x@1?repository_url=",
        ] {
            assert_eq!(repo(none), None, "{none}");
        }
    }

    #[test]
    fn a_name_two_patterns_share_is_found() {
        for (a, b, shared) in [
            ("demo-*", "demo-{line}-server", Some("demo-0-server")),
            ("php{line}-fpm", "php{line}-cli", None),
            ("php{line}-fpm", "php8.2-*", Some("php8.2-fpm")),
            ("php{line}*", "php-*", None),
            ("postgresql-{line}", "postgresql-*", Some("postgresql-0")),
            ("postgresql-{line}", "postgresql-{line}-postgis-*", None),
            (
                "postgresql{line}-*",
                "postgresql{line}-server",
                Some("postgresql0-server"),
            ),
            ("golang-1.*", "golang-1.2*", Some("golang-1.2")),
            ("python{line}", "python3.11", Some("python3.11")),
            ("python{line}", "python3.", None),
            ("python{line}", "python", None),
            ("libperl{line}", "perl-modules-{line}", None),
            ("x{line}-*", "x{line}", None),
            ("x{line}*", "x{line}", Some("x0")),
            ("a", "a", Some("a")),
            ("a", "b", None),
        ] {
            assert_eq!(common_name(a, b).as_deref(), shared, "{a} and {b}");
            assert_eq!(common_name(b, a).is_some(), shared.is_some(), "{b} and {a}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// What two patterns are found to share, both take; and a name both take is proof
        /// that they share one.
        #[test]
        fn common_names_agree_with_name_matches(
            a in (proptest::collection::vec(0u8..4, 0..4), proptest::option::of(proptest::collection::vec(0u8..4, 0..3)), proptest::bool::ANY),
            b in (proptest::collection::vec(0u8..4, 0..4), proptest::option::of(proptest::collection::vec(0u8..4, 0..3)), proptest::bool::ANY),
            names in proptest::collection::vec(proptest::collection::vec(0u8..5, 0..7), 0..40),
        ) {
            let text = |cs: &[u8]| -> String { cs.iter().map(|&c| ['a', '-', '1', '.', '2'][usize::from(c)]).collect() };
            // a pattern as `Purl::pattern_problem` lets one be written
            let pattern = |(before, after, open): &(Vec<u8>, Option<Vec<u8>>, bool)| -> Option<String> {
                let before = text(before);
                let mut p = before.clone();
                if let Some(after) = after {
                    let after = text(after);
                    if before.ends_with(|c: char| c.is_ascii_digit())
                        || after.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                    {
                        return None;
                    }
                    p.push_str(LINE);
                    p.push_str(&after);
                }
                if *open {
                    p.push('*');
                }
                (p != "*" && p != LINE && p != "{line}*" && !p.is_empty()).then_some(p)
            };
            let (Some(a), Some(b)) = (pattern(&a), pattern(&b)) else {
                return Ok(());
            };
            let shared = common_name(&a, &b);
            if let Some(name) = &shared {
                proptest::prop_assert!(name_matches(&a, name) && name_matches(&b, name), "{a} {b} {name}");
            }
            // random names, and each pattern written out with numbers and endings, which the
            // other pattern may take
            let mut tried: Vec<String> = names.iter().map(|n| text(n)).collect();
            for p in [&a, &b] {
                for number in ["1", "2.1", "1.2.1", "12"] {
                    for n in &names {
                        let written = p.replacen(LINE, number, 1);
                        tried.push(match written.strip_suffix('*') {
                            Some(fixed) => format!("{fixed}{}", text(n)),
                            None => written,
                        });
                    }
                }
            }
            for n in &tried {
                if name_matches(&a, n) && name_matches(&b, n) {
                    proptest::prop_assert!(shared.is_some(), "{a} and {b} both take {n}");
                }
            }
        }
    }

    #[test]
    fn a_package_with_its_version_as_package_managers_list_it() {
        let rpm = "`rpm -qa`";
        let apk = "`apk info -v`";
        let deb = "a Debian package's file";
        for (text, read) in [
            (
                "openssl-3.0.7-24.el9.x86_64",
                Some(("openssl", "3.0.7-24.el9", rpm)),
            ),
            (
                "python3.11-requests-2.28.1-1.el9.noarch",
                Some(("python3.11-requests", "2.28.1-1.el9", rpm)),
            ),
            (
                "java-17-openjdk-headless-17.0.9.0.9-2.el9.x86_64",
                Some(("java-17-openjdk-headless", "17.0.9.0.9-2.el9", rpm)),
            ),
            (
                "kernel-5.14.0-362.13.1.el9_3.x86_64",
                Some(("kernel", "5.14.0-362.13.1.el9_3", rpm)),
            ),
            (
                " containerd.io-1.6.26-3.1.el9.aarch64.rpm ",
                Some(("containerd.io", "1.6.26-3.1.el9", rpm)),
            ),
            (
                "openssl-3.0.7-27.el9.src.rpm",
                Some(("openssl", "3.0.7-27.el9", rpm)),
            ),
            (
                "postgresql16-contrib-16.1-r0",
                Some(("postgresql16-contrib", "16.1-r0", apk)),
            ),
            (
                "openjdk17-jre-headless-17.0.9_p8-r0.apk",
                Some(("openjdk17-jre-headless", "17.0.9_p8-r0", apk)),
            ),
            ("nginx_1.22.1-9_amd64.deb", Some(("nginx", "1.22.1-9", deb))),
            (
                "python3-django_4.2.7-1_all.deb",
                Some(("python3-django", "4.2.7-1", deb)),
            ),
            // none of those endings, or no version before the release
            ("node-v20.10.0-linux-x64", None),
            ("Python-3.12.1.tgz", None),
            ("openssl-3.0.7.x86_64", None),
            ("gpg-pubkey-fd431d51-4ae0493b.noarch", None),
            ("-1.0-1.x86_64", None),
            ("openssl 3.0.7-24.el9.x86_64", None),
            ("kafka_2.13-3.6.1", None),
            ("foo-bar-r2", None),
            ("nginx_1.22.1-9_sparc.deb", None),
            ("nginx-1.22.1-rc", None),
            // rows of `dpkg -l` and `apt list --installed`
            (
                "ii  php8.2-redis  6.0.2-1  amd64  PHP extension for interfacing with Redis",
                Some(("php8.2-redis", "6.0.2-1", "`dpkg -l`")),
            ),
            (
                "hi  libpython3.11-stdlib:amd64 3.11.2-6 amd64 Interactive ...",
                Some(("libpython3.11-stdlib", "3.11.2-6", "`dpkg -l`")),
            ),
            (
                "openssl/stable-security,now 3.0.11-1~deb12u2 amd64 [installed]",
                Some(("openssl", "3.0.11-1~deb12u2", "`apt list --installed`")),
            ),
            (
                "nodejs/stable,now 18.19.0+dfsg-6~deb12u1 amd64 [installed,automatic]",
                Some(("nodejs", "18.19.0+dfsg-6~deb12u1", "`apt list --installed`")),
            ),
            (
                "openssl/jammy-updates,now 3.0.2-0ubuntu1.10 amd64 [installed,upgradable to: 3.0.2-0ubuntu1.12]",
                Some(("openssl", "3.0.2-0ubuntu1.10", "`apt list --installed`")),
            ),
            // `dnf list installed`, `yum list installed`: the repository after an `@`
            (
                "python3.x86_64   3.9.18-1.el9_3   @System",
                Some(("python3", "3.9.18-1.el9_3", "`dnf list installed`")),
            ),
            (
                "openssl.x86_64    1:3.0.7-24.el9    @baseos",
                Some(("openssl", "1:3.0.7-24.el9", "`dnf list installed`")),
            ),
            // `dnf check-update`: an update to install, not what runs
            ("openssl.x86_64    1:3.0.7-25.el9_3    baseos", None),
            ("python3.x86_64   3.9.18-1.el9_3   @System   extra", None),
            ("python3.x86_64   latest   @System", None),
            // `apt list --upgradable`: the upgrade first, the version installed last
            (
                "nodejs/nodistro 22.1.0-1nodesource1 amd64 [upgradable from: 18.19.0-1nodesource1]",
                Some((
                    "nodejs",
                    "18.19.0-1nodesource1",
                    "`apt list --upgradable` (installed: after `upgradable from:`)",
                )),
            ),
            ("nodejs/nodistro 22.1.0-1 amd64 [upgradable from: 18.19.0-1", None),
            ("nodejs/nodistro 22.1.0-1 amd64 [upgradable to: 18.19.0-1]", None),
            ("openssl/stable,now 3.0.11-1 amd64 [installed] extra", None),
            // not such rows: a banner, a row without its architecture, a path
            ("nginx version: nginx/1.25.3", None),
            ("ii  openssl  3.0.11-1", None),
            ("it is openssl 3.0.11 amd64", None),
            ("nginx/1.25.3 (Ubuntu) amd64", None),
            ("Python 3.12.1 (64-bit)", None),
        ] {
            let got = package_in_one(text).map(|p| (p.name, p.version, p.written_by));
            assert_eq!(got, read, "{text}");
        }
    }

    #[test]
    fn a_source_package_is_named_as_each_tool_writes_it() {
        for (text, name) in [
            ("postgresql-15", Some("postgresql-15")),
            (" php8.2 ", Some("php8.2")),
            ("binutils (2.40-2)", Some("binutils")),
            ("bash@5.2.15-2", Some("bash")),
            ("openssl-3.0.7-27.el9.src.rpm", Some("openssl")),
            ("python3.11-3.11.7-1.el9.src.rpm", Some("python3.11")),
            (
                "perl-IO-Socket-SSL-2.073-1.el9.src.rpm",
                Some("perl-IO-Socket-SSL"),
            ),
            // a file name too short to hold a version and a release is taken as a name
            ("odd.src.rpm", Some("odd")),
            ("", None),
            ("   ", None),
            ("(2.40-2)", None),
        ] {
            assert_eq!(source_package_name(text), name, "{text:?}");
        }
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
