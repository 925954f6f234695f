//! Field rows (`[[arg]]`, `[[struct.field]]`) and the keys they can carry.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::{Ctxt, Defined, number};
use crate::file::{ConditionTable, FieldTable};
use crate::model::{Condition, Enum, Field, Number, Protocol, Type, WireValue};
use crate::{names, types};

impl Ctxt<'_> {
    /// Checks a list of fields (or arguments); duplicates are reported, the rest are kept.
    /// `required_when` conditions are resolved against the siblings.
    pub(super) fn fields(
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
        let mut conditions = Vec::new();
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
            if names::is_reserved_field_name(&field.rust_name) {
                self.error(
                    name_span,
                    format!(
                        "{kind} '{}': Rust name '{}' is the generated field for undocumented fields (set rust_name)",
                        field.wire_name, field.rust_name
                    ),
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
            if let Some(cond) = &table.get_ref().required_when {
                conditions.push((fields.len(), cond));
            }
            fields.push(field);
        }
        for (index, cond) in conditions {
            let owner = fields[index].wire_name.clone();
            if fields[index].required {
                self.error(
                    cond.span(),
                    format!("{kind} '{owner}': required_when on a field that is always required"),
                );
            }
            fields[index].required_when = self.condition(cond, &fields, &owner, enums);
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
        let separator = self.separator(&who, t, &ty, protocol);
        if let (Some(sep), "arg") = (&t.separator, kind) {
            self.error(
                sep.span(),
                format!("{who}: separator applies to struct fields, not to positional arguments"),
            );
        }
        // On a list of strings (separated or not) `max_len` limits each item.
        let text_ty = match &ty {
            Type::List(item) => item.as_ref(),
            _ => &ty,
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
            if *text_ty != Type::String {
                self.error(
                    len.span(),
                    format!(
                        "{who}: max_len applies to strings (and the items of a list of strings), not '{}' (for numbers the doc's 长度 is `digits`)",
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
            } else if !(1..=20).contains(digits.get_ref()) {
                self.error(
                    digits.span(),
                    format!("{who}: digits must be between 1 and 20"),
                );
            }
        }
        self.bounds(&who, t, &ty);
        for (key, items) in [("min_items", &t.min_items), ("max_items", &t.max_items)] {
            let Some(items) = items else { continue };
            if !matches!(ty, Type::List(_)) {
                self.error(
                    items.span(),
                    format!("{who}: {key} applies to lists, not '{}'", t.ty.get_ref()),
                );
            } else if *items.get_ref() == 0 {
                self.error(items.span(), format!("{who}: {key} must be at least 1"));
            }
        }
        if let (Some(min), Some(max)) = (&t.min_items, &t.max_items)
            && min.get_ref() > max.get_ref()
        {
            self.error(
                min.span(),
                format!("{who}: min_items is greater than max_items"),
            );
        }
        let default = t
            .default
            .as_ref()
            .and_then(|d| self.default(&who, d, &ty, enums));
        if let Some(d) = &t.default
            && t.required
        {
            self.error(
                d.span(),
                format!(
                    "{who}: a field with a server default may be left out; it cannot be required (drop `required`)"
                ),
            );
        }
        if let Some(u) = &t.undocumented
            && t.required
        {
            self.error(
                u.span(),
                format!("{who}: an undocumented field cannot be required"),
            );
        }
        self.xml_item(&who, t, &ty, protocol);
        let severity = self.severity(&who, t.severity.as_ref());
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
            required_when: None,
            xml_item: t.xml_item.as_ref().map(|s| s.get_ref().clone()),
            severity,
            separator,
            max_joined_len: t.max_joined_len.as_ref().map(|s| *s.get_ref()),
            min_items: t.min_items.as_ref().map(|s| *s.get_ref()),
            max_items: t.max_items.as_ref().map(|s| *s.get_ref()),
            undocumented: t.undocumented.as_ref().map(|s| s.get_ref().clone()),
        })
    }

    /// `separator` (and `max_joined_len`, which needs it): a 旗舰版 list of scalars sent as
    /// one joined string.
    fn separator(
        &mut self,
        who: &str,
        t: &FieldTable,
        ty: &Type,
        protocol: Protocol,
    ) -> Option<String> {
        if let Some(len) = &t.max_joined_len
            && t.separator.is_none()
        {
            self.error(
                len.span(),
                format!("{who}: max_joined_len applies to separated lists (set `separator`)"),
            );
        }
        let sep = t.separator.as_ref()?;
        let scalar_items = matches!(
            ty,
            Type::List(item) if matches!(**item, Type::String | Type::Int | Type::Long | Type::Enum(_) | Type::Code(_))
        );
        if !scalar_items {
            self.error(
                sep.span(),
                format!(
                    "{who}: separator applies to a list of strings, numbers or enum values (`list<string>`), not '{}'",
                    t.ty.get_ref()
                ),
            );
            return None;
        }
        if protocol != Protocol::Wdt {
            self.error(
                sep.span(),
                format!("{who}: separator only applies to wdt endpoints"),
            );
            return None;
        }
        if sep.get_ref().chars().count() != 1 {
            self.error(
                sep.span(),
                format!(
                    "{who}: separator must be one character, not '{}'",
                    sep.get_ref()
                ),
            );
            return None;
        }
        Some(sep.get_ref().clone())
    }

    fn bounds(&mut self, who: &str, t: &FieldTable, ty: &Type) {
        for bound in [&t.min, &t.max].into_iter().flatten() {
            if !ty.is_number() {
                self.error(
                    bound.span(),
                    format!(
                        "{who}: min and max apply to numbers, not '{}'",
                        t.ty.get_ref()
                    ),
                );
            } else if matches!(bound.get_ref(), Number::Float(_)) && *ty != Type::Decimal {
                self.error(
                    bound.span(),
                    format!("{who}: a bound of an integer field must be an integer"),
                );
            } else if *ty == Type::Int
                && let Number::Int(i) = bound.get_ref()
                && i32::try_from(*i).is_err()
            {
                self.error(
                    bound.span(),
                    format!("{who}: bound {i} does not fit an int (i32); use type 'long'"),
                );
            }
        }
        if let (Some(min), Some(max)) = (&t.min, &t.max)
            && number(min.get_ref()) > number(max.get_ref())
        {
            self.error(min.span(), format!("{who}: min is greater than max"));
        }
    }

    fn xml_item(&mut self, who: &str, t: &FieldTable, ty: &Type, protocol: Protocol) {
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
            && let Type::List(inner) = ty
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

    /// Resolves a condition naming a sibling field; `owner` is the field or rule it belongs to.
    pub(super) fn condition(
        &mut self,
        cond: &Spanned<ConditionTable>,
        fields: &[Field],
        owner: &str,
        enums: &[Enum],
    ) -> Option<Condition> {
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
            return None;
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
        let values: Vec<WireValue> = c.is.iter().map(|v| v.get_ref().clone()).collect();
        for value in &c.is {
            if !self.possible_value(&field.ty, value.get_ref(), enums) {
                self.error(
                    value.span(),
                    format!(
                        "'{owner}': condition value {} is not a possible value of '{target}'",
                        value.get_ref()
                    ),
                );
            }
        }
        if !matches!(
            field.ty,
            Type::Int | Type::Long | Type::String | Type::Bool | Type::Enum(_) | Type::Code(_)
        ) {
            return None;
        }
        Some(Condition {
            field: Box::new(field.clone()),
            values,
        })
    }

    /// Whether a field of type `ty` can hold `value` (for conditions).
    pub(super) fn possible_value(&self, ty: &Type, value: &WireValue, enums: &[Enum]) -> bool {
        match (ty, value) {
            (Type::Int | Type::Long, WireValue::Int(_)) => true,
            (Type::String, WireValue::Str(_)) => true,
            (Type::Bool, WireValue::Bool(_)) => true,
            (Type::Code(_), WireValue::Int(_) | WireValue::Str(_)) => true,
            (Type::Enum(name), v) => enums
                .iter()
                .any(|e| e.name == *name && e.values.iter().any(|ev| ev.wire == *v)),
            _ => false,
        }
    }
}
