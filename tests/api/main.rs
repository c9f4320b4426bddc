#![recursion_limit = "256"]
//! Integration tests: the real HTTP API over real databases.

mod helpers;

mod account_flows;
mod accounts;
mod assets;
mod audit;
mod billing;
mod changes;
mod channels;
mod dashboard;
mod demo;
mod deploy;
mod golden;
mod incidents;
mod invites;
mod knowledge;
#[path = "../support/lambda_runtime_api.rs"]
mod lambda_runtime_api;
mod layering;
mod live;
mod local_mode;
mod logs;
mod metrics;
mod modules;
mod notifications;
mod outbound;
mod platform;
mod problems;
mod rate_limits;
mod rbac;
mod realtime;
mod receivers;
mod reporting;
mod requests;
mod runners;
mod sla;
mod sqs;
mod store;
mod stripe_standin;
mod takeover;
mod teams;
mod tenancy;
mod tokens;
mod traces;
mod write_path;
