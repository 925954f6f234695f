//! Type names (structs and enums of a file) and enum value sets.

use std::collections::{BTreeSet, HashMap, HashSet};

use toml::Spanned;

use super::{Ctxt, Defined};
use crate::file::{EnumTable, StructTable};
use crate::model::{Enum, EnumRepr, EnumValue, WireValue};
use crate::names;

impl Ctxt<'_> {
    /// Collects struct and enum names, reporting duplicates, bad and reserved names.
    pub(super) fn names(
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
            } else if names::is_reserved_type_name(text) {
                self.error(
                    name.span(),
                    format!(
                        "{kind} '{text}': the name is taken by generated code, which uses it \
                         unqualified (reserved: {})",
                        names::RESERVED_TYPE_NAMES.join(", ")
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

    pub(super) fn enum_(&mut self, table: &Spanned<EnumTable>) -> Option<Enum> {
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
                (_, WireValue::Bool(b)) => self.error(
                    v.wire.span(),
                    format!("enum '{name}': value {b} is a boolean; enum values are numbers or strings"),
                ),
                _ => {}
            }
            if !wires.insert(v.wire.get_ref().clone()) {
                self.error(
                    v.wire.span(),
                    format!(
                        "enum '{name}': wire value {} listed twice",
                        v.wire.get_ref()
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
}
