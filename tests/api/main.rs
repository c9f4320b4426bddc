//! Integration tests: the real HTTP API over real databases.

mod helpers;

mod accounts;
mod platform;
mod runners;
mod tenancy;
