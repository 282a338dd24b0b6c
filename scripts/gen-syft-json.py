#!/usr/bin/env python3
"""Write a syft JSON document (`syft -o json`, schema 16) of the shape syft gives a container
image, for measuring `eol audit` (docs/performance.md): ARTIFACTS Debian packages, each with
its location, license, CPE, package URL and dpkg metadata listing its files, and the image's
FILES with their metadata and digests, each in an `artifactRelationships` entry.

    python3 scripts/gen-syft-json.py OUT.json [ARTIFACTS [FILES]]   # 2000 and 40000 by default
"""
import hashlib
import json
import sys


def main():
    out = sys.argv[1]
    artifacts = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 40000

    def sha256(text):
        return hashlib.sha256(text.encode()).hexdigest()

    arts = []
    for i in range(artifacts):
        version = f"1.{i % 30}.{i % 7}-1"
        arts.append({
            "id": f"{i:016x}",
            "name": f"libpkg{i}",
            "version": version,
            "type": "deb",
            "foundBy": "dpkg-db-cataloger",
            "locations": [{
                "path": "/var/lib/dpkg/status",
                "layerID": "sha256:" + sha256(str(i % 5)),
                "accessPath": "/var/lib/dpkg/status",
                "annotations": {"evidence": "primary"},
            }],
            "licenses": [{"value": "GPL-2", "spdxExpression": "GPL-2.0-only", "type": "declared",
                          "urls": [], "locations": []}],
            "language": "",
            "cpes": [{"cpe": f"cpe:2.3:a:libpkg{i}:libpkg{i}:{version}:*:*:*:*:*:*:*",
                      "source": "syft-generated"}],
            "purl": f"pkg:deb/debian/libpkg{i}@{version}?arch=amd64&distro=debian-12",
            "metadataType": "dpkg-db-entry",
            "metadata": {
                "package": f"libpkg{i}",
                "source": "",
                "version": version,
                "sourceVersion": "",
                "architecture": "amd64",
                "maintainer": "Debian <debian@lists.debian.org>",
                "installedSize": 1234,
                "depends": ["libc6 (>= 2.34)"],
                "files": [{
                    "path": f"/usr/lib/libpkg{i}.so.{j}",
                    "digest": {"algorithm": "md5", "value": hashlib.md5(f"{i}/{j}".encode()).hexdigest()},
                    "isConfigFile": False,
                } for j in range(10)],
            },
        })
    file_list = [{
        "id": f"{k:016x}f",
        "location": {"path": f"/usr/share/doc/libpkg{k % artifacts}/file{k}",
                     "layerID": "sha256:" + sha256(str(k % 5))},
        "metadata": {"mode": 644, "type": "RegularFile", "userID": 0, "groupID": 0,
                     "mimeType": "text/plain", "size": 1024 + k},
        "digests": [{"algorithm": "sha256", "value": sha256(str(k))}],
    } for k in range(files)]
    relationships = [{"parent": f"{k % artifacts:016x}", "child": f"{k:016x}f", "type": "contains"}
                     for k in range(files)]
    doc = {
        "artifacts": arts,
        "artifactRelationships": relationships,
        "files": file_list,
        "source": {"id": "sha256:" + sha256("image"), "name": "debian", "version": "12",
                   "type": "image", "metadata": {}},
        "distro": {"prettyName": "Debian GNU/Linux 12 (bookworm)", "name": "Debian GNU/Linux",
                   "id": "debian", "versionID": "12"},
        "descriptor": {"name": "syft", "version": "1.18.1"},
        "schema": {"version": "16.0.24",
                   "url": "https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.0.24.json"},
    }
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)


if __name__ == "__main__":
    main()
