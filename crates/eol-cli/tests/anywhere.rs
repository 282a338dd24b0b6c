//! `eol` as a person who installed it uses it: from a directory with no `rules/`, the
//! embedded library answers; versions and names as people type them; exit codes a gate
//! can trust; errors as JSON; the whole frame in German.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// A fresh empty directory (no `rules/` in it) for one test, removed when dropped (also
/// when the test fails).
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("eol-anywhere-{name}-"))
        .tempdir()
        .unwrap()
}

/// Run `eol` in `dir` with `EOL_RULES` unset (or set); exit code, stdout and stderr as one text.
fn run_in(dir: &Path, args: &[&str], env_rules: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_eol"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("EOL_RULES");
    if let Some(r) = env_rules {
        cmd.env("EOL_RULES", r);
    }
    let out = cmd.output().expect("run eol");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn shown(args: &[&str], (code, stdout, stderr): (i32, String, String)) -> String {
    format!(
        "$ eol {}\nexit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" ")
    )
}

fn eol(name: &str, args: &[&str]) -> String {
    let dir = scratch(name);
    shown(args, run_in(dir.path(), args, None))
}

const AT: [&str; 2] = ["--at", "2026-12-01"];

fn json_str(s: &str) -> serde_json::Value {
    serde_json::Value::String(s.to_owned())
}

fn with_at<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(AT).collect()
}

/// `eol status` and `eol explain` given a package as `rpm -qa` or `apk info -v` prints it
/// read its name and version apart, and say so: the requests library built for Python 3.11
/// is no Python, and PHP's FPM package for Alpine is PHP 8.2, not `82-fpm-8.2.13-r0`.
#[test]
fn a_package_as_package_managers_name_it() {
    let dir = scratch("rpm-package");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "python3.11-requests-2.28.1-1.el9.noarch"]),
        None,
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "note: `python3.11-requests-2.28.1-1.el9.noarch` read as the package \
             `python3.11-requests` at version `2.28.1-1.el9`, as `rpm -qa` names it"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("no product `python3.11-requests` in the rules"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "java-17-openjdk-headless-17.0.9.0.9-2.el9.x86_64"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Red Hat build of OpenJDK 17.0.9.0.9-2.el9 at 2026-12-01\n"),
        "{stdout}"
    );
    assert!(stdout.contains("line:        17 "), "{stdout}");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["explain", "openssl-3.0.7-24.el9.x86_64"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("OpenSSL line 3.0 at 2026-12-01\n"), "{stdout}");
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", "php82-fpm-8.2.13-r0"]), None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("read as the package `php82-fpm` at version `8.2.13-r0`, as `apk info -v` names it"),
        "{stderr}"
    );
    assert!(stdout.starts_with("PHP 8.2.13-r0 at 2026-12-01\n"), "{stdout}");
    // a row of `dpkg -l`: PHP's Redis extension, which was read as PHP 8.2
    let (code, _, stderr) = run_in(
        dir.path(),
        &with_at(&[
            "status",
            "ii  php8.2-redis  6.0.2-1  amd64  PHP extension for interfacing with Redis",
        ]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("read as the package `php8.2-redis` at version `6.0.2-1`, as `dpkg -l` names it"),
        "{stderr}"
    );
    // several rows, as `dpkg -l | grep php` prints them: each row is its package, never a
    // banner (the extension's row was PHP 8.2), and two of PHP's lines are several releases
    let rows = "ii  php8.2-redis  6.0.2-1  amd64  PHP extension for interfacing with Redis\n\
        ii  php8.2-cli  8.2.7-1  amd64  command-line interpreter\n";
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", rows]), None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("PHP 8.2.7-1 at 2026-12-01\n"), "{stdout}");
    // a row of `apt list --upgradable` gives the upgrade first: what runs is the version
    // after `upgradable from:` (Node.js 18, at end of life, not the 22 offered)
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&[
            "status",
            "nodejs/nodistro 22.1.0-1nodesource1 amd64 [upgradable from: 18.19.0-1nodesource1]",
        ]),
        None,
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("read as the package `nodejs` at version `18.19.0-1nodesource1`"),
        "{stderr}"
    );
    assert!(
        stdout.starts_with("Node.js 18.19.0-1nodesource1 at 2026-12-01\n"),
        "{stdout}"
    );
    // a row of `dnf list installed`: the package `python3` (its architecture after a dot,
    // which was read as Python's version `3.x86_64`)
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "python3.x86_64   3.9.18-1.el9_3   @System"]),
        None,
    );
    assert!(code == 0 || code == 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "read as the package `python3` at version `3.9.18-1.el9_3`, as `dnf list installed` names it"
        ),
        "{stderr}"
    );
    assert!(
        stdout.starts_with("Python 3.9.18-1.el9_3 at 2026-12-01\n"),
        "{stdout}"
    );
    let rows = "ii  php8.2-cli  8.2.7-1  amd64  command-line interpreter\n\
        ii  php8.1-cli  8.1.2-1ubuntu2.14  amd64  command-line interpreter\n";
    let (code, _, stderr) = run_in(dir.path(), &with_at(&["status", rows]), None);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("names several releases of `php`: `8.2.7-1`, `8.1.2-1ubuntu2.14`"),
        "{stderr}"
    );
}

/// A listing of what is installed may name several releases of one product (`gem list`'s
/// `rails (7.1.2, 7.0.8)`, `dotnet --list-runtimes`): `eol status` answers for one release,
/// and the first may be supported where another has ended, so it refuses and names them.
/// `java -version`'s lines, which give one release and a virtual machine's build, still read.
#[test]
fn several_releases_are_not_answered_as_one() {
    let dir = scratch("several-releases");
    let runtimes = "Microsoft.NETCore.App 8.0.0 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n\
        Microsoft.NETCore.App 6.0.25 [/usr/share/dotnet/shared/Microsoft.NETCore.App]\n";
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", runtimes]), None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("names several releases of `dotnet`: `8.0.0`, `6.0.25`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: ask about each (`eol status dotnet 6.0.25`), or give them all to `eol audit`, one per row"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "rails (7.1.2, 7.0.8)", "--format", "json"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    // one runtime alone still reads
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&[
            "status",
            "Microsoft.NETCore.App 8.0.0 [/usr/share/dotnet/shared/Microsoft.NETCore.App]",
        ]),
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("Microsoft .NET 8.0.0 at 2026-12-01\n"),
        "{stdout}"
    );
    // the product given apart changes nothing: `rails` beside its list, `kubernetes` beside
    // `kubectl version` (the tool's release and the cluster's)
    let (code, _, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "rails", "rails (7.1.2, 7.0.8)"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("names several releases of `ruby-on-rails`: `7.1.2`, `7.0.8`"),
        "{stderr}"
    );
    let kubectl = "Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.27.7-eks-4f4795d\n";
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", "kubernetes", kubectl]), None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("names several releases of `kubernetes`: `v1.33.1`, `v1.27.7-eks-4f4795d`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: ask about each (`eol status amazon-eks v1.27.7-eks-4f4795d`)"),
        "{stderr}"
    );
    // the same reports as documents: `kubectl version -o json` (here as `jq -c` prints it)
    // and `-o yaml` were judged by the client's release alone
    let json = "{\"clientVersion\":{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.1\",\
        \"goVersion\":\"go1.24.2\",\"platform\":\"linux/amd64\"},\"kustomizeVersion\":\"v5.6.0\",\
        \"serverVersion\":{\"major\":\"1\",\"minor\":\"27+\",\"gitVersion\":\"v1.27.7-eks-4f4795d\"}}";
    let yaml = "clientVersion:\n  gitVersion: v1.33.1\n  major: \"1\"\n  minor: \"33\"\n\
        kustomizeVersion: v5.6.0\nserverVersion:\n  gitVersion: v1.27.7-eks-4f4795d\n  major: \"1\"\n";
    for document in [json, yaml] {
        let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", "kubernetes", document]), None);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(
            stderr.contains("names several releases of `kubernetes`: `v1.33.1`, `v1.27.7-eks-4f4795d`"),
            "{stderr}"
        );
    }
    // a search server's root document (`curl -s localhost:9200`) beside its product is its
    // `version.number`, as that version alone
    let es = "{\"name\":\"node-1\",\"cluster_name\":\"es\",\"version\":{\"number\":\"7.10.2\",\
        \"lucene_version\":\"8.7.0\",\"minimum_wire_compatibility_version\":\"6.8.0\"},\"tagline\":\"You Know, for Search\"}";
    let document = run_in(dir.path(), &with_at(&["status", "elasticsearch", es]), None);
    let alone = run_in(dir.path(), &with_at(&["status", "elasticsearch", "7.10.2"]), None);
    assert_eq!((document.0, &document.1), (alone.0, &alone.1), "{}", document.2);
    // `docker version`: the client's section and the server's engine
    let docker = "Client: Docker Engine - Community\n Version:           27.3.1\n API version:       1.47\n\n\
        Server: Docker Engine - Community\n Engine:\n  Version:          20.10.24\n  API version:      1.41\n";
    let (code, _, stderr) = run_in(dir.path(), &with_at(&["status", "docker-engine", docker]), None);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("names several releases of `docker-engine`: `27.3.1`, `20.10.24`"),
        "{stderr}"
    );
    let java = "openjdk version \"1.8.0_392\"\n\
        OpenJDK Runtime Environment (Temurin)(build 1.8.0_392-b08)\n\
        OpenJDK 64-Bit Server VM (Temurin)(build 25.392-b08, mixed mode)\n";
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", java]), None);
    assert!(code == 0 || code == 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("Eclipse Temurin 1.8.0_392-b08 at 2026-12-01\n"),
        "{stdout}"
    );
}

/// A managed service's build of Kubernetes marks itself in its version (`kubectl version`'s
/// `Server Version: v1.31.1-aliyun.1` on Alibaba Cloud ACK): it is that service's, which ends
/// some lines weeks before upstream, so it is never judged by upstream's lines. Asked of the
/// service, it is.
#[test]
fn a_managed_services_build_is_its_own() {
    let dir = scratch("downstream-build");
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "kubernetes", "v1.31.1-aliyun.1"]),
        None,
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains(
            "`v1.31.1-aliyun.1` is no version of `kubernetes`: `aliyun` marks it a build of \
             `alibaba-ack` (Alibaba Cloud ACK), which supports its builds of Kubernetes on its own terms"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: give that product (`eol status alibaba-ack v1.31.1-aliyun.1`)"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["status", "alibaba-ack", "v1.31.1-aliyun.1"]),
        None,
    );
    assert!(code == 0 || code == 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("Alibaba Cloud ACK v1.31.1-aliyun.1 at 2026-12-01\n"),
        "{stdout}"
    );
    // an upstream build stays upstream's
    let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", "kubernetes", "1.34.1"]), None);
    assert!(code == 0 || code == 1, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("Kubernetes 1.34.1 at 2026-12-01\n"),
        "{stdout}"
    );
}

