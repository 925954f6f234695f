//! From what a page says ([`Doc`]) to the spec to write ([`Draft`]): every decision the
//! format asks for, with a warning wherever the page leaves room for doubt.
//!
//! Fields are decided in [`fields`], paging and the time window in [`paging`], examples in
//! [`examples`] and their checks against the tables in [`crosscheck`]; fields only the
//! request example sends in [`undocumented`].

mod alternatives;
mod crosscheck;
mod examples;
mod fields;
mod lists;
mod paging;
mod presence;
mod undocumented;
mod window;

use wdt_spec::model::Protocol;

use crate::doc::{BodyShape, Doc, Param};
use crate::draft::{self, Draft, Field, Side, Struct};
use crate::names::{Namer, upper_camel};
use crate::types::{self, DocType};
use crate::warning::{Severity, Warnings};

/// Rows of the reply's envelope: the protocol's, not the endpoint's.
const ENVELOPE: &[&str] = &["status", "message", "code", "total", "data"];

/// Operation verbs whose calls only read.
const READ_VERBS: &[&str] = &["search", "query", "get", "calc", "list", "count"];

/// Builds the draft of a page.
pub(crate) fn build(doc: &Doc, source_name: &str, warnings: &mut Warnings) -> Draft {
    let mut b = Builder {
        doc,
        namer: Namer::default(),
        structs: Vec::new(),
        enums: Vec::new(),
        depth: 0,
        warnings,
    };
    let endpoint = endpoint(doc);
    let operation = doc
        .method
        .rsplit('.')
        .next()
        .unwrap_or(&doc.method)
        .to_owned();
    let (args, pager) = b.args(&operation);
    let response = b.response(&operation);
    let mut draft = Draft {
        header: vec![format!(
            "{}, imported from the vendor page ({source_name}) by wdt-import.",
            doc.name
        )],
        endpoint,
        args,
        structs: std::mem::take(&mut b.structs),
        enums: std::mem::take(&mut b.enums),
        response,
        ..Draft::default()
    };
    if doc.protocol == Protocol::Wdt {
        let example_data = examples::response_data(doc);
        paging::paging(
            doc,
            pager.as_ref(),
            example_data.as_ref(),
            &mut draft,
            b.warnings,
        );
        window::time_window(doc, &mut draft, b.warnings);
        alternatives::alternatives(&mut draft);
    }
    examples::examples(doc, &mut draft, b.warnings);
    if let Some(direction) = draft.endpoint.direction {
        b.warnings.push(
            Severity::Review,
            Some(doc.title_line),
            "title",
            format!(
                "direction = \"{direction}\" follows the method name (*.confirm and *.report are sent by the WMS, the others by the ERP); check it against the page"
            ),
        );
    }
    if draft
        .enums
        .iter()
        .any(|e| e.values.iter().any(|v| v.placeholder))
    {
        draft.header.push(
            "Variants named V<n> are placeholders: give them names (see the TODO comments)."
                .to_owned(),
        );
    }
    draft
}

fn endpoint(doc: &Doc) -> draft::Endpoint {
    let operation = doc.method.rsplit('.').next().unwrap_or(&doc.method);
    draft::Endpoint {
        method: doc.method.clone(),
        protocol: doc.protocol,
        name: doc.name.clone(),
        category: doc.category.clone(),
        description: doc.description.clone(),
        min_version: doc.min_version.clone(),
        notes: doc.notes.iter().fold(Vec::new(), |mut notes, n| {
            // Some pages repeat a row of section 1.
            if !notes.contains(&n.text) {
                notes.push(n.text.clone());
            }
            notes
        }),
        retry_safe: is_read_only(operation),
        doc_url: doc.doc_url.clone(),
        direction: (doc.protocol == Protocol::Qimen).then(|| qimen_direction(&doc.method)),
    }
}

/// Who sends a Qimen method, by the naming rule of the warehouse methods: `*.confirm` and
/// `*.report` go from the WMS back to the ERP, the others from the ERP to the WMS.
fn qimen_direction(method: &str) -> &'static str {
    let operation = method.rsplit('.').next().unwrap_or(method);
    if matches!(operation, "confirm" | "batchconfirm" | "report") {
        "wms_to_erp"
    } else {
        "erp_to_wms"
    }
}

/// Whether the operation only reads: it starts with a reading verb (`searchCancel`,
/// `queryWithDetail`) or ends with one (`citySearch`). Anything else may change data, and a
/// retry after a timeout could apply it twice.
fn is_read_only(operation: &str) -> bool {
    let words = heck::ToSnakeCase::to_snake_case(operation);
    READ_VERBS.iter().any(|v| words.starts_with(v))
        || matches!(words.rsplit('_').next(), Some("search" | "query"))
}

