//! Service level management's rules, free of storage: business-hours
//! calendars (`calendar`), clocks replayed from their events (`clock`) and
//! the policies that start them (`policy`).

pub mod calendar;
pub mod clock;
pub mod policy;
