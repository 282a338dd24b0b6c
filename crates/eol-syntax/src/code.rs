//! Diagnostic codes: every `eol::…` code a stage can report, with its default
//! severity and its section of docs/diagnostics.md.
//!
//! A diagnostic still carries its code as a `&'static str` (what the JSON output,
//! the snapshots and the CLI read); [`Code`] is where that string comes from, so a
//! misspelt code does not compile, and [`Code::ALL`] is the list tests and tools
//! (completion, the docs test) read instead of grepping the source.

use crate::diagnostic::Severity;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident;)*) => {
        /// A stable diagnostic code. The docs list each one, with a failing example,
        /// under the heading `eol::NAME` (anchor `#eolNAME`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of docs/diagnostics.md's overview.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as diagnostics carry it: `eol::unknown-phase`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!("eol::", $name),)*
                }
            }

            /// The severity the code is documented with. A few codes are reported
            /// at another severity in one situation, which their docs say.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// The fragment of the code's section in docs/diagnostics.md, as Markdown
            /// renderers make it: `eolunknown-phase`.
            pub const fn anchor(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!("eol", $name),)*
                }
            }
        }
    };
}

codes! {
    // Rule files
    /// the text does not follow the grammar
    Syntax = "syntax", Error;
    /// the file is not UTF-8
    InvalidUtf8 = "invalid-utf8", Error;
    /// the file declares no policy
    EmptyFile = "empty-file", Warning;
    /// a carriage return without a line feed (old Mac line ends)
    LoneCarriageReturn = "lone-carriage-return", Error;
    /// more than 32 levels of brackets or `not`, or 16 of `extends`
    NestingTooDeep = "nesting-too-deep", Error;
    /// more than 64 terms joined by `+`/`-`
    ExpressionTooLong = "expression-too-long", Error;
    /// a name or a once-only item given twice
    DuplicateDefinition = "duplicate-definition", Error;
    /// no `line` declaration
    MissingLine = "missing-line", Error;
    /// the policy has no phase
    NoPhases = "no-phases", Error;
    /// an empty string where text is needed
    EmptyText = "empty-text", Error;
    /// a translation key that is not a language code
    InvalidLanguage = "invalid-language", Error;
    /// a `versions` scheme that is not a list of names
    InvalidScheme = "invalid-scheme", Error;
    /// `line` is not a prefix of the version components
    InvalidLine = "invalid-line", Error;
    /// a version component the scheme does not have
    UnknownComponent = "unknown-component", Error;
    /// `order lines by` something other than `version` or `first_ship`
    UnknownOrder = "unknown-order", Error;
    /// `allow` something other than `gaps` or `overlaps`
    UnknownAllowance = "unknown-allowance", Error;
    /// `of` names an upstream the policy does not declare
    UnknownUpstream = "unknown-upstream", Error;
    /// `of` after something other than a release date or phase boundary
    UpstreamExpression = "upstream-expression", Error;
    /// a policy that is its own upstream, or upstreams that read each other
    UpstreamCycle = "upstream-cycle", Error;
    /// a `builds line` start that is not a version longer than a line name
    InvalidBuild = "invalid-build", Error;
    /// `superseded by newer` a component that is not finer than a release line
    InvalidSuperseded = "invalid-superseded", Error;
    /// an attribute named like a catalog column
    ReservedName = "reserved-name", Error;
    /// an attribute type other than `bool`, `text`, `date`, `number`
    UnknownType = "unknown-type", Error;
    /// a cadence of zero or less
    InvalidCadence = "invalid-cadence", Error;
    /// a cadence kind one or two letters from a known one (`liqne`)
    UnknownCadenceKind = "unknown-cadence-kind", Error;
    /// a declaration inside `when`
    MisplacedItem = "misplaced-item", Error;
    /// a role other than `active`, `security`, `extended`
    UnknownRole = "unknown-role", Error;
    /// a refinement gives a phase other roles than its first definition
    ConflictingRole = "conflicting-role", Error;
    /// `free` after roles that are not all `extended`
    FreeNotExtended = "free-not-extended", Error;
    /// a refinement of a phase gives it a display name again
    IgnoredLabel = "ignored-label", Warning;
    /// a phase's first definition lacks `from` or `until`
    IncompletePhase = "incomplete-phase", Error;
    /// a phase without `provides`
    PhaseProvidesNothing = "phase-provides-nothing", Warning;
    /// `provides` names an undeclared service
    UnknownService = "unknown-service", Error;
    /// `provides` lists a service twice
    DuplicateService = "duplicate-service", Warning;
    /// a service no phase provides
    UnusedService = "unused-service", Warning;
    /// a phase (or milestone) that is not declared
    UnknownPhase = "unknown-phase", Error;
    /// an override or a declaration with an empty reason
    MissingReason = "missing-reason", Error;
    /// a `declare` for a date whose rule does not say `unless declared`
    NotDeclarable = "not-declarable", Error;
    /// `extends` names no policy above in the same file
    UnknownPolicy = "unknown-policy", Error;
    /// an override target without `.start`/`.end`, or with a wrong field
    InvalidTarget = "invalid-target", Error;
    /// a date where a duration belongs, or the other way round, or a value of the wrong kind in a condition
    TypeMismatch = "type-mismatch", Error;
    /// a date name that is neither built in nor a milestone
    UnknownName = "unknown-name", Error;
    /// a function that does not exist
    UnknownFunction = "unknown-function", Error;
    /// a function called with the wrong number or kind of arguments
    WrongArguments = "wrong-arguments", Error;
    /// `version_month` in a policy whose lines are not named by year and month
    NoVersionMonth = "no-version-month", Error;
    /// a date literal that is not a calendar date
    InvalidDate = "invalid-date", Error;
    /// a duration unit other than days, weeks, months, years
    UnknownUnit = "unknown-unit", Error;
    /// a number above 10000, or `newer 0`
    NumberOutOfRange = "number-out-of-range", Error;
    /// a calendar day that never occurs
    InvalidPattern = "invalid-pattern", Error;
    /// a misspelled month or weekday
    UnknownCalendarName = "unknown-calendar-name", Error;
    /// `is` something other than `even` or `odd`
    UnknownClass = "unknown-class", Error;
    /// a condition on an undeclared attribute
    UnknownAttribute = "unknown-attribute", Error;
    /// `same COMPONENT` outside a line selector
    MisplacedCondition = "misplaced-condition", Error;
    /// dates that depend on themselves
    Cycle = "cycle", Error;
    /// a phase whose end is before its start for every line
    PhaseEndsBeforeStart = "phase-ends-before-start", Warning;
    /// a phase that does not start where the previous one ends
    PhaseGapOrOverlap = "phase-gap-or-overlap", Warning;
    /// a `purl` or `cpe` that does not parse, or names a version
    InvalidIdentifier = "invalid-identifier", Error;
    /// an alias, purl or CPE that already names another product
    AmbiguousName = "ambiguous-name", Error;
    /// a `source` of a kind `eol update` does not know
    UnknownSourceKind = "unknown-source-kind", Error;
    /// a `source` location of the wrong form, a pattern without `{version}`, or a `where` that reads more than the version
    InvalidSource = "invalid-source", Error;
    /// not valid TOML or JSON, or a CSV quote never closed or followed by more text
    CatalogSyntax = "catalog-syntax", Error;
    /// the catalog lists no release
    CatalogEmpty = "catalog-empty", Warning;
    /// valid TOML/JSON, but not shaped like a catalog
    CatalogBadShape = "catalog-bad-shape", Error;
    /// a top-level key other than `release` / `releases`
    CatalogUnknownKey = "catalog-unknown-key", Error;
    /// a release without `product` or `version`
    CatalogMissingField = "catalog-missing-field", Error;
    /// a CSV header without a `product` or `version` column
    CatalogMissingColumn = "catalog-missing-column", Error;
    /// an empty `product` or `version`
    CatalogEmptyValue = "catalog-empty-value", Error;
    /// a date that is not a date, or not a day of the calendar
    CatalogBadDate = "catalog-bad-date", Error;
    /// a value of the wrong type (`version = 7.0`, `final = "yes"`)
    CatalogWrongType = "catalog-wrong-type", Error;
    /// a CSV row with more or fewer fields than the header
    CatalogFieldCount = "catalog-field-count", Error;
    /// a CSV header cell without a name
    CatalogEmptyColumnName = "catalog-empty-column-name", Error;
    /// the same key twice in a JSON release, or a CSV column twice
    CatalogDuplicateKey = "catalog-duplicate-key", Error;
    /// the same product and version listed twice in one catalog
    CatalogDuplicateRelease = "catalog-duplicate-release", Error;
    /// a key that looks like a misspelt known key (`notes`, `release_date`)
    CatalogSimilarKey = "catalog-similar-key", Warning;
    // Evaluation
    /// a version with fewer components than `line` needs
    VersionMismatch = "version-mismatch", Error;
    /// the same version twice in one release line
    DuplicateRelease = "duplicate-release", Error;
    /// a catalog value of another type than the policy's `attribute` declares
    AttributeType = "attribute-type", Error;
    /// rows of one line disagree about an attribute
    ConflictingAttribute = "conflicting-attribute", Warning;
    /// a release dated before its line's first release
    ReleaseBeforeFirstShip = "release-before-first-ship", Warning;
    /// an override of a line the catalog does not have
    OverrideUnknownLine = "override-unknown-line", Warning;
    /// an `alias line` for a line the catalog does not have
    AliasUnknownLine = "alias-unknown-line", Warning;
    /// a line's other name that is also another line's name or release
    AliasClash = "alias-clash", Warning;
    /// a `builds line` for a line the catalog does not have
    BuildsUnknownLine = "builds-unknown-line", Warning;
    /// a catalog release that `builds line` puts in another line than its own
    BuildsMismatch = "builds-mismatch", Warning;
    /// a line of a release whose other levels have `builds line`, without one of its own
    BuildsIncomplete = "builds-incomplete", Warning;
    /// an upstream product whose rule file is not loaded or has errors
    UpstreamNotLoaded = "upstream-not-loaded", Error;
    /// a line has days between two phases
    PhaseGap = "phase-gap", Warning;
    /// a line has two phases at once
    PhaseOverlap = "phase-overlap", Warning;
    /// catalog rows of a product no policy reads
    UnknownProduct = "unknown-product", Warning;
    /// a policy that reads no catalog, or finds no rows of its product
    MissingCatalog = "missing-catalog", Warning;
    /// a date computed outside the years 0000 to 9999
    DateOutOfRange = "date-out-of-range", Error;
    /// `version_month` for a line whose version names no calendar month (`24.13`)
    LineNamesNoMonth = "line-names-no-month", Error;
    /// two lines whose names differ but whose versions are equal (`1.0`, `1.00`)
    EquivalentLines = "equivalent-lines", Warning;
    /// references to other lines nested more than 150 lines deep, or upstreams more than 16 policies deep
    EvaluationTooDeep = "evaluation-too-deep", Error;
    // Formatting
    /// the formatter's safety net: it would have changed the rules (a bug)
    FmtChangesMeaning = "fmt-changes-meaning", Error;
    // Importing
    /// an endoflife.date CSV export that cannot be read
    EndoflifeCsv = "endoflife-csv", Error;
    /// a cycle whose latest release is dated before its first release
    EndoflifeContradiction = "endoflife-contradiction", Warning;
    /// a cycle whose latest release is not a version (`N/A`)
    EndoflifeNotAVersion = "endoflife-not-a-version", Warning;
    /// a release source's answer that is not JSON (or not a git ref listing)
    SourceSyntax = "source-syntax", Error;
    /// JSON that is not shaped as the source's documents are
    SourceShape = "source-shape", Error;
    /// a catalog's sources record (`NAME.sources.toml`) that cannot be read
    SourceRecord = "source-record", Error;
    // Audit inputs
    /// invalid JSON, a quoted CSV value never closed, text that is not UTF-8
    AuditSyntax = "audit-syntax", Error;
    /// an inventory header without `product` (or `purl`, `cpe`) or `version`
    AuditMissingColumn = "audit-missing-column", Error;
    /// an inventory header that names the product, version, package URL or CPE column twice
    AuditDuplicateColumn = "audit-duplicate-column", Error;
    /// a CSV row with more or fewer fields than the header
    AuditFieldCount = "audit-field-count", Error;
    /// an item that names no product, or a field that is not a string
    AuditBadItem = "audit-bad-item", Error;
    /// JSON that is not CycloneDX 1.4–1.7, SPDX 2.2/2.3, SPDX 3.0, syft's JSON (schema 1–16)
    /// or Trivy's JSON report (schema 2)
    AuditUnknownSbom = "audit-unknown-sbom", Error;
    /// a package URL or CPE that does not parse
    AuditBadIdentifier = "audit-bad-identifier", Warning;
    /// a version with a space or control character that names no line
    AuditBadVersion = "audit-bad-version", Warning;
    /// an input without items
    AuditEmpty = "audit-empty", Warning;
    /// a Trivy report whose packages were not listed: vulnerabilities without their packages,
    /// or a system's packages left out
    AuditUnlistedPackages = "audit-unlisted-packages", Error;
    /// a suppressions file or entry that cannot be used
    SuppressionInvalid = "suppression-invalid", Error;
    /// a suppression whose `expires` day has come
    SuppressionExpired = "suppression-expired", Warning;
    // Reading files and printing
    /// a rule file or catalog over 128 MiB, which is not read
    FileTooLarge = "file-too-large", Error;
    /// more than 200 diagnostics in one file: the rest are counted, not shown
    TooManyDiagnostics = "too-many-diagnostics", Warning;
    /// `eol explain`: a derivation of more than 1,000 steps, or more than 100 deep, printed in part
    TraceTooLarge = "trace-too-large", Warning;
}

impl Code {
    /// The code a diagnostic's string names, if it is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Where the code is documented, relative to the repository's root.
    pub fn docs_path(self) -> String {
        format!("docs/diagnostics.md#{}", self.anchor())
    }
}

impl From<Code> for &'static str {
    fn from(code: Code) -> &'static str {
        code.as_str()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            let words = name.strip_prefix("eol::").unwrap_or("");
            assert!(
                !words.is_empty()
                    && words
                        .split('-')
                        .all(|w| !w.is_empty()
                            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{name} is not kebab-case"
            );
            assert_eq!(Code::from_name(name), Some(*code));
        }
    }
}
