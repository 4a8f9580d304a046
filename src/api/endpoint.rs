use std::fmt;
use std::net::IpAddr;

use url::{Host, Url};

/// The path segment that ends a UiPath tenant's API base (`…/<org>/<tenant>/reinfer_`).
const TENANT_SUFFIX: &str = "reinfer_";

/// The base URL of a tenant, normalised: `https://` added where no scheme was given, trailing
/// slashes removed, a pasted browser URL (`…/<org>/<tenant>/reinfer_/datasets/…`) cut to its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint(Url);

impl Endpoint {
    /// Reads what a person typed or pasted. The error is a sentence saying what to fix; it never
    /// repeats a password that was part of the input.
    pub fn parse(input: &str) -> Result<Endpoint, String> {
        let input = input.trim();
        if input.is_empty() {
            return Err("Enter the API endpoint, e.g. \
                        https://cloud.uipath.com/<organisation>/<tenant>/reinfer_."
                .to_owned());
        }
        let with_scheme = if input.contains("://") {
            input.to_owned()
        } else {
            format!("https://{input}")
        };
        let mut url = Url::parse(&with_scheme)
            .map_err(|err| format!("'{input}' is not a web address ({err})."))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err("The endpoint must not contain a user name or password. \
                        Remove them; the API token goes in its own field."
                .to_owned());
        }
        let host = match url.host() {
            Some(host) => host.to_owned(),
            None => return Err(format!("'{input}' names no server.")),
        };
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            "http" => {
                return Err(format!(
                    "Use https:// for {host}: the token must not travel unencrypted (plain \
                     http:// is accepted only for this computer, such as the demo server)."
                ));
            }
            other => {
                return Err(format!(
                    "The endpoint must start with https://, not {other}://."
                ));
            }
        }
        url.set_query(None);
        url.set_fragment(None);
        let base = base_path(&host, url.path_segments().into_iter().flatten().collect());
        url.set_path(&base.join("/"));
        Ok(Endpoint(url))
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    /// The host (and port), for showing which tenant is active. Never includes credentials.
    pub fn host(&self) -> String {
        let host = self.0.host_str().unwrap_or_default();
        match self.0.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// True for `localhost` and loopback addresses: the demo server, never a real tenant.
    pub fn is_loopback(&self) -> bool {
        self.0
            .host()
            .is_some_and(|host| is_loopback(&host.to_owned()))
    }

    /// The URL of an API route: the base plus `segments`, each percent-encoded on its own (a
    /// `/` inside a name stays inside its segment).
    pub(crate) fn route<'a>(&self, segments: impl IntoIterator<Item = &'a str>) -> Url {
        let mut url = self.0.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }
}

/// The path segments of the API base within a pasted URL's path.
fn base_path<'a>(host: &Host<String>, segments: Vec<&'a str>) -> Vec<&'a str> {
    let segments: Vec<&str> = segments.into_iter().filter(|s| !s.is_empty()).collect();
    if let Some(at) = segments.iter().position(|s| *s == TENANT_SUFFIX) {
        return segments[..=at].to_vec();
    }
    let host_name = match host {
        Host::Domain(name) => name.to_ascii_lowercase(),
        _ => String::new(),
    };
    if host_name == "reinfer.io" || host_name.ends_with(".reinfer.io") {
        // Legacy tenants serve the API at their root; anything after it is a browser page.
        return Vec::new();
    }
    if let Some(at) = segments.iter().position(|s| *s == "api" || *s == "auth") {
        // A pasted API URL: the base is everything before the route.
        return segments[..at].to_vec();
    }
    if host_name.ends_with("uipath.com") && segments.len() == 2 {
        // `<org>/<tenant>` without its suffix would answer 404 to everything.
        let mut base = segments;
        base.push(TENANT_SUFFIX);
        return base;
    }
    segments
}

fn is_loopback(host: &Host<String>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

impl fmt::Display for Endpoint {
    /// The base without a trailing slash, as a person would type it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_paste() {
        let cases = [
            (
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            (
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_//",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            (
                "  cloud.uipath.com/acme/DefaultTenant/reinfer_/ ",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            (
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_/datasets/acme-ops/claims",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            (
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_/datasets/x?tab=streams#top",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            (
                "https://cloud.uipath.com/acme/DefaultTenant",
                "https://cloud.uipath.com/acme/DefaultTenant/reinfer_",
            ),
            ("https://acme.reinfer.io/", "https://acme.reinfer.io"),
            (
                "acme.reinfer.io/datasets/acme-ops/claims",
                "https://acme.reinfer.io",
            ),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ("http://localhost:3000", "http://localhost:3000"),
            ("http://[::1]:9000", "http://[::1]:9000"),
            (
                "https://api.example.com/cm/api/v1/datasets",
                "https://api.example.com/cm",
            ),
        ];
        for (input, expected) in cases {
            let endpoint = Endpoint::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(endpoint.to_string(), expected, "{input}");
        }
    }

    #[test]
    fn refuses_what_cannot_work_in_plain_words() {
        let password =
            Endpoint::parse("https://bob:hunter2@cloud.uipath.com/a/b/reinfer_").unwrap_err();
        assert!(password.contains("user name or password"), "{password}");
        assert!(!password.contains("hunter2"), "{password}");

        let plain = Endpoint::parse("http://cloud.uipath.com/a/b/reinfer_").unwrap_err();
        assert!(plain.contains("https://"), "{plain}");
        assert!(
            Endpoint::parse("   ")
                .unwrap_err()
                .starts_with("Enter the API endpoint")
        );
        assert!(
            Endpoint::parse("ftp://x.example")
                .unwrap_err()
                .contains("ftp://")
        );
        assert!(
            Endpoint::parse("https://exa mple.com")
                .unwrap_err()
                .contains("not a web address")
        );
    }

    #[test]
    fn host_and_routes() {
        let endpoint = Endpoint::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(endpoint.host(), "127.0.0.1:8080");
        assert!(endpoint.is_loopback());
        let tenant = Endpoint::parse("https://cloud.uipath.com/acme/T/reinfer_").unwrap();
        assert_eq!(tenant.host(), "cloud.uipath.com");
        assert!(!tenant.is_loopback());
        let route = tenant.route(["api", "v1", "datasets", "a b", "x/y", "streams"]);
        assert_eq!(
            route.as_str(),
            "https://cloud.uipath.com/acme/T/reinfer_/api/v1/datasets/a%20b/x%2Fy/streams"
        );
        let root = Endpoint::parse("https://acme.reinfer.io").unwrap();
        assert_eq!(
            root.route(["auth", "user"]).as_str(),
            "https://acme.reinfer.io/auth/user"
        );
    }
}
