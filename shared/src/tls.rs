//! The process's TLS set-up, below every layer: the store (sqlx), the
//! notification senders (reqwest) and the runners all need it first.

/// Chooses ring as the process's TLS crypto provider (sqlx and reqwest share
/// rustls); later calls are no-ops.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
