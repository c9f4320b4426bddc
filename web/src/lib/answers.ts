// A request's answers and their errors: the server names a wrong answer by
// JSON pointer (`/answers/laptop/model`, or `/answers` with the missing
// property in its message); the form shows each beside its field. Also
// the labels a form's schema gives its answers, for showing them back.

import type { FieldError } from "./api/client";
import type { JsonSchema } from "./api";

/** Errors in react-jsonschema-form's shape: `__errors` at each field's node. */
export interface ErrorTree {
  __errors?: string[];
  [key: string]: ErrorTree | string[] | undefined;
}

const REQUIRED = /^"(.+)" is a required property$/;

/** The tokens of a JSON pointer (`/a~1b/0` → `["a/b", "0"]`). */
export function pointerTokens(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * The server's errors under `prefix` as a tree of field errors, and their
 * messages (for a summary). A missing required property is put on that
 * property's field, as "Required".
 */
export function answerErrors(errors: FieldError[] | undefined, prefix = "/answers"): { tree: ErrorTree; count: number } {
  const tree: ErrorTree = {};
  let count = 0;
  for (const error of errors ?? []) {
    if (error.field !== prefix && !error.field.startsWith(`${prefix}/`)) continue;
    const path = pointerTokens(error.field.slice(prefix.length));
    let message = error.detail;
    const missing = REQUIRED.exec(error.detail);
    if (missing) {
      path.push(missing[1]);
      message = "Required.";
    }
    let node = tree;
    for (const token of path) node = (node[token] as ErrorTree | undefined) ?? (node[token] = {});
    node.__errors = [...(node.__errors ?? []), message];
    count += 1;
  }
  return { tree, count };
}

type Schema = JsonSchema & {
  title?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  const?: unknown;
  then?: Schema;
  else?: Schema;
};

/** The properties a schema may have, conditional ones (`then`, `else`, `allOf`, `dependentSchemas`) included. */
export function schemaProperties(schema: unknown): Record<string, Schema> {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return {};
  const s = schema as Schema;
  const out: Record<string, Schema> = {};
  const merge = (properties: Record<string, Schema>) => {
    for (const [key, value] of Object.entries(properties)) out[key] = { ...(out[key] ?? {}), ...value };
  };
  merge(s.properties ?? {});
  for (const part of [s.then, s.else, ...(s.allOf ?? []), ...Object.values((s.dependentSchemas ?? {}) as Record<string, Schema>)]) merge(schemaProperties(part));
  return out;
}

/** The label of one answer's value: an option's title (`oneOf` of `const`s), Yes/No, or the value. */
export function answerText(schema: Schema | undefined, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const options = schema?.oneOf ?? schema?.anyOf;
  const option = options?.find((o) => o.const === value);
  if (option?.title) return option.title;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.map((v) => answerText(schema?.items, v)).join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
