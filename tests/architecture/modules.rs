//! The crate's modules, read from `src/lib.rs` down, with every path each one writes, and
//! the module such a path lands in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::lex::{Tok, ident, is, lex, test_mask, use_tree};

/// A path that names a module of the crate, where it was written.
pub struct Ref {
    /// The module whose code holds it, inline modules (`mod tests { … }`) included.
    from: Vec<String>,
    written: Vec<String>,
    test: bool,
}

#[derive(Default)]
pub struct Module {
    pub path: Vec<String>,
    pub file: PathBuf,
    pub test: bool,
    children: BTreeMap<String, usize>,
    /// What each name means here: imported from a path of the crate, or defined here (`None`).
    names: BTreeMap<String, Option<Vec<String>>>,
    globs: Vec<Vec<String>>,
    refs: Vec<Ref>,
    pub tokens: Vec<Tok>,
    pub tests: Vec<bool>,
}

pub struct Crate {
    pub modules: Vec<Module>,
}

impl Crate {
    pub fn read(src: &Path) -> Crate {
        let mut krate = Crate {
            modules: Vec::new(),
        };
        krate.load(src.join("lib.rs"), Vec::new(), false);
        krate
    }

    fn load(&mut self, file: PathBuf, path: Vec<String>, test: bool) -> usize {
        let source =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let tokens = lex(&source);
        let tests = test_mask(&tokens);
        let index = self.modules.len();
        self.modules.push(Module {
            path: path.clone(),
            file: file.clone(),
            test,
            ..Module::default()
        });
        // Child files first: paths in code may start with a child's name.
        let own_dir = match file.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs") => file.parent().unwrap().to_owned(),
            _ => file.with_extension(""),
        };
        let mut declared_path = None;
        let mut depth = 0;
        for i in 0..tokens.len() {
            match &tokens[i] {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => depth -= 1,
                Tok::Ident(word) if word == "path" && is(tokens.get(i + 1), '=') => {
                    if let Some(Tok::Str(p)) = tokens.get(i + 2) {
                        declared_path = Some(file.parent().unwrap().join(p));
                    }
                }
                Tok::Ident(word) if word == "mod" && depth == 0 && is(tokens.get(i + 2), ';') => {
                    let name = ident(tokens.get(i + 1)).unwrap().to_owned();
                    let child_file = declared_path.take().unwrap_or_else(|| {
                        let flat = own_dir.join(format!("{name}.rs"));
                        if flat.exists() {
                            flat
                        } else {
                            own_dir.join(&name).join("mod.rs")
                        }
                    });
                    let mut child_path = path.clone();
                    child_path.push(name.clone());
                    let child = self.load(child_file, child_path, test || tests[i]);
                    self.modules[index].children.insert(name, child);
                }
                _ => {}
            }
        }
        self.scan(index, tokens, tests);
        index
    }

    /// Collects the module's names and the paths it writes.
    fn scan(&mut self, index: usize, tokens: Vec<Tok>, tests: Vec<bool>) {
        let module_test = self.modules[index].test;
        let base = self.modules[index].path.clone();
        let children: BTreeSet<String> = self.modules[index].children.keys().cloned().collect();
        let mut inline: Vec<(String, i32)> = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while i < tokens.len() {
            let test = module_test || tests[i];
            let mut from = base.clone();
            from.extend(inline.iter().map(|(name, _)| name.clone()));
            let item_level = depth == inline.last().map_or(0, |(_, d)| *d);
            match &tokens[i] {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if inline.last().is_some_and(|(_, d)| depth < *d) {
                        inline.pop();
                    }
                }
                Tok::Ident(word) if word == "mod" && is(tokens.get(i + 2), '{') => {
                    inline.push((ident(tokens.get(i + 1)).unwrap().to_owned(), depth + 1));
                }
                Tok::Ident(word) if word == "use" => {
                    let mut leaves = Vec::new();
                    i += 1;
                    use_tree(&tokens, &mut i, Vec::new(), &mut leaves);
                    for (written, name) in leaves {
                        let relative = written.first().is_some_and(|first| {
                            ["crate", "super", "self"].contains(&first.as_str())
                                || (inline.is_empty() && children.contains(first))
                        });
                        if !relative {
                            if let (Some(name), true, false) = (name, inline.is_empty(), test) {
                                self.modules[index].names.entry(name).or_insert(None);
                            }
                            continue;
                        }
                        let absolute = absolute(&from, &written);
                        if inline.is_empty() && !test {
                            match name {
                                Some(name) => {
                                    self.modules[index].names.insert(name, Some(absolute));
                                }
                                None => self.modules[index].globs.push(absolute),
                            }
                        }
                        self.modules[index].refs.push(Ref {
                            from: from.clone(),
                            written,
                            test,
                        });
                    }
                    continue;
                }
                Tok::Ident(word)
                    if item_level
                        && inline.is_empty()
                        && [
                            "struct", "enum", "fn", "trait", "type", "const", "static", "union",
                        ]
                        .contains(&word.as_str()) =>
                {
                    if let (Some(name), false) = (ident(tokens.get(i + 1)), test) {
                        self.modules[index].names.insert(name.to_owned(), None);
                    }
                }
                Tok::Ident(first)
                    if tokens.get(i + 1) == Some(&Tok::Sep)
                        && i.checked_sub(1).is_none_or(|p| tokens[p] != Tok::Sep)
                        && (["crate", "super", "self"].contains(&first.as_str())
                            || (inline.is_empty() && children.contains(first))) =>
                {
                    let mut written = vec![first.clone()];
                    let mut j = i + 1;
                    while tokens.get(j) == Some(&Tok::Sep) {
                        match ident(tokens.get(j + 1)) {
                            Some(word) => written.push(word.to_owned()),
                            None => break,
                        }
                        j += 2;
                    }
                    self.modules[index].refs.push(Ref {
                        from,
                        written,
                        test,
                    });
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        self.modules[index].tokens = tokens;
        self.modules[index].tests = tests;
    }

    /// Whether `name` means something in module `m`.
    fn knows(&self, m: usize, name: &str, hops: usize) -> bool {
        let module = &self.modules[m];
        module.children.contains_key(name)
            || module.names.contains_key(name)
            || (hops < 8
                && module
                    .globs
                    .iter()
                    .any(|glob| self.knows(self.resolve(glob, hops + 1), name, hops + 1)))
    }

    /// The module an absolute path lands in.
    fn resolve(&self, path: &[String], hops: usize) -> usize {
        let mut m = 0;
        for (k, segment) in path.iter().enumerate() {
            let module = &self.modules[m];
            if let Some(&child) = module.children.get(segment) {
                m = child;
                continue;
            }
            if hops >= 8 {
                return m;
            }
            let follow = |target: &Vec<String>, from: usize| {
                let mut full = target.clone();
                full.extend_from_slice(&path[from..]);
                self.resolve(&full, hops + 1)
            };
            return match module.names.get(segment) {
                Some(Some(target)) => follow(target, k + 1),
                Some(None) => m,
                None => match module
                    .globs
                    .iter()
                    .find(|glob| self.knows(self.resolve(glob, hops + 1), segment, hops + 1))
                {
                    Some(glob) => follow(glob, k),
                    None => m,
                },
            };
        }
        m
    }

    /// Every reference, resolved: (from file module, to module, written, test).
    pub fn uses(&self) -> Vec<(&Module, &Module, String, bool)> {
        let mut uses = Vec::new();
        for module in &self.modules {
            for r in &module.refs {
                let target = &self.modules[self.resolve(&absolute(&r.from, &r.written), 0)];
                uses.push((module, target, r.written.join("::"), r.test));
            }
        }
        uses
    }
}

/// `written` as a path from the crate root, as seen from module `from`.
fn absolute(from: &[String], written: &[String]) -> Vec<String> {
    let (mut base, rest) = match written[0].as_str() {
        "crate" => (Vec::new(), &written[1..]),
        "self" => (from.to_vec(), &written[1..]),
        "super" => {
            let ups = written.iter().take_while(|s| *s == "super").count();
            (
                from[..from.len().saturating_sub(ups)].to_vec(),
                &written[ups..],
            )
        }
        _ => (from.to_vec(), written),
    };
    base.extend_from_slice(rest);
    base
}

pub fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

pub fn shown(module: &Module) -> String {
    module
        .file
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(&module.file)
        .display()
        .to_string()
}