/// State while building one draft.
struct Builder<'a> {
    doc: &'a Doc,
    namer: Namer,
    structs: Vec<Struct>,
    enums: Vec<draft::Enum>,
    /// How many sub-tables deep the row being read is: 0 for positional arguments, which
    /// cannot be separated lists.
    depth: usize,
    warnings: &'a mut Warnings,
}

impl Builder<'_> {
    /// The positional arguments, and the pager row when the page has one.
    fn args(&mut self, operation: &str) -> (Vec<Field>, Option<Param>) {
        let doc = self.doc;
        if doc.protocol == Protocol::Qimen {
            let args = doc
                .args
                .iter()
                .filter_map(|p| self.field(p, Side::Request, "Request"))
                .collect();
            return (args, None);
        }
        if doc.body == BodyShape::RecordList {
            let record = Param {
                name: "records".to_owned(),
                label: "请求参数".to_owned(),
                ty: "List<Map<String, Object>>".to_owned(),
                required: "是".to_owned(),
                context: "3.3 业务请求参数".to_owned(),
                line: doc.args.first().map_or(0, |p| p.line),
                children: Some(crate::doc::SubTable {
                    title: "record".to_owned(),
                    rows: doc.args.clone(),
                    ..Default::default()
                }),
                ..Param::default()
            };
            self.warnings.push(
                Severity::Review,
                Some(record.line),
                "3.3 业务请求参数",
                "the body is one list of records (请求参数：List<Map<String, Object>>); the page gives the argument no name, so it is called 'records'",
            );
            let arg = self.field(&record, Side::Request, &upper_camel(operation));
            return (arg.into_iter().collect(), None);
        }
        let mut pager = None;
        let mut args = Vec::new();
        for param in &doc.args {
            if is_pager(param) {
                pager = Some(param.clone());
                continue;
            }
            if let Some(field) = self.field(param, Side::Request, &upper_camel(operation)) {
                args.push(field);
            }
        }
        distinct_rust_names(&mut args, self.warnings);
        (args, pager)
    }

    /// `[response]`: `data` of the 旗舰版 envelope, or the Qimen `<response>` element.
    fn response(&mut self, operation: &str) -> Option<draft::Response> {
        let doc = self.doc;
        if doc.protocol == Protocol::Qimen {
            let root = doc.response.first()?;
            let field = self.field(root, Side::Response, "Response")?;
            return Some(draft::Response {
                comments: Vec::new(),
                ty: field.ty,
                description: None,
            });
        }
        let mut data = None;
        for row in &doc.response {
            match envelope_name(&row.name) {
                Some(name) => {
                    if name != row.name {
                        self.warnings.push(
                            Severity::Review,
                            Some(row.line),
                            row.location(),
                            format!("'{}' is read as the envelope's '{name}'", row.name),
                        );
                    }
                    if name == "data" && data.is_none() {
                        data = Some(row);
                    }
                }
                None => self.warnings.push(
                    Severity::Lost,
                    Some(row.line),
                    row.location(),
                    format!(
                        "'{}' sits beside data in the reply's envelope; a spec's [response] can only describe data, so the row is left out",
                        row.name
                    ),
                ),
            }
        }
        let data = data?;
        let data_name = format!("{}Data", upper_camel(operation));
        let mut data_param = data.clone();
        if let Some(sub) = data_param.children.as_mut() {
            // `data` is named after the operation rather than its title.
            sub.title = data_name.clone();
        }
        let field = self.named_field(&data_param, Side::Response, &data_name)?;
        let label = (!data.label.is_empty()).then(|| data.label.clone());
        let description = (!data.description.is_empty()).then(|| data.description.clone());
        let description = match (label, description) {
            (Some(l), Some(d)) if l != d => Some(format!("{l}: {d}")),
            (l, d) => d.or(l),
        };
        Some(draft::Response {
            comments: field.comments,
            ty: field.ty,
            description,
        })
    }

    /// A struct from a sub-table; returns its name.
    fn structure(
        &mut self,
        param: &Param,
        side: Side,
        candidates: Vec<String>,
        description: Option<String>,
    ) -> Option<String> {
        let sub = param.children.as_ref()?;
        let name = self.namer.claim(&candidates);
        // Claim the slot before the fields so nested structs come after their parent.
        let index = self.structs.len();
        self.structs.push(Struct {
            comments: Vec::new(),
            name: name.clone(),
            description,
            fields: Vec::new(),
            side,
            rules: Vec::new(),
        });
        let mut fields: Vec<Field> = Vec::new();
        self.depth += 1;
        for (i, row) in sub.rows.iter().enumerate() {
            if let Some(first) = sub.rows[..i].iter().find(|r| r.name == row.name) {
                let same = (
                    &first.label,
                    &first.ty,
                    &first.length,
                    &first.required,
                    &first.description,
                ) == (
                    &row.label,
                    &row.ty,
                    &row.length,
                    &row.required,
                    &row.description,
                );
                let (severity, what) = if same {
                    (Severity::Review, "an identical row")
                } else {
                    (Severity::Lost, "a different row")
                };
                self.warnings.push(
                    severity,
                    Some(row.line),
                    row.location(),
                    format!(
                        "'{}' is listed twice in this table (line {} has {what}); the second row is left out",
                        row.name, first.line
                    ),
                );
                continue;
            }
            if let Some(field) = self.field(row, side, &name) {
                fields.push(field);
            }
        }
        self.depth -= 1;
        if fields.is_empty() {
            self.structs.remove(index);
            return None;
        }
        distinct_rust_names(&mut fields, self.warnings);
        self.structs[index].fields = fields;
        Some(name)
    }

    /// A field whose struct (if any) gets exactly `name` as its first choice.
    fn named_field(&mut self, param: &Param, side: Side, name: &str) -> Option<Field> {
        fields::field(self, param, side, "", vec![name.to_owned()])
    }

    /// A field from a row; `None` when the row cannot become one (with a warning).
    /// `parent` is the name of the struct it belongs to, for naming its own struct.
    fn field(&mut self, param: &Param, side: Side, parent: &str) -> Option<Field> {
        let title = param
            .children
            .as_ref()
            .map_or(param.name.as_str(), |s| s.title.as_str());
        let mut candidates = Vec::new();
        if let Some(named) = types::parse(&param.ty)
            .as_ref()
            .and_then(DocType::struct_name)
        {
            candidates.push(upper_camel(named));
        }
        candidates.push(upper_camel(title));
        candidates.push(format!("{parent}{}", upper_camel(title)));
        fields::field(self, param, side, parent, candidates)
    }
}

