//! Keeps the house in order: the rules of ARCHITECTURE.md, checked on the source itself.
//!
//! How it reads the code (a small lexer is enough for these questions; no parser crate):
//! - It follows the `mod` declarations from `src/lib.rs` (with `#[path]`) to every file, and
//!   marks `#[cfg(test)]` modules and items as test code.
//! - It drops comments and literals and collects every path that names a module of the crate:
//!   in `use` trees (braces expanded) and in code, when it starts with `crate::`, `super::`,
//!   `self::` or the name of a child module.
//! - It resolves each path module by module. A name that is no module is looked up among the
//!   names its module imports or defines, so `super::Listing` in `state/pages.rs` counts as a
//!   use of `state/catalog.rs`, where `state/mod.rs` takes it from.
//! - Method calls and `impl` blocks name no path: the methods of one type spread over several
//!   files are not seen as uses between them.
//!
//! Then: (a) a path from one top-level module into another must be allowed by the "may use"
//! column of ARCHITECTURE.md's table, and a module missing from the table fails; (b) among the
//! files and sub-folders of one folder, the uses outside test code form no circle; (c) a token's
//! text is read (`Token::expose`) only where ARCHITECTURE.md says.

mod lex;
mod modules;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lex::{ident, is};
use modules::{Crate, shown, src};

/// What a top-level module may use, from ARCHITECTURE.md's table: (layer, allowed names or
/// layer ranges, or everything).
struct Layer {
    number: f64,
    may_use: Option<Vec<Allowed>>,
}

enum Allowed {
    Module(String),
    Layers(f64, f64),
}

fn layers() -> BTreeMap<String, Layer> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    let mut layers = BTreeMap::new();
    for line in text.lines().filter(|line| line.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(number), Some(folder), Some(may_use)) = (
            cells.get(1).and_then(|c| c.parse::<f64>().ok()),
            cells.get(2),
            cells.get(4),
        ) else {
            continue;
        };
        let name = folder
            .trim_matches('`')
            .trim_start_matches("src/")
            .trim_end_matches('/')
            .trim_end_matches(".rs");
        let may_use = match *may_use {
            "all" => None,
            "–" | "-" => Some(Vec::new()),
            list => Some(
                list.split(',')
                    .map(|item| {
                        let item = item.trim().trim_matches('`');
                        match item
                            .split_once(['–', '-'])
                            .map(|(a, b)| (a.parse(), b.parse()))
                        {
                            Some((Ok(low), Ok(high))) => Allowed::Layers(low, high),
                            _ => Allowed::Module(item.to_owned()),
                        }
                    })
                    .collect(),
            ),
        };
        layers.insert(name.to_owned(), Layer { number, may_use });
    }
    assert!(
        layers.len() >= 8,
        "ARCHITECTURE.md's table of layers was not found"
    );
    layers
}

#[test]
fn no_module_uses_a_layer_it_may_not() {
    let krate = Crate::read(&src());
    let layers = layers();
    let mut wrong = BTreeSet::new();
    for module in &krate.modules[1..] {
        assert!(
            layers.contains_key(&module.path[0]),
            "src/{} is in no row of ARCHITECTURE.md's table of layers",
            module.path[0]
        );
    }
    for (from, to, written, _) in krate.uses() {
        let (Some(user), Some(used)) = (from.path.first(), to.path.first()) else {
            continue;
        };
        if user == used {
            continue;
        }
        let allowed = match &layers[user].may_use {
            None => true,
            Some(list) => list.iter().any(|allowed| match allowed {
                Allowed::Module(name) => name == used,
                Allowed::Layers(low, high) => (*low..=*high).contains(&layers[used].number),
            }),
        };
        if !allowed {
            wrong.insert(format!(
                "{} uses {written} (src/{used}), which layer `{user}` may not use",
                shown(from)
            ));
        }
    }
    let seen = krate
        .uses()
        .iter()
        .filter(|(from, to, ..)| from.path.first() != to.path.first())
        .count();
    assert!(
        seen > 100,
        "only {seen} uses across layers were found: the scan is broken"
    );
    assert!(
        wrong.is_empty(),
        "uses against ARCHITECTURE.md:\n{}",
        Vec::from_iter(wrong).join("\n")
    );
}

