//! Reading the URL the bank sent the browser back to: the code when the state matches, the bank's own
//! error when the user refused or cancelled.

use url::Url;

use crate::error::{Error, sanitize};

/// The authorisation code from the final redirect, after checking `state` against the one sent.
pub fn code_from_redirect(redirect: &Url, expected_state: &str) -> Result<String, Error> {
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for (name, value) in redirect.query_pairs() {
        match name.as_ref() {
            "code" => code = Some(value.into_owned()),
            "state" => state = Some(value.into_owned()),
            "error" => error = Some(value.into_owned()),
            "error_description" => description = Some(value.into_owned()),
            _ => {}
        }
    }
    if let Some(error) = error {
        return Err(Error::AuthorizationDenied {
            error: sanitize(&error),
            description: sanitize(description.as_deref().unwrap_or("")),
        });
    }
    if state.as_deref() != Some(expected_state) {
        return Err(Error::StateMismatch);
    }
    code.filter(|c| !c.is_empty())
        .ok_or_else(|| Error::Protocol("the redirect carries no authorisation code".to_string()))
}
