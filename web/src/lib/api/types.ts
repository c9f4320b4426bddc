// The API's types, named as the web app speaks of them: aliases of the
// generated schema (schema.d.ts), plus the few the server keeps as free
// JSON (on-call definitions) or that only the app uses.

import type { Schemas } from "./client";

export type Severity = Schemas["Severity"];
export type IncidentStatus = Schemas["IncidentStatus"];
export type Role = Schemas["Role"];
export type Plan = Schemas["Plan"];
export type Module = Schemas["Module"];
export type TokenScope = Schemas["TokenScope"];
export type RecordKind = Schemas["RecordKind"];
export type LinkRelation = Schemas["LinkRelation"];

export const SEVERITIES: Severity[] = ["P1", "P2", "P3", "P4"];
export const STATUSES: IncidentStatus[] = ["open", "acknowledged", "investigating", "resolved"];
/** The roles of people who work in the app (a requester's is alone: see REQUESTER). */
export const ROLES: Role[] = ["admin", "member", "oncall"];
/** Asks through the portal only; never combined with another role, takes no seat. */
export const REQUESTER: Role = "requester";
export const LINK_RELATIONS: LinkRelation[] = ["caused_by", "related", "resolves", "affects", "duplicates"];

export type User = Schemas["UserView"];
export type Membership = Schemas["MembershipView"];
export type Me = Schemas["MeView"];
export type Org = Schemas["OrgView"];
export type Member = Schemas["MemberView"];
export type Invite = Schemas["InviteView"];
export type InvitePreview = Schemas["InvitePreview"];
export type ApiToken = Schemas["TokenView"];
export type CreatedToken = Schemas["CreatedToken"];
export type AuditEvent = Schemas["AuditEventView"];
export type ChainVerification = Schemas["ChainVerification"];
export type Team = Schemas["TeamView"];

export type Incident = Schemas["IncidentView"];
export type NewIncident = Schemas["CreateIncidentRequest"];
export type IncidentChange = Schemas["UpdateIncidentRequest"];
export type TimelineEntry = Schemas["TimelineEntryView"];
export type Link = Schemas["LinkView"];
export type ExternalLink = Schemas["ExternalLinkView"];
export type Article = Schemas["ArticleView"];
export type ArticleStatus = Schemas["ArticleStatus"];
export type ArticleKind = Schemas["ArticleKind"];
export type Visibility = Schemas["Visibility"];
export type NewArticle = Schemas["CreateArticleRequest"];
export type ArticleChange = Schemas["UpdateArticleRequest"];
export type Revision = Schemas["RevisionView"];
export type RevisionState = Schemas["RevisionState"];
export type DiffLine = Omit<Schemas["DiffLine"], "op"> & { op: "equal" | "insert" | "delete" };
export type RevisionDiff = Omit<Schemas["RevisionDiff"], "title" | "body"> & { title: DiffLine[]; body: DiffLine[] };
export type SearchKind = Schemas["SearchKind"];
export type SearchResult = Schemas["SearchResult"];
export type SnippetPiece = Schemas["SnippetPiece"];
export const SEARCH_KINDS: SearchKind[] = ["article", "known_error", "incident"];
export type ActionItem = Schemas["ActionItemView"];
export type ActionItemStatus = Schemas["ActionItemStatus"];
export type NewActionItem = Schemas["CreateActionItemRequest"];
export type ActionItemChange = Schemas["UpdateActionItemRequest"];
export type PromoteTo = Schemas["PromoteTo"];
export type FollowUps = Schemas["FollowUpsView"];
export type OverdueActionItem = Schemas["OverdueActionItem"];
export type IncidentWithoutPostmortem = Schemas["IncidentWithoutPostmortem"];
export type RecordSummary = Schemas["RecordSummaryView"];
export type KbSettings = Schemas["KbSettings"];
export type TemplateSection = Schemas["Section"];

export type ProblemRecord = Schemas["ProblemView"];
export type NewProblem = Schemas["CreateProblemRequest"];
export type ProblemChange = Schemas["UpdateProblemRequest"];
export type ProblemStatus = Schemas["ProblemStatus"];
export type Priority = Schemas["Priority"];
export const PROBLEM_STATUSES: ProblemStatus[] = ["identified", "investigating", "known_error", "resolved", "closed"];
export const PRIORITIES: Priority[] = ["P1", "P2", "P3", "P4"];

export type ChangeRecord = Schemas["ChangeView"];
export type NewChange = Schemas["CreateChangeRequest"];
export type ChangeChange = Schemas["UpdateChangeRequest"];
export type ChangeStatus = Schemas["ChangeStatus"];
export type ChangeType = Schemas["ChangeType"];
export type ChangeWindow = Schemas["Window"];
export type ChangePolicy = Schemas["ChangePolicy"];
export type ApprovalStep = Schemas["StepSpec"];
export type Decision = Schemas["Decision"];
export type Approval = Schemas["ApprovalView"];
export type Freeze = Schemas["FreezeView"];
export type NewFreeze = Schemas["CreateFreezeRequest"];
export type FailureRate = Schemas["FailureRateView"];
export const CHANGE_TYPES: ChangeType[] = ["standard", "normal", "emergency"];

export type ItemView = Schemas["ItemView"];
export type NewItem = Schemas["CreateItemRequest"];
export type ItemChange = Schemas["UpdateItemRequest"];
export type ItemType = Schemas["ItemTypeView"];
export type CiStatus = Schemas["CiStatus"];
export type Criticality = Schemas["Criticality"];
export type Relationship = Schemas["RelationshipView"];
export type ImpactView = Schemas["ImpactView"];
export type ImpactNode = Schemas["ImpactNodeView"];
export type ItemRecords = Schemas["ItemRecordsView"];
export type ImportReport = Schemas["ImportReport"];
export const CI_STATUSES: CiStatus[] = ["planned", "active", "maintenance", "retired"];
export const CRITICALITIES: Criticality[] = ["low", "medium", "high", "critical"];

