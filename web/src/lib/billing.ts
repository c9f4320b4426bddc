"use client";
// Billing through Stripe: labels for what the billing API reports, and
// sending the browser to Stripe's checkout and customer portal pages.

import { useEffect, useState } from "react";
import type { Billing, BillingInterval, SubscriptionStatus } from "./api";
import { useAction } from "./resource";

export const SUBSCRIPTION_STATUS_LABEL: Record<SubscriptionStatus, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Past due",
  canceled: "Cancelled",
  unpaid: "Unpaid",
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  paused: "Paused",
};

export const INTERVAL_LABEL: Record<BillingInterval, string> = { month: "Monthly", year: "Yearly" };

/** Statuses of a subscription that still exists in Stripe (and blocks a second checkout). */
const LIVE: SubscriptionStatus[] = ["active", "trialing", "past_due", "unpaid", "incomplete", "paused"];

export function hasLiveSubscription(billing: Pick<Billing, "status">): boolean {
  return billing.status != null && LIVE.includes(billing.status);
}

/**
 * Runs `start` (a checkout or portal call) and sends the browser to the URL
 * it answers with. `pending` names the `which` of the call under way, and
 * stays set while the browser leaves (cleared if it comes back from its cache).
 */
export function useStripeRedirect<A extends unknown[]>(start: (...args: A) => Promise<{ url: string }>) {
  const [which, setWhich] = useState<string>();
  const [leaving, setLeaving] = useState(false);
  const action = useAction(async (...args: A) => {
    const { url } = await start(...args);
    setLeaving(true);
    window.location.assign(url);
    return url;
  });
  useEffect(() => {
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener("pageshow", back);
    return () => window.removeEventListener("pageshow", back);
  }, []);
  return {
    go: (label: string, ...args: A) => {
      setWhich(label);
      return action.run(...args);
    },
    pending: action.pending || leaving ? which : undefined,
    error: action.error,
  };
}
