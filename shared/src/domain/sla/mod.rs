//! Service level management's rules, free of storage: business-hours
//! calendars (`calendar`) and clocks replayed from their events (`clock`).

pub mod calendar;
pub mod clock;
