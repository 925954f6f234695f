//! Every semantic check of a spec file, turning its tables into the [`crate::model`].
//!
//! Checks collect errors instead of stopping at the first, so a user fixing a spec sees
//! every problem of the file in one build.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use toml::Spanned;

use crate::error::{SpecError, SpecErrors};
use crate::file::{
    CodeTableFile, ConditionTable, EnumTable, FieldTable, PagingTable, SpecFile, StructTable,
    TimeWindowTable,
};
use crate::model::{
    Condition, Endpoint, Enum, EnumRepr, EnumValue, Examples, Field, FieldPath, Number, Paging,
    Protocol, Response, Role, Rule, Spec, Struct, TimeWindow, Type, WindowEnds, WireValue,
};
use crate::names;
use crate::types::{self, Names};

/// Names that generated code defines in every endpoint module.
const RESERVED_TYPE_NAMES: &[&str] = &["Request", "Endpoint", "Validate"];

/// Checks a parsed spec file. `path` is how the file is named in messages; `codes` are the
/// code tables `codes.X` types may name (`None` when they are not known: any name passes).
pub fn check(
    path: &Path,
    source: &str,
    file: SpecFile,
    codes: Option<&BTreeSet<String>>,
) -> Result<Spec, SpecErrors> {
    let mut cx = Ctxt {
        path,
        source,
        errors: Vec::new(),
    };
    let spec = cx.spec(file, codes);
    cx.finish(spec)
}

/// Checks a code table file (`codes/*.toml`): one enum shared by every spec.
pub fn check_code_table(
    path: &Path,
    source: &str,
    file: CodeTableFile,
) -> Result<Enum, SpecErrors> {
    let mut cx = Ctxt {
        path,
        source,
        errors: Vec::new(),
    };
    let table = cx.enum_(&file.code_table);
    match table {
        Some(table) => cx.finish(table),
        None => cx.finish(Enum {
            name: String::new(),
            repr: EnumRepr::Int,
            description: None,
            source: None,
            values: Vec::new(),
        }),
    }
}

struct Ctxt<'a> {
    path: &'a Path,
    source: &'a str,
    errors: Vec<SpecError>,
}

/// The struct and enum names of the file, for resolving type expressions.
struct Defined<'a> {
    structs: BTreeSet<String>,
    enums: BTreeSet<String>,
    codes: Option<&'a BTreeSet<String>>,
}

