// The web app's API client: one object of calls, split per resource in
// the modules beside this one; its types come from the server's OpenAPI
// document (schema.d.ts, generated).

import { accounts } from "./accounts";
import { billing } from "./billing";
import { incidents } from "./incidents";
import { integrations } from "./integrations";
import { knowledge } from "./knowledge";
import { oncall } from "./oncall";
import { orgs } from "./orgs";
import { records } from "./records";

export const api = { ...accounts, ...orgs, ...incidents, ...knowledge, ...billing, ...integrations, ...oncall, records };

export { ApiError, messageOf, request, type Page, type Problem, type Versioned } from "./client";
export { incidentPath } from "./incidents";
export { articlePath } from "./knowledge";
export * from "./types";
