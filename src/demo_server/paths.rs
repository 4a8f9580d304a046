//! Where a request goes, decided once before routing: the server's base path is taken off (a
//! tenant serves its API under `/<organisation>/<tenant>/reinfer_`), and a full name sent as ONE
//! percent-encoded segment (`northwind-bank%2Fservice-mail`, as the vendor's client sends it)
//! reads like `northwind-bank/service-mail`. Every route, present or future, takes both spellings.

/// Checks and normalises a base path: `""` for the root, otherwise `/segment/…` without a
/// trailing slash. The error is a sentence saying what to fix.
pub fn normalise_base(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let Some(rest) = trimmed.strip_prefix('/') else {
        return Err(format!(
            "the base path must start with '/', e.g. /acme/DefaultTenant/reinfer_ (got {text:?})"
        ));
    };
    for segment in rest.split('/') {
        let plain = segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c));
        if segment.is_empty() || segment == "." || segment == ".." || !plain {
            return Err(format!(
                "the base path {text:?} has a segment {segment:?}; use letters, digits and - . _ ~ \
                 between single slashes"
            ));
        }
    }
    Ok(trimmed.to_owned())
}

/// The path the routes see for a request path as sent, or `None` when it lies outside `base`.
pub fn routed(path: &str, base: &str) -> Option<String> {
    let rest = path.strip_prefix(base)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let rest = if rest.is_empty() { "/" } else { rest };
    Some(rest.replace("%2F", "/").replace("%2f", "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised_or_refused_in_words() {
        assert_eq!(normalise_base("").unwrap(), "");
        assert_eq!(normalise_base("/").unwrap(), "");
        assert_eq!(
            normalise_base(" /acme/DefaultTenant/reinfer_/ ").unwrap(),
            "/acme/DefaultTenant/reinfer_"
        );
        let relative = normalise_base("acme/reinfer_").unwrap_err();
        assert!(relative.contains("must start with '/'"), "{relative}");
        for bad in ["/acme//reinfer_", "/acme/../x", "/a b", "/a?b=1", "/a%2Fb"] {
            let err = normalise_base(bad).unwrap_err();
            assert!(err.contains("segment"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_base_is_taken_off_and_encoded_slashes_read_as_slashes() {
        let base = "/acme/DefaultTenant/reinfer_";
        assert_eq!(
            routed(
                "/acme/DefaultTenant/reinfer_/api/v1/datasets/a%2Fb/streams",
                base
            )
            .as_deref(),
            Some("/api/v1/datasets/a/b/streams")
        );
        assert_eq!(
            routed("/acme/DefaultTenant/reinfer_", base).as_deref(),
            Some("/")
        );
        assert_eq!(routed("/api/v1/datasets", base), None, "outside the base");
        assert_eq!(
            routed("/acme/DefaultTenant/reinfer_x/api", base),
            None,
            "a longer segment is not the base"
        );
        assert_eq!(
            routed("/api/v1/sources/p%2fs/comments/c%201", "").as_deref(),
            Some("/api/v1/sources/p/s/comments/c%201"),
            "only the slash is decoded; the rest stays for the routes"
        );
    }
}
