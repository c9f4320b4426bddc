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
