//! Checks across spec files: the Rust names their method segments become, and one protocol
//! per area. Code generation nests one module per segment, so two methods whose segments
//! turn into the same identifier (or an area named like the shared `codes` module) would
//! not compile.

use std::collections::BTreeMap;

use crate::error::SpecError;
use crate::model::Spec;
use crate::names;

/// Module names the generated root already uses.
const ROOT_MODULES: &[&str] = &["codes"];

/// One method segment and what is below it.
#[derive(Default)]
struct Group<'a> {
    children: BTreeMap<&'a str, Group<'a>>,
    endpoints: Vec<&'a Spec>,
}

impl<'a> Group<'a> {
    fn first_spec(&self) -> Option<&'a Spec> {
        self.endpoints
            .first()
            .copied()
            .or_else(|| self.children.values().find_map(Group::first_spec))
    }

    fn specs(&self, out: &mut Vec<&'a Spec>) {
        out.extend(&self.endpoints);
        for child in self.children.values() {
            child.specs(out);
        }
    }
}

/// Every problem between the specs of one catalogue, at the `method` line of the spec
/// that causes it.
pub fn check_catalog(specs: &[Spec]) -> Vec<SpecError> {
    let mut root = Group::default();
    for spec in specs {
        let mut node = &mut root;
        for segment in spec.endpoint.groups() {
            node = node.children.entry(segment).or_default();
        }
        node.endpoints.push(spec);
    }
    let mut errors = Vec::new();
    for (segment, area) in &root.children {
        let module = names::module_ident(segment);
        if ROOT_MODULES.contains(&module.as_str())
            && let Some(spec) = area.first_spec()
        {
            errors.push(at_method(
                spec,
                format!("endpoint: area '{segment}' becomes the module '{module}', which holds the shared code tables"),
            ));
        }
        one_protocol(segment, area, &mut errors);
    }
    collisions(&root, &mut errors);
    errors
}

fn at_method(spec: &Spec, message: String) -> SpecError {
    let (line, column) = spec.method_at;
    SpecError {
        file: spec.path.clone(),
        line,
        column,
        message,
    }
}

/// An area's accessors hang on one client type, so its methods share one protocol.
fn one_protocol(segment: &str, area: &Group<'_>, errors: &mut Vec<SpecError>) {
    let mut all = Vec::new();
    area.specs(&mut all);
    let Some(first) = all.first() else { return };
    for spec in &all[1..] {
        if spec.endpoint.protocol != first.endpoint.protocol {
            errors.push(at_method(
                spec,
                format!(
                    "endpoint: area '{segment}' mixes {} and {} methods ({} is {}); keep each area to one protocol",
                    first.endpoint.protocol.as_str(),
                    spec.endpoint.protocol.as_str(),
                    first.endpoint.method,
                    first.endpoint.protocol.as_str(),
                ),
            ));
        }
    }
}

/// For a method that is also a group of another, how to tell the two apart.
fn hint(first: &str) -> &'static str {
    if first.starts_with("group ") {
        " (a method that is also a group: give the longer method an [endpoint] operation of its last two segments)"
    } else {
        ""
    }
}

/// Two segments or operations that become the same Rust name in one module.
fn collisions(group: &Group<'_>, errors: &mut Vec<SpecError>) {
    // Every generated module declares `use … as rt;` for the runtime.
    let mut seen: BTreeMap<String, String> = BTreeMap::from([(
        "rt".to_owned(),
        "the runtime alias of generated modules".to_owned(),
    )]);
    let mut claim =
        |name: String, what: String, spec: Option<&Spec>, errors: &mut Vec<SpecError>| {
            if let Some(first) = seen.insert(name.clone(), what.clone())
                && let Some(spec) = spec
            {
                errors.push(at_method(
                    spec,
                    format!(
                        "endpoint: {what} and {first} both become the Rust name '{name}'{}",
                        hint(&first)
                    ),
                ));
            }
        };
    for (segment, child) in &group.children {
        let spec = child.first_spec();
        claim(
            names::module_ident(segment),
            format!("group '{segment}'"),
            spec,
            errors,
        );
        claim(
            names::type_ident(segment),
            format!("group '{segment}' (its accessor)"),
            spec,
            errors,
        );
    }
    for spec in &group.endpoints {
        claim(
            names::module_ident(spec.endpoint.operation()),
            format!("method '{}'", spec.endpoint.method),
            Some(spec),
            errors,
        );
    }
    for child in group.children.values() {
        collisions(child, errors);
    }
}
