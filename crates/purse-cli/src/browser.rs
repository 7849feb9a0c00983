//! How the command line shows a bank's sign-in page: the address printed for the person to open, or
//! opened in the system browser (`--open`, the `open` crate); either way Purse waits on its loopback
//! listener for the bank to send the browser back.

use url::Url;

pub struct Terminal {
    /// Open the page in the system browser as well as printing it.
    pub open: bool,
}

impl browser_sign_in::Browser for Terminal {
    fn open(&self, url: &Url) -> Result<(), String> {
        eprintln!(
            "Sign in at your bank: open this address in your browser.\n{url}\nWaiting for the bank..."
        );
        if self.open {
            open::that_detached(url.as_str()).map_err(|error| error.to_string())?;
        }
        Ok(())
    }
}
