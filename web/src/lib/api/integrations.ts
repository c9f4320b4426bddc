// Notification channels, webhooks and the delivery log (admins). Channel
// settings go in and never come back out; a webhook's secret is in the
// answers to create and rotate only.

import { items, json, orgPath, post, remove, segment } from "./client";
import type { Delivery, DeliveryDetail, DeliveryStatus, Integration, IntegrationChannel, TestResult, Webhook } from "./types";

export const integrations = {
  integrations: (orgId: string) => items(json<{ data: Integration[] }>(`${orgPath(orgId)}/integrations`)),
  setIntegration: (orgId: string, channel: IntegrationChannel, settings: Record<string, string>) =>
    json<void>(`${orgPath(orgId)}/integrations/${channel}`, { method: "PUT", body: settings }),
  removeIntegration: (orgId: string, channel: IntegrationChannel) => remove(`${orgPath(orgId)}/integrations/${channel}`),
  testIntegration: (orgId: string, channel: IntegrationChannel) =>
    post<TestResult>(`${orgPath(orgId)}/integrations/${channel}/test`),

  webhooks: (orgId: string) => items(json<{ data: Webhook[] }>(`${orgPath(orgId)}/webhooks`)),
  createWebhook: (orgId: string, input: { url: string; eventTypes: string[] }) =>
    post<Webhook>(`${orgPath(orgId)}/webhooks`, input),
  rotateWebhook: (orgId: string, id: string) => post<Webhook>(`${orgPath(orgId)}/webhooks/${segment(id)}/rotate`),
  testWebhook: (orgId: string, id: string) => post<TestResult>(`${orgPath(orgId)}/webhooks/${segment(id)}/test`),
  deleteWebhook: (orgId: string, id: string) => remove(`${orgPath(orgId)}/webhooks/${segment(id)}`),

  deliveries: (orgId: string, query: { status?: DeliveryStatus; incidentId?: string; limit?: number } = {}) =>
    items(json<{ data: Delivery[] }>(`${orgPath(orgId)}/deliveries`, { query })),
  delivery: (orgId: string, id: string) => json<DeliveryDetail>(`${orgPath(orgId)}/deliveries/${segment(id)}`),
  retryDelivery: (orgId: string, id: string) => post<void>(`${orgPath(orgId)}/deliveries/${segment(id)}/retry`),
};
