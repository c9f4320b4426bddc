// The web app's API client: one object of calls, split per resource in
// the modules beside this one; its types come from the server's OpenAPI
// document (schema.d.ts, generated).

import { accounts } from "./accounts";
import { assets } from "./assets";
import { billing } from "./billing";
import { catalog } from "./catalog";
import { changes } from "./changes";
import { incidents } from "./incidents";
import { integrations } from "./integrations";
import { knowledge } from "./knowledge";
import { oncall } from "./oncall";
import { orgs } from "./orgs";
import { problems } from "./problems";
import { records } from "./records";
import { requests } from "./requests";
import { sla } from "./sla";

export const api = { ...accounts, ...orgs, ...incidents, ...knowledge, ...problems, ...changes, ...assets, ...billing, ...integrations, ...oncall, ...catalog, ...requests, ...sla, records };

export { ApiError, messageOf, request, type Page, type Problem, type Versioned } from "./client";
export { incidentPath } from "./incidents";
export { articlePath, type KbSearch } from "./knowledge";
export { changePath, type ChangeFilters } from "./changes";
export { itemPath, type ItemFilters } from "./assets";
export { problemPath, type ProblemFilters } from "./problems";
export { requestPath, type RequestFilters, type TaskQueueFilters } from "./requests";
export * from "./types";
