//! CycloneDX XML (1.4–1.7): the same components as from CycloneDX JSON.
//!
//! The document is parsed whole (as a JSON SBOM is) by `roxmltree`, which refuses a DTD, so
//! no entity is expanded from anything but the document. Components are the `component`
//! elements under the root's `components` and, recursively, under a component's own
//! `components`, in the CycloneDX namespace of the root; `metadata/component` (what the SBOM
//! describes) is not one, as in JSON. Each field is an element's text (`name`, `version`,
//! `purl`, `cpe`; `group` kept beside them), `type` and `bom-ref` are attributes. A
//! component's pointer is an XPath: `/bom/components/component[2]/components/component[1]`.
//! A field's text is all the text (and CDATA) the element holds, as XML defines it: a comment
//! or processing instruction inside it splits the text in the file, not the value.
//!
//! Before roxmltree sees the document, one pass over its text ([`too_many_attributes`])
//! refuses an element with more than [`MAX_ATTRIBUTES`] attributes, or more than
//! [`MAX_NAMESPACES`] namespace declarations in scope: roxmltree compares each attribute
//! with those of its element before it, each namespace declaration with those of its
//! element, and copies the namespaces in scope into each element that declares one, so
//! without these limits its time grows with the square of an element's size.

use std::borrow::Cow;

use eol_syntax::{Diagnostic, Span};

use crate::limits::{MAX_XML_ATTRIBUTES as MAX_ATTRIBUTES, MAX_XML_NAMESPACES as MAX_NAMESPACES};

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
    if let Some(d) = too_many_attributes(body, bom) {
        out.problems.push(file, snip, None, d);
        return false;
    }
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
                extra.push(("group".to_owned(), g.into_owned()));
            }
            if let Some(r) = c.attribute("bom-ref") {
                extra.push(("bom-ref".to_owned(), r.to_owned()));
            }
            // Trivy's source package: `<property name="aquasecurity:trivy:SrcName">openssl</property>`
            let source: Option<String> = elements(c, namespace, "properties")
                .flat_map(|ps| elements(ps, namespace, "property"))
                .find(|p| p.attribute("name") == Some(super::TRIVY_SOURCE))
                .map(|p| {
                    let text: String = p
                        .children()
                        .filter_map(|t| t.is_text().then(|| t.text()).flatten())
                        .collect();
                    text.trim().to_owned()
                })
                .filter(|s| !s.is_empty());
            if let Some(s) = &source {
                extra.push(("source".to_owned(), s.clone()));
            }
            let range = c.range();
            emit(
                file,
                bom,
                snip,
                Span::new(range.start, range.end),
                pointer,
                [&name, &version, &purl, &cpe].map(|f| f.as_ref().map(|(t, s)| (t.as_ref(), *s))),
                [None, source.as_deref()],
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
/// (None when there is none, or it is blank), and where that text is in the file. The text
/// is all the element's text and CDATA, joined: a comment or processing instruction between
/// them (`<name>node<!-- c -->js</name>`) is not part of it and does not cut it short. An
/// element that holds elements instead of text is reported, and the component is not audited.
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
) -> Result<Option<(Cow<'a, str>, Span)>, ()> {
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
    // roxmltree merges text, CDATA and references into one text node; comments and
    // processing instructions separate them.
    let mut texts = element.children().filter(roxmltree::Node::is_text);
    let Some(first) = texts.next() else {
        return Ok(None);
    };
    let mut text = Cow::Borrowed(first.text().unwrap_or(""));
    let mut last = first;
    for t in texts {
        text.to_mut().push_str(t.text().unwrap_or(""));
        last = t;
    }
    let text = match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    };
    if text.is_empty() {
        return Ok(None);
    }
    // Where the text is written, from its first piece to its last (an entity or CDATA makes
    // the written text longer than the value: the span then covers what is written, and a
    // comment between pieces with it).
    let span = Span::new(first.range().start, last.range().end).shift(bom);
    Ok(Some((text, span)))
}

