//! CycloneDX XML (1.4–1.7): the same components as from CycloneDX JSON.
//!
//! The document is parsed whole (as a JSON SBOM is) by `roxmltree`, which refuses a DTD, so
//! no entity is expanded from anything but the document. Components are the `component`
//! elements under the root's `components` and, recursively, under a component's own
//! `components`, in the CycloneDX namespace of the root; `metadata/component` (what the SBOM
//! describes) is not one, as in JSON. Each field is an element's text (`name`, `version`,
//! `purl`, `cpe`; `group` kept beside them), `type` and `bom-ref` are attributes. A
//! component's pointer is an XPath: `/bom/components/component[2]/components/component[1]`.

use eol_syntax::{Diagnostic, Span};

use super::{
    code, cyclonedx_version_refused, emit, nothing_to_audit, Emitter, Snip, CYCLONEDX_VERSIONS,
    SBOM_HELP as HELP,
};

/// How deep elements may nest (as a JSON SBOM's values may).
const MAX_DEPTH: usize = 256;

/// The namespace of CycloneDX BOMs, before the spec version.
const NAMESPACE: &str = "http://cyclonedx.org/schema/bom/";

/// Read the components of a CycloneDX XML document (`body`: the file's text after a byte
/// order mark of `bom` bytes). False when nothing could be read (a syntax error, not a
/// CycloneDX BOM, a spec version not read).
pub(super) fn read(file: &str, bom: usize, snip: Snip<'_>, body: &str, out: &mut Emitter<'_>) -> bool {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = match roxmltree::Document::parse_with_options(body, options) {
        Ok(doc) => doc,
        Err(e) => {
            let diagnostic = if matches!(e, roxmltree::Error::DtdDetected) {
                // roxmltree places this error at the start; the DOCTYPE is what to show.
                let at = body.find("<!DOCTYPE").unwrap_or(0);
                Diagnostic::error(
                    code::SYNTAX,
                    "this XML document has a document type definition, which eol does not read",
                    Span::new(at, (at + "<!DOCTYPE".len()).min(body.len())).shift(bom),
                    "a DTD",
                )
                .with_help("remove the `<!DOCTYPE ...>`: a CycloneDX BOM needs none (eol refuses DTDs, so that no entity is read from outside the document); nothing in this file is audited")
            } else {
                let pos = e.pos();
                let at = offset_of(body, pos.row, pos.col);
                let end = body
                    .get(at..)
                    .and_then(|r| r.chars().next())
                    .map_or(at, |c| at + c.len_utf8());
                Diagnostic::error(
                    code::SYNTAX,
                    format!("invalid XML: {}", message(&e)),
                    Span::new(at, end).shift(bom),
                    "here",
                )
                .with_help("fix the XML here; nothing in this file is audited until it parses")
            };
            out.problems.push(file, snip, None, diagnostic);
            return false;
        }
    };
    let root = doc.root_element();
    let tag_span = |n: roxmltree::Node<'_, '_>| {
        let start = n.range().start;
        let name = n.tag_name().name().len();
        Span::new(start, (start + 1 + name).min(n.range().end)).shift(bom)
    };
    let namespace = root.tag_name().namespace().unwrap_or("");
    let version = namespace.strip_prefix(NAMESPACE);
    let refused = match version {
        Some(v) if root.tag_name().name() == "bom" => (!CYCLONEDX_VERSIONS.contains(&v)).then(|| {
            Diagnostic::error(
                code::UNKNOWN_SBOM,
                cyclonedx_version_refused(&format!("`{v}`")),
                tag_span(root),
                "here",
            )
            .with_help(HELP)
        }),
        _ => Some(
            Diagnostic::error(
                code::UNKNOWN_SBOM,
                format!(
                    "this XML document is not a CycloneDX BOM (its root is `{}`{})",
                    root.tag_name().name(),
                    if namespace.is_empty() {
                        String::from(", in no namespace")
                    } else {
                        format!(" in `{namespace}`")
                    }
                ),
                tag_span(root),
                "here",
            )
            .with_help(format!(
                "a CycloneDX XML SBOM's root is `<bom xmlns=\"{NAMESPACE}1.7\">`; {HELP}"
            )),
        ),
    };
    if let Some(d) = refused {
        out.problems.push(file, snip, None, d);
        return false;
    }
    // Components nest by recursion: a document nested deeper than a JSON SBOM may be is
    // refused before it is walked (the depth is counted without recursion).
    // (In document order an element is inside those before it whose range holds its start.)
    let mut open: Vec<usize> = Vec::new();
    for n in root.descendants().filter(roxmltree::Node::is_element) {
        let range = n.range();
        while open.last().is_some_and(|&end| end <= range.start) {
            open.pop();
        }
        open.push(range.end);
        if open.len() > MAX_DEPTH {
            out.problems.push(
                file,
                snip,
                None,
                Diagnostic::error(
                    code::SYNTAX,
                    format!("this XML nests elements more than {MAX_DEPTH} deep"),
                    tag_span(n),
                    "too deep",
                )
                .with_help(
                    "no SBOM nests so deep: check how it was written; nothing in this file is audited",
                ),
            );
            return false;
        }
    }
    let mut pointer = String::from("/bom");
    let before = out.stats.items;
    for list in elements(root, namespace, "components") {
        pointer.push_str("/components");
        components(file, bom, snip, list, namespace, &mut pointer, out);
        pointer.truncate("/bom".len());
    }
    if out.stats.items == before && !out.problems.has_errors_in(file) {
        nothing_to_audit(
            out.problems,
            file,
            snip,
            tag_span(root),
            [
                "this SBOM lists no components",
                "this document",
                "a CycloneDX BOM lists what it describes as `component` elements under `components`",
            ],
        );
    }
    true
}

