// The one HTTP client for Simplicity's REST API: same origin, session
// cookie, JSON bodies, and RFC 9457 problem+json errors turned into
// `ApiError`. The resource modules beside it are thin calls over it.

import type { components } from "./schema";

export type Schemas = components["schemas"];
export type FieldError = Schemas["FieldError"];

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

  /** The last segment of the problem's `type`: `not-found`, `unavailable`, … */
  get code(): string {
    return this.problem.type.split("/").pop() ?? "";
  }
}

/** A list's page: its items, and the cursor of the next page. */
export interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
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

export async function problemOf(response: Response): Promise<Problem> {
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

export async function json<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await request<T>(path, options)).body;
}

export const post = <T>(path: string, body: unknown = {}) => json<T>(path, { method: "POST", body });
export const remove = (path: string) => json<void>(path, { method: "DELETE" });

/** A list answer's items. */
export const items = <T>(answer: Promise<{ data: T[] }>) => answer.then((r) => r.data);

export const orgPath = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;
export const segment = (value: string | number) => encodeURIComponent(String(value));

/** A record together with the ETag to send back as `If-Match`. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export async function versioned<T extends { version: number }>(
  path: string,
  options?: RequestOptions,
): Promise<Versioned<T>> {
  const { body, response } = await request<T>(path, options);
  return { value: body, etag: response.headers.get("ETag") ?? `"${body.version}"` };
}

/** A change of `path`, made against the version `etag` names. */
export const change = <T extends { version: number }>(path: string, etag: string, body: unknown) =>
  versioned<T>(path, { method: "PATCH", body, headers: { "If-Match": etag } });

/** A create that a retry with the same key does not repeat. */
export const create = <T>(path: string, body: unknown, idempotencyKey?: string) =>
  json<T>(path, { method: "POST", body, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {} });

/** A readable sentence for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
