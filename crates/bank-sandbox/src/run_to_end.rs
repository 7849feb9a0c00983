//! A client that goes away mid-request (a paying process killed) must not leave the bank's SQLite write lock
//! held. Two guards: every request runs to its end in a task of its own, whatever the client does, and a
//! pooled connection that comes back still inside a transaction is closed (the `sqlite-pool` crate's pool).

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ob_error::ObError;

/// The outermost layer. hyper drops a request's future when its client closes the connection; here that
/// drops only the wait for the answer, never a handler halfway through a transaction.
pub async fn detach(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => ObError::internal(error).into_response(),
    }
}
