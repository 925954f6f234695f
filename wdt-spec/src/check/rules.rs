//! Structs and their cross-field rules (`[[struct.rule]]`).

use std::collections::HashSet;

use toml::Spanned;

use super::{Ctxt, Defined};
use crate::file::{RuleTable, StructTable};
use crate::model::{Enum, Field, Protocol, Role, Rule, Struct, Type};

/// The rule kinds, as listed in messages.
const KINDS: &[&str] = &["count_equals", "one_of"];

impl Ctxt<'_> {
    pub(super) fn struct_(
        &mut self,
        table: &Spanned<StructTable>,
        defined: &Defined,
        enums: &[Enum],
        protocol: Protocol,
    ) -> Struct {
        let t = table.get_ref();
        let fields = self.fields("field", &t.fields, defined, enums, protocol);
        let rules = t
            .rules
            .iter()
            .filter_map(|rule| self.rule(rule, &fields, enums))
            .collect();
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

    fn rule(
        &mut self,
        rule: &Spanned<RuleTable>,
        fields: &[Field],
        enums: &[Enum],
    ) -> Option<Rule> {
        let r = rule.get_ref();
        let kind = r.kind.get_ref().as_str();
        let who = format!("rule '{kind}'");
        let severity = self.severity(&who, r.severity.as_ref());
        // Keys of the other kind would be silently ignored: say so instead.
        let unused: &[(&str, bool)] = match kind {
            "count_equals" => &[("groups", r.groups.is_some())],
            "one_of" => &[
                ("list", r.list.is_some()),
                ("count", r.count.is_some()),
                ("separator", r.separator.is_some()),
                ("when", r.when.is_some()),
            ],
            _ => {
                self.error(
                    r.kind.span(),
                    format!(
                        "rule: unknown kind '{kind}' (expected {})",
                        KINDS
                            .iter()
                            .map(|k| format!("'{k}'"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                );
                return None;
            }
        };
        for (key, present) in unused {
            if *present {
                self.error(
                    r.kind.span(),
                    format!("{who}: `{key}` does not apply to this kind"),
                );
            }
        }
        match kind {
            "count_equals" => self.count_equals(rule, fields, enums, severity),
            _ => self.one_of(rule, fields, severity),
        }
    }

    fn count_equals(
        &mut self,
        rule: &Spanned<RuleTable>,
        fields: &[Field],
        enums: &[Enum],
        severity: crate::model::Severity,
    ) -> Option<Rule> {
        let r = rule.get_ref();
        let (Some(list_name), Some(count_name)) = (&r.list, &r.count) else {
            self.error(
                r.kind.span(),
                "rule 'count_equals': needs `list` (the separated string) and `count` (the number field)",
            );
            return None;
        };
        let list = match fields.iter().find(|f| f.wire_name == *list_name.get_ref()) {
            Some(f) if f.ty == Type::String || f.separator.is_some() => Some(f.clone()),
            Some(_) => {
                self.error(
                    list_name.span(),
                    format!(
                        "rule: list field '{}' must be a string of separated items or a separated list",
                        list_name.get_ref()
                    ),
                );
                None
            }
            None => {
                self.error(
                    list_name.span(),
                    format!("rule: names missing field '{}'", list_name.get_ref()),
                );
                None
            }
        };
        let count = match fields.iter().find(|f| f.wire_name == *count_name.get_ref()) {
            Some(f) if matches!(f.ty, Type::Int | Type::Long | Type::Decimal) => Some(f.clone()),
            Some(_) => {
                self.error(
                    count_name.span(),
                    format!(
                        "rule: count field '{}' must be an int, long or decimal",
                        count_name.get_ref()
                    ),
                );
                None
            }
            None => {
                self.error(
                    count_name.span(),
                    format!("rule: names missing field '{}'", count_name.get_ref()),
                );
                None
            }
        };
        let when = match &r.when {
            Some(when) => Some(self.condition(when, fields, list_name.get_ref(), enums)?),
            None => None,
        };
        Some(Rule::CountEquals {
            list: Box::new(list?),
            separator: r.separator.clone().unwrap_or_else(|| ",".to_owned()),
            count: Box::new(count?),
            when,
            description: r.description.clone(),
            severity,
        })
    }

    /// `one_of`: groups of optional fields of this struct, at least one given in full.
    fn one_of(
        &mut self,
        rule: &Spanned<RuleTable>,
        fields: &[Field],
        severity: crate::model::Severity,
    ) -> Option<Rule> {
        let r = rule.get_ref();
        let Some(groups) = &r.groups else {
            self.error(
                r.kind.span(),
                "rule 'one_of': needs `groups`, e.g. [[\"start_time\", \"end_time\"], [\"trade_no\"]]",
            );
            return None;
        };
        if groups.get_ref().is_empty() {
            self.error(groups.span(), "rule 'one_of': needs at least one group");
        }
        let mut resolved = Vec::new();
        let mut ok = true;
        for group in groups.get_ref() {
            // A field may belong to several groups (platform_id with refund_no, or with tid).
            let mut seen = HashSet::new();
            if group.is_empty() {
                self.error(groups.span(), "rule 'one_of': an empty group");
                ok = false;
            }
            let mut members = Vec::new();
            for name in group {
                let text = name.get_ref();
                match fields.iter().find(|f| f.wire_name == *text) {
                    Some(f) if f.required => {
                        self.error(
                            name.span(),
                            format!(
                                "rule 'one_of': field '{text}' is required; a field that an alternative can replace must be optional"
                            ),
                        );
                        ok = false;
                    }
                    Some(f) => members.push(f.clone()),
                    None => {
                        self.error(
                            name.span(),
                            format!("rule 'one_of': names missing field '{text}'"),
                        );
                        ok = false;
                    }
                }
                if !seen.insert(text.clone()) {
                    self.error(
                        name.span(),
                        format!("rule 'one_of': field '{text}' is named twice in one group"),
                    );
                    ok = false;
                }
            }
            resolved.push(members);
        }
        ok.then(|| Rule::OneOf {
            groups: resolved,
            description: r.description.clone(),
            severity,
        })
    }
}