#[test]
fn versions_as_people_type_them() {
    for (i, args) in [
        &["status", "postgresql", "12.4"][..],
        &["status", "node", "v18.19.0"],
        &["status", "dotnet", "8.0.8"],
        &["status", "laravel", "5.5.40"],
        &["status", "ubuntu", "20.04.6"],
    ]
    .into_iter()
    .enumerate()
    {
        let args = with_at(args);
        insta::assert_snapshot!(
            format!("versions_as_people_type_them_{i}"),
            eol("versions", &args)
        );
    }
}

/// Ubuntu 20.04 at the end of 2026: standard support ended in 2025, Ubuntu Pro runs
/// to 2030. By default that is end of life (exit 1); `--extended` counts the paid phase.
#[test]
fn standard_and_extended_support() {
    let standard = eol("extended", &with_at(&["status", "ubuntu", "20.04"]));
    assert!(standard.contains("exit: 1\n"), "{standard}");
    insta::assert_snapshot!(standard);
    let extended = eol("extended", &with_at(&["status", "ubuntu", "20.04", "--extended"]));
    assert!(extended.contains("exit: 0\n"), "{extended}");
    insta::assert_snapshot!(extended);
    let json = eol("extended", &with_at(&["status", "rhel", "7", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(
        json.split("--- stdout\n")
            .nth(1)
            .unwrap()
            .split("--- stderr")
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(doc["status"]["basis"], "standard");
    assert_eq!(doc["status"]["state"], "end-of-life");
    assert!(doc["status"]["extended_available"].is_object(), "{json}");
}

#[test]
fn names_as_people_type_them() {
    for (name, version) in [
        ("Python", "3.12"),
        ("PYTHON", "3.12"),
        ("postgres", "16.4"),
        ("Node", "20.1.0"),
    ] {
        let out = eol("names", &with_at(&["status", name, version]));
        assert!(!out.contains("exit: 2"), "{name}: {out}");
    }
    insta::assert_snapshot!(eol("names", &with_at(&["status", "pyhton", "3.12"])));
    insta::assert_snapshot!(eol(
        "names",
        &with_at(&["status", "pyhton", "3.12", "--format", "json"])
    ));
    insta::assert_snapshot!(eol("names", &with_at(&["status", "pkg:npm/next@14.1.0"])));
    // container images as `docker ps` lists them, in the registry their rule names
    for (image, product, line) in [
        ("mcr.microsoft.com/dotnet/aspnet:8.0", "dotnet", "8"),
        (
            "mcr.microsoft.com/dotnet/sdk:9.0.100-bookworm-slim",
            "dotnet",
            "9",
        ),
        (
            "mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled",
            "dotnet",
            "8",
        ),
        (
            "mcr.microsoft.com/dotnet/framework/aspnet:4.8.1",
            "dotnetfx",
            "4.8.1",
        ),
        // Red Hat's Universal Base Images are RHEL, tagged by the release they are built from
        ("registry.access.redhat.com/ubi9/ubi:9.3", "rhel", "9"),
        (
            "registry.access.redhat.com/ubi8/ubi-minimal:8.9-1161",
            "rhel",
            "8",
        ),
        ("ghcr.io/goauthentik/server:2023.10.4", "authentik", "2023.10"),
        (
            "quay.io/jetstack/cert-manager-controller:v1.13.3",
            "cert-manager",
            "1.13",
        ),
        // no rule names these, but their publishers are the products'
        ("quay.io/prometheus/prometheus:v2.45.0", "prometheus", "2.45"),
        (
            "mcr.microsoft.com/powershell:7.4-ubuntu-22.04",
            "powershell",
            "7.4",
        ),
    ] {
        let (_, stdout, stderr) = run_in(
            scratch("names").path(),
            &with_at(&["status", image, "--format", "json"]),
            None,
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            (&doc["status"]["product"], &doc["status"]["line"]),
            (&serde_json::json!(product), &serde_json::json!(line)),
            "{image}: {stderr}"
        );
    }
}

/// What tools print for their version, given whole as the product: read as the product and
/// version they name, the same answer as both typed apart, and the reading said on stderr.
#[test]
fn version_banners_as_tools_print_them() {
    for (banner, product, version) in [
        ("go version go1.21.5 linux/amd64", "go", "1.21.5"),
        ("psql (PostgreSQL) 16.1", "postgresql", "16.1"),
        ("nginx version: nginx/1.25.3", "nginx", "1.25.3"),
        ("ruby 3.2.2 (2023-03-30 revision e51014f9c0) [x86_64-linux]", "ruby", "3.2.2"),
        ("PHP 8.2.12 (cli) (built: Nov 12 2023 10:00:00) ( NTS )", "php", "8.2.12"),
        ("Docker version 24.0.7, build afdd53b", "docker-engine", "24.0.7"),
        ("mysql  Ver 8.0.35 for Linux on x86_64 (MySQL Community Server - GPL)", "mysql", "8.0.35"),
        ("rustc 1.74.0 (79e9716c9 2023-11-13)", "rust", "1.74.0"),
        ("Debian GNU/Linux 12 (bookworm)", "debian", "12"),
        ("Red Hat Enterprise Linux release 9.3 (Plow)", "rhel", "9.3"),
        ("Terraform v1.6.5\non linux_amd64", "terraform", "v1.6.5"),
        // ... unless the whole is a product's name
        ("Amazon RDS for PostgreSQL 15.4", "amazon-rds-postgresql", "15.4"),
        // the Prometheus projects' `--version`: the program's line first, then its build's
        (
            "prometheus, version 2.48.1 (branch: HEAD, revision: 63894216648f)\n  build user:       \
             root@71f108ff5632\n  go version:       go1.21.5\n  platform:         linux/amd64",
            "prometheus",
            "2.48.1",
        ),
        ("etcd Version: 3.5.11\nGit SHA: 9a1aae1\nGo Version: go1.21.5\nGo OS/Arch: linux/amd64", "etcd", "3.5.11"),
        // a banner written as a sentence: its full stop is not the version's
        ("Node.js v18.19.0.", "nodejs", "v18.19.0"),
        // a Windows program's name with its line, then its version (it was read as the line
        // alone, `8.0`: the release, which `superseded` judges, was lost)
        ("MySQL Server 8.0 8.0.35", "mysql", "8.0.35"),
        // a later line is the program's when it gives the first line's version again, as the
        // JDKs' builds do (Azul's in its own numbering, beside `build 17.0.9+8-LTS`)
        (
            "openjdk version \"17.0.9\" 2023-10-17 LTS\nOpenJDK Runtime Environment Zulu17.46+19-CA \
             (build 17.0.9+8-LTS)",
            "azul-zulu",
            "17.46+19-CA",
        ),
        (
            "java version \"1.8.0_391\"\nJava(TM) SE Runtime Environment (build 1.8.0_391-b13)",
            "oracle-jdk",
            "1.8.0_391-b13",
        ),
        // a file's name: its archive's ending is not the version's (`2.17.1.jar` was), and a
        // Scala cross-built program's name carries the Scala version it is built for (this was
        // read as Kafka 2.13-3.6.1, "at end of life" because lines 2.8 and 3.0 either side
        // of a line 2.13 are)
        ("log4j-core-2.17.1.jar", "log4j", "2.17.1"),
        ("Python-3.12.1.tgz", "python", "3.12.1"),
        ("apache-tomcat-9.0.83.tar.gz", "tomcat", "9.0.83"),
        ("kafka_2.13-3.6.1.tgz", "apache-kafka", "3.6.1"),
        ("kafka_2.12-2.8.2", "apache-kafka", "2.8.2"),
        // npm's `name@version`, as `npm ls` prints a package
        ("├── react@18.2.0", "react", "18.2.0"),
        ("@angular/cli 17.0.7", "angular", "17.0.7"),
        ("Production runs PostgreSQL 16.1.", "postgresql", "16.1"),
        // `gpg --version`: the program's name, then the product's in parentheses
        ("gpg (GnuPG) 2.4.4", "gnupg", "2.4.4"),
        // `openssl version` on a system whose OpenSSL is LibreSSL
        ("LibreSSL 3.9.2", "libressl", "3.9.2"),
        // `ceph --version`: a build hash and the release's name after the version
        (
            "ceph version 18.2.4 (e9fe820e7fffd1b7cde143a9f77653b73fcec748) reef (stable)",
            "ceph",
            "18.2.4",
        ),
        // `ssh -V`: OpenSSH's version written onto its name, not the OpenSSL it was built with
        (
            "OpenSSH_9.6p1 Ubuntu-3ubuntu13, OpenSSL 3.0.13 30 Jan 2024",
            "openssh",
            "9.6p1",
        ),
        (
            "curl 8.5.0 (x86_64-pc-linux-gnu) libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3",
            "curl",
            "8.5.0",
        ),
        ("PowerDNS Authoritative Server 4.9.1 (C) PowerDNS.COM BV", "powerdns-auth", "4.9.1"),
        ("PowerDNS Recursor 5.0.2", "powerdns-recursor", "5.0.2"),
        ("crio version 1.30.4", "cri-o", "1.30.4"),
        // `etcd --version`: its own line first, then the Go it was built with
        (
            "etcd Version: 3.5.11\nGit SHA: 3b252db4f\nGo Version: go1.20.12\nGo OS/Arch: linux/amd64",
            "etcd",
            "3.5.11",
        ),
        // `containerd --version`: its Go module's path between name and version
        (
            "containerd github.com/containerd/containerd v1.7.11 64b8a811b07ba6288238eefc14d898ee0b5b99ba",
            "containerd",
            "v1.7.11",
        ),
        (
            "containerd github.com/containerd/containerd/v2 v2.0.0 207ad711eabd375a01713109a8a197d197ff6542",
            "containerd",
            "v2.0.0",
        ),
        ("runc version 1.1.12", "runc", "1.1.12"),
        // `httpd -v` and `apache2 -v` name httpd by their first words; Tomcat's `version.sh`,
        // which begins alike, is Tomcat
        (
            "Server version: Apache/2.4.58 (Unix)\nServer built:   Oct 19 2023 00:00:00",
            "apache-http-server",
            "2.4.58",
        ),
        (
            "Server version: Apache Tomcat/9.0.83\nServer built:   Nov 14 2023 10:47:44 UTC",
            "tomcat",
            "9.0.83",
        ),
        // `/etc/system-release` of each Amazon Linux: `release` names no line, although
        // the AMI's lines have it in the names Trivy gives them
        ("Amazon Linux release 2 (Karoo)", "amazon-linux", "2"),
        (
            "Amazon Linux release 2023.3.20240108 (Amazon Linux)",
            "amazon-linux",
            "2023.3.20240108",
        ),
        ("Amazon Linux AMI release 2018.03", "amazon-linux", "2018.03"),
        // sqlplus on connecting, and `V$VERSION`'s banner
        (
            "Connected to:\nOracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production\nVersion 19.21.0.0.0",
            "oracle-database",
            "19.0.0.0.0",
        ),
        // `pip --version`: pip's own version, not the Python it runs under
        ("pip 24.2 from /usr/lib/python3/dist-packages/pip (python 3.12)", "pip", "24.2"),
        ("Gitea version 1.22.3 built with GNU Make 4.4.1, go1.22.8 : bindata", "gitea", "1.22.3"),
        ("radiusd: FreeRADIUS Version 3.2.1, for host x86_64-pc-linux-gnu", "freeradius", "3.2.1"),
        ("@(#) $OpenLDAP: slapd 2.6.8 (May 21 2024 00:00:00) $", "openldap", "2.6.8"),
        // a line's other name, not the year in it (`alias line`)
        ("Windows Server 2012 R2 Datacenter", "windows-server", "2012 R2"),
        ("SQL Server 2016 SP3", "mssqlserver", "2016 SP3"),
        ("Microsoft Windows XP Professional", "windows", "XP"),
        // `SELECT @@VERSION`: the first version with a dot, not the year of the name
        (
            "Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64)",
            "mssqlserver",
            "15.0.2000.5",
        ),
        // `java -version 2>&1`: the build's line names the distribution
        (
            "openjdk version \"17.0.9\" 2023-10-17\nOpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)",
            "eclipse-temurin",
            "17.0.9+9",
        ),
        // ... or Oracle's runtime, whose build names the line (`1.8` is 8)
        (
            "java version \"1.8.0_391\"\nJava(TM) SE Runtime Environment (build 1.8.0_391-b13)\n\
             Java HotSpot(TM) 64-Bit Server VM (build 25.391-b13, mixed mode)",
            "oracle-jdk",
            "1.8.0_391-b13",
        ),
        (
            "java version \"21.0.1\" 2023-10-17 LTS\nJava(TM) SE Runtime Environment (build 21.0.1+12-LTS-29)\n\
             Java HotSpot(TM) 64-Bit Server VM (build 21.0.1+12-LTS-29, mixed mode, sharing)",
            "oracle-jdk",
            "21.0.1+12-LTS-29",
        ),
        // the longest name wins: Ruby on Rails is no Ruby
        ("Ruby on Rails 7.1.2", "ruby-on-rails", "7.1.2"),
        // the CSS banner of jQuery UI's files: jQuery UI, not jQuery
        ("jQuery UI - v1.13.2", "jquery-ui", "v1.13.2"),
        // Windows PowerShell, a component of Windows with a life cycle of its own
        ("Windows PowerShell 5.1", "windows-powershell", "5.1"),
        // Microsoft's build joins a build number to its name, without a dot
        (
            "openjdk version \"21.0.8\" 2025-07-15 LTS\nOpenJDK Runtime Environment Microsoft-11933201 \
             (build 21.0.8+9-LTS)\nOpenJDK 64-Bit Server VM Microsoft-11933201 (build 21.0.8+9-LTS, mixed \
             mode, sharing)",
            "microsoft-build-of-openjdk",
            "21.0.8+9-LTS",
        ),
        // Red Hat's joins its package's version to its name; Dragonwell writes its version
        // onto the bracket after its name
        (
            "openjdk version \"11.0.21\" 2023-10-17 LTS\nOpenJDK Runtime Environment (Red_Hat-11.0.21.0.9-1) \
             (build 11.0.21+9-LTS)",
            "red-hat-build-of-openjdk",
            "11.0.21.0.9-1",
        ),
        (
            "openjdk version \"17.0.17\" 2025-10-21\nOpenJDK Runtime Environment (Alibaba Dragonwell \
             Standard Edition)-17.0.17.0.18+9-GA (build 17.0.17+9)",
            "alibaba-dragonwell",
            "17.0.17+9",
        ),
        // a record of `Key: value` lines: `sw_vers` (not its build), `rpm -qi`, `dpkg -s`
        // (a package's name), `pip show` of a package whose rules give its package URL
        (
            "ProductName:\t\tmacOS\nProductVersion:\t\t14.2.1\nBuildVersion:\t\t23C71",
            "macos",
            "14.2.1",
        ),
        (
            "Name        : openssl\nVersion     : 3.0.7\nRelease     : 27.el9\nArchitecture: x86_64",
            "openssl",
            "3.0.7",
        ),
        (
            "Package: libssl3\nStatus: install ok installed\nPriority: optional\nVersion: 3.0.17-1~deb12u2",
            "openssl",
            "3.0.17-1~deb12u2",
        ),
        (
            "Name: Django\nVersion: 4.2.7\nSummary: A high-level Python web framework\nRequires: asgiref, \
             sqlparse\nRequired-by: ",
            "django",
            "4.2.7",
        ),
        // /etc/os-release whose PRETTY_NAME carries no version: its NAME with its VERSION, or
        // with VERSION_ID where it has no VERSION
        (
            "NAME=\"Container-Optimized OS\"\nID=cos\nPRETTY_NAME=\"Container-Optimized OS from Google\"\n\
             GOOGLE_CRASH_ID=Lakitu\nVERSION=109\nVERSION_ID=109\nBUILD_ID=17800.66.32",
            "cos",
            "109",
        ),
        (
            "NAME=\"VMware Photon OS\"\nVERSION=\"5.0\"\nID=photon\nVERSION_ID=5.0\n\
             PRETTY_NAME=\"VMware Photon OS/Linux\"\nANSI_COLOR=\"1;34\"",
            "vmware-photon",
            "5.0",
        ),
        (
            "NAME='Alpine Linux'\nID=alpine\nVERSION_ID=3.19.0",
            "alpine-linux",
            "3.19.0",
        ),
    ] {
        let (code, stdout, stderr) = run_in(scratch("banner").path(), &with_at(&["status", banner]), None);
        let apart = run_in(scratch("banner").path(), &with_at(&["status", product, version]), None);
        assert_eq!((code, &stdout), (apart.0, &apart.1), "{banner}");
        let note = format!("read as product `{product}`, version `{version}`");
        assert!(stderr.contains(&note), "{banner}: {stderr}");
    }
    // /etc/os-release, whole: the note shows the line read, not the whole text
    let os_release = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n\
        VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n";
    let (code, stdout, stderr) = run_in(scratch("banner").path(), &with_at(&["status", os_release]), None);
    let apart = run_in(
        scratch("banner").path(),
        &with_at(&["status", "debian", "12"]),
        None,
    );
    assert_eq!((code, &stdout), (apart.0, &apart.1));
    assert_eq!(
        stderr,
        "note: `PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"` read as product `debian`, version `12`\n"
    );
    // `pip show redis` is the Redis client library, a registry's package no rule names: not
    // Redis; nor is a record whose name is no product's, nor one without a version
    for record in [
        // `podman version`'s report: its `Go Version:` line is a component's, not the
        // program's (it was read as Go 1.21.6)
        "Client:       Podman Engine\nVersion:      4.9.3\nAPI Version:  4.9.3\nGo Version:   go1.21.6\n\
         OS/Arch:      linux/amd64",
        "Client: Docker Engine - Community\n Version:           24.0.7\n API version:       1.43\n \
         Go version:        go1.20.10\n Git commit:        afdd53b",
        // a module path of another project names another program
        "containerd github.com/other/thing v1.7.11",
        "Name: redis\nVersion: 5.0.1\nRequires: async-timeout\nRequired-by: celery",
        "Name: foo\nVersion: 1.2",
        "ProductName: macOS\nBuildVersion: 23C71",
        // a name and a version whose keys begin differently are no record of one product: a
        // container's `env`, a host's name beside a runtime's version
        "HOSTNAME=redis\nNODE_VERSION=20.10.0\nPATH=/usr/local/bin:/usr/bin",
        "Host Name: postgresql\nAgent Version: 7.52.0",
        // `mongod --version`: its build information names the OpenSSL it was built with
        // under a key that labels a component's version (it was read as OpenSSL 3.0.2)
        "db version v7.0.4\nBuild Info: {\n    \"version\": \"7.0.4\",\n    \"gitVersion\": \
         \"38f3e37057a43d2e9f41a39142681a76062d582e\",\n    \"openSSLVersion\": \"OpenSSL 3.0.2 15 Mar \
         2022\",\n    \"modules\": []\n}",
        // `kubectl version -o json`: a JSON object's keys label versions (it was read as Go)
        "{\n  \"clientVersion\": {\n    \"major\": \"1\",\n    \"gitVersion\": \"v1.28.4\",\n    \
         \"goVersion\": \"go1.20.11\",\n    \"platform\": \"linux/amd64\"\n  },\n  \"kustomizeVersion\": \
         \"v5.0.4-0.20230601165947-6ce0bf390ce3\"\n}",
        // `dotnet --info`: the system it runs on, named beside the SDK's bare `Version`, is a
        // part of its report (it was read as Ubuntu 22.04)
        ".NET SDK:\n Version:           8.0.100\n Commit:            57efcf1350\n\nRuntime Environment:\n \
         OS Name:     ubuntu\n OS Version:  22.04\n OS Platform: Linux\n RID:         linux-x64\n\nHost:\n  \
         Version:      8.0.0\n  Architecture: x64",
        // a line that labels a component's version after the program's own: the Prometheus
        // projects' `--version` (`node_exporter` was read as Go 1.21.4), `wsl --version` (read
        // as the Linux kernel)
        "node_exporter, version 1.7.0 (branch: HEAD, revision: 7333465abf9efba81876303bb57e6fadb946041b)\n  \
         build user:       root@35918982f6d8\n  build date:       20231112-23:53:35\n  go version:       \
         go1.21.4\n  platform:         linux/amd64",
        "WSL version: 2.0.9.0\nKernel version: 5.15.133.1-1\nWSLg version: 1.0.59\nWindows version: 10.0.22631.2861",
        // a program made for the product (`X for Y`) is not the product: Percona's MongoDB
        // was read as MongoDB, Microsoft's ODBC driver as SQL Server 18
        "Percona Server for MongoDB 6.0.12-10",
        "Microsoft ODBC Driver 18 for SQL Server 18.3.2.1",
        // os-release of a rolling release: no version at all
        "NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling",
        // a Scala cross-built program's name without its version: 2.13 is Scala's, not Kafka's
        "kafka_2.13",
        // a program no rule knows, then the Go it was built with: `k3s --version` and
        // `coredns -version` were read as Go 1.20.11 and 1.20.7
        "k3s version v1.28.4+k3s2 (6ba6c1b6)\ngo version go1.20.11",
        "CoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2",
        // `openresty -V`: nginx's name, then another program's; the OpenSSL it was built
        // with after it (it was read as OpenSSL 1.1.1w)
        "nginx version: openresty/1.21.4.3\nbuilt with OpenSSL 1.1.1w  11 Sep 2023\nTLS SNI support enabled",
        // a JSON document on one line is read by its members: Elasticsearch's root document
        // (`curl -s localhost:9200`) names its node `node-1` (it was read as Node.js 7.10.2)
        "{\"name\":\"node-1\",\"cluster_name\":\"es\",\"version\":{\"number\":\"7.10.2\",\"lucene_version\":\"8.7.0\"},\
         \"tagline\":\"You Know, for Search\"}",
    ] {
        let out = eol("banner", &with_at(&["status", record]));
        assert!(
            out.contains("exit: 2\n") && !out.contains("read as product"),
            "{out}"
        );
    }
    // the help of a record names the record's name, not the key before its version, and
    // offers no product for a PyPI package (`redis` there is the client library)
    for (record, help) in [
        (
            "Name: redis\nVersion: 5.0.1\nRequires: async-timeout\nRequired-by: celery",
            "help: `5.0.1` is the version of the Python package `redis` (`pip show`), and no rule \
             file gives its package URL (`pkg:pypi/redis`)",
        ),
        (
            "ProductName: Frobnicator\nProductVersion: 14.2.1\nBuildVersion: 23C71",
            "help: `14.2.1` is its version, but `Frobnicator`, the name it gives, is no product or \
             package the rules know",
        ),
        (
            "Package: libfoo9\nStatus: install ok installed\nVersion: 1.2.3-1",
            "help: `1.2.3-1` is its version, but `libfoo9`, the name it gives,",
        ),
        (
            "ProductName: macOSS\nProductVersion: 14.2.1",
            "help: `macOSS` is no product the rules know; did you mean `macos`? (`macos 14.2.1`)\n",
        ),
    ] {
        let out = eol("banner", &with_at(&["status", record]));
        assert!(
            out.contains("exit: 2\n") && out.contains(help) && !out.contains("did you mean `redis`"),
            "{out}"
        );
    }
    // Debian testing's os-release: `trixie/sid` is not Debian 13 (trixie) but testing, which
    // no line of the rules is; `lts/iron`, a name with a slash in it, is a line's
    let testing = eol(
        "banner",
        &with_at(&["status", "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian"]),
    );
    assert!(
        testing.contains("exit: 2\n")
            && testing.contains("error: `trixie/sid` belongs to no release line of `debian` in the catalog"),
        "{testing}"
    );
    let iron = eol("banner", &with_at(&["status", "node lts/iron"]));
    assert!(iron.contains("lts/iron is another name of line 20"), "{iron}");
    // a version alone (`node --version` prints `v20.10.0`): the help says to name the product
    let alone = eol("banner", &with_at(&["status", "v20.10.0"]));
    assert!(
        alone.contains("exit: 2\n")
            && alone.contains("help: `v20.10.0` is a version, not a product: name the product before it (`PRODUCT v20.10.0`;"),
        "{alone}"
    );
    // a name after the first version does not take it; no name before it reads as nothing
    for banner in [
        "Version: 8.11.1, Build: docker/2023-11-11, JVM: 21.0.1",
        "Client Version: v1.28.4",
    ] {
        let out = eol("banner", &with_at(&["status", banner]));
        assert!(out.contains("exit: 2\n") && out.contains("no product"), "{out}");
    }
}

/// A banner that starts with a product's name and goes on with words that name another
/// program (`jQuery Mobile`, `nginx Unit`, `Windows Terminal`) is not read as the product's:
/// `nginx Unit 1.31.1` read as nginx 1.31 answered "supported" for a program nginx's rules
/// say nothing of. The help names the product and says how to ask about it; an audit says
/// the same in its reason.
#[test]
fn banners_of_another_program_are_not_read_as_the_product() {
    for (typed, help, id) in [
        (
            "nginx Unit 1.31.1",
            "  help: `Unit` follows the name of `nginx` (nginx), so `1.31.1` may be another \
             program's version; if it is nginx's, give the product and its version apart \
             (`nginx 1.31.1`)\n",
            "nginx",
        ),
        // a word before a name that ends a product's display name, in the place of the
        // word the name leaves out: macOS's `uname -v` was read as Linux kernel 23.2.0, a
        // line Linux may reach one day
        (
            "Darwin Kernel Version 23.2.0: Wed Nov 15 21:53:18 PST 2023; \
             root:xnu-10002.61.3~2/RELEASE_ARM64_T6000",
            "  help: `Darwin Kernel` names another program than `linux-kernel` (Linux Kernel), so \
             `23.2.0` may be another program's version; if it is Linux Kernel's, give the product \
             and its version apart (`linux-kernel 23.2.0`)\n",
            "linux-kernel",
        ),
        (
            "Confluent Kafka 7.5.0",
            "  help: `Confluent Kafka` names another program than `apache-kafka` (Apache Kafka), so \
             `7.5.0` may be another program's version; if it is Apache Kafka's, give the product \
             and its version apart (`apache-kafka 7.5.0`)\n",
            "apache-kafka",
        ),
        // (`jQuery UI - v1.13.2` and `Windows PowerShell 5.1` were ones too, before the
        // library had them: they are their products' now)
        (
            "Windows Terminal 1.21.2361.0",
            "  help: `Terminal` follows the name of `windows` (Microsoft Windows), so \
             `1.21.2361.0` may be another program's version; if it is Microsoft Windows's, give \
             the product and its version apart (`windows 1.21.2361.0`)\n",
            "windows",
        ),
        (
            "jQuery Mobile 1.4.5",
            "  help: `Mobile` follows the name of `jquery` (jQuery), so `1.4.5` may be another \
             program's version; if it is jQuery's, give the product and its version apart \
             (`jquery 1.4.5`)\n",
            "jquery",
        ),
        // (`Ruby on Rails 7.1.2` was one, before the library had Rails: it is Rails's now)
        (
            "Ruby Version Manager 1.29.12",
            "  help: `Manager` follows the name of `ruby` (Ruby), so `1.29.12` may be another \
             program's version; if it is Ruby's, give the product and its version apart \
             (`ruby 1.29.12`)\n",
            "ruby",
        ),
        // a project's command-line tool numbers its own releases: Symfony CLI 5.4 read as
        // Symfony 5.4 (an LTS line) answered "supported"
        (
            "Symfony CLI version 5.4.21",
            "  help: `CLI` follows the name of `symfony` (Symfony), so `5.4.21` may be another \
             program's version; if it is Symfony's, give the product and its version apart \
             (`symfony 5.4.21`)\n",
            "symfony",
        ),
        // Redis Enterprise is another product than the Redis Open Source the rules follow
        (
            "Redis Enterprise 7.2.4",
            "  help: `Enterprise` follows the name of `redis` (Redis), so `7.2.4` may be another \
             program's version; if it is Redis's, give the product and its version apart \
             (`redis 7.2.4`)\n",
            "redis",
        ),
        (
            "Vue CLI v3.5.5",
            "  help: `CLI` follows the name of `vue` (Vue), so `v3.5.5` may be another \
             program's version; if it is Vue's, give the product and its version apart \
             (`vue v3.5.5`)\n",
            "vue",
        ),
        // an image whose name begins with its publisher's product and goes on with another
        // program's: NGINX's Prometheus exporter 1.0.0 was read as nginx 1.0.0, its Ingress
        // Controller 3.4.0 as nginx 3.4.0
        (
            "nginx/nginx-prometheus-exporter:1.0.0",
            "  help: `nginx-prometheus-exporter` follows the name of `nginx` (nginx), so `1.0.0` \
             may be another program's version; if it is nginx's, give the product and its \
             version apart (`nginx 1.0.0`)\n",
            "nginx",
        ),
        (
            "nginx/nginx-ingress:3.4.0",
            "  help: `nginx-ingress` follows the name of `nginx` (nginx), so `3.4.0` may be \
             another program's version; if it is nginx's, give the product and its version \
             apart (`nginx 3.4.0`)\n",
            "nginx",
        ),
        (
            "nginx nginx-prometheus 1.0.0",
            "  help: `nginx-prometheus` follows the name of `nginx` (nginx), so `1.0.0` may be \
             another program's version; if it is nginx's, give the product and its version \
             apart (`nginx 1.0.0`)\n",
            "nginx",
        ),
    ] {
        let (code, stdout, stderr) = run_in(scratch("another").path(), &with_at(&["status", typed]), None);
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(
            stderr.starts_with(&format!("error: no product `{typed}` in the rules\n"))
                && stderr.ends_with(help),
            "{stderr}"
        );
        let (_, stdout, _) = run_in(
            scratch("another").path(),
            &with_at(&["status", typed, "--format", "json"]),
            None,
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["error"]["kind"], "unknown-product");
        assert_eq!(doc["error"]["candidates"], serde_json::json!([id]));
    }
    // words that say which part or edition of the product printed it, or name one of its
    // lines, do not: they are still read as the product's
    for (banner, product, version) in [
        ("Redis server v=7.2.3 sha=00000000:0 bits=64", "redis", "7.2.3"),
        ("MongoDB shell version v7.0.4", "mongodb", "v7.0.4"),
        // `squid -v`: the project calls itself Squid Cache
        ("Squid Cache: Version 6.6", "squid", "6.6"),
        // the Angular CLI ships with the framework's numbers: its name is an alias
        ("Angular CLI: 17.3.0", "angular", "17.3.0"),
        // an edition of the same releases, named by an alias or a line's other name
        ("MongoDB Enterprise 7.0.4", "mongodb", "7.0.4"),
        (
            "Windows Server 2008 R2 Enterprise 6.1.7601",
            "windows-server",
            "6.1.7601",
        ),
        // MariaDB's client, named mysql, writes MariaDB's name after its version; MySQL's
        // own older client gives the server's version after `Distrib`
        (
            "mysql  Ver 15.1 Distrib 10.6.16-MariaDB, for debian-linux-gnu (x86_64)",
            "mariadb",
            "10.6.16-MariaDB",
        ),
        (
            "mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64)",
            "mysql",
            "5.7.44",
        ),
        // the 7 is part of Citrix's product name: release 2203, not a version 7
        (
            "Citrix Virtual Apps and Desktops 7 2203 LTSR",
            "citrix-vad",
            "2203",
        ),
        ("Microsoft Windows 11 Pro 10.0.22631", "windows", "10.0.22631"),
        ("Oracle Linux Server release 8.9", "oracle-linux", "8.9"),
        ("Ansible [core 2.16.2]", "ansible-core", "2.16.2"),
        (
            "containerd containerd.io 1.6.26 3dd1e886e55d",
            "containerd",
            "1.6.26",
        ),
        // a word that joins the product's name to its own words: the service Tomcat's
        // installer names, an edition's image
        ("Apache Tomcat 9.0 Tomcat9", "tomcat", "9.0"),
        ("grafana/grafana-oss:10.2.3", "grafana", "10.2.3"),
        ("grafana/grafana-enterprise:10.2.3", "grafana", "10.2.3"),
        // the product's own word in the place the alias leaves out, or a word that is no
        // name (`Kernel:` begins `hostnamectl`'s line)
        ("Linux Kernel 6.6.8", "linux-kernel", "6.6.8"),
        (
            "Kernel: Linux 5.15.0-91-generic",
            "linux-kernel",
            "5.15.0-91-generic",
        ),
        ("Apache Kafka 3.6.1", "apache-kafka", "3.6.1"),
    ] {
        let (code, _, stderr) = run_in(scratch("another").path(), &with_at(&["status", banner]), None);
        assert!(code < 2, "{banner}: {stderr}");
        let note = format!("read as product `{product}`, version `{version}`");
        assert!(stderr.contains(&note), "{banner}: {stderr}");
    }
    // a package URL carries its own version: never read as a banner, whatever its words
    let (code, _, stderr) = run_in(
        scratch("another").path(),
        &with_at(&["status", "pkg:deb/debian/python3-django@3:4.2.15-1"]),
        None,
    );
    assert!(
        code == 2
            && stderr.starts_with("error: no product `pkg:deb/debian/python3-django@3:4.2.15-1`")
            && !stderr.contains("follows the name"),
        "{stderr}"
    );
    // an inventory's cell: the audit's reason says the same
    let dir = scratch("another");
    std::fs::write(
        dir.path().join("inventory.csv"),
        "product,version\nnginx Unit 1.31.1,\nkindest/node:v1.28.0,\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["audit", "inventory.csv", "--format", "csv"]),
        None,
    );
    // an unknown product fails only a gate that names it (`--fail-on unknown`)
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            ",unknown-product,,nginx unit 1.31.1,,,,,,,,,,,,,,\"no product `nginx Unit 1.31.1` in the rules: \
             `Unit` follows the name of `nginx` (nginx), so `1.31.1` may be another program's version; if \
             it is nginx's, give the product and its version apart\","
        ),
        "{stdout}"
    );
    // an image reference in a cell whose publisher is not the product's its name names
    assert!(
        stdout.contains(
            ",unknown-product,,kindest/node:v1.28.0,,,,,,,,,,,,,,\"the image's name says `nodejs` (Node.js), but \
             no rule names the image `pkg:docker/kindest/node`, and `kindest`, which publishes it, is not \
             Node.js's: an image is a product by its name only as one its publisher is related to\","
        ),
        "{stdout}"
    );
}

/// A tool's banner given as the version of a product named apart (`eol status python
/// "$(python3 --version)"`) is read as it would be alone: the same answer as the version alone,
/// with the reading said. Another product's banner, another program's, or words before the
/// version that are none of the product's are refused (exit 2) with the command to ask instead,
/// never judged by the product's lines.
#[test]
fn a_banner_given_as_the_version_is_read() {
    let dir = scratch("beside");
    for (product, banner, version, note) in [
        ("python", "Python 3.12.1", "3.12.1", "Python 3.12.1"),
        ("docker", "Docker version 24.0.7, build afdd53b", "24.0.7", "Docker version 24.0.7, build afdd53b"),
        ("kubernetes", "Client Version: v1.28.4", "v1.28.4", "Client Version: v1.28.4"),
        (
            "mssqlserver",
            "Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)",
            "15.0.4322.2",
            "Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)",
        ),
        ("mssqlserver", "SQL Server 2016 SP3", "2016 SP3", "SQL Server 2016 SP3"),
        (
            "eclipse-temurin",
            "openjdk version \"17.0.9\" 2023-10-17\nOpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)",
            "17.0.9+9",
            "OpenJDK Runtime Environment Temurin-17.0.9+9 (build 17.0.9+9)",
        ),
    ] {
        let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", product, banner]), None);
        assert_eq!(stderr, format!("note: `{note}` read as version `{version}`\n"), "{banner}");
        let alone = run_in(dir.path(), &with_at(&["status", product, version]), None);
        assert_eq!((code, stdout), (alone.0, alone.1), "{banner}");
    }
    // a version typed as usual is no banner: nothing is said
    let (code, _, stderr) = run_in(dir.path(), &with_at(&["status", "ubuntu", "22.04.3 LTS"]), None);
    assert_eq!((code, stderr.as_str()), (0, ""));
    for (product, banner, message, help) in [
        (
            "ruby",
            "Python 3.12.1",
            "`Python 3.12.1` is no version of `ruby`: it names `python` (Python) with its version",
            "to judge it as Python's, give it alone (`eol status \"Python 3.12.1\"`); if `3.12.1` \
             is Ruby's version, give it alone (`eol status ruby 3.12.1`)",
        ),
        (
            "nginx",
            "nginx Unit 1.27.1",
            "`nginx Unit 1.27.1` is no version of `nginx`: `Unit` follows the name of `nginx` (nginx), \
             so `1.27.1` may be another program's version",
            "if `1.27.1` is nginx's version, give it alone (`eol status nginx 1.27.1`)",
        ),
        (
            "eclipse-temurin",
            "openjdk version \"17.0.9\" 2023-10-17",
            "`openjdk version \"17.0.9\" 2023-10-17` is no version of `eclipse-temurin`: `openjdk` \
             before its version `17.0.9` is none of the product's names, so it may be another program's",
            "if `17.0.9` is Eclipse Temurin's version, give it alone (`eol status eclipse-temurin 17.0.9`)",
        ),
        // a version that names its own product was given alone already: the help names that
        // product instead of repeating the command
        (
            "mysql",
            "10.6.16-MariaDB",
            "`10.6.16-MariaDB` is no version of `mysql`: it names `mariadb` (MariaDB) with its version",
            "to judge it as MariaDB's, give that product (`eol status mariadb 10.6.16-MariaDB`)",
        ),
    ] {
        let (code, stdout, stderr) = run_in(dir.path(), &with_at(&["status", product, banner]), None);
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert_eq!(stderr, format!("error: {message}\n  help: {help}\n"));
        let (_, stdout, _) = run_in(
            dir.path(),
            &with_at(&["status", product, banner, "--format", "json"]),
            None,
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["error"]["kind"], "unknown-version");
    }
    // an audit reads a banner in the version column the same way
    std::fs::write(
        dir.path().join("inventory.csv"),
        "product,version\npython,Python 3.12.1\nkubernetes,Client Version: v1.28.4\nruby,Python 3.12.1\n\
         nginx,nginx Unit 1.27.1\nmssqlserver,SQL Server 2016 SP3\nmysql,10.6.16-MariaDB\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["audit", "inventory.csv", "--format", "csv"]),
        None,
    );
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.splitn(7, ',').take(6).collect())
        .collect();
    assert_eq!(
        rows,
        vec![
            vec![
                "python/3.12/supported",
                "supported",
                "",
                "python",
                "3.12",
                "3.12.1"
            ],
            vec![
                "kubernetes/1.28/end-of-life",
                "end-of-life",
                "",
                "kubernetes",
                "1.28",
                "v1.28.4"
            ],
            vec![
                "ruby/Python 3.12.1/unknown-version",
                "unknown-version",
                "",
                "ruby",
                "",
                "Python 3.12.1"
            ],
            vec![
                "nginx/nginx Unit 1.27.1/unknown-version",
                "unknown-version",
                "",
                "nginx",
                "",
                "nginx Unit 1.27.1"
            ],
            vec![
                "mssqlserver/13.0-sp3/end-of-life",
                "end-of-life",
                "",
                "mssqlserver",
                "13.0-sp3",
                "2016 SP3"
            ],
            vec![
                "mysql/10.6.16-MariaDB/unknown-version",
                "unknown-version",
                "",
                "mysql",
                "",
                "10.6.16-MariaDB"
            ],
        ],
        "{stderr}"
    );
    assert!(
        stdout.contains(
            ",`10.6.16-MariaDB` is no version of `mysql`: it names `mariadb` (MariaDB) with its version,"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            ",`Python 3.12.1` is no version of `ruby`: it names `python` (Python) with its version,"
        ),
        "{stdout}"
    );
    // a refused banner is no malformed version: no `audit-bad-version` warning
    assert!(!stderr.contains("audit-bad-version"), "{stderr}");
    // a word before a number is no version newer than the lines, nor near one of them
    let (code, _, stderr) = run_in(dir.path(), &with_at(&["status", "nginx", "latest-1.2"]), None);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `latest-1.2` belongs to no release line of `nginx` in the catalog\n  \
         help: `eol status nginx` lists the lines\n"
    );
}

/// A banner's words between the product's name and the version choose among the lines the
/// version is in, as a name given beside a version does (`Microsoft Windows 10 Enterprise
/// LTSC` and `10.0.17763`): the build is in three lines of Windows, and `Enterprise LTSC`
/// names one. Words that name a line the version is not in make it an unknown version; words
/// that name none say nothing.
#[test]
fn banner_words_choose_among_a_versions_lines() {
    let (code, stdout, stderr) = run_in(
        scratch("banner-words").path(),
        &with_at(&["status", "Microsoft Windows 10 Enterprise LTSC 10.0.17763"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "note: `Microsoft Windows 10 Enterprise LTSC 10.0.17763` read as product `windows`, version `10.0.17763`\n\
         note: `10 Enterprise LTSC` in it chose line 10-1809-e-lts\n"
    );
    let apart = run_in(
        scratch("banner-words").path(),
        &with_at(&["status", "windows", "10.0.17763", "--line", "10-1809-e-lts"]),
        None,
    );
    assert_eq!((code, stdout), (apart.0, apart.1));
    let (code, _, stderr) = run_in(
        scratch("banner-words").path(),
        &with_at(&["status", "Windows Server 2012 R2 Datacenter 10.0.17763"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "error: `10.0.17763` is in lines 1809-sac, 2019 of `windows-server`, but `2012 R2` in the \
             product's name says line 2012-r2\n"
        ),
        "{stderr}"
    );
    // `eol explain` reads it the same way
    let (code, stdout, _) = run_in(
        scratch("banner-words").path(),
        &with_at(&["explain", "Microsoft Windows 10 Enterprise LTSC 10.0.17763"]),
        None,
    );
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("Microsoft Windows line 10-1809-e-lts at "),
        "{stdout}"
    );
    // and so does an audit of an item whose name holds the version
    let dir = scratch("banner-words");
    std::fs::write(
        dir.path().join("inventory.csv"),
        "product,version\nMicrosoft Windows 10 Enterprise LTSC 10.0.17763,\nWindows Server 2012 R2 Datacenter 10.0.17763,\n",
    )
    .unwrap();
    let (_, stdout, stderr) = run_in(
        dir.path(),
        &with_at(&["audit", "inventory.csv", "--format", "csv"]),
        None,
    );
    assert!(
        stdout.contains("\nwindows/10-1809-e-lts/supported,supported,,windows,10-1809-e-lts,10.0.17763,"),
        "{stdout}{stderr}"
    );
    assert!(
        stdout.contains(
            "\nwindows-server/10.0.17763/unknown-version,unknown-version,,windows-server,,10.0.17763,"
        ),
        "{stdout}"
    );
}

/// `systeminfo` names the system (`OS Name: Microsoft Windows 11 Pro`) and gives its build
/// under the key of the same prefix (`OS Version: 10.0.22631 N/A Build 22631`): the build is
/// the version, and `11 Pro` says which of its lines is meant. The `11` was read as the
/// version, which is fourteen lines of Windows.
#[test]
fn systeminfo_is_read_by_its_os_version() {
    let systeminfo = |name: &str, build: &str| {
        format!(
            "Host Name:                 WIN-7H2K\nOS Name:                   {name}\n\
             OS Version:                10.0.{build} N/A Build {build}\n\
             OS Manufacturer:           Microsoft Corporation\n\
             BIOS Version:              Dell Inc. 1.17.0, 3/7/2024\n"
        )
    };
    for (name, build, product, line) in [
        ("Microsoft Windows 11 Pro", "22631", "windows", "11-23h2-w"),
        (
            "Microsoft Windows 10 Enterprise LTSC",
            "17763",
            "windows",
            "10-1809-e-lts",
        ),
        (
            "Microsoft Windows Server 2022 Datacenter",
            "20348",
            "windows-server",
            "2022",
        ),
    ] {
        let text = systeminfo(name, build);
        let (code, stdout, stderr) = run_in(scratch("systeminfo").path(), &with_at(&["status", &text]), None);
        let version = format!("10.0.{build}");
        let apart = run_in(
            scratch("systeminfo").path(),
            &with_at(&["status", product, &version, "--line", line]),
            None,
        );
        assert_eq!((code, &stdout), (apart.0, &apart.1), "{name}: {stderr}");
        let note = format!("read as product `{product}`, version `{version}`");
        assert!(stderr.contains(&note), "{name}: {stderr}");
    }
    // PowerShell's `Get-ComputerInfo`: its `WindowsProductName` says `Windows 10 Pro` on
    // Windows 11 too, and has no version of its own; `OsName` beside `OsVersion` does
    let computer_info = "WindowsBuildLabEx                : 22621.1.amd64fre.ni_release.220506-1250\n\
        WindowsCurrentVersion            : 6.3\n\
        WindowsEditionId                 : Professional\n\
        WindowsProductName               : Windows 10 Pro\n\
        WindowsVersion                   : 2009\n\
        OSDisplayVersion                 : 22H2\n\
        CsName                           : DESKTOP-7H2K\n\
        OsName                           : Microsoft Windows 11 Pro\n\
        OsType                           : WINNT\n\
        OsVersion                        : 10.0.22621\n\
        OsBuildNumber                    : 22621\n";
    let (code, stdout, stderr) = run_in(
        scratch("systeminfo").path(),
        &with_at(&["status", computer_info]),
        None,
    );
    let apart = run_in(
        scratch("systeminfo").path(),
        &with_at(&["status", "windows", "10.0.22621", "--line", "11-22h2-w"]),
        None,
    );
    assert_eq!((code, &stdout), (apart.0, &apart.1), "{stderr}");
    assert!(
        stderr.contains("Microsoft Windows 11 Pro` read as product `windows`, version `10.0.22621`\n"),
        "{stderr}"
    );
    // the name and the build disagree: neither is taken
    let text = systeminfo("Microsoft Windows 10 Pro", "22631");
    let (code, stdout, stderr) = run_in(scratch("systeminfo").path(), &with_at(&["status", &text]), None);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(
        stderr.contains("error: `10.0.22631` is in lines 11-23h2-e, 11-23h2-w of `windows`, but `10 Pro` in the product's name says lines "),
        "{stderr}"
    );
}

#[test]
fn a_product_without_a_version_shows_its_lines() {
    insta::assert_snapshot!(eol("lines", &with_at(&["status", "django"])));
}

#[test]
fn versions_that_name_no_line_or_several() {
    // A build shared by Windows editions: every line is named; --line picks one.
    let windows = ["status", "windows", "10.0.19044", "--at", "2025-06-01"];
    insta::assert_snapshot!(eol("ambiguous", &windows));
    let picked = eol(
        "ambiguous",
        &[&windows[..], &["--line", "10-21h2-e-lts"]].concat(),
    );
    assert!(
        picked.contains("exit: 0\n") && picked.contains("10-21h2-e-lts"),
        "{picked}"
    );
    // newer than every line: the catalog may not list it yet (exit 2)
    insta::assert_snapshot!(eol("unknown", &with_at(&["status", "postgresql", "99.1"])));
    // between 7.4 and 8.0, which have both ended: at end of life too (exit 1)
    insta::assert_snapshot!(eol("unknown", &with_at(&["status", "postgresql", "7.5"])));
    let empty = eol("unknown", &with_at(&["status", "otrs", ""]));
    assert!(
        empty.contains("exit: 2\n") && empty.contains("empty version"),
        "{empty}"
    );
}

#[test]
fn list_products() {
    let out = eol("list", &with_at(&["list"]));
    assert!(out.contains("exit: 0\n"), "{out}");
    let head: String = out.lines().take(14).map(|l| format!("{l}\n")).collect();
    insta::assert_snapshot!(head);
    let json = eol("list", &with_at(&["list", "--format", "json"]));
    assert!(
        json.contains("\"id\": \"nodejs\"") && json.contains("\"node\""),
        "{json}"
    );
    let csv = eol("list", &with_at(&["list", "--format", "csv"]));
    assert!(
        csv.contains("\nid,name,vendor,aliases,purls,cpes,lines,supported\n"),
        "{csv}"
    );
}

#[test]
fn version_names_the_data() {
    let out = eol("version", &["--version"]);
    assert!(
        out.contains("exit: 0\n")
            && out.contains("bundled library: ")
            && out.contains("newest catalog row 20"),
        "{out}"
    );
}

/// A rule file of one's own: with `EOL_RULES` or `--rules` it replaces the bundled one
/// (a note says so); a catalog with a bad date is exit 3 in status, exit 1 in check,
/// and JSON when asked for JSON; a rule file without catalog is a warning.
#[test]
fn local_rules_broken_catalogs_and_exit_codes() {
    let tmp = scratch("local");
    let dir = tmp.path();
    let bundled_otrs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/otrs.eol")).unwrap();
    let mine = bundled_otrs.replace("\"OTRS\"", "\"OTRS (mine)\"");
    std::fs::write(dir.join("otrs.eol"), &mine).unwrap();
    let args = ["status", "otrs", "6.0", "--at", "2019-06-01"];
    let (code, stdout, stderr) = run_in(dir, &args, Some("otrs.eol"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("OTRS (mine) 6.0"), "{stdout}");
    assert!(
        stderr.contains("note: otrs.eol replaces the bundled `otrs` and reads its bundled catalog"),
        "{stderr}"
    );

    std::fs::write(
        dir.join("otrs.releases.toml"),
        "[[release]]\nproduct = \"otrs\"\nversion = \"6.0.1\"\ndate = 2017-13-21\n",
    )
    .unwrap();
    let broken = shown(
        &args,
        run_in(dir, &[&args[..], &["--rules", "otrs.eol"]].concat(), None),
    );
    assert!(
        broken.contains("exit: 3\n") && broken.contains("2017-13-21"),
        "{broken}"
    );
    let json = shown(
        &args,
        run_in(
            dir,
            &[&args[..], &["--rules", "otrs.eol", "--format", "json"]].concat(),
            None,
        ),
    );
    assert!(
        json.contains("exit: 3\n")
            && json.contains("\"kind\": \"broken\"")
            && json.contains("\"exit_code\": 3"),
        "{json}"
    );
    let check = shown(
        &["check"],
        run_in(dir, &["check", "otrs.eol", "--at", "2019-06-01"], None),
    );
    assert!(
        check.contains("exit: 1\n") && check.contains("2017-13-21"),
        "{check}"
    );
    let eval = shown(
        &["eval"],
        run_in(
            dir,
            &["eval", "otrs.eol", "--at", "2019-06-01", "--format", "json"],
            None,
        ),
    );
    assert!(
        eval.contains("exit: 3\n") && eval.contains("\"diagnostics\": [") && eval.contains("2017-13-21"),
        "{eval}"
    );

    std::fs::remove_file(dir.join("otrs.releases.toml")).unwrap();
    std::fs::write(
        dir.join("lonely.eol"),
        mine.replace("policy otrs ", "policy lonely "),
    )
    .unwrap();
    let lonely = shown(
        &["check"],
        run_in(
            dir,
            &["check", "--deny-warnings", "lonely.eol", "--at", "2019-06-01"],
            None,
        ),
    );
    assert!(
        lonely.contains("exit: 1\n") && lonely.contains("eol::missing-catalog"),
        "{lonely}"
    );
}

/// The English words of the frame: every word of `en.ftl`'s messages that no German
/// message uses (so `Support`, `Phase` or `--extended` do not count).
fn english_only_words() -> BTreeSet<String> {
    let words = |src: &str| -> BTreeSet<String> {
        src.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| {
                l.split_once(" = ")
                    .map(|(_, v)| v.to_owned())
                    .or_else(|| l.starts_with(' ').then(|| l.to_owned()))
            })
            .flat_map(|v| {
                v.split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 3)
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let en = words(include_str!("../i18n/en.ftl"));
    let de = words(include_str!("../i18n/de.ftl"));
    en.difference(&de).cloned().collect()
}

/// Every quoted string of the rule files: labels, names and vendors are the rules' own
/// words, in whatever language the rule file gives them.
fn rule_strings(files: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let text =
            std::fs::read_to_string(format!("{}/../../rules/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            if !piece.is_empty() {
                out.push(piece.to_owned());
            }
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

#[test]
fn german_output_has_no_english_frame_words() {
    let english = english_only_words();
    assert!(
        english.contains("entitled") && english.contains("since"),
        "{english:?}"
    );
    let runs: [(&[&str], &[&str]); 7] = [
        (
            &[
                "status",
                "liferay-dxp",
                "7.3",
                "--lang",
                "de",
                "--at",
                "2025-06-01",
            ],
            &["liferay.eol"],
        ),
        (&["status", "ubuntu", "20.04", "--lang", "de"], &["ubuntu.eol"]),
        (
            &["status", "otrs", "6.0.17", "--lang", "de", "--at", "2019-06-01"],
            &["otrs.eol"],
        ),
        (&["status", "gitlab", "19.1", "--lang", "de"], &["gitlab.eol"]),
        (
            &[
                "eval",
                "--product",
                "liferay-portal-ee",
                "--lang",
                "de",
                "--at",
                "2025-06-01",
            ],
            &["liferay.eol"],
        ),
        (&["status", "django", "--lang", "de"], &["django.eol"]),
        (
            &["audit", "bestand.csv", "--lang", "de"],
            &[
                "nodejs.eol",
                "python.eol",
                "postgresql.eol",
                "debian.eol",
                "ubuntu.eol",
                "django.eol",
                "nginx.eol",
                "kubernetes.eol",
            ],
        ),
    ];
    for (args, files) in runs {
        let mut args = args.to_vec();
        if !args.contains(&"--at") {
            args.extend(AT);
        }
        let tmp = scratch("german");
        let dir = tmp.path();
        // The audit's inventory (hosts and versions, no English words), under a German name.
        std::fs::copy(
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audit/inventory.csv"),
            dir.join("bestand.csv"),
        )
        .unwrap();
        let (_, stdout, _) = run_in(dir, &args, None);
        let mut text = stdout.clone();
        for s in rule_strings(files) {
            text = text.replace(&s, " ");
        }
        let found: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| english.contains(&w.to_lowercase()))
            .collect();
        assert!(
            found.is_empty(),
            "English frame words {found:?} in German output of `eol {}`:\n{stdout}",
            args.join(" ")
        );
    }
}

/// Issue 11, item 8: a build shared by several lines is never resolved silently to one.
#[test]
fn a_version_in_several_lines_lists_them() {
    let out = eol(
        "several",
        &["status", "windows-server", "10.0.17763", "--at", "2025-06-01"],
    );
    assert!(
        out.contains("exit: 2\n") && out.contains("2019") && out.contains("1809-sac"),
        "{out}"
    );
    let picked = eol(
        "several",
        &[
            "status",
            "windows-server",
            "10.0.17763",
            "--line",
            "2019",
            "--at",
            "2025-06-01",
        ],
    );
    assert!(
        picked.contains("exit: 0\n") && picked.contains("line:        2019"),
        "{picked}"
    );
    let json = eol(
        "several",
        &[
            "status",
            "windows",
            "10.0.19044",
            "--format",
            "json",
            "--at",
            "2025-06-01",
        ],
    );
    assert!(
        json.contains("\"kind\": \"ambiguous-version\"") && json.contains("\"10-21h2-e-lts\""),
        "{json}"
    );
}

/// Issue 11, item 9: a phase whose start is pending but whose end is known and past does
/// not keep a line alive in `status`, as it does not in `eval`.
#[test]
fn a_pending_start_with_a_past_end_is_not_between_phases() {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/eval/pending-start-past-end"
    );
    let out = eol(
        "pending-start",
        &[
            "status",
            "demo",
            "1.0",
            "--no-bundled",
            "--rules",
            &format!("{case}/rules.eol"),
            "--rules",
            &format!("{case}/releases.csv"),
            "--at",
            "2021-01-01",
            "--extended",
        ],
    );
    assert!(
        out.contains("exit: 1\n") && out.contains("end of life since 2020-06-01"),
        "{out}"
    );
}

/// Issue 11, messages: `eol status otrs ""` names the problem instead of printing an empty name.
#[test]
fn an_empty_version_is_a_usage_error() {
    let out = eol("empty", &["status", "otrs", "", "--at", "2019-06-01"]);
    assert!(
        out.contains("exit: 2\n") && out.contains("error: an empty version for `otrs`"),
        "{out}"
    );
}

/// A release line by the name people and tools give it (`alias line`): a codename from
/// `/etc/os-release`, SQL Server's year. The answer is the line's, the note says how the
/// name was read, and a name several lines share is ambiguous (exit 2), never a guess.
#[test]
fn lines_by_the_names_people_give_them() {
    let bookworm = eol("line-names", &with_at(&["status", "debian", "bookworm"]));
    insta::assert_snapshot!(bookworm);
    let twelve = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "debian", "12"]),
        None,
    );
    assert!(bookworm.starts_with(&format!(
        "$ eol status debian bookworm --at 2026-12-01\nexit: {}\n",
        twelve.0
    )));
    // everything after the note is line 12's answer (the title and the `line:` row aside)
    let tail = |s: &str| s.split_once("  phase:").map(|(_, t)| t.to_owned()).unwrap();
    assert_eq!(
        tail(&bookworm),
        tail(&format!("{}--- stderr\n{}", twelve.1, twelve.2))
    );

    let (code, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "ubuntu", "Jammy Jellyfish", "--format", "json"]),
        None,
    );
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["status"]["line"], "22.04");
    assert_eq!(doc["status"]["matched_by"], "line-alias");
    assert_eq!(
        doc["status"]["line_aliases"],
        serde_json::json!(["jammy", "Jammy Jellyfish"])
    );

    // typed as one text, and `--line` by name
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "SQL Server 2019"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2019 is another name of line 15.0"), "{stdout}");
    let (code, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "ubuntu", "22.04.3", "--line", "jammy"]),
        None,
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("line:        22.04, also \"jammy\""), "{stdout}");
    // many other names are shortened, the JSON keeping them all
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "ckeditor", "41.2.0"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("line:        5, also \"10\", \"11\", … \"48\" (39 names) (first"),
        "{stdout}"
    );

    // the names the bundled library gives, exactly or starting a longer version
    for (product, typed, line, how) in [
        ("nodejs", "lts/iron", "20", "line-alias"),
        ("nodejs", "iron-alpine", "20", "alias-prefix"),
        ("dotnet", "netcoreapp3.1", "3.1", "line-alias"),
        ("dotnet", "net8.0-windows", "8", "alias-prefix"),
        ("oracle-jdk", "1.8.0_392", "8", "alias-prefix"),
        ("eclipse-temurin", "1.8.0_392-b08", "8", "alias-prefix"),
        ("eclipse-temurin", "jdk8u392-b08", "8", "alias-prefix"),
        ("oracle-jdk", "7u80", "7", "alias-prefix"),
        ("ubuntu", "jammy-20240111", "22.04", "alias-prefix"),
        ("mssqlserver", "2016 SP2 CU17", "13.0-sp2", "alias-prefix"),
        ("visual-studio", "2015", "14.0", "line-alias"),
        // CKEditor 5's versions number its majors (`ckeditor5@41.2.0`), each another name of
        // the generation's line
        ("ckeditor", "41.2.0", "5", "alias-prefix"),
        ("ckeditor", "4.22.1", "4", "line-prefix"),
        // a service pack level by its build (`builds line`), not the release's line by its name
        ("mssqlserver", "13.0.6435.1", "13.0-sp3", "builds"),
        ("mssqlserver", "13.0.7000.253", "13.0-sp3-acp", "builds"),
        ("mssqlserver", "13.0.5026.0", "13.0-sp2", "builds"),
        ("mssqlserver", "13.0.1742.0", "13.0", "builds"),
        ("mssqlserver", "12.0.6024.0", "12.0-sp3", "builds"),
        ("mssqlserver", "10.50.6000.34", "10.50-sp3", "builds"),
        ("mssqlserver", "9.00.5000.00", "9.0-sp4", "builds"),
        ("mssqlserver", "14.0.3456.2", "14.0", "line-prefix"),
    ] {
        let (code, stdout, stderr) = run_in(
            scratch("line-names").path(),
            &with_at(&["status", product, typed, "--format", "json"]),
            None,
        );
        assert!(code == 0 || code == 1, "{product} {typed}: {stderr}");
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["status"]["line"], line, "{product} {typed}");
        assert_eq!(doc["status"]["matched_by"], how, "{product} {typed}");
    }

    // SQL Server 2016 SP3 in December 2024 is supported, as its build says; read by the
    // release's name (line 13.0, RTM) it was "end of life since 2018-01-10"
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &["status", "mssqlserver", "13.0.6435.1", "--at", "2024-12-01"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("line:        13.0-sp3, also \"2016\", \"2016 SP3\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("phase:       Mainstream Support through 2026-07-14"),
        "{stdout}"
    );
    // `eol explain` says which start put it there, and where the rule file gives it
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &["explain", "mssqlserver", "13.0.6435.1", "--at", "2024-12-01"],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let builds_row = stdout.lines().nth(3).unwrap_or_default();
    assert!(
        builds_row.starts_with(
            "version 13.0.6435.1 is in line 13.0-sp3: its builds start at 13.0.6300.2 (`builds line`)   ["
        ) && builds_row.contains("mssqlserver.eol:"),
        "{stdout}"
    );
    // an ambiguous version whose lines are all still supported: said so
    let (code, _, stderr) = run_in(
        scratch("line-names").path(),
        &["status", "windows", "10.0.22631", "--at", "2025-06-01"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "11-23h2-e (supported, end of life on 2026-11-11) and 11-23h2-w (supported, end of \
             life on 2025-11-12): supported whichever it is"
        ),
        "{stderr}"
    );
    // another name of the line, and one that starts the version: which, and where
    for (typed, why) in [
        ("bookworm", "version bookworm is in line 12: `bookworm` is another name of it (`alias line`)   ["),
        (
            "bookworm-slim",
            "version bookworm-slim is in line 12: it starts with `bookworm`, another name of it (`alias line`)   [",
        ),
    ] {
        let (code, stdout, stderr) = run_in(
            scratch("line-names").path(),
            &with_at(&["explain", "debian", typed]),
            None,
        );
        assert_eq!(code, 0, "{stderr}");
        let row = stdout.lines().nth(3).unwrap_or_default();
        assert!(row.starts_with(why) && row.contains("debian.eol:"), "{stdout}");
    }
    // an ambiguous version whose lines have all ended: `explain` says so, as `status` does,
    // and explains each line
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &with_at(&["explain", "windows", "10.0.22631"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "`10.0.22631` belongs to 2 lines of `windows`, and every one has ended: end of life \
             whichever it is (11-23h2-e, 11-23h2-w); each line's derivation follows\n\n\
             Microsoft Windows line 11-23h2-e at 2026-12-01\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n\nMicrosoft Windows line 11-23h2-w at 2026-12-01\n"),
        "{stdout}"
    );
    // and when they have not all ended, what each of them says, and which to give
    let (code, _, stderr) = run_in(
        scratch("line-names").path(),
        &["explain", "windows", "10.0.22631", "--at", "2025-06-01"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "`10.0.22631` names 2 lines of `windows`: 11-23h2-e (supported, end of life on \
             2026-11-11) and 11-23h2-w (supported, end of life on 2025-11-12): supported whichever it is"
        ),
        "{stderr}"
    );

    // the list of lines shows the names beside them (and only for products that give some)
    let (_, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "debian"]),
        None,
    );
    assert!(stdout.contains("line  also called  first ship"), "{stdout}");
    assert!(stdout.contains("\n12    bookworm     2023-06-10"), "{stdout}");
    let (_, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "python"]),
        None,
    );
    assert!(stdout.contains("line  first ship"), "{stdout}");

    // shared by the release and its service packs, every one of which has ended: end of
    // life whichever it is (exit 1, as for one line), since the latest of their ends, and
    // each line's status after it
    let (code, stdout, stderr) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "mssqlserver", "2016"]),
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with(
            "`2016` belongs to 5 lines of `mssqlserver`, and every one has ended: end of life \
             whichever it is, since 2026-07-15 at the latest\n  `--line LINE` judges it by one \
             of them (13.0, 13.0-sp1, 13.0-sp2, 13.0-sp3, 13.0-sp3-acp); each one's status \
             follows\n\nMicrosoft SQL Server 2016 at "
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches("\n  phase:       none: ").count(), 5, "{stdout}");
    let (code, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "windows", "10.0.22631", "--format", "json"]),
        None,
    );
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let w = &doc["whichever"];
    assert_eq!(
        (&w["product"], &w["version"], &w["state"], &w["eol"]),
        (
            &serde_json::json!("windows"),
            &serde_json::json!("10.0.22631"),
            &serde_json::json!("end-of-life"),
            &serde_json::json!({"date": "2026-11-11", "kind": "exact"})
        )
    );
    let lines: Vec<_> = w["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].clone(), r["state"].clone(), r["eol"]["date"].clone()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                json_str("11-23h2-e"),
                json_str("end-of-life"),
                json_str("2026-11-11")
            ),
            (
                json_str("11-23h2-w"),
                json_str("end-of-life"),
                json_str("2025-11-12")
            ),
        ]
    );
    // `--line` still judges it by one of them
    let (code, stdout, _) = run_in(
        scratch("line-names").path(),
        &with_at(&["status", "windows", "10.0.22631", "--line", "11-23h2-e"]),
        None,
    );
    assert_eq!(code, 1);
    assert!(stdout.starts_with("Microsoft Windows 10.0.22631 at "), "{stdout}");
    // and when they do not, only what each one says
    let (code, _, stderr) = run_in(
        scratch("line-names").path(),
        &["status", "mssqlserver", "2016", "--at", "2024-12-01"],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "13.0-sp3 (supported, end of life on 2026-07-15) and 13.0-sp3-acp (supported, end of \
             life on 2026-07-15)\n"
        ),
        "{stderr}"
    );
}

