// The one client for Simplicity's REST API: same origin, session cookie,
// JSON bodies, and RFC 9457 problem+json errors turned into `ApiError`.

export type Severity = "P1" | "P2" | "P3" | "P4";
export type IncidentStatus = "open" | "acknowledged" | "investigating" | "resolved";
export type Role = "admin" | "member" | "oncall";
export type Plan = "free" | "pro" | "enterprise";
export type TokenScope = "read-only" | "read-write";

export const SEVERITIES: Severity[] = ["P1", "P2", "P3", "P4"];
export const STATUSES: IncidentStatus[] = ["open", "acknowledged", "investigating", "resolved"];
export const ROLES: Role[] = ["admin", "member", "oncall"];

export interface FieldError {
  field: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requiredPlan?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  /** The message for one input field, when the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}[`))?.detail;
  }
}

export interface User {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export interface Membership {
  orgId: string;
  slug: string;
  name: string;
  roles: Role[];
}

export interface Me {
  user: User;
  memberships: Membership[];
}

export interface Org {
  id: string;
  name: string;
  slug: string;
  plan: Plan;
  features: Record<string, boolean>;
  limits: { seats?: number | null; modules: string[] };
  createdAt: string;
}

export interface Incident {
  id: string;
  number: number;
  reference: string;
  title: string;
  description: string;
  severity: Severity;
  status: IncidentStatus;
  assignees: string[];
  commander?: string | null;
  labels: string[];
  source: string;
  createdBy: string;
  createdAt: string;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  updatedAt: string;
  acknowledgeDueAt: string;
  resolveDueAt: string;
  version: number;
}

export interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  actorId?: string | null;
  actor: string;
  body: string;
  detail: unknown;
  createdAt: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  roles: Role[];
  joinedAt: string;
}

export interface Invite {
  id: string;
  email: string;
  roles: Role[];
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
}

export interface InvitePreview {
  orgName: string;
  email: string;
  roles: Role[];
  accountExists: boolean;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  scope: TokenScope;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  createdAt: string;
}

export interface CreatedToken extends ApiToken {
  secret: string;
}

export interface AuditEvent {
  id: string;
  seq: number;
  actorId?: string | null;
  actor: string;
  action: string;
  target: string;
  summary: unknown;
  requestId: string;
  ip: string;
  userAgent: string;
  createdAt: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstBrokenEvent?: string | null;
  firstBrokenSeq?: number | null;
}

export interface Figures {
  opened: number;
  acknowledged: number;
  resolved: number;
  mttaMeanSeconds?: number | null;
  mttaP50Seconds?: number | null;
  mttaP90Seconds?: number | null;
  mttrMeanSeconds?: number | null;
  mttrP50Seconds?: number | null;
  mttrP90Seconds?: number | null;
  ackCompliancePct?: number | null;
  resolveCompliancePct?: number | null;
}

export interface DayFigures {
  day: string;
  opened: number;
  resolved: number;
  mttrMeanSeconds?: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  activeBySeverity: Partial<Record<Severity, number>>;
  activeByStatus: Partial<Record<IncidentStatus, number>>;
  overall: Figures;
  bySeverity: Partial<Record<Severity, Figures>>;
  breaching: { id: string; reference: string; title: string; severity: Severity; status: IncidentStatus }[];
  daily: DayFigures[];
}

export interface SlaTarget {
  acknowledgeSeconds: number;
  resolveSeconds: number;
}

export type BillingInterval = "month" | "year";
export type SubscriptionStatus =
  | "active"
  | "trialing"
  | "past_due"
  | "canceled"
  | "unpaid"
  | "incomplete"
  | "incomplete_expired"
  | "paused";

export interface CheckoutOption {
  plan: Plan;
  interval: BillingInterval;
}

/** The organisation's subscription as the server last heard it from Stripe. */
export interface Billing {
  plan: Plan;
  status: SubscriptionStatus | null;
  interval: BillingInterval | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  lastInvoiceStatus: "paid" | "payment_failed" | null;
  pastDue: boolean;
  seats: { used: number; allowed: number | null };
  /** The plan/interval combinations that can be bought (those with a price). */
  checkoutOptions: CheckoutOption[];
}

export interface Article {
  id: string;
  title: string;
  body: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
}

// Notifications: organisation channels, webhooks, the delivery log,
// on-call schedules, escalation policies and each member's own rules.

export type IntegrationChannel = "slack" | "sms" | "pagerduty";
export type PersonalChannel = "email" | "sms";

export interface Integration {
  channel: IntegrationChannel;
  configured: boolean;
  updatedAt?: string | null;
}

/** Whether a test message reached the receiver, and what it answered. */
export interface TestResult {
  delivered: boolean;
  statusCode?: number | null;
  detail: string;
}

export const WEBHOOK_EVENT_TYPES = ["*", "incident.triggered", "incident.escalated", "incident.acknowledged", "incident.resolved"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface Webhook {
  id: string;
  url: string;
  eventTypes: string[];
  createdAt: string;
  previousSecretValidUntil?: string | null;
  /** Only in the answer to creating or rotating. */
  secret?: string | null;
}

export type DeliveryStatus = "pending" | "delivered" | "dead" | "cancelled";

export interface Delivery {
  id: string;
  eventId: string;
  incidentId?: string | null;
  channel: string;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode?: number | null;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  createdAt: string;
  deliveredAt?: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  statusCode?: number | null;
  outcome: string;
}

export interface DeliveryDetail extends Delivery {
  attemptLog: DeliveryAttempt[];
}

export type Rotation = { type: "daily" } | { type: "weekly" } | { type: "custom"; hours: number };

export interface ScheduleLayer {
  name: string;
  rotation: Rotation;
  /** Local wall time in the schedule's time zone, "2026-01-05T09:00:00". */
  startsAt: string;
  participants: string[];
}

export interface ScheduleOverride {
  /** UTC, RFC 3339. */
  startsAt: string;
  endsAt: string;
  user: string;
}

export interface ScheduleDefinition {
  timeZone: string;
  layers: ScheduleLayer[];
  overrides: ScheduleOverride[];
}

export interface Stored<D> {
  id: string;
  name: string;
  definition: D;
  createdAt: string;
  updatedAt: string;
}

export type Schedule = Stored<ScheduleDefinition>;

export interface Shift {
  user: string;
  startsAt: string;
  endsAt: string;
  source: { type: "layer"; index: number } | { type: "override" };
}

export interface OnCall {
  at: string;
  user?: string | null;
}

export type EscalationTarget = { type: "user"; id: string } | { type: "schedule"; id: string };

export interface EscalationLevel {
  targets: EscalationTarget[];
  delaySeconds: number;
}

export interface PolicyDefinition {
  levels: EscalationLevel[];
  repeat: number;
  /** Empty: the organisation's default policy. */
  severities: Severity[];
}

export type EscalationPolicy = Stored<PolicyDefinition>;

export interface NotificationRules {
  phone: string | null;
  channels: Record<Severity, PersonalChannel[]>;
}

export interface IncidentFilters {
  status?: string;
  severity?: string;
  assignee?: string;
  label?: string;
  q?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export interface NewIncident {
  title: string;
  severity: Severity;
  description?: string;
  assignees?: string[];
  labels?: string[];
}

export interface IncidentChange {
  status?: IncidentStatus;
  severity?: Severity;
  title?: string;
  description?: string;
  assignees?: string[];
  commander?: string | null;
  labels?: string[];
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "about:blank",
    title: response.statusText || "Request failed",
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: body.status ?? response.status };
  } catch {
    return fallback;
  }
}

/** One request; resolves with the parsed JSON body (undefined for 2xx without one). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<{ body: T; response: Response }> {
  const { method = "GET", body, query, headers = {} } = options;
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json, application/problem+json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      detail: "Could not reach the server. Check your connection and try again.",
    });
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  const text = response.status === 204 ? "" : await response.text();
  return { body: (text ? JSON.parse(text) : undefined) as T, response };
}

async function json<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await request<T>(path, options)).body;
}

const post = <T>(path: string, body: unknown = {}) => json<T>(path, { method: "POST", body });

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
const incident = (orgId: string, id: string | number) => `${org(orgId)}/incidents/${encodeURIComponent(String(id))}`;

/** An incident together with the ETag to send back as `If-Match`. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

async function versioned(path: string, options?: RequestOptions): Promise<Versioned<Incident>> {
  const { body, response } = await request<Incident>(path, options);
  return { value: body, etag: response.headers.get("ETag") ?? `"${body.version}"` };
}

export const api = {
  // Accounts and sessions
  signup: (input: { email: string; password: string; name: string }) => post<Me>("/api/auth/signup", input),
  login: (input: { email: string; password: string }) => post<Me>("/api/auth/login", input),
  logout: () => post<void>("/api/auth/logout"),
  me: () => json<Me>("/api/me"),
  verifyEmail: (token: string) => post<void>("/api/auth/verify-email", { token }),
  requestVerification: () => post<void>("/api/auth/verify-email/request"),
  requestPasswordReset: (email: string) => post<void>("/api/auth/password-reset/request", { email }),
  resetPassword: (token: string, password: string) => post<void>("/api/auth/password-reset", { token, password }),

  // Invites (public side)
  previewInvite: (token: string) => json<InvitePreview>(`/api/invites/${encodeURIComponent(token)}`),
  acceptInvite: (token: string, account?: { name: string; password: string }) =>
    post<void>(`/api/invites/${encodeURIComponent(token)}/accept`, account ?? {}),

  // Organisations
  createOrg: (input: { name: string; slug: string }) => post<Org>("/api/orgs", input),
  org: (orgId: string) => json<Org>(org(orgId)),
  orgBySlug: (slug: string) => json<Org>(`/api/orgs/by-slug/${encodeURIComponent(slug)}`),
  setFeatures: (orgId: string, features: Record<string, boolean>) =>
    json<Org>(`${org(orgId)}/features`, { method: "PATCH", body: features }),

  // Incidents
  incidents: (orgId: string, filters: IncidentFilters = {}) =>
    json<Page<Incident>>(`${org(orgId)}/incidents`, { query: { ...filters } }),
  incident: (orgId: string, id: string | number) => versioned(incident(orgId, id)),
  createIncident: (orgId: string, input: NewIncident, idempotencyKey?: string) =>
    json<Incident>(`${org(orgId)}/incidents`, {
      method: "POST",
      body: input,
      headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {},
    }),
  updateIncident: (orgId: string, id: string | number, etag: string, change: IncidentChange) =>
    versioned(incident(orgId, id), { method: "PATCH", body: change, headers: { "If-Match": etag } }),
  handoff: (orgId: string, id: string | number, to: string, note?: string) =>
    post<Incident>(`${incident(orgId, id)}/handoff`, { to, note: note || null }),
  timeline: (orgId: string, id: string | number) => json<Page<TimelineEntry>>(`${incident(orgId, id)}/timeline`),
  addNote: (orgId: string, id: string | number, text: string) =>
    post<TimelineEntry>(`${incident(orgId, id)}/timeline`, { text }),

  // Dashboard and SLA
  dashboard: (orgId: string, range: { from?: string; to?: string }) =>
    json<Dashboard>(`${org(orgId)}/dashboard`, { query: range }),
  slaTargets: (orgId: string) => json<Record<Severity, SlaTarget>>(`${org(orgId)}/sla-targets`),
  setSlaTargets: (orgId: string, targets: Partial<Record<Severity, SlaTarget>>) =>
    json<Record<Severity, SlaTarget>>(`${org(orgId)}/sla-targets`, { method: "PUT", body: targets }),

  // Members and invites
  members: (orgId: string) => json<Page<Member>>(`${org(orgId)}/members`),
  updateMember: (orgId: string, userId: string, roles: Role[]) =>
    json<Member>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", body: { roles } }),
  removeMember: (orgId: string, userId: string) =>
    json<void>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
  invites: (orgId: string) => json<Page<Invite>>(`${org(orgId)}/invites`),
  invite: (orgId: string, email: string, roles: Role[]) => post<Invite>(`${org(orgId)}/invites`, { email, roles }),
  revokeInvite: (orgId: string, inviteId: string) =>
    json<void>(`${org(orgId)}/invites/${encodeURIComponent(inviteId)}`, { method: "DELETE" }),
  resendInvite: (orgId: string, inviteId: string) =>
    post<Invite>(`${org(orgId)}/invites/${encodeURIComponent(inviteId)}/resend`),

  // API tokens
  tokens: () => json<Page<ApiToken>>("/api/me/tokens"),
  createToken: (input: { name: string; scope: TokenScope; expiresAt?: string | null }) =>
    post<CreatedToken>("/api/me/tokens", input),
  revokeToken: (tokenId: string) => json<void>(`/api/me/tokens/${encodeURIComponent(tokenId)}`, { method: "DELETE" }),

  // Audit log
  audit: (orgId: string, query: { action?: string; cursor?: string; limit?: number } = {}) =>
    json<Page<AuditEvent>>(`${org(orgId)}/audit`, { query }),
  verifyAudit: (orgId: string) => json<ChainVerification>(`${org(orgId)}/audit/verify`),

  // Billing (Stripe); 503 "unavailable" when the deployment has no Stripe
  billing: (orgId: string) => json<Billing>(`${org(orgId)}/billing`),
  checkout: (orgId: string, option: CheckoutOption) => post<{ url: string }>(`${org(orgId)}/billing/checkout`, option),
  billingPortal: (orgId: string) => post<{ url: string }>(`${org(orgId)}/billing/portal`, {}),

  // Knowledge base
  articles: (orgId: string) => json<Page<Article>>(`${org(orgId)}/kb/articles`),
  article: (orgId: string, id: string) => json<Article>(`${org(orgId)}/kb/articles/${encodeURIComponent(id)}`),
  createArticle: (orgId: string, input: { title: string; body: string }) =>
    post<Article>(`${org(orgId)}/kb/articles`, input),

  // Integrations (admins): settings go in, never come back out
  integrations: (orgId: string) => json<{ data: Integration[] }>(`${org(orgId)}/integrations`).then((r) => r.data),
  setIntegration: (orgId: string, channel: IntegrationChannel, settings: Record<string, string>) =>
    json<void>(`${org(orgId)}/integrations/${channel}`, { method: "PUT", body: settings }),
  removeIntegration: (orgId: string, channel: IntegrationChannel) =>
    json<void>(`${org(orgId)}/integrations/${channel}`, { method: "DELETE" }),
  testIntegration: (orgId: string, channel: IntegrationChannel) => post<TestResult>(`${org(orgId)}/integrations/${channel}/test`),

  // Webhooks (admins); the secret only in the answers to create and rotate
  webhooks: (orgId: string) => json<{ data: Webhook[] }>(`${org(orgId)}/webhooks`).then((r) => r.data),
  createWebhook: (orgId: string, input: { url: string; eventTypes: string[] }) => post<Webhook>(`${org(orgId)}/webhooks`, input),
  rotateWebhook: (orgId: string, id: string) => post<Webhook>(`${org(orgId)}/webhooks/${encodeURIComponent(id)}/rotate`),
  testWebhook: (orgId: string, id: string) => post<TestResult>(`${org(orgId)}/webhooks/${encodeURIComponent(id)}/test`),
  deleteWebhook: (orgId: string, id: string) => json<void>(`${org(orgId)}/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),

  // Delivery log (admins)
  deliveries: (orgId: string, query: { status?: DeliveryStatus; incidentId?: string; limit?: number } = {}) =>
    json<{ data: Delivery[] }>(`${org(orgId)}/deliveries`, { query }).then((r) => r.data),
  delivery: (orgId: string, id: string) => json<DeliveryDetail>(`${org(orgId)}/deliveries/${encodeURIComponent(id)}`),
  retryDelivery: (orgId: string, id: string) => post<void>(`${org(orgId)}/deliveries/${encodeURIComponent(id)}/retry`),

  // On-call schedules (everyone reads, admins write)
  schedules: (orgId: string) => json<{ data: Schedule[] }>(`${org(orgId)}/schedules`).then((r) => r.data),
  createSchedule: (orgId: string, input: { name: string; definition: ScheduleDefinition }) => post<Schedule>(`${org(orgId)}/schedules`, input),
  updateSchedule: (orgId: string, id: string, input: { name: string; definition: ScheduleDefinition }) =>
    json<Schedule>(`${org(orgId)}/schedules/${encodeURIComponent(id)}`, { method: "PUT", body: input }),
  deleteSchedule: (orgId: string, id: string) => json<void>(`${org(orgId)}/schedules/${encodeURIComponent(id)}`, { method: "DELETE" }),
  onCall: (orgId: string, id: string, at?: string) => json<OnCall>(`${org(orgId)}/schedules/${encodeURIComponent(id)}/oncall`, { query: { at } }),
  shifts: (orgId: string, id: string, range: { from?: string; to?: string } = {}) =>
    json<{ data: Shift[] }>(`${org(orgId)}/schedules/${encodeURIComponent(id)}/shifts`, { query: range }).then((r) => r.data),

  // Escalation policies (everyone reads, admins write)
  policies: (orgId: string) => json<{ data: EscalationPolicy[] }>(`${org(orgId)}/escalation-policies`).then((r) => r.data),
  createPolicy: (orgId: string, input: { name: string; definition: PolicyDefinition }) =>
    post<EscalationPolicy>(`${org(orgId)}/escalation-policies`, input),
  updatePolicy: (orgId: string, id: string, input: { name: string; definition: PolicyDefinition }) =>
    json<EscalationPolicy>(`${org(orgId)}/escalation-policies/${encodeURIComponent(id)}`, { method: "PUT", body: input }),
  deletePolicy: (orgId: string, id: string) =>
    json<void>(`${org(orgId)}/escalation-policies/${encodeURIComponent(id)}`, { method: "DELETE" }),

  // The signed-in member's own notification rules
  myNotificationRules: (orgId: string) => json<NotificationRules>(`${org(orgId)}/notification-rules/me`),
  setMyNotificationRules: (orgId: string, rules: NotificationRules) =>
    json<NotificationRules>(`${org(orgId)}/notification-rules/me`, { method: "PUT", body: rules }),

  /** The URL of the organisation's server-sent event stream. */
  eventsUrl: (orgId: string) => `${org(orgId)}/events`,
};

/**
 * Whether `error` says a feature is not set up on this deployment: a 503
 * `…/unavailable` problem whose detail reads "… not configured" (as billing
 * answers without Stripe), not a passing outage.
 */
export function isNotConfigured(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 503 &&
    /\/unavailable$/.test(error.problem.type) &&
    /not configured/i.test(error.problem.detail ?? "")
  );
}

/** A readable sentence for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
