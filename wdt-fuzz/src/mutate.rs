//! Seeded mutations: bytes, lines, and JSON values.

use serde_json::Value;

/// A source of mutations; the same seed gives the same mutations.
pub struct Mutator {
    rng: fastrand::Rng,
}

/// Text the mutations splice in: the shapes parsers tend to get wrong.
const NASTY: &[&str] = &[
    "",
    "\"",
    "\\",
    "{",
    "[[[[[[[[",
    "]]]]",
    "<",
    "</response>",
    "&amp;",
    "&#0;",
    "\u{0}",
    "\u{feff}",
    "99999999999999999999999999999",
    "-0",
    "1e400",
    "NaN",
    "2026-02-30 25:61:61",
    "true",
    "null",
    "= ",
    "[[struct]]",
    "type = \"list<list<map<string>>>\"",
    "|",
    "---",
    "丶",
];

impl Mutator {
    pub fn new(seed: u64) -> Self {
        Mutator {
            rng: fastrand::Rng::with_seed(seed),
        }
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.rng.usize(..n) }
    }

    fn nasty(&mut self) -> &'static str {
        NASTY[self.below(NASTY.len())]
    }

    /// One to four byte-level edits: flips, insertions, deletions, a duplicated or cut tail.
    pub fn bytes(&mut self, input: &[u8]) -> Vec<u8> {
        let mut out = input.to_vec();
        for _ in 0..=self.below(4) {
            let at = self.below(out.len() + 1);
            match self.below(6) {
                0 if at < out.len() => out[at] ^= 1 << self.below(8),
                1 => out.splice(at..at, self.nasty().bytes()).for_each(drop),
                2 if at < out.len() => {
                    let end = (at + 1 + self.below(16)).min(out.len());
                    out.drain(at..end);
                }
                3 => out.truncate(at),
                4 => {
                    let end = (at + self.below(64)).min(out.len());
                    let copy = out[at..end].to_vec();
                    out.splice(at..at, copy).for_each(drop);
                }
                _ => out.insert(at.min(out.len()), self.rng.u8(..)),
            }
        }
        out
    }

    /// Line-level edits (drop, duplicate, swap, splice text into a line), then maybe bytes.
    pub fn lines(&mut self, input: &str) -> String {
        let mut lines: Vec<String> = input.lines().map(str::to_owned).collect();
        for _ in 0..=self.below(3) {
            let at = self.below(lines.len());
            match self.below(4) {
                0 if !lines.is_empty() => {
                    lines.remove(at);
                }
                1 if !lines.is_empty() => {
                    let copy = lines[at].clone();
                    lines.insert(at, copy);
                }
                2 if lines.len() > 1 => {
                    let other = self.below(lines.len());
                    lines.swap(at, other);
                }
                _ if !lines.is_empty() => {
                    let line = &mut lines[at];
                    let cut = (0..=line.len())
                        .filter(|i| line.is_char_boundary(*i))
                        .nth(self.rng.usize(..=line.chars().count()))
                        .unwrap_or(0);
                    let nasty = self.nasty();
                    line.insert_str(cut, nasty);
                }
                _ => lines.push(self.nasty().to_owned()),
            }
        }
        let text = lines.join("\n");
        if self.below(4) == 0 {
            String::from_utf8_lossy(&self.bytes(text.as_bytes())).into_owned()
        } else {
            text
        }
    }

    /// A JSON value with one to three nodes replaced by values of other shapes (deep
    /// nesting, huge numbers, long strings, wrong types) or removed.
    pub fn json(&mut self, input: &Value) -> Value {
        let mut out = input.clone();
        for _ in 0..=self.below(3) {
            let count = count_nodes(&out);
            let target = self.below(count);
            let replacement = self.value();
            let mut index = 0;
            replace_node(&mut out, target, &mut index, &replacement);
        }
        out
    }

    fn value(&mut self) -> Value {
        match self.below(9) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.bool()),
            2 => Value::from(self.rng.i64(..)),
            3 => serde_json::from_str("1e300").unwrap_or(Value::Null),
            4 => Value::String(self.nasty().to_owned()),
            5 => Value::String("长".repeat(self.below(5000))),
            6 => {
                let mut deep = Value::from(1);
                for _ in 0..self.below(200) {
                    deep = Value::Array(vec![deep]);
                }
                deep
            }
            7 => Value::Array(vec![Value::from(self.nasty()); self.below(4)]),
            _ => Value::Object(Default::default()),
        }
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Replaces the `target`-th node (pre-order) with `replacement`; whether it was found.
fn replace_node(value: &mut Value, target: usize, index: &mut usize, replacement: &Value) -> bool {
    if *index == target {
        *value = replacement.clone();
        return true;
    }
    *index += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|child| replace_node(child, target, index, replacement)),
        Value::Object(map) => map
            .values_mut()
            .any(|child| replace_node(child, target, index, replacement)),
        _ => false,
    }
}
