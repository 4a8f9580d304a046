//! Rust source as tokens, with comments and literals dropped: enough to find `mod`
//! declarations, `use` trees, paths and `#[cfg(test)]` items.

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    Str(String),
}

pub fn lex(source: &str) -> Vec<Tok> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    (depth, i) = (depth + 1, i + 2);
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    (depth, i) = (depth - 1, i + 2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            tokens.push(Tok::Str(chars[start..i.min(chars.len())].iter().collect()));
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a), which is skipped.
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let hashes = (i..).take_while(|&j| at(j) == '#').count();
            if matches!(word.as_str(), "r" | "br" | "cr") && at(i + hashes) == '"' {
                // A raw string: up to the quote followed by as many hashes.
                i += hashes + 1;
                while i < chars.len()
                    && !(chars[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#'))
                {
                    i += 1;
                }
                i += hashes + 1;
            } else if matches!(word.as_str(), "b" | "c") && matches!(at(i), '"' | '\'') {
                // A byte or C string or byte: the next round reads it as a literal.
            } else {
                tokens.push(Tok::Ident(word));
            }
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || chars[i] == '_'
                    || (chars[i] == '.' && at(i + 1).is_ascii_digit()))
            {
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            tokens.push(Tok::Sep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(Tok::Punct(c));
            }
            i += 1;
        }
    }
    tokens
}

pub fn ident(token: Option<&Tok>) -> Option<&str> {
    match token {
        Some(Tok::Ident(word)) => Some(word),
        _ => None,
    }
}

pub fn is(token: Option<&Tok>, c: char) -> bool {
    token == Some(&Tok::Punct(c))
}

/// The index just past the bracket group that opens at `open`.
fn past_group(tokens: &[Tok], open: usize) -> usize {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// For each token, whether it belongs to an item under `#[cfg(test)]`.
pub fn test_mask(tokens: &[Tok]) -> Vec<bool> {
    let mut mask = vec![false; tokens.len()];
    let cfg_test = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    for start in 0..tokens.len() {
        if !tokens[start..].starts_with(&cfg_test) {
            continue;
        }
        let mut i = start + cfg_test.len();
        while is(tokens.get(i), '#') {
            i = past_group(tokens, i + 1);
        }
        let end = loop {
            match tokens.get(i) {
                None => break tokens.len(),
                Some(Tok::Punct(';')) => break i + 1,
                Some(Tok::Punct('{')) => break past_group(tokens, i),
                Some(Tok::Punct('(' | '[')) => i = past_group(tokens, i),
                Some(_) => i += 1,
            }
        };
        mask[start..end].fill(true);
    }
    mask
}

/// One `use` leaf: the path as written and the name it brings in (`None` for a glob).
pub fn use_tree(
    tokens: &[Tok],
    i: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let mut path = prefix;
    loop {
        match tokens.get(*i) {
            Some(Tok::Ident(word)) => {
                path.push(word.clone());
                *i += 1;
                if tokens.get(*i) == Some(&Tok::Sep) {
                    *i += 1;
                    continue;
                }
                if path.last().is_some_and(|last| last == "self") {
                    path.pop();
                }
                let mut name = path.last().cloned();
                if ident(tokens.get(*i)) == Some("as") {
                    name = ident(tokens.get(*i + 1)).map(str::to_owned);
                    *i += 2;
                }
                out.push((path, name));
                return;
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push((path, None));
                return;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                while !matches!(tokens.get(*i), Some(Tok::Punct('}')) | None) {
                    use_tree(tokens, i, path.clone(), out);
                    if is(tokens.get(*i), ',') {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            Some(Tok::Sep) => *i += 1,
            _ => return,
        }
    }
}
