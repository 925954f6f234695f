//! The shape of an endpoint: its `[endpoint]` table, the body shape its protocol needs,
//! whether each struct is sent or received, and where the file lives.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::Ctxt;
use crate::file::{EndpointTable, FieldTable, SpecFile, StructTable};
use crate::model::{Direction, Endpoint, Enum, Field, Protocol, Response, Role, Struct, Type};
use crate::names;

impl Ctxt<'_> {
    pub(super) fn endpoint(&mut self, table: &Spanned<EndpointTable>) -> Endpoint {
        let t = table.get_ref();
        let method = t.method.get_ref();
        let segments: Vec<&str> = method.split('.').collect();
        let well_formed = segments.len() >= 3
            && segments
                .iter()
                .all(|s| names::is_wire_name(s) && !s.contains('_'));
        if !well_formed {
            self.error(
                t.method.span(),
                format!(
                    "endpoint: method '{method}' is not a dotted method name such as \
                     'wms.outer.OuterOut.createOrder' (at least three segments of letters and digits)"
                ),
            );
        }
        let protocol = match t.protocol.get_ref().as_str() {
            "wdt" => Protocol::Wdt,
            "qimen" => Protocol::Qimen,
            other => {
                self.error(
                    t.protocol.span(),
                    format!("endpoint: unknown protocol '{other}' (expected 'wdt' or 'qimen')"),
                );
                Protocol::Wdt
            }
        };
        let direction = t.direction.as_ref().and_then(|d| {
            let direction = match d.get_ref().as_str() {
                "erp_to_wms" => Direction::ErpToWms,
                "wms_to_erp" => Direction::WmsToErp,
                other => {
                    self.error(
                        d.span(),
                        format!(
                            "endpoint: unknown direction '{other}' (expected 'erp_to_wms' or 'wms_to_erp')"
                        ),
                    );
                    return None;
                }
            };
            if protocol != Protocol::Qimen {
                self.error(
                    d.span(),
                    "endpoint: direction is for Qimen methods (旗舰版 methods are all calls to the ERP)",
                );
                return None;
            }
            Some(direction)
        });
        let operation_segments = t.operation.as_ref().map_or(1, |operation| {
            let named = operation.get_ref();
            let count = named.split('.').count();
            // At least the area and one group stay before it.
            if method.ends_with(&format!(".{named}")) && count + 2 <= segments.len() {
                count
            } else {
                self.error(
                    operation.span(),
                    format!(
                        "endpoint: operation '{named}' must be the last segments of the method '{method}', leaving the area and a group before it"
                    ),
                );
                1
            }
        });
        Endpoint {
            method: method.clone(),
            protocol,
            name: t.name.clone(),
            category: t.category.clone(),
            description: t.description.clone(),
            min_version: t.min_version.clone(),
            notes: t.notes.clone(),
            retry_safe: t.retry_safe,
            doc_url: t.doc_url.clone(),
            direction,
            operation_segments,
        }
    }

    /// Qimen bodies are one `<request>` element; 旗舰版 bodies are a positional array.
    pub(super) fn protocol_shape(&mut self, file: &SpecFile, args: &[Field], protocol: Protocol) {
        let span = file.endpoint.get_ref().protocol.span();
        if protocol == Protocol::Qimen {
            let one_struct = args.len() == 1 && matches!(args[0].ty, Type::Struct(_));
            if !one_struct || file.args.len() != 1 {
                self.error(
                    span.clone(),
                    "endpoint: a qimen endpoint takes exactly one [[arg]], a struct (the <request> element)",
                );
            }
            if file.response.is_none() {
                self.error(
                    span,
                    "endpoint: a qimen endpoint needs a [response] (the <response> element)",
                );
            }
            if let Some(window) = file.time_windows.first() {
                // Window checks are generated on the 旗舰版 `Request` of positional arguments.
                self.error(
                    window.span(),
                    "time_window: qimen endpoints do not support [[time_window]] yet",
                );
            }
        }
    }

    /// Marks each struct as request or response; a struct cannot be both, or neither.
    pub(super) fn roles(
        &mut self,
        file: &SpecFile,
        args: &[Field],
        response: Option<&Response>,
        structs: &mut [Struct],
        enums: &[Enum],
    ) {
        let request_roots: Vec<&Type> = args.iter().map(|a| &a.ty).collect();
        let response_roots: Vec<&Type> = response.map(|r| &r.ty).into_iter().collect();
        let in_request = reachable(&request_roots, structs);
        let in_response = reachable(&response_roots, structs);
        for (s, table) in structs.iter_mut().zip(&file.structs) {
            let span = table.get_ref().name.span();
            match (in_request.contains(&s.name), in_response.contains(&s.name)) {
                (true, true) => self.error(
                    span,
                    format!(
                        "struct '{}': used in both the request and the response; define one struct for each",
                        s.name
                    ),
                ),
                (false, false) => {
                    self.error(span, format!("struct '{}': defined but never used", s.name))
                }
                (false, true) => s.role = Role::Response,
                (true, false) => s.role = Role::Request,
            }
        }
        for (e, table) in enums.iter().zip(&file.enums) {
            if !in_request.contains(&e.name) && !in_response.contains(&e.name) {
                self.error(
                    table.get_ref().name.span(),
                    format!("enum '{}': defined but never used", e.name),
                );
            }
        }
    }

    pub(super) fn recursion(&mut self, tables: &[Spanned<StructTable>], structs: &[Struct]) {
        for (s, table) in structs.iter().zip(tables) {
            let roots = s.fields.iter().map(|f| &f.ty).collect::<Vec<_>>();
            if reachable(&roots, structs).contains(&s.name) {
                self.error(
                    table.get_ref().name.span(),
                    format!("struct '{}': contains itself", s.name),
                );
            }
        }
    }

    /// 旗舰版 positional arguments travel as JSON values of their own; a `json<T>` (a JSON
    /// document inside a string) is a field form only.
    pub(super) fn positional_args(
        &mut self,
        tables: &[Spanned<FieldTable>],
        args: &[Field],
        protocol: Protocol,
    ) {
        if protocol != Protocol::Wdt {
            return;
        }
        for arg in args {
            if matches!(arg.ty, Type::Json(_))
                && let Some(table) = tables
                    .iter()
                    .find(|t| *t.get_ref().name.get_ref() == arg.wire_name)
            {
                self.error(
                    table.get_ref().ty.span(),
                    format!(
                        "arg '{}': json<T> applies to struct fields, not to positional arguments",
                        arg.wire_name
                    ),
                );
            }
        }
    }

    /// Keys that shape what is sent (separated lists, list sizes, severities, rules) mean
    /// nothing on a reply, which is never validated: a spec using them there is mistaken.
    pub(super) fn request_only_keys(&mut self, file: &SpecFile, structs: &[Struct]) {
        for (s, table) in structs.iter().zip(&file.structs) {
            if s.role != Role::Response {
                continue;
            }
            let t = table.get_ref();
            if let Some(rule) = t.rules.first() {
                self.error(
                    rule.get_ref().kind.span(),
                    format!(
                        "struct '{}': rules apply to request structs; replies are not validated",
                        s.name
                    ),
                );
            }
            for field in &t.fields {
                let f = field.get_ref();
                let keys = [
                    ("separator", f.separator.as_ref().map(Spanned::span)),
                    (
                        "max_joined_len",
                        f.max_joined_len.as_ref().map(Spanned::span),
                    ),
                    ("max_items", f.max_items.as_ref().map(Spanned::span)),
                    ("severity", f.severity.as_ref().map(Spanned::span)),
                ];
                for (key, span) in keys {
                    if let Some(span) = span {
                        self.error(
                            span,
                            format!(
                                "field '{}': {key} applies to request fields; replies are not validated",
                                f.name.get_ref()
                            ),
                        );
                    }
                }
            }
        }
    }

    /// The file must sit where its method name says: `a/b/Class.op.toml` for `a.b.Class.op`.
    pub(super) fn location(&mut self, span_of: &Spanned<String>, method: &str) {
        let segments: Vec<&str> = method.split('.').collect();
        if segments.len() < 3 {
            return;
        }
        let n = segments.len();
        let expected_name = format!("{}.{}.toml", segments[n - 2], segments[n - 1]);
        let expected_dirs = &segments[..n - 2];
        let file_name = self.path.file_name().and_then(|f| f.to_str()).unwrap_or("");
        let dirs: Vec<&str> = self
            .path
            .parent()
            .into_iter()
            .flat_map(|p| p.iter())
            .filter_map(|c| c.to_str())
            .collect();
        let dirs_match = dirs.len() >= expected_dirs.len()
            && dirs[dirs.len() - expected_dirs.len()..] == *expected_dirs;
        if file_name != expected_name || !dirs_match {
            self.error(
                span_of.span(),
                format!(
                    "endpoint: method '{method}' belongs in '{}/{expected_name}' (specs are laid out by method name)",
                    expected_dirs.join("/")
                ),
            );
        }
    }
}

pub(super) fn reachable(roots: &[&Type], structs: &[Struct]) -> BTreeSet<String> {
    let by_name: BTreeMap<&str, &Struct> = structs.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Type> = roots.to_vec();
    while let Some(ty) = stack.pop() {
        let Some(name) = ty.named() else { continue };
        if !seen.insert(name.to_owned()) {
            continue;
        }
        if let Some(s) = by_name.get(name) {
            stack.extend(s.fields.iter().map(|f| &f.ty));
        }
    }
    seen
}
