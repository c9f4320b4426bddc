//! The time incidents are stamped with. Production reads the system clock;
//! tests drive a manual one to build histories spanning days.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock that stands still at `at` until [`Clock::set`] moves it.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self { manual: Some(Arc::new(AtomicI64::new(at.timestamp_micros()))) }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(micros) => DateTime::from_timestamp_micros(micros.load(Ordering::SeqCst)).unwrap_or_else(Utc::now),
            None => Utc::now(),
        }
    }

    /// Moves a manual clock; a system clock ignores it.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(micros) = &self.manual {
            micros.store(at.timestamp_micros(), Ordering::SeqCst);
        }
    }
}