impl Names for Defined<'_> {
    fn is_struct(&self, name: &str) -> bool {
        self.structs.contains(name)
    }
    fn is_enum(&self, name: &str) -> bool {
        self.enums.contains(name)
    }
    fn all(&self) -> Vec<&str> {
        self.structs
            .iter()
            .chain(&self.enums)
            .map(String::as_str)
            .collect()
    }
    fn is_code(&self, name: &str) -> bool {
        self.codes
            .map_or_else(|| names::is_type_name(name), |codes| codes.contains(name))
    }
    fn codes(&self) -> Vec<&str> {
        self.codes
            .map(|codes| codes.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

impl Ctxt<'_> {
    /// The checked value, or every error found, in file order.
    fn finish<T>(mut self, value: T) -> Result<T, SpecErrors> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.errors.sort_by_key(|e| (e.line, e.column));
            Err(SpecErrors(self.errors))
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors
            .push(SpecError::at(self.path, self.source, span, message));
    }

    fn spec(&mut self, file: SpecFile, codes: Option<&BTreeSet<String>>) -> Spec {
        let endpoint = self.endpoint(&file.endpoint);
        let mut defined = self.names(&file.structs, &file.enums);
        defined.codes = codes;
        let enums: Vec<Enum> = file.enums.iter().filter_map(|e| self.enum_(e)).collect();

        let args = self.fields("arg", &file.args, &defined, &enums, endpoint.protocol);
        let mut structs: Vec<Struct> = file
            .structs
            .iter()
            .map(|s| self.struct_(s, &defined, &enums, endpoint.protocol))
            .collect();
        let response = file.response.as_ref().and_then(|r| {
            match types::parse(r.get_ref().ty.get_ref(), &defined) {
                Ok(ty) => Some(Response {
                    ty,
                    description: r.get_ref().description.clone(),
                }),
                Err(message) => {
                    self.error(r.get_ref().ty.span(), format!("response: {message}"));
                    None
                }
            }
        });

        self.protocol_shape(&file, &args, endpoint.protocol);
        self.roles(&file, &args, response.as_ref(), &mut structs, &enums);
        self.recursion(&file.structs, &structs);
        let paging = file
            .paging
            .as_ref()
            .and_then(|p| self.paging(p, response.as_ref(), &structs, endpoint.protocol));
        let time_window = file
            .time_window
            .as_ref()
            .and_then(|w| self.time_window(w, &args, &structs));
        self.location(&file.endpoint.get_ref().method, &endpoint.method);

        Spec {
            path: self.path.to_path_buf(),
            endpoint,
            args,
            structs,
            enums,
            response,
            paging,
            time_window,
            examples: Examples {
                request: file.examples.request,
                response: file.examples.response,
                error: file.examples.error,
            },
        }
    }

    fn endpoint(&mut self, table: &Spanned<crate::file::EndpointTable>) -> Endpoint {
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
        }
    }

    /// Collects struct and enum names, reporting duplicates and bad names.
    fn names(
        &mut self,
        structs: &[Spanned<StructTable>],
        enums: &[Spanned<EnumTable>],
    ) -> Defined<'static> {
        let mut seen: HashMap<String, &'static str> = HashMap::new();
        let mut defined = Defined {
            structs: BTreeSet::new(),
            enums: BTreeSet::new(),
            codes: None,
        };
        let all = structs
            .iter()
            .map(|s| ("struct", &s.get_ref().name))
            .chain(enums.iter().map(|e| ("enum", &e.get_ref().name)));
        for (kind, name) in all {
            let text = name.get_ref();
            if !names::is_type_name(text) {
                self.error(
                    name.span(),
                    format!(
                        "{kind} '{text}': name must be UpperCamelCase ASCII, e.g. 'OrderDetail'"
                    ),
                );
            } else if RESERVED_TYPE_NAMES.contains(&text.as_str()) {
                self.error(
                    name.span(),
                    format!(
                        "{kind} '{text}': the name is reserved for generated code (reserved: {})",
                        RESERVED_TYPE_NAMES.join(", ")
                    ),
                );
            }
            if let Some(first) = seen.insert(text.clone(), kind) {
                self.error(
                    name.span(),
                    format!("{kind} '{text}': defined twice (first as a {first})"),
                );
                continue;
            }
            match kind {
                "struct" => defined.structs.insert(text.clone()),
                _ => defined.enums.insert(text.clone()),
            };
        }
        defined
    }

    fn enum_(&mut self, table: &Spanned<EnumTable>) -> Option<Enum> {
        let t = table.get_ref();
        let name = t.name.get_ref();
        let repr = match t.ty.get_ref().as_str() {
            "int" => EnumRepr::Int,
            "string" => EnumRepr::String,
            other => {
                self.error(
                    t.ty.span(),
                    format!(
                        "enum '{name}': unknown enum type '{other}' (expected 'int' or 'string')"
                    ),
                );
                return None;
            }
        };
        if t.values.is_empty() {
            self.error(
                t.name.span(),
                format!("enum '{name}': no values (an enum needs at least one `{{ wire = …, name = \"…\" }}`)"),
            );
        }
        let mut wires = HashSet::new();
        let mut variants = HashSet::new();
        let mut values = Vec::new();
        for value in &t.values {
            let v = value.get_ref();
            let variant = v.name.get_ref();
            match (repr, v.wire.get_ref()) {
                (EnumRepr::Int, WireValue::Str(s)) => self.error(
                    v.wire.span(),
                    format!("enum '{name}': value \"{s}\" is a string but the enum's type is 'int'"),
                ),
                (EnumRepr::String, WireValue::Int(i)) => self.error(
                    v.wire.span(),
                    format!("enum '{name}': value {i} is a number but the enum's type is 'string' (quote it)"),
                ),
                _ => {}
            }
            if !wires.insert(v.wire.get_ref().clone()) {
                self.error(
                    v.wire.span(),
                    format!(
                        "enum '{name}': wire value {} listed twice",
                        show(v.wire.get_ref())
                    ),
                );
            }
            if !names::is_type_name(variant) {
                self.error(
                    v.name.span(),
                    format!("enum '{name}': variant name '{variant}' must be UpperCamelCase ASCII"),
                );
            } else if variant == "Unknown" {
                self.error(
                    v.name.span(),
                    format!(
                        "enum '{name}': variant name 'Unknown' is reserved for values added later"
                    ),
                );
            }
            if !variants.insert(variant.clone()) {
                self.error(
                    v.name.span(),
                    format!("enum '{name}': variant name '{variant}' used twice"),
                );
            }
            values.push(EnumValue {
                wire: v.wire.get_ref().clone(),
                name: variant.clone(),
                label: v.label.clone(),
                note: v.note.clone(),
            });
        }
        Some(Enum {
            name: name.clone(),
            repr,
            description: t.description.clone(),
            source: t.source.clone(),
            values,
        })
    }

    fn struct_(
        &mut self,
        table: &Spanned<StructTable>,
        defined: &Defined,
        enums: &[Enum],
        protocol: Protocol,
    ) -> Struct {
        let t = table.get_ref();
        let fields = self.fields("field", &t.fields, defined, enums, protocol);
        let mut rules = Vec::new();
        for raw in &t.fields {
            let Some(cond) = &raw.get_ref().required_when else {
                continue;
            };
            let Some(field) = fields
                .iter()
                .find(|f| f.wire_name == *raw.get_ref().name.get_ref())
            else {
                continue;
            };
            if field.required {
                self.error(
                    cond.span(),
                    format!(
                        "field '{}': required_when on a field that is always required",
                        field.wire_name
                    ),
                );
            }
            self.condition(cond, &fields, &field.wire_name.clone(), enums);
        }
        for rule in &t.rules {
            if let Some(rule) = self.rule(rule, &fields, enums) {
                rules.push(rule);
            }
        }
        if t.fields.is_empty() {
            self.error(
                t.name.span(),
                format!("struct '{}': no fields", t.name.get_ref()),
            );
        }
        Struct {
            name: t.name.get_ref().clone(),
            description: t.description.clone(),
            fields,
            rules,
            role: Role::Request,
        }
    }

    /// Checks a list of fields (or arguments); duplicates are reported, the rest are kept.
    fn fields(
        &mut self,
        kind: &str,
        tables: &[Spanned<FieldTable>],
        defined: &Defined,
        enums: &[Enum],
        protocol: Protocol,
    ) -> Vec<Field> {
        let mut wire_names = HashSet::new();
        let mut rust_names = HashMap::new();
        let mut fields = Vec::new();
        for table in tables {
            let Some(field) = self.field(kind, table, defined, enums, protocol) else {
                continue;
            };
            let name_span = table.get_ref().name.span();
            if !wire_names.insert(field.wire_name.clone()) {
                self.error(
                    name_span,
                    format!("{kind} '{}': defined twice", field.wire_name),
                );
                continue;
            }
            if let Some(other) = rust_names.insert(field.rust_name.clone(), field.wire_name.clone())
            {
                self.error(
                    name_span,
                    format!(
                        "{kind} '{}': Rust name '{}' is also the name of '{other}' (set rust_name on one of them)",
                        field.wire_name, field.rust_name
                    ),
                );
                continue;
            }
            fields.push(field);
        }
        fields
    }

    fn field(
        &mut self,
        kind: &str,
        table: &Spanned<FieldTable>,
        defined: &Defined,
        enums: &[Enum],
        protocol: Protocol,
    ) -> Option<Field> {
        let t = table.get_ref();
        let wire = t.name.get_ref();
        let who = format!("{kind} '{wire}'");
        if !names::is_wire_name(wire) {
            self.error(
                t.name.span(),
                format!(
                    "{who}: name must be ASCII letters, digits and '_', not starting with a digit"
                ),
            );
            return None;
        }
        let rust_name = match &t.rust_name {
            Some(r) if !names::is_field_name(r.get_ref()) => {
                self.error(
                    r.span(),
                    format!(
                        "{who}: rust_name '{}' is not a snake_case identifier",
                        r.get_ref()
                    ),
                );
                names::field_ident(wire)
            }
            Some(r) => r.get_ref().clone(),
            None => names::field_ident(wire),
        };
        let ty = match types::parse(t.ty.get_ref(), defined) {
            Ok(ty) => ty,
            Err(message) => {
                self.error(t.ty.span(), format!("{who}: {message}"));
                return None;
            }
        };
        if let Some(allow) = &t.allow_empty
            && (ty != Type::String || !t.required)
        {
            self.error(
                allow.span(),
                format!("{who}: allow_empty applies to required strings only"),
            );
        }
        if let Some(len) = &t.max_len {
            if ty != Type::String {
                self.error(
                    len.span(),
                    format!(
                        "{who}: max_len applies to strings, not '{}' (for numbers the doc's 长度 is `digits`)",
                        t.ty.get_ref()
                    ),
                );
            } else if *len.get_ref() == 0 {
                self.error(len.span(), format!("{who}: max_len must be at least 1"));
            }
        }
        if let Some(digits) = &t.digits {
            if !matches!(ty, Type::Int | Type::Long | Type::Decimal) {
                self.error(
                    digits.span(),
                    format!(
                        "{who}: digits applies to int, long and decimal, not '{}'",
                        t.ty.get_ref()
                    ),
                );
            } else if !(1..=18).contains(digits.get_ref()) {
                self.error(
                    digits.span(),
                    format!("{who}: digits must be between 1 and 18"),
                );
            }
        }
        for bound in [&t.min, &t.max].into_iter().flatten() {
            if !ty.is_number() {
                self.error(
                    bound.span(),
                    format!(
                        "{who}: min and max apply to numbers, not '{}'",
                        t.ty.get_ref()
                    ),
                );
            } else if matches!(bound.get_ref(), Number::Float(_)) && ty != Type::Decimal {
                self.error(
                    bound.span(),
                    format!("{who}: a bound of an integer field must be an integer"),
                );
            }
        }
        if let (Some(min), Some(max)) = (&t.min, &t.max)
            && number(min.get_ref()) > number(max.get_ref())
        {
            self.error(min.span(), format!("{who}: min is greater than max"));
        }
        let default = t
            .default
            .as_ref()
            .and_then(|d| self.default(&who, d, &ty, enums));
        if let Some(item) = &t.xml_item {
            if protocol != Protocol::Qimen {
                self.error(
                    item.span(),
                    format!("{who}: xml_item only applies to qimen endpoints"),
                );
            } else if !matches!(ty, Type::List(_)) {
                self.error(
                    item.span(),
                    format!("{who}: xml_item only applies to lists"),
                );
            } else if !names::is_wire_name(item.get_ref()) {
                self.error(
                    item.span(),
                    format!(
                        "{who}: xml_item '{}' is not an element name",
                        item.get_ref()
                    ),
                );
            }
        }
        if protocol == Protocol::Qimen
            && let Type::List(inner) = &ty
            && t.xml_item.is_none()
            && matches!(**inner, Type::Struct(_))
        {
            self.error(
                t.ty.span(),
                format!(
                    "{who}: a qimen list of structs needs xml_item, the element name of each item"
                ),
            );
        }
        Some(Field {
            wire_name: wire.clone(),
            rust_name,
            label: t.label.clone(),
            example: t.example.clone(),
            ty,
            required: t.required,
            allow_empty: t.allow_empty.as_ref().is_some_and(|a| *a.get_ref()),
            max_len: t.max_len.as_ref().map(|s| *s.get_ref()),
            digits: t.digits.as_ref().map(|s| *s.get_ref()),
            min: t.min.as_ref().map(|s| *s.get_ref()),
            max: t.max.as_ref().map(|s| *s.get_ref()),
            default,
            description: t.description.clone(),
            sensitive: t.sensitive,
            required_when: t.required_when.as_ref().map(|c| Condition {
                field: c.get_ref().field.get_ref().clone(),
                values: c.get_ref().is.iter().map(|v| v.get_ref().clone()).collect(),
            }),
            xml_item: t.xml_item.as_ref().map(|s| s.get_ref().clone()),
        })
    }

    fn default(
        &mut self,
        who: &str,
        value: &Spanned<toml::Value>,
        ty: &Type,
        enums: &[Enum],
    ) -> Option<String> {
        use toml::Value as V;
        let fits = match (ty, value.get_ref()) {
            (Type::String | Type::DateTime | Type::Date, V::String(_)) => true,
            (Type::Int | Type::Long, V::Integer(_)) => true,
            (Type::Decimal, V::Integer(_) | V::Float(_)) => true,
            (Type::Bool, V::Boolean(_)) => true,
            (Type::Code(_), V::Integer(_) | V::String(_)) => true,
            (Type::Enum(name), v) => enums.iter().any(|e| {
                e.name == *name
                    && e.values.iter().any(|ev| match (&ev.wire, v) {
                        (WireValue::Int(a), V::Integer(b)) => a == b,
                        (WireValue::Str(a), V::String(b)) => a == b,
                        _ => false,
                    })
            }),
            _ => false,
        };
        if !fits {
            self.error(
                value.span(),
                format!(
                    "{who}: default {} does not fit the field's type",
                    value.get_ref()
                ),
            );
            return None;
        }
        Some(match value.get_ref() {
            V::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// Checks a condition naming a sibling field; `owner` is the field or rule it belongs to.
    fn condition(
        &mut self,
        cond: &Spanned<ConditionTable>,
        fields: &[Field],
        owner: &str,
        enums: &[Enum],
    ) {
        let c = cond.get_ref();
        let target = c.field.get_ref();
        let Some(field) = fields.iter().find(|f| f.wire_name == *target) else {
            let known: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
            self.error(
                c.field.span(),
                format!(
                    "'{owner}': condition names field '{target}', which this struct does not have (fields: {})",
                    known.join(", ")
                ),
            );
            return;
        };
        if field.wire_name == owner {
            self.error(
                c.field.span(),
                format!("'{owner}': a condition cannot name the field itself"),
            );
        }
        if c.is.is_empty() {
            self.error(
                c.field.span(),
                format!("'{owner}': condition lists no values (`is = [ … ]`)"),
            );
        }
        for value in &c.is {
            let ok = match (&field.ty, value.get_ref()) {
                (Type::Int | Type::Long, WireValue::Int(_)) => true,
                (Type::String, WireValue::Str(_)) => true,
                (Type::Code(_), _) => true,
                (Type::Enum(name), v) => enums
                    .iter()
                    .any(|e| e.name == *name && e.values.iter().any(|ev| ev.wire == *v)),
                _ => false,
            };
            if !ok {
                self.error(
                    value.span(),
                    format!(
                        "'{owner}': condition value {} is not a possible value of '{target}'",
                        show(value.get_ref())
                    ),
                );
            }
        }
    }

    fn rule(
        &mut self,
        rule: &Spanned<crate::file::RuleTable>,
        fields: &[Field],
        enums: &[Enum],
    ) -> Option<Rule> {
        let r = rule.get_ref();
        if r.kind.get_ref() != "count_equals" {
            self.error(
                r.kind.span(),
                format!(
                    "rule: unknown kind '{}' (expected 'count_equals')",
                    r.kind.get_ref()
                ),
            );
            return None;
        }
        let list = r.list.get_ref();
        match fields.iter().find(|f| f.wire_name == *list) {
            Some(f) if f.ty == Type::String => {}
            Some(_) => self.error(
                r.list.span(),
                format!("rule: list field '{list}' must be a string of separated items"),
            ),
            None => self.error(r.list.span(), format!("rule: names missing field '{list}'")),
        }
        let count = r.count.get_ref();
        match fields.iter().find(|f| f.wire_name == *count) {
            Some(f) if matches!(f.ty, Type::Int | Type::Long) => {}
            Some(_) => self.error(
                r.count.span(),
                format!("rule: count field '{count}' must be an int or long"),
            ),
            None => self.error(
                r.count.span(),
                format!("rule: names missing field '{count}'"),
            ),
        }
        if let Some(when) = &r.when {
            self.condition(when, fields, list, enums);
        }
        Some(Rule::CountEquals {
            list: list.clone(),
            separator: r.separator.clone().unwrap_or_else(|| ",".to_owned()),
            count: count.clone(),
            when: r.when.as_ref().map(|c| Condition {
                field: c.get_ref().field.get_ref().clone(),
                values: c.get_ref().is.iter().map(|v| v.get_ref().clone()).collect(),
            }),
            description: r.description.clone(),
        })
    }

    /// Qimen bodies are one `<request>` element; 旗舰版 bodies are a positional array.
    fn protocol_shape(&mut self, file: &SpecFile, args: &[Field], protocol: Protocol) {
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
        }
    }

    /// Marks each struct as request or response; a struct cannot be both, or neither.
    fn roles(
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

    fn recursion(&mut self, tables: &[Spanned<StructTable>], structs: &[Struct]) {
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

    fn paging(
        &mut self,
        table: &Spanned<PagingTable>,
        response: Option<&Response>,
        structs: &[Struct],
        protocol: Protocol,
    ) -> Option<Paging> {
        let p = table.get_ref();
        if protocol == Protocol::Qimen {
            self.error(
                table.span(),
                "paging: qimen endpoints page in the body; model page and pageSize as request fields",
            );
            return None;
        }
        let Some(response) = response else {
            self.error(table.span(), "paging: a paged endpoint needs a [response]");
            return None;
        };
        let data = match &response.ty {
            Type::Struct(name) => structs.iter().find(|s| s.name == *name),
            _ => None,
        };
        let item = match (&p.list, data) {
            (Some(list), Some(data)) => {
                match data.fields.iter().find(|f| f.wire_name == *list.get_ref()) {
                    Some(Field {
                        ty: Type::List(item),
                        ..
                    }) => Some((**item).clone()),
                    Some(_) => {
                        self.error(
                            list.span(),
                            format!("paging: '{}' is not a list", list.get_ref()),
                        );
                        None
                    }
                    None => {
                        self.error(
                            list.span(),
                            format!(
                                "paging: response struct '{}' has no field '{}'",
                                data.name,
                                list.get_ref()
                            ),
                        );
                        None
                    }
                }
            }
            (Some(list), None) => {
                self.error(list.span(), "paging: `list` needs a struct [response] type");
                None
            }
            (None, _) => match &response.ty {
                Type::List(item) => Some((**item).clone()),
                _ => {
                    self.error(
                        table.span(),
                        "paging: without `list`, the [response] type must itself be a list",
                    );
                    None
                }
            },
        };
        if let Some(total) = &p.total {
            let ok = data.and_then(|d| d.fields.iter().find(|f| f.wire_name == *total.get_ref()));
            match ok {
                Some(f) if matches!(f.ty, Type::Int | Type::Long) => {}
                Some(_) => self.error(
                    total.span(),
                    format!("paging: total '{}' must be an int or long", total.get_ref()),
                ),
                None => self.error(
                    total.span(),
                    format!(
                        "paging: the response has no field '{}' for the total",
                        total.get_ref()
                    ),
                ),
            }
        }
        if let Some(id) = &p.id {
            let item_struct = match &item {
                Some(Type::Struct(name)) => structs.iter().find(|s| s.name == *name),
                _ => None,
            };
            if !item_struct.is_some_and(|s| s.fields.iter().any(|f| f.wire_name == *id.get_ref())) {
                self.error(
                    id.span(),
                    format!("paging: the records have no field '{}'", id.get_ref()),
                );
            }
        }
        let (default, max) = (*p.default_page_size.get_ref(), *p.max_page_size.get_ref());
        if default == 0 || default > max {
            self.error(
                p.default_page_size.span(),
                format!(
                    "paging: default_page_size {default} must be between 1 and max_page_size {max}"
                ),
            );
        }
        Some(Paging {
            list: p.list.as_ref().map(|s| s.get_ref().clone()),
            total: p.total.as_ref().map(|s| s.get_ref().clone()),
            id: p.id.as_ref().map(|s| s.get_ref().clone()),
            default_page_size: default,
            max_page_size: max,
        })
    }

    fn time_window(
        &mut self,
        table: &Spanned<TimeWindowTable>,
        args: &[Field],
        structs: &[Struct],
    ) -> Option<TimeWindow> {
        let w = table.get_ref();
        let start = self.time_field("start", &w.start, args, structs);
        let end = self.time_field("end", &w.end, args, structs);
        let max_span = match parse_span(w.max_span.get_ref()) {
            Some(d) => Some(d),
            None => {
                self.error(
                    w.max_span.span(),
                    format!(
                        "time_window: max_span '{}' is not a span such as '60m', '1h', '1d' or '30d'",
                        w.max_span.get_ref()
                    ),
                );
                None
            }
        };
        let ends = match w.ends.as_ref().map(|e| e.get_ref().as_str()) {
            None | Some("inclusive") => Some(WindowEnds::Inclusive),
            Some("half_open") => Some(WindowEnds::HalfOpen),
            Some(other) => {
                self.error(
                    w.ends.as_ref().map_or(table.span(), Spanned::span),
                    format!("time_window: ends '{other}' (expected 'inclusive' or 'half_open')"),
                );
                None
            }
        };
        let ((start, start_ty), (end, end_ty)) = (start?, end?);
        if start_ty != end_ty {
            self.error(
                w.end.span(),
                "time_window: start and end have different types",
            );
        }
        Some(TimeWindow {
            start,
            end,
            max_span: max_span?,
            max_span_text: w.max_span.get_ref().clone(),
            ends: ends?,
        })
    }

    fn time_field(
        &mut self,
        which: &str,
        path: &Spanned<String>,
        args: &[Field],
        structs: &[Struct],
    ) -> Option<(FieldPath, Type)> {
        let text = path.get_ref();
        let (arg_name, field_name) = match text.split_once('.') {
            Some((a, f)) => (a, Some(f)),
            None => (text.as_str(), None),
        };
        let Some(arg) = args.iter().find(|a| a.wire_name == arg_name) else {
            self.error(
                path.span(),
                format!("time_window: {which} '{text}' names missing argument '{arg_name}'"),
            );
            return None;
        };
        let field = match (field_name, &arg.ty) {
            (None, _) => arg,
            (Some(f), Type::Struct(s)) => {
                match structs
                    .iter()
                    .find(|st| st.name == *s)
                    .and_then(|st| st.fields.iter().find(|x| x.wire_name == f))
                {
                    Some(field) => field,
                    None => {
                        self.error(
                            path.span(),
                            format!("time_window: {which} '{text}' names missing field '{f}'"),
                        );
                        return None;
                    }
                }
            }
            (Some(_), _) => {
                self.error(
                    path.span(),
                    format!("time_window: {which} '{text}': argument '{arg_name}' is not a struct"),
                );
                return None;
            }
        };
        if !field.ty.is_time() {
            self.error(
                path.span(),
                format!(
                    "time_window: {which} '{text}' must be a datetime or date field, not {}",
                    field.ty
                ),
            );
            return None;
        }
        Some((
            FieldPath {
                arg: arg_name.to_owned(),
                field: field_name.map(str::to_owned),
            },
            field.ty.clone(),
        ))
    }

    /// The file must sit where its method name says: `a/b/Class.op.toml` for `a.b.Class.op`.
    fn location(&mut self, span_of: &Spanned<String>, method: &str) {
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

fn reachable(roots: &[&Type], structs: &[Struct]) -> BTreeSet<String> {
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

fn number(n: &Number) -> f64 {
    match *n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

fn show(v: &WireValue) -> String {
    match v {
        WireValue::Int(i) => i.to_string(),
        WireValue::Str(s) => format!("\"{s}\""),
    }
}

/// Parses `90s`, `60m`, `1h`, `1d`: the spans vendor pages state.
pub fn parse_span(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (amount, unit) = text.split_at(split);
    let amount: u64 = amount.parse().ok().filter(|n| *n > 0)?;
    let seconds = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return None,
    };
    Some(Duration::from_secs(amount.checked_mul(seconds)?))
}
