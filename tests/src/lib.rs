//! Workspace-level test corpora; see tests/README.md.