#[test]
fn no_circle_among_the_files_of_a_folder() {
    let krate = Crate::read(&src());
    // folder -> (user -> used -> an example)
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeMap<String, String>>> =
        BTreeMap::new();
    for (from, to, written, test) in krate.uses() {
        let shared = from
            .path
            .iter()
            .zip(&to.path)
            .take_while(|(a, b)| a == b)
            .count();
        if test || shared >= from.path.len() || shared >= to.path.len() {
            continue;
        }
        graphs
            .entry(from.path[..shared].to_vec())
            .or_default()
            .entry(from.path[shared].clone())
            .or_default()
            .entry(to.path[shared].clone())
            .or_insert_with(|| format!("{} uses {written}", shown(from)));
    }
    let inspect_ui = graphs.get(&["ui".to_owned(), "inspect".to_owned()][..]);
    assert!(
        inspect_ui.is_some_and(|g| g
            .get("detail")
            .is_some_and(|used| used.contains_key("bars"))),
        "the scan did not see ui/inspect/detail.rs use bars.rs: it is broken"
    );
    // Each circle once, however many of its files it could be told from.
    let mut circles: BTreeMap<(&Vec<String>, BTreeSet<String>), String> = BTreeMap::new();
    for (folder, graph) in &graphs {
        for (start, used) in graph {
            for (next, example) in used {
                // A circle through start -> next: a way back from next to start.
                if let Some((members, way_back)) = way(graph, next, start) {
                    let mut lines = vec![example.clone()];
                    lines.extend(way_back);
                    let mut members = members;
                    members.insert(start.clone());
                    circles.entry((folder, members)).or_insert_with(|| {
                        format!("in src/{}/: {}", folder.join("/"), lines.join("; "))
                    });
                }
            }
        }
    }
    let circles: Vec<String> = circles.into_values().collect();
    assert!(
        circles.is_empty(),
        "circles among the files of a folder:\n{}",
        circles.join("\n")
    );
}

/// The files on a shortest way from `from` to `to`, and the uses that make it.
fn way(
    graph: &BTreeMap<String, BTreeMap<String, String>>,
    from: &str,
    to: &str,
) -> Option<(BTreeSet<String>, Vec<String>)> {
    let mut came: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let (mut members, mut steps) = (BTreeSet::from([from.to_owned()]), Vec::new());
            let mut at = to;
            while at != from {
                let (before, example) = came[at];
                members.insert(at.to_owned());
                steps.push(example.to_owned());
                at = before;
            }
            steps.reverse();
            return Some((members, steps));
        }
        for (next, example) in graph.get(node).into_iter().flatten() {
            if next != from && !came.contains_key(next.as_str()) {
                came.insert(next, (node, example));
                queue.push_back(next);
            }
        }
    }
    None
}

#[test]
fn the_token_text_is_read_only_where_architecture_says() {
    // ARCHITECTURE.md: besides the methods of `api/token.rs` that name where the text goes, only
    // the keyring's entry (src/credentials/mod.rs) calls `Token::expose`; tests may check it.
    let allowed = [vec!["credentials".to_owned()]];
    let krate = Crate::read(&src());
    let mut readers = Vec::new();
    for module in &krate.modules {
        let t = &module.tokens;
        for i in 1..t.len() {
            let call =
                is(t.get(i - 1), '.') && ident(t.get(i)) == Some("expose") && is(t.get(i + 1), '(');
            if call && !module.test && !module.tests[i] && !allowed.contains(&module.path) {
                readers.push(shown(module));
            }
        }
    }
    assert!(
        readers.is_empty(),
        "the token's text is read in {readers:?}"
    );
}