/// Gives `rust_name`s to fields whose wire names become the same Rust name
/// (`orderNo` and `order_no` are both `order_no`). Fields that have a `rust_name` keep it,
/// so a list may be passed again after fields are added.
fn distinct_rust_names(fields: &mut [Field], warnings: &mut Warnings) {
    let mut taken: Vec<String> = fields.iter().filter_map(|f| f.rust_name.clone()).collect();
    for field in fields.iter_mut().filter(|f| f.rust_name.is_none()) {
        let ident = wdt_spec::names::field_ident(&field.name);
        if !taken.contains(&ident) {
            taken.push(ident);
            continue;
        }
        let bare = ident.trim_start_matches("r#");
        let unique = (2..)
            .map(|n| format!("{bare}_{n}"))
            .find(|c| !taken.contains(c))
            .expect("some numbered name is free");
        warnings.push(
            Severity::Review,
            None,
            format!("field '{}'", field.name),
            format!("its Rust name would repeat another field's; rust_name = \"{unique}\""),
        );
        field.comments.push(format!(
            "'{}' and another field have the same snake_case name; this one is {unique} in Rust.",
            field.name
        ));
        taken.push(unique.clone());
        field.rust_name = Some(unique);
    }
}

/// The envelope row a top-level reply row is, allowing for case and typos (`Status`,
/// `messge`).
fn envelope_name(name: &str) -> Option<&'static str> {
    ENVELOPE
        .iter()
        .find(|e| e.eq_ignore_ascii_case(name))
        .copied()
        .or_else(|| wdt_spec::types::nearest(name, ENVELOPE))
}

/// A pager row: the paging argument of a paged query.
fn is_pager(param: &Param) -> bool {
    types::parse(&param.ty) == Some(DocType::Pager) || param.name.eq_ignore_ascii_case("pager")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Type;

    #[test]
    fn reading_operations_are_retry_safe() {
        for op in [
            "searchCancel",
            "queryWithDetail",
            "getLog",
            "calcStock",
            "citySearch",
        ] {
            assert!(is_read_only(op), "{op}");
        }
        for op in [
            "cancelByType",
            "createOrder",
            "upload2",
            "batchCalcStock",
            "push",
        ] {
            assert!(!is_read_only(op), "{op}");
        }
    }

    #[test]
    fn colliding_rust_names_get_their_own() {
        let mut fields = vec![
            Field::new("orderNo", Type::String),
            Field::new("order_no", Type::String),
            Field::new("type", Type::Int),
        ];
        let mut warnings = Warnings::default();
        distinct_rust_names(&mut fields, &mut warnings);
        assert_eq!(fields[0].rust_name, None);
        assert_eq!(fields[1].rust_name.as_deref(), Some("order_no_2"));
        assert_eq!(fields[2].rust_name, None);
        assert_eq!(warnings.0.len(), 1);
    }

    #[test]
    fn envelope_rows_allow_for_typos() {
        assert_eq!(envelope_name("Status"), Some("status"));
        assert_eq!(envelope_name("messge"), Some("message"));
        assert_eq!(envelope_name("error_info"), None);
    }
}
