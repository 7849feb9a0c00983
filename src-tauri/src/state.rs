//! What the commands share: the open wallet, or why it could not be opened.

use std::sync::Arc;

use wallet_app::{ApiError, Wallet};

pub struct AppState {
    wallet: Result<Arc<Wallet>, ApiError>,
}

impl AppState {
    pub fn new(wallet: Result<Arc<Wallet>, ApiError>) -> Self {
        Self { wallet }
    }

    pub fn wallet(&self) -> Result<&Wallet, ApiError> {
        self.wallet.as_deref().map_err(Clone::clone)
    }
}
