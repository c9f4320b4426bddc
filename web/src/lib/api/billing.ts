// Billing (Stripe); without Stripe on the deployment `configured` is false
// and the actions answer 409 `billing-not-configured`.

import { json, orgPath, post } from "./client";
import type { Billing, CheckoutOption } from "./types";

export const billing = {
  billing: (orgId: string) => json<Billing>(`${orgPath(orgId)}/billing`),
  checkout: (orgId: string, option: CheckoutOption) => post<{ url: string }>(`${orgPath(orgId)}/billing/checkout`, option),
  billingPortal: (orgId: string) => post<{ url: string }>(`${orgPath(orgId)}/billing/portal`, {}),
};
