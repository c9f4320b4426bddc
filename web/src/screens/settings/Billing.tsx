"use client";
// The organisation's plan and subscription. Buying goes through Stripe
// Checkout, everything else (card, invoices, cancelling) through Stripe's
// customer portal; without Stripe the operator sets the plan by hand.

import { useEffect, useRef, useState, type ReactNode } from "react";
import { api, ApiError, messageOf, type Billing as BillingInfo, type BillingInterval, type CheckoutOption, type Plan, type SubscriptionStatus } from "@/lib/api";
import { hasLiveSubscription, INTERVAL_LABEL, SUBSCRIPTION_STATUS_LABEL, useStripeRedirect } from "@/lib/billing";
import { formatDate } from "@/lib/format";
import { MODULE_LABEL, PLAN_SEATS, PLANS, planAbove, planModules, planName } from "@/lib/modules";
import { isAgent, useOrg } from "@/lib/org";
import { useResource } from "@/lib/resource";
import { setQuery, useLocation } from "@/lib/router";
import { Alert, ErrorAlert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Button } from "@/components/ui/Button";
import { Card, CardHeader } from "@/components/ui/Card";
import { cx } from "@/components/ui/cx";
import { Icon } from "@/components/ui/Icon";
import { ErrorState, Loading } from "@/components/ui/States";

const PLAN_BLURB: Record<Plan, string> = {
  free: "For small teams getting started with incident response.",
  pro: "For growing teams that run problem and change management.",
  enterprise: "Every module and unlimited seats for the whole organisation.",
};

const statusTone: Record<SubscriptionStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
  trialing: "bg-sky-50 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-800",
  past_due: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  unpaid: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  incomplete: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  paused: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
  canceled: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  incomplete_expired: "bg-slate-50 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
};

/** Polls after a successful checkout, until the webhook has updated the subscription. */
const REFRESH_AFTER_MS = [1500, 3000, 5000, 8000, 12000];