/// `eol status` takes a system as an inventory names it, its build beside it: the words
/// after the product's name choose among the lines the build is in, and a name and build
/// that disagree are an error naming both.
#[test]
fn systems_as_inventories_name_them() {
    let pro = eol(
        "named-systems",
        &with_at(&["status", "Microsoft Windows 11 Pro", "10.0.22631"]),
    );
    insta::assert_snapshot!(pro);
    assert!(pro.contains("exit: 1\n"), "{pro}");
    assert!(
        pro.contains(
            "note: `Microsoft Windows 11 Pro` read as product `windows`; `11 Pro` in it chose line 11-23h2-w"
        ),
        "{pro}"
    );

    let (code, stdout, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&[
            "status",
            "Microsoft Windows Server 2019 Datacenter",
            "10.0.17763",
            "--format",
            "json",
        ]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["status"]["product"], "windows-server");
    assert_eq!(doc["status"]["line"], "2019");
    assert_eq!(doc["status"]["matched_by"], "name-words");

    // the name says 2012 R2, the build is 2019's (or 1809's): neither is taken
    let (code, _, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["status", "Windows Server 2012 R2 Standard", "10.0.17763"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: `10.0.17763` is in lines 1809-sac, 2019 of `windows-server`, but `2012 R2` in the product's name says line 2012-r2"),
        "{stderr}"
    );

    // words that are in no line's name: not that product
    let (code, _, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["status", "Windows Driver Package", "12.19.1.37"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: no product `Windows Driver Package` in the rules"),
        "{stderr}"
    );

    // `eol explain` reads them the same way
    let (code, stdout, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["explain", "Microsoft Windows 11 Pro", "10.0.22631"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Microsoft Windows line 11-23h2-w at 2026-12-01\n"),
        "{stdout}"
    );
    assert!(stderr.contains("`11 Pro` in it chose line 11-23h2-w"), "{stderr}");
    let (code, _, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["explain", "Windows Server 2012 R2", "10.0.17763"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("but `2012 R2` in the product's name says line 2012-r2"),
        "{stderr}"
    );

    // `--line` still says which
    let (code, stdout, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&[
            "status",
            "Microsoft Windows 11 Enterprise",
            "10.0.22631",
            "--line",
            "11-23h2-e",
        ]),
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("line:        11-23h2-e"), "{stdout}");

    // a version that only with the name's words names a line: `Windows 10` beside `22H2`
    // is the line also named `10 22H2`, for `status` and `explain` alike
    let (code, stdout, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["status", "windows 10", "22H2"]),
        None,
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.starts_with("Microsoft Windows 10 22H2 at 2026-12-01\n"),
        "{stdout}"
    );
    assert!(stdout.contains("line:        10-22h2,"), "{stdout}");
    assert!(stderr.contains("`10` in it agrees with line 10-22h2"), "{stderr}");
    let (code, stdout, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["explain", "windows 10", "22H2"]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Microsoft Windows line 10-22h2 at 2026-12-01\n"),
        "{stdout}"
    );
    // a version that names a line alone is not read with the words: 11's build beside
    // `Windows 10` is still refused
    let (code, _, stderr) = run_in(
        scratch("named-systems").path(),
        &with_at(&["status", "Windows 10 Pro", "10.0.22631"]),
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("but `10 Pro` in the product's name says"),
        "{stderr}"
    );

    // programs as Windows lists them (their name and version in the registry's uninstall
    // key), as a software inventory exports them
    for (name, version, product, line) in [
        ("Zabbix Agent 2 (64-bit)", "6.4.10", "zabbix", "6.4"),
        ("Zabbix Agent (64-bit)", "7.0.5", "zabbix", "7.0"),
        (
            "Microsoft Windows Desktop Runtime - 8.0.0 (x64)",
            "8.0.0.33101",
            "dotnet",
            "8",
        ),
        ("ASP.NET Core", "8.0.11", "dotnet", "8"),
        (
            "Java SE Development Kit 8 Update 391 (64-bit)",
            "8.0.3910.13",
            "oracle-jdk",
            "8",
        ),
    ] {
        let (_, stdout, stderr) = run_in(
            scratch("named-systems").path(),
            &with_at(&["status", name, version, "--format", "json"]),
            None,
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_default();
        assert_eq!(
            (&doc["status"]["product"], &doc["status"]["line"]),
            (&serde_json::json!(product), &serde_json::json!(line)),
            "{name}: {stderr}"
        );
    }
}

/// A version banner that names no product the rules know (`java -version`'s first line,
/// `kubectl version`) is an unknown product whose help shows how to ask: by what comes close
/// to the words before its version, or by naming the product before the version it found.
#[test]
fn banners_that_name_no_product_say_how_to_ask() {
    for (typed, help, candidates) in [
        // `openjdk` comes close to Oracle's builds and to Azul's (`zulu openjdk`): it says
        // nothing of which, and a later line of `java -version` does
        (
            "openjdk version \"21.0.2\" 2024-01-16",
            "  help: `21.0.2` is its version, but `openjdk` is no product the rules know: name the \
             product (`PRODUCT 21.0.2`; `eol list` shows every product); if the program printed \
             more lines, give them all: a later one may name the build\n",
            vec![],
        ),
        // a misspelt name that one product comes close to
        (
            "grafanna version 10.2.3",
            "  help: `grafanna` is no product the rules know; did you mean `grafana`? \
             (`grafana 10.2.3`); if the program printed more lines, give them all: \
             a later one may name the build\n",
            vec!["grafana"],
        ),
        (
            "Client Version: v1.29.0\nKustomize Version: v5.0.4",
            "  help: `v1.29.0` is its version, but no product is named before it: name the product \
             (`PRODUCT v1.29.0`; `eol list` shows every product)\n",
            vec![],
        ),
        // a word several products share says nothing of which: an HTTP `Server:` header
        // (`httpd -v`'s `Server version: Apache/2.4.58` is httpd's own banner, below)
        (
            "Server: Apache/2.4.58 (Unix)",
            "  help: `2.4.58` is its version, but `Apache` is no product the rules know: name the \
             product (`PRODUCT 2.4.58`; `eol list` shows every product); if the program printed \
             more lines, give them all: a later one may name the build\n",
            vec![],
        ),
        // an image another account publishes is not the product of its name: kind's node
        // image is no Node.js
        (
            "kindest/node:v1.28.0",
            "  help: the image's name says `nodejs` (Node.js), but no rule names the image \
             `pkg:docker/kindest/node`, and `kindest`, which publishes it, is not Node.js's: an \
             image is a product by its name only as one its publisher is related to; if it is \
             Node.js, give the product and its version apart (`nodejs v1.28.0`)\n",
            vec!["nodejs"],
        ),
        // a product's name that begins another program's is no suggestion for it (`Bundler`
        // was offered `bun`, `node_exporter` `nodejs`)
        (
            "Bundler version 2.4.22",
            "  help: `2.4.22` is its version, but `Bundler` is no product the rules know: name the \
             product (`PRODUCT 2.4.22`; `eol list` shows every product); if the program printed \
             more lines, give them all: a later one may name the build\n",
            vec![],
        ),
        (
            "node_exporter 1.7.0",
            "  help: `1.7.0` is its version, but `node_exporter` is no product the rules know: name \
             the product (`PRODUCT 1.7.0`; `eol list` shows every product); if the program printed \
             more lines, give them all: a later one may name the build\n",
            vec![],
        ),
        // Windows' `ssh -V`: the program's version is written onto its name, which no rule
        // knows; the version after it is the TLS library's (it was read as LibreSSL 3.4.3)
        (
            "OpenSSH_for_Windows_8.6p1, LibreSSL 3.4.3",
            "  help: `8.6p1` is its version, but `OpenSSH_for_Windows` is no product the rules know: \
             name the product (`PRODUCT 8.6p1`; `eol list` shows every product); if the program \
             printed more lines, give them all: a later one may name the build\n",
            vec![],
        ),
        (
            "CoreDNS-1.11.1\nlinux/amd64, go1.20.7, ae2bbc2",
            "  help: `1.11.1` is its version, but `CoreDNS` is no product the rules know: name the \
             product (`PRODUCT 1.11.1`; `eol list` shows every product)\n",
            vec![],
        ),
        // a short word comes close to too much: no `dbt-core` for mongod's `db`
        (
            "db version v7.0.4",
            "  help: `v7.0.4` is its version, but `db` is no product the rules know: name the product \
             (`PRODUCT v7.0.4`; `eol list` shows every product); if the program printed more lines, \
             give them all: a later one may name the build\n",
            vec![],
        ),
    ] {
        let (code, _, stderr) = run_in(scratch("banners").path(), &with_at(&["status", typed]), None);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.ends_with(help), "{stderr}");
        let (_, stdout, _) = run_in(
            scratch("banners").path(),
            &with_at(&["status", typed, "--format", "json"]),
            None,
        );
        let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["error"]["kind"], "unknown-product");
        assert_eq!(doc["error"]["candidates"], serde_json::json!(candidates));
    }
    // the whole output of `java -version` is read by its second line, as before
    let (code, _, stderr) = run_in(
        scratch("banners").path(),
        &with_at(&[
            "status",
            "openjdk version \"21.0.2\" 2024-01-16\nOpenJDK Runtime Environment Temurin-21.0.2+13 (build 21.0.2+13)",
        ]),
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("read as product `eclipse-temurin`, version `21.0.2+13`"),
        "{stderr}"
    );
}
