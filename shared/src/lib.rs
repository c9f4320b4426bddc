//! Simplicity's shared crate: everything the endpoint functions, the workers
//! and the local server have in common.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod endpoints;
pub mod error;
mod hmac;
pub mod http;
pub mod ids;
pub mod jobs;
pub mod logging;
pub mod mail;
pub mod manifests;
pub mod metrics;
pub mod notify;
pub mod realtime;
pub mod reporting;
pub mod runner;
pub mod secrets;
pub mod server;
pub mod store;
pub mod stripe;
pub mod tls;