function SeatUsage({ used, allowed }: { used: number | undefined; allowed: number | null | undefined }) {
  if (used === undefined) return <span>…</span>;
  if (allowed === null || allowed === undefined) return <span>{used} used · unlimited</span>;
  const pct = allowed > 0 ? Math.min(100, Math.round((used / allowed) * 100)) : 100;
  return (
    <div className="max-w-xs">
      <span>
        {used} of {allowed} used
      </span>
      <div
        role="progressbar"
        aria-label="Seats used"
        aria-valuemin={0}
        aria-valuemax={allowed}
        aria-valuenow={Math.min(used, allowed)}
        aria-valuetext={`${used} of ${allowed} seats used`}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={cx("h-full rounded-full", pct >= 100 ? "bg-red-600" : pct >= 80 ? "bg-amber-500" : "bg-brand-600 dark:bg-brand-400")}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid gap-x-6 gap-y-4 p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">{children}</dl>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 font-medium text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

function IntervalToggle({ intervals, value, onChange }: { intervals: BillingInterval[]; value: BillingInterval; onChange: (interval: BillingInterval) => void }) {
  return (
    <fieldset>
      <legend className="sr-only">Billing interval</legend>
      <div className="inline-flex rounded-md border border-slate-300 bg-slate-100 p-0.5 dark:border-slate-600 dark:bg-slate-800">
        {intervals.map((interval) => (
          <label key={interval} className="cursor-pointer">
            <input
              type="radio"
              name="billing-interval"
              value={interval}
              checked={value === interval}
              onChange={() => onChange(interval)}
              className="peer sr-only"
            />
            <span className="block rounded px-3 py-1 text-sm font-medium text-slate-700 peer-checked:bg-white peer-checked:text-slate-900 peer-checked:shadow-sm peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 dark:text-slate-300 dark:peer-checked:bg-slate-950 dark:peer-checked:text-white">
              {INTERVAL_LABEL[interval]}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface PlanCardsProps {
  current: Plan;
  /** What can be bought here; empty when billing is not configured. */
  options: CheckoutOption[];
  /** A subscription is running: plan changes go through the portal. */
  live: boolean;
  interval: BillingInterval;
  pending: string | undefined;
  onUpgrade: (option: CheckoutOption) => void;
}

function PlanCards({ current, options, live, interval, pending, onUpgrade }: PlanCardsProps) {
  return (
    <ul className="grid gap-4 p-4 md:grid-cols-3" aria-label="Plans">
      {PLANS.map((plan) => {
        const isCurrent = plan === current;
        const seats = PLAN_SEATS[plan];
        const option = options.find((o) => o.plan === plan && o.interval === interval);
        const otherIntervals = options.filter((o) => o.plan === plan && o.interval !== interval);
        const titleId = `plan-${plan}-title`;
        let action: ReactNode = null;
        if (isCurrent) {
          action = <p className="text-sm font-medium text-slate-700 dark:text-slate-300">Your current plan</p>;
        } else if (live && options.length) {
          action = <p className="text-sm text-slate-600 dark:text-slate-400">Switch plans with “Manage billing”.</p>;
        } else if (planAbove(plan, current) && option) {
          action = (
            <Button className="w-full" pending={pending === `${plan}-${interval}`} disabled={!!pending} onClick={() => onUpgrade(option)}>
              Upgrade to {planName(plan)}
            </Button>
          );
        } else if (planAbove(plan, current) && otherIntervals.length) {
          action = (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Available with {otherIntervals.map((o) => INTERVAL_LABEL[o.interval].toLowerCase()).join(" or ")} billing.
            </p>
          );
        }
        return (
          <li
            key={plan}
            aria-labelledby={titleId}
            className={cx(
              "flex flex-col rounded-lg border p-4",
              isCurrent ? "border-brand-500 ring-1 ring-brand-500 dark:border-brand-400 dark:ring-brand-400" : "border-slate-200 dark:border-slate-700",
            )}
          >
            <div className="flex items-center justify-between gap-2">
              <h3 id={titleId} className="text-base font-semibold text-slate-900 dark:text-white">
                {planName(plan)}
              </h3>
              {isCurrent && <Badge className="bg-brand-50 text-brand-800 ring-brand-300 dark:bg-slate-800 dark:text-brand-200 dark:ring-brand-700">Current</Badge>}
            </div>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{PLAN_BLURB[plan]}</p>
            <p className="mt-3 text-sm font-medium text-slate-900 dark:text-slate-100">{seats === null ? "Unlimited seats" : `Up to ${seats} seats`}</p>
            <ul className="mt-2 flex-1 space-y-1.5 text-sm text-slate-700 dark:text-slate-300" aria-label={`Modules in ${planName(plan)}`}>
              {planModules(plan).map((module) => (
                <li key={module} className="flex items-start gap-2">
                  <Icon name="check" className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                  {MODULE_LABEL[module]}
                </li>
              ))}
            </ul>
            {action && <div className="mt-4">{action}</div>}
          </li>
        );
      })}
    </ul>
  );
}

/** No Stripe on this deployment: the operator sets the plan. */
function NotConfigured() {
  const { org, membership, members } = useOrg();
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Billing is not configured on this deployment" description="No Stripe account is connected, so plans cannot be bought or managed here." />
        <Facts>
          <Fact label="Current plan">{planName(org.plan)}</Fact>
          <Fact label="Seats">
            <SeatUsage used={members.data?.filter(isAgent).length} allowed={org.limits.seats} />
          </Fact>
        </Facts>
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">
          The operator of this deployment sets the plan with{" "}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-900 dark:bg-slate-800 dark:text-slate-100">
            simplicity org set-plan {membership.slug} &lt;free|pro|enterprise&gt;
          </code>
          .
        </p>
      </Card>
      <Card>
        <CardHeader title="Plans" description="What each plan unlocks." />
        <PlanCards current={org.plan} options={[]} live={false} interval="month" pending={undefined} onUpgrade={() => undefined} />
      </Card>
    </div>
  );
}

function Subscription({ billing, portal }: { billing: BillingInfo; portal: ReturnType<typeof useStripeRedirect<[]>> }) {
  const { org } = useOrg();
  const live = hasLiveSubscription(billing);
  const hasCustomer = billing.status !== null;
  const periodLabel = billing.status === "canceled" ? "Ended on" : billing.cancelAtPeriodEnd ? "Cancels on" : "Renews on";
  const portalButton = (which: string, label: string, variant: "primary" | "secondary" | "ghost" | "danger") => (
    <Button variant={variant} pending={portal.pending === which} disabled={!!portal.pending} onClick={() => void portal.go(which)}>
      {label}
    </Button>
  );

  return (
    <Card>
      <CardHeader
        title="Subscription"
        description={`${org.name} is on the ${planName(billing.plan)} plan.`}
        action={hasCustomer ? portalButton("manage", "Manage billing", "primary") : undefined}
      />
      {billing.pastDue || (live && billing.cancelAtPeriodEnd) || portal.error ? (
        <div className="space-y-3 px-4 pt-4">
          {billing.pastDue && (
            <Alert tone="error" title="Payment failed" action={portalButton("card-alert", "Update card", "danger")}>
              Update your card to keep {planName(billing.plan)}. Stripe will retry the payment with the new card.
            </Alert>
          )}
          {live && billing.cancelAtPeriodEnd && (
            <Alert tone="info" title={`Your subscription cancels on ${formatDate(billing.currentPeriodEnd)}`}>
              You keep {planName(billing.plan)} until then. To carry on, renew it under “Manage billing”.
            </Alert>
          )}
          <ErrorAlert error={portal.error} />
        </div>
      ) : null}
      <Facts>
        <Fact label="Plan">
          <span className="inline-flex flex-wrap items-center gap-2">
            {planName(billing.plan)}
            {billing.status ? (
              <Badge className={statusTone[billing.status]}>
                <span className="sr-only">Status: </span>
                {SUBSCRIPTION_STATUS_LABEL[billing.status]}
              </Badge>
            ) : (
              <span className="text-sm font-normal text-slate-600 dark:text-slate-400">no subscription</span>
            )}
          </span>
        </Fact>
        <Fact label="Billing interval">{billing.interval ? INTERVAL_LABEL[billing.interval] : "—"}</Fact>
        {billing.currentPeriodEnd && <Fact label={periodLabel}>{formatDate(billing.currentPeriodEnd)}</Fact>}
        <Fact label="Last invoice">
          {billing.lastInvoiceStatus === "paid" ? (
            "Paid"
          ) : billing.lastInvoiceStatus === "payment_failed" ? (
            <span className="text-red-700 dark:text-red-300">Payment failed</span>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Seats">
          <SeatUsage used={billing.seats.used} allowed={billing.seats.allowed} />
        </Fact>
      </Facts>
      {live && (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 px-4 py-3 dark:border-slate-700">
          {!billing.pastDue && portalButton("card", "Update card", "secondary")}
          {!billing.cancelAtPeriodEnd && portalButton("cancel", "Cancel subscription", "ghost")}
        </div>
      )}
    </Card>
  );
}

function CheckoutReturn({ outcome, settled, plan }: { outcome: string; settled: boolean; plan: Plan | undefined }) {
  if (outcome === "success") {
    return (
      <Alert tone="success">
        {settled && plan ? `Payment received — you are on the ${planName(plan)} plan.` : "Payment received — your plan updates in a moment."}
      </Alert>
    );
  }
  if (outcome === "cancelled") return <Alert tone="info">Checkout cancelled — nothing was charged.</Alert>;
  return null;
}

export default function Billing() {
  const { org, setOrg, setBilling } = useOrg();
  const billing = useResource(() => api.billing(org.id), [org.id]);
  const portal = useStripeRedirect(() => api.billingPortal(org.id));
  const checkout = useStripeRedirect((option: CheckoutOption) => api.checkout(org.id, option));
  const { search } = useLocation();
  // Stripe sends people back with ?checkout=success|cancelled: say so once, and drop it from the URL.
  const [outcome] = useState(() => search.get("checkout") ?? "");
  const [interval, setChosenInterval] = useState<BillingInterval>();

  useEffect(() => {
    if (outcome) setQuery({ checkout: undefined });
  }, [outcome]);

  // Keep the past-due banner of the other pages in step with what this page shows.
  useEffect(() => {
    if (billing.data) setBilling(billing.data);
  }, [billing.data, setBilling]);

  // After paying, the plan changes when Stripe's webhook arrives: look again a few times.
  const latest = useRef(billing.data);
  latest.current = billing.data;
  const settled = !!billing.data && hasLiveSubscription(billing.data);
  const setData = billing.setData;
  useEffect(() => {
    if (outcome !== "success") return;
    let done = false;
    const timers = REFRESH_AFTER_MS.map((ms) =>
      setTimeout(async () => {
        if (done || (latest.current && hasLiveSubscription(latest.current))) return;
        try {
          const fresh = await api.billing(org.id);
          if (done) return;
          setData(fresh);
          done = hasLiveSubscription(fresh);
        } catch {
          // The next round may be luckier; the page keeps what it shows.
        }
      }, ms),
    );
    return () => {
      done = true;
      timers.forEach(clearTimeout);
    };
  }, [outcome, org.id, setData]);
  // A new plan switches modules and seats: reload the organisation when billing reports one.
  const billedPlan = billing.data?.plan;
  useEffect(() => {
    if (billedPlan && billedPlan !== org.plan) api.org(org.id).then(setOrg, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [billedPlan]);

  // A 409 means a subscription started elsewhere (another tab, another admin): show it.
  const reloadBilling = billing.reload;
  useEffect(() => {
    if (checkout.error instanceof ApiError && checkout.error.status === 409) void reloadBilling();
  }, [checkout.error, reloadBilling]);

  const returned = outcome && <CheckoutReturn outcome={outcome} settled={settled} plan={billing.data?.plan} />;

  if (billing.loading) return <Loading label="Loading billing…" />;
  if (billing.data && !billing.data.configured) return <NotConfigured />;
  if (!billing.data) {
    return (
      <div className="space-y-6">
        {returned}
        <ErrorState error={billing.error} onRetry={billing.reload} />
      </div>
    );
  }

  const data = billing.data;
  const live = hasLiveSubscription(data);
  const intervals = (["month", "year"] as BillingInterval[]).filter((i) => data.checkoutOptions.some((o) => o.interval === i));
  const chosen = interval ?? (data.interval && intervals.includes(data.interval) ? data.interval : intervals[0] ?? "month");

  return (
    <div className="space-y-6">
      {returned}
      <Subscription billing={data} portal={portal} />
      <Card>
        <CardHeader
          title="Plans"
          description={
            live
              ? "What each plan unlocks. Change or cancel your subscription under “Manage billing”."
              : data.checkoutOptions.length
                ? "What each plan unlocks. Upgrading opens Stripe's secure checkout."
                : "What each plan unlocks. No plan can be bought on this deployment yet."
          }
          action={!live && intervals.length > 1 ? <IntervalToggle intervals={intervals} value={chosen} onChange={setChosenInterval} /> : undefined}
        />
        {checkout.error ? (
          <div className="px-4 pt-4">
            <Alert tone="error" title="Could not start checkout">
              {messageOf(checkout.error)}
            </Alert>
          </div>
        ) : null}
        <PlanCards
          current={data.plan}
          options={data.checkoutOptions}
          live={live}
          interval={chosen}
          pending={checkout.pending}
          onUpgrade={(option) => void checkout.go(`${option.plan}-${option.interval}`, option)}
        />
      </Card>
    </div>
  );
}
