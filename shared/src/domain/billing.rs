//! Billing rules: which plan a Stripe subscription entitles an organisation
//! to, and which prices buy which plan. Pricing is flat per plan and billing
//! interval; seats are capped by the plan (see [`Plan::limits`]).

use chrono::{DateTime, Utc};

use crate::domain::keyed_enum;
use crate::domain::org::Plan;

keyed_enum!(
    /// A Stripe subscription's `status`, as Stripe spells it.
    SubscriptionStatus {
        Incomplete => "incomplete",
        IncompleteExpired => "incomplete_expired",
        Trialing => "trialing",
        Active => "active",
        PastDue => "past_due",
        Canceled => "canceled",
        Unpaid => "unpaid",
        Paused => "paused",
    }
);

keyed_enum!(
    /// How often a subscription renews.
    Interval { Month => "month", Year => "year" }
);

keyed_enum!(
    /// How an organisation's latest invoice went.
    InvoiceOutcome { Paid => "paid", PaymentFailed => "payment_failed" }
);

impl InvoiceOutcome {
    pub fn audit_action(self) -> &'static str {
        match self {
            Self::Paid => "billing.invoice_paid",
            Self::PaymentFailed => "billing.invoice_payment_failed",
        }
    }
}

impl SubscriptionStatus {
    /// The plan an organisation holds while its subscription for `paid` is
    /// in this state. `PastDue` keeps the plan (Stripe is still retrying the
    /// card; admins see a banner); a subscription that never started or has
    /// ended leaves the organisation on Free.
    pub fn entitles(self, paid: Plan) -> Plan {
        if self.entitles_any() { paid } else { Plan::Free }
    }

    /// Whether a subscription in this state pays for any plan at all.
    pub fn entitles_any(self) -> bool {
        match self {
            Self::Active | Self::Trialing | Self::PastDue => true,
            Self::Incomplete | Self::IncompleteExpired | Self::Canceled | Self::Unpaid | Self::Paused => false,
        }
    }

    /// A subscription in this state still counts as the organisation's
    /// subscription: buying another would double-charge; use the portal.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Active | Self::Trialing | Self::PastDue | Self::Unpaid | Self::Paused)
    }
}

/// A Stripe Checkout session waiting to be paid: while it is open, another
/// "upgrade" reuses it rather than open a second that could be paid too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCheckout {
    pub session_id: String,
    pub price_id: String,
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// What we keep of a Stripe subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionSnapshot {
    pub id: String,
    pub customer: String,
    pub status: SubscriptionStatus,
    pub price_id: Option<String>,
    pub current_period_end: Option<DateTime<Utc>>,
    pub cancel_at_period_end: bool,
    /// `metadata.org_id`, set when we started the checkout.
    pub org_hint: Option<String>,
}

/// The configured Stripe price for each purchasable plan and interval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceBook {
    prices: Vec<(Plan, Interval, String)>,
}

impl PriceBook {
    pub fn with(mut self, plan: Plan, interval: Interval, price_id: impl Into<String>) -> Self {
        self.prices.push((plan, interval, price_id.into()));
        self
    }

    pub fn price(&self, plan: Plan, interval: Interval) -> Option<&str> {
        self.prices.iter().find(|(p, i, _)| (*p, *i) == (plan, interval)).map(|(_, _, id)| id.as_str())
    }

    /// The plan and interval a price buys, if it is one of ours.
    pub fn plan_of(&self, price_id: &str) -> Option<(Plan, Interval)> {
        self.prices.iter().find(|(_, _, id)| id == price_id).map(|(plan, interval, _)| (*plan, *interval))
    }

    /// What can be bought, in the book's order.
    pub fn options(&self) -> impl Iterator<Item = (Plan, Interval)> + '_ {
        self.prices.iter().map(|(plan, interval, _)| (*plan, *interval))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paying_states_keep_the_paid_plan() {
        for status in SubscriptionStatus::ALL {
            let kept = status.entitles(Plan::Pro) == Plan::Pro;
            let paying = matches!(
                status,
                SubscriptionStatus::Active | SubscriptionStatus::Trialing | SubscriptionStatus::PastDue
            );
            assert_eq!(kept, paying, "{status}");
        }
    }

    #[test]
    fn prices_map_both_ways() {
        let book = PriceBook::default().with(Plan::Pro, Interval::Month, "price_pm").with(
            Plan::Pro,
            Interval::Year,
            "price_py",
        );
        assert_eq!(book.price(Plan::Pro, Interval::Year), Some("price_py"));
        assert_eq!(book.price(Plan::Enterprise, Interval::Year), None);
        assert_eq!(book.plan_of("price_pm"), Some((Plan::Pro, Interval::Month)));
        assert_eq!(book.plan_of("price_other"), None);
    }
}