/// The child elements of `node` named `name` in `namespace`.
fn elements<'a, 'input: 'a>(
    node: roxmltree::Node<'a, 'input>,
    namespace: &'a str,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> + 'a {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace().unwrap_or("") == namespace
    })
}

fn components(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    list: roxmltree::Node<'_, '_>,
    namespace: &str,
    pointer: &mut String,
    out: &mut Emitter<'_>,
) {
    let mut extra: Vec<(String, String)> = Vec::new();
    for (i, c) in elements(list, namespace, "component").enumerate() {
        let base = pointer.len();
        pointer.push_str("/component[");
        pointer.push_str(&(i + 1).to_string());
        pointer.push(']');
        let fields = ["name", "version", "purl", "cpe"]
            .map(|key| field(file, bom, snip, c, namespace, key, pointer, out));
        if let [Ok(name), Ok(version), Ok(purl), Ok(cpe)] = fields {
            extra.clear();
            if let Some(t) = c.attribute("type") {
                extra.push(("type".to_owned(), t.to_owned()));
            }
            if let Ok(Some((g, _))) = field(file, bom, snip, c, namespace, "group", pointer, out) {
                extra.push(("group".to_owned(), g.to_owned()));
            }
            if let Some(r) = c.attribute("bom-ref") {
                extra.push(("bom-ref".to_owned(), r.to_owned()));
            }
            let range = c.range();
            emit(
                file,
                bom,
                snip,
                Span::new(range.start, range.end),
                pointer,
                [name, version, purl, cpe],
                &extra,
                out,
            );
        }
        let here = pointer.len();
        for nested in elements(c, namespace, "components") {
            pointer.push_str("/components");
            components(file, bom, snip, nested, namespace, pointer, out);
            pointer.truncate(here);
        }
        pointer.truncate(base);
    }
}

/// A component's field: the text of its first `key` element, without the blanks around it
/// (None when there is none, or it is blank), and where that text is in the file. An element
/// that holds elements instead of text is reported, and the component is not audited.
#[allow(clippy::too_many_arguments)]
fn field<'a>(
    file: &str,
    bom: usize,
    snip: Snip<'_>,
    component: roxmltree::Node<'a, '_>,
    namespace: &str,
    key: &str,
    pointer: &str,
    out: &mut Emitter<'_>,
) -> Result<Option<(&'a str, Span)>, ()> {
    let Some(element) = component.children().find(|c| {
        c.is_element() && c.tag_name().name() == key && c.tag_name().namespace().unwrap_or("") == namespace
    }) else {
        return Ok(None);
    };
    if let Some(child) = element.children().find(roxmltree::Node::is_element) {
        let range = element.range();
        out.problems.push(
            file,
            snip,
            Some(pointer),
            Diagnostic::error(
                code::BAD_ITEM,
                format!(
                    "`{key}` holds an element (`{}`), not text",
                    child.tag_name().name()
                ),
                Span::new(range.start, range.end).shift(bom),
                "not text",
            )
            .with_help(format!("write `{key}` as text; this component is not audited")),
        );
        return Err(());
    }
    let Some(text) = element.text() else {
        return Ok(None);
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    // The text node's place in the file (an entity or CDATA makes the written text longer
    // than the value: the span then covers what is written).
    let range = element
        .first_child()
        .filter(roxmltree::Node::is_text)
        .map_or_else(|| element.range(), |t| t.range());
    Ok(Some((trimmed, Span::new(range.start, range.end).shift(bom))))
}

/// The byte offset of a 1-based row and column (in characters), clamped to the text.
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let mut start = 0usize;
    for _ in 1..row {
        match text.get(start..).and_then(|r| r.find('\n')) {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    let line = text.get(start..).unwrap_or("");
    let line = line.split('\n').next().unwrap_or("");
    start
        + line
            .char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
}

/// roxmltree's message without the position it appends (the diagnostic shows it).
fn message(e: &roxmltree::Error) -> String {
    let text = e.to_string();
    let cut = text.rfind(" at ").and_then(|i| {
        let pos = text.get(i + 4..)?;
        (pos.contains(':') && pos.chars().all(|c| c.is_ascii_digit() || c == ':')).then_some(i)
    });
    match cut.and_then(|i| text.get(..i)) {
        Some(head) => head.to_owned(),
        None => text,
    }
}
