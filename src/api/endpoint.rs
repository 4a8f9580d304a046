use std::fmt;

/// The base URL of a tenant, normalised: `https://` added where no scheme was given, trailing
/// slashes removed, a pasted browser URL (`…/<org>/<tenant>/reinfer_/datasets/…`) cut to its base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint(url::Url);

impl Endpoint {
    pub fn parse(input: &str) -> Result<Endpoint, String> {
        let _ = input;
        todo!("api helper: normalise endpoints")
    }

    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The host (and port), for showing which tenant is active. Never includes credentials.
    pub fn host(&self) -> String {
        todo!("api helper")
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}
