//! Exit codes, the same for every command (docs/output.md, "Exit codes"), and errors
//! that stop a command, printed as text or, with `--format json`, as JSON.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | fine |
//! | 1 | the condition asked about holds: end of life, problems found, a file would change |
//! | 2 | usage or I/O error: an unknown product or version, a file that cannot be read |
//! | 3 | the rule files or catalogs are broken: the answer cannot be computed |

pub const OK: i32 = 0;
pub const CONDITION: i32 = 1;
pub const USAGE: i32 = 2;
pub const BROKEN: i32 = 3;

/// Why a command stopped, with the exit code it stops with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: i32,
    /// a stable kind for tools: `unknown-product`, `unknown-version`, `ambiguous-version`,
    /// `io`, `usage`, `broken`
    pub kind: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// choices the user may have meant (products, lines)
    pub candidates: Vec<String>,
}

impl Failure {
    pub fn new(code: i32, kind: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            code,
            kind,
            message: message.into(),
            help: None,
            candidates: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Failure {
        Failure::new(USAGE, "usage", message).with_help(help)
    }

    pub fn io(message: impl Into<String>) -> Failure {
        Failure::new(USAGE, "io", message)
    }

    pub fn broken(message: impl Into<String>) -> Failure {
        Failure::new(BROKEN, "broken", message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Failure {
        self.help = Some(help.into());
        self
    }

    pub fn with_candidates(mut self, candidates: Vec<String>) -> Failure {
        self.candidates = candidates;
        self
    }

    /// Print on standard error (text), or on standard output as a JSON document when
    /// the command was asked for JSON; return the exit code.
    pub fn report(&self, json: bool) -> i32 {
        if json {
            let doc = serde_json::json!({
                "schema_version": 1,
                "error": {
                    "kind": self.kind,
                    "exit_code": self.code,
                    "message": self.message,
                    "help": self.help,
                    "candidates": self.candidates,
                }
            });
            outln!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        } else {
            errln!("error: {}", crate::render::sanitize(&self.message));
            if let Some(h) = &self.help {
                errln!("  help: {}", crate::render::sanitize(h));
            }
        }
        self.code
    }
}