// The service catalogue (module serviceCatalog) and requests (module
// requestFulfillment).
export type CatalogCategory = Schemas["CategoryView"];
export type CategoryInput = Schemas["CategoryRequest"];
export type CatalogItemStatus = Schemas["ItemStatus"];
export type CatalogItemInput = Omit<Schemas["CatalogItemRequest"], "form"> & { form: JsonSchema };
export type CatalogItemSetup = Schemas["CatalogItemSetup"];
export type FulfilmentPlan = Schemas["FulfilmentPlan"];
export type PlanStage = Schemas["Stage"];
export type PlanTask = Schemas["PlanTask"];
export type TaskCondition = Schemas["Condition"];
/** A catalogue item as the API answers it (its form typed as the JSON Schema it is). */
export type CatalogItem = Omit<Schemas["CatalogItemView"], "form"> & { form: JsonSchema };
export type Catalog = Omit<Schemas["CatalogView"], "items"> & { items: CatalogItem[] };
export const CATALOG_ITEM_STATUSES: CatalogItemStatus[] = ["draft", "published", "retired"];

export type ServiceRequest = Omit<Schemas["RequestView"], "form" | "answers"> & { form: JsonSchema; answers: Answers };
export type RequestStatus = Schemas["RequestStatus"];
export type RequestTask = Schemas["TaskView"];
export type QueuedTask = Schemas["QueuedTaskView"];
export type TaskStatus = Schemas["TaskStatus"];
export type TaskChange = Schemas["TaskRequest"];
export const REQUEST_STATUSES: RequestStatus[] = ["submitted", "awaiting_approval", "approved", "rejected", "in_progress", "fulfilled", "cancelled"];
/** The statuses a person moves a task to. */
export const TASK_MOVES: TaskStatus[] = ["open", "in_progress", "waiting_on_requester", "done"];

/** A JSON Schema (of a catalogue item's form): free JSON the server checks. */
export type JsonSchema = Record<string, unknown>;
/** Answers to a form: whatever its schema describes (an object at the top). */
export type Answers = Record<string, unknown>;

export interface IncidentFilters {
  status?: string;
  severity?: string;
  assignee?: string;
  team?: string;
  label?: string;
  q?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export type Figures = Schemas["Figures"];
export type DayFigures = Schemas["DayFigures"];
export type Dashboard = Omit<Schemas["DashboardView"], "activeBySeverity" | "activeByStatus" | "bySeverity"> & {
  activeBySeverity: Partial<Record<Severity, number>>;
  activeByStatus: Partial<Record<IncidentStatus, number>>;
  bySeverity: Partial<Record<Severity, Figures>>;
};
export type SlaTarget = Schemas["TargetView"];

export type Billing = Schemas["BillingView"];
export type BillingInterval = Schemas["Interval"];
export type SubscriptionStatus = Schemas["SubscriptionStatus"];
export type CheckoutOption = Schemas["CheckoutOption"];

export type IntegrationChannel = "slack" | "sms" | "pagerduty";
export type PersonalChannel = "email" | "sms";
export type Integration = Omit<Schemas["IntegrationView"], "channel"> & { channel: IntegrationChannel };
export type TestResult = Schemas["TestResult"];
export const WEBHOOK_EVENT_TYPES = ["*", "incident.triggered", "incident.escalated", "incident.acknowledged", "incident.resolved"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type Webhook = Schemas["WebhookView"];
export type DeliveryStatus = Schemas["DeliveryStatus"];
export type Delivery = Schemas["DeliveryView"];
export type DeliveryAttempt = Schemas["AttemptView"];
export type DeliveryDetail = Delivery & { attemptLog: DeliveryAttempt[] };

// On-call documents: the server stores their definitions as JSON it
// validates itself; these are their shapes.
export type Rotation = { type: "daily" } | { type: "weekly" } | { type: "custom"; hours: number };

export interface ScheduleLayer {
  name: string;
  rotation: Rotation;
  /** Local wall-clock time in the schedule's zone, `YYYY-MM-DDTHH:MM:SS`. */
  startsAt: string;
  participants: string[];
}

export interface ScheduleOverride {
  /** UTC instants. */
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

export type OnCall = Schemas["OnCallView"];

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

// SLA management (module slaManagement): business-hours calendars,
// policies tried in order, and each record's clocks.
export type Calendar = Schemas["CalendarView"];
export type CalendarSpec = Schemas["CalendarSpec"];
export type Week = Schemas["Week"];
export type Span = Schemas["SpanText"];
export type Holiday = Schemas["Holiday"];
export type CalendarException = Schemas["Exception"];
export type SlaPolicy = Schemas["PolicyView"];
export type SlaPolicySpec = Schemas["PolicySpec"];
export type PolicySubject = Schemas["PolicySubject"];
export type PolicyTargets = Schemas["Targets"];
export type SlaClockView = Schemas["ClockView"];
export type ClockStatus = Schemas["ClockStatus"];
export type ClockEvent = Schemas["ClockEvent"];
export type SlaMetric = Schemas["Metric"];
/** How well targets were kept over some days: per policy and metric, per team (OLAs), breaches per day. */
export type SlaCompliance = Schemas["ComplianceView"];
export type SlaOutcomes = Schemas["OutcomeView"];
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The statuses a policy may pause its clocks in. */
export const PAUSE_STATUSES = ["waiting_on_requester"] as const;