/// An element of `body` with more than [`MAX_ATTRIBUTES`] attributes, or that takes the
/// namespace declarations in scope past [`MAX_NAMESPACES`], as the diagnostic that refuses
/// the document (its label on the attribute past the limit, `bom` bytes after the file's
/// start). One pass over the text, in time linear in its length: comments, CDATA sections
/// and processing instructions are skipped whole, attribute values from quote to quote, so
/// no `<` or `>` inside them is taken for markup. Whatever this pass does not understand
/// (a DTD, a malformed tag) ends it: roxmltree stops at that place too, with its own error,
/// having done no more work than on the text before it, which this pass has checked.
fn too_many_attributes(body: &str, bom: usize) -> Option<Diagnostic> {
    let b = body.as_bytes();
    let blank = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    // Where `needle` ends, searching from `from` (None when it does not occur).
    let past = |from: usize, needle: &str| body.get(from..)?.find(needle).map(|n| from + n + needle.len());
    // The namespace declarations of each open element, the innermost last, and their sum.
    let mut open: Vec<usize> = Vec::new();
    let mut in_scope = 0usize;
    let mut i = 0usize;
    while let Some(n) = body.get(i..).and_then(|r| r.find('<')) {
        let at = i + n;
        let rest = b.get(at..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = past(at + 4, "-->")?;
        } else if rest.starts_with(b"<![CDATA[") {
            i = past(at + 9, "]]>")?;
        } else if rest.starts_with(b"<?") {
            i = past(at + 2, "?>")?;
        } else if rest.starts_with(b"<!") {
            // a DTD, which roxmltree refuses where it starts, or not XML
            return None;
        } else if rest.starts_with(b"</") {
            if let Some(d) = open.pop() {
                in_scope -= d;
            }
            i = past(at + 2, ">")?;
        } else {
            // A start tag: its name, then `name = "value"` pairs up to `>` or `/>`.
            let mut j = at + 1;
            while b.get(j).is_some_and(|&c| !blank(c) && c != b'/' && c != b'>') {
                j += 1;
            }
            let tag = Span::new(at, j);
            let (mut attributes, mut declarations) = (0usize, 0usize);
            loop {
                while b.get(j).copied().is_some_and(blank) {
                    j += 1;
                }
                match b.get(j)? {
                    b'>' => {
                        open.push(declarations);
                        in_scope += declarations;
                        i = j + 1;
                        break;
                    }
                    b'/' => {
                        i = j + 1;
                        break;
                    }
                    _ => {}
                }
                let start = j;
                while b
                    .get(j)
                    .is_some_and(|&c| !blank(c) && !matches!(c, b'=' | b'>' | b'/' | b'"' | b'\''))
                {
                    j += 1;
                }
                let name = b.get(start..j).unwrap_or_default();
                if name.is_empty() {
                    return None;
                }
                while b.get(j).copied().is_some_and(blank) {
                    j += 1;
                }
                if b.get(j) != Some(&b'=') {
                    return None;
                }
                j += 1;
                while b.get(j).copied().is_some_and(blank) {
                    j += 1;
                }
                let quote = match b.get(j)? {
                    q @ (b'"' | b'\'') => char::from(*q),
                    _ => return None,
                };
                let end = body.get(j + 1..)?.find(quote)? + j + 2;
                j = end;
                attributes += 1;
                if name == b"xmlns" || name.starts_with(b"xmlns:") {
                    declarations += 1;
                }
                let attribute = Span::new(start, end).shift(bom);
                if attributes > MAX_ATTRIBUTES {
                    return Some(
                        Diagnostic::error(
                            code::SYNTAX,
                            format!("this XML element has more than {MAX_ATTRIBUTES} attributes"),
                            attribute,
                            format!("attribute {attributes}"),
                        )
                        .with_related(tag.shift(bom), "this element")
                        .with_help(format!(
                            "no SBOM element has so many attributes (a CycloneDX element has a handful; eol reads up to {MAX_ATTRIBUTES}): check how it was written; nothing in this file is audited"
                        )),
                    );
                }
                if in_scope + declarations > MAX_NAMESPACES {
                    return Some(
                        Diagnostic::error(
                            code::SYNTAX,
                            format!(
                                "this XML element has more than {MAX_NAMESPACES} namespace declarations in scope (its own and those of the elements it is inside)"
                            ),
                            attribute,
                            format!("declaration {}", in_scope + declarations),
                        )
                        .with_related(tag.shift(bom), "this element")
                        .with_help(format!(
                            "no SBOM declares so many namespaces (a CycloneDX BOM declares its own and a few for extensions; eol reads up to {MAX_NAMESPACES} in scope at once): check how it was written; nothing in this file is audited"
                        )),
                    );
                }
            }
        }
    }
    None
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use std::sync::Arc;

    use super::super::{Item, Pairs, Problems};
    use super::*;

    const ROOT: &str = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">";

    /// The items read from `text` (`name|version`) and the diagnostics (`code@start..end`,
    /// offsets in the file).
    fn read_xml(text: &str) -> (Vec<String>, Vec<(String, Diagnostic)>) {
        let (items, diagnostics) = super::super::read_document("bom.xml", text, &mut |item| {
            format!("{}|{}", item.product.unwrap_or("-"), item.version.unwrap_or("-"))
        });
        let diagnostics = diagnostics.into_iter().map(|d| (d.code.to_owned(), d)).collect();
        (items, diagnostics)
    }

    fn component(inner: &str) -> String {
        format!("<component type=\"library\">{inner}</component>")
    }

    #[test]
    fn text_split_by_a_comment_or_processing_instruction_is_read_whole() {
        let text = format!(
            "<?xml version=\"1.0\"?>\n{ROOT}<components>\n{}\n{}\n{}\n{}\n{}\n</components></bom>\n",
            component("<name>node<!-- c -->js</name><version>18.<?p?>1<!--x-->.0</version>"),
            component("<name><!-- first -->python</name><version>3.<?p?>8</version>"),
            component("<name>py<![CDATA[thon]]><!-- c -->3</name><version>\n 3.12&#46;4 <?p?>\n</version>"),
            component("<name>postgresql</name><version><!-- only a comment --></version>"),
            component("<name> <?p?> </name><purl>pkg:pypi/django@4.2<!-- c --></purl>"),
        );
        let (items, diagnostics) = read_xml(&text);
        assert_eq!(
            items,
            [
                "nodejs|18.1.0",
                "python|3.8",
                "python3|3.12.4",
                "postgresql|-",
                "-|-"
            ]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_split_field_is_placed_from_its_first_piece_to_its_last() {
        let mut problems = Problems::default();
        let body = format!(
            "{ROOT}<components>{}</components></bom>",
            component("<name>python</name><version>3.<!-- c -->12</version>")
        );
        let doc = roxmltree::Document::parse(&body).unwrap();
        let c = doc.descendants().find(|n| n.has_tag_name("component")).unwrap();
        let mut stats = super::super::ReadStats::default();
        let (mut pairs, mut sink) = (Pairs::default(), |_: &Item<'_>, _: &mut Problems| {});
        let mut out = Emitter::new(&body, &mut problems, &mut pairs, &mut sink, &mut stats);
        let (text, span) = field(
            "bom.xml",
            3,
            Snip::Document(&Arc::from(body.as_str())),
            c,
            "http://cyclonedx.org/schema/bom/1.6",
            "version",
            "/bom/components/component[1]",
            &mut out,
        )
        .unwrap()
        .unwrap();
        assert_eq!(text, "3.12");
        let start = body.find("3.<!--").unwrap();
        assert_eq!(span, Span::new(start + 3, start + "3.<!-- c -->12".len() + 3));
    }

    /// `<component` with `n` attributes named `a0`, `a1`, ... with `value`.
    fn with_attributes(n: usize, value: &str) -> String {
        let mut tag = String::from("<component");
        for i in 0..n {
            tag.push_str(&format!(" a{i}=\"{value}\""));
        }
        tag.push_str("><name>python</name><version>3.12.4</version></component>");
        tag
    }

    #[test]
    fn an_element_with_too_many_attributes_is_refused_before_it_is_parsed() {
        // 60,000 attributes on one element took roxmltree 26 s (its duplicate check
        // compares each attribute with those before it); this pass is linear (measured in
        // docs/performance.md, not timed here).
        let head = format!("\u{feff}<?xml version=\"1.0\"?>\n{ROOT}<components>");
        let text = format!("{head}{}</components></bom>", with_attributes(60_000, "x"));
        let (items, diagnostics) = read_xml(&text);
        assert!(items.is_empty());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let (code, d) = &diagnostics[0];
        assert_eq!(code, "eol::audit-syntax");
        assert_eq!(d.message, "this XML element has more than 256 attributes");
        // the label is on the attribute past the limit, the related one on the element
        let at = text.find(" a256=").unwrap() + 1;
        assert_eq!(d.primary.span, Span::new(at, at + "a256=\"x\"".len()));
        assert_eq!(d.primary.text, "attribute 257");
        assert_eq!(&text[d.primary.span.start..d.primary.span.end], "a256=\"x\"");
        let tag = head.len();
        assert_eq!(d.related[0].span, Span::new(tag, tag + "<component".len()));
        assert!(d
            .help
            .as_deref()
            .unwrap()
            .contains("nothing in this file is audited"));

        // at the limit, the component is read
        let text = format!(
            "{head}{}</components></bom>",
            with_attributes(MAX_ATTRIBUTES, "x")
        );
        assert_eq!(read_xml(&text), (vec!["python|3.12.4".to_owned()], vec![]));
    }

    #[test]
    fn markup_in_values_comments_cdata_and_instructions_is_not_counted() {
        // `>`, `/>` and `<x a="..."` inside an attribute value, a comment, a CDATA section or
        // a processing instruction end no tag and are no attributes.
        let many = |n: usize| (0..n).map(|i| format!(" b{i}=\"1\"")).collect::<String>();
        let hidden = format!(
            "<!-- <x{m}> --><?pi <x{m}> ?><description><![CDATA[<x{m}>]]></description><name>python</name>",
            m = many(300)
        );
        let text = format!(
            "{ROOT}<components><component type=\"a>b/>\" q='\"{m}>\"'{rest}>{hidden}<version>3.12.4</version></component></components></bom>",
            m = many(10),
            rest = many(MAX_ATTRIBUTES - 2),
        );
        assert_eq!(read_xml(&text), (vec!["python|3.12.4".to_owned()], vec![]));
        // one more, and it is the one refused, wherever the `>` in the values are
        let text = text.replace(" b253=\"1\">", " b253=\"1\" last='>'>");
        let (items, diagnostics) = read_xml(&text);
        assert!(items.is_empty());
        let d = &diagnostics[0].1;
        assert_eq!(&text[d.primary.span.start..d.primary.span.end], "last='>'");
    }

    #[test]
    fn namespace_declarations_in_scope_are_limited() {
        // Each element that declares a namespace costs roxmltree time in the square of
        // the number in scope: 32 are read, the 33rd (on the root and the elements
        // around it) is refused where it is declared.
        let nest = |n: usize| {
            let open: String = (1..n).map(|i| format!("<e xmlns:p{i}=\"urn:{i}\">")).collect();
            let close = "</e>".repeat(n - 1);
            let c = component("<name>python</name><version>3.12.4</version>");
            format!("{ROOT}<components>{c}</components>{open}<x xmlns:last=\"urn:x\"/>{close}</bom>")
        };
        // the root's and 30 around the last one: 31 in scope, and one more on it
        let text = nest(MAX_NAMESPACES - 1);
        let (items, diagnostics) = read_xml(&text);
        assert_eq!(items, ["python|3.12.4"]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let text = nest(MAX_NAMESPACES);
        let (items, diagnostics) = read_xml(&text);
        assert!(items.is_empty());
        let d = &diagnostics[0].1;
        assert_eq!(diagnostics[0].0, "eol::audit-syntax");
        assert_eq!(
            d.message,
            "this XML element has more than 32 namespace declarations in scope (its own and those of the elements it is inside)"
        );
        let at = text.rfind("xmlns:last").unwrap();
        assert_eq!(d.primary.span, Span::new(at, at + "xmlns:last=\"urn:x\"".len()));

        // declarations of elements closed are out of scope: siblings may each declare some
        let siblings = component("<name>python</name><version>3.12.4</version>")
            .replacen("<component", "<component xmlns:a=\"urn:a\" xmlns:b=\"urn:b\"", 1)
            .repeat(100);
        let text = format!("{ROOT}<components>{siblings}</components></bom>");
        let (items, diagnostics) = read_xml(&text);
        assert_eq!(items.len(), 100);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn text_the_scan_does_not_understand_is_left_to_roxmltree() {
        // a DTD is refused by roxmltree where it starts; a malformed tag where it is
        let (_, d) = read_xml(&format!("<!DOCTYPE bom>{ROOT}</bom>"));
        assert!(d[0].1.message.contains("document type definition"), "{d:?}");
        let (_, d) = read_xml(&format!(
            "{ROOT}<components><component a></component></components></bom>"
        ));
        assert!(d[0].1.message.starts_with("invalid XML"), "{d:?}");
        let (_, d) = read_xml(&format!("{ROOT}<components><component a=\"1></components></bom>"));
        assert!(d[0].1.message.starts_with("invalid XML"), "{d:?}");
    }
}
