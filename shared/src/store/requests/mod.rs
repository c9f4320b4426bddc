//! Service requests (`REQ-n`) on the record kernel, raised from a catalogue
//! item with answers checked against the form version they were raised
//! with. Their fulfilment tasks are written with them, from the item's plan
//! (`flow` moves them: approvals, tasks, fulfilment, cancelling).

mod flow;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::approvals::{self, resolve_steps};
use super::catalog::{ItemRecord, item_on, teams_of};
use super::entities::{catalog_item, request_task, service_request};
use super::records::{DomainEvent, Entry, RecordSummary, TimelineKind, newest_first, row_of};
use super::scope::scoped;
use super::unit::UnitOfWork;
use super::{OrgStore, StoreError, StoreResult};
use crate::domain::audit::{AuditEntry, AuditMeta};
use crate::domain::catalog::ItemStatus;
use crate::domain::events::EventType;
use crate::domain::records::{RecordKind, RecordNumber, RecordRef};
use crate::domain::requests::{RequestStatus, TaskStatus};
use crate::domain::schema::Schema;
use crate::domain::sla::policy::{PolicySubject, Subject};
use crate::error::FieldError;
use crate::ids::{CatalogItemId, OrgId, RequestId, RequestTaskId, TeamId, UserId};

pub use flow::{RequestMove, TaskEdit};

/// The most tasks a page of a team's queue shows.
pub const MAX_QUEUE: u64 = 500;

#[derive(Debug, Clone)]
pub struct RequestRecord {
    pub id: RequestId,
    pub number: RecordNumber,
    pub item: CatalogItemId,
    /// The version of the item's form it was raised with.
    pub form_version: i32,
    pub title: String,
    pub answers: Value,
    pub status: RequestStatus,
    pub requested_by: UserId,
    pub due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl TryFrom<service_request::Model> for RequestRecord {
    type Error = StoreError;

    fn try_from(m: service_request::Model) -> StoreResult<Self> {
        Ok(Self {
            id: RequestId::from_uuid(m.id),
            number: RecordNumber::new(RecordKind::Request, m.number),
            item: CatalogItemId::from_uuid(m.item_id),
            form_version: m.form_version,
            title: m.title,
            answers: serde_json::from_str(&m.answers).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            requested_by: UserId::from_uuid(m.requested_by),
            due_at: m.due_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            closed_at: m.closed_at,
            version: m.version,
        })
    }
}

impl RequestRecord {
    fn event_data(&self) -> Value {
        json!({"requestId": self.id, "number": self.number.to_string(), "title": self.title, "status": self.status,
               "requestedBy": self.requested_by, "version": self.version})
    }

    fn event(&self, event_type: EventType) -> DomainEvent {
        DomainEvent::new(event_type, self.id.into(), self.event_data())
    }
}

#[derive(Debug, Clone)]
pub struct TaskRecord {
    pub id: RequestTaskId,
    pub request: RequestId,
    /// Stages run in sequence; tasks of one stage in parallel.
    pub stage: u32,
    pub name: String,
    pub team: TeamId,
    pub assignee: Option<UserId>,
    pub status: TaskStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub version: i32,
}

impl TryFrom<request_task::Model> for TaskRecord {
    type Error = StoreError;

    fn try_from(m: request_task::Model) -> StoreResult<Self> {
        Ok(Self {
            id: RequestTaskId::from_uuid(m.id),
            request: RequestId::from_uuid(m.request_id),
            stage: u32::try_from(m.stage).unwrap_or(0),
            name: m.name,
            team: TeamId::from_uuid(m.team_id),
            assignee: m.assignee_id.map(UserId::from_uuid),
            status: m.status.parse().map_err(StoreError::Corrupt)?,
            created_at: m.created_at,
            updated_at: m.updated_at,
            done_at: m.done_at,
            version: m.version,
        })
    }
}

/// A task in a team's queue, with the request it is for.
#[derive(Debug, Clone)]
pub struct QueuedTask {
    pub task: TaskRecord,
    pub request_number: RecordNumber,
    pub request_title: String,
}

pub struct NewRequest {
    pub item: CatalogItemId,
    pub answers: Value,
    pub requested_by: UserId,
}

/// Why a request write was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestRefusal {
    NotFound,
    /// No published item by that id that the requester may request.
    ItemNotFound,
    /// Answers the item's form refuses, each named by its path.
    Invalid(Vec<FieldError>),
    /// An approval step its approvers cannot meet, in words.
    Unmeetable(String),
    Stale {
        current: i32,
    },
    Transition {
        from: RequestStatus,
        to: RequestStatus,
    },
    /// Fulfilled by hand only once no task is open.
    OpenTasks(usize),
    Vote(super::VoteRefusal),
    TaskNotFound,
    TaskTransition {
        from: TaskStatus,
        to: TaskStatus,
    },
    /// An assignee who is not a member.
    NotAMember(UserId),
}

/// What a list of requests shows.
#[derive(Debug, Default)]
pub struct RequestFilter {
    pub status: Option<RequestStatus>,
    pub requested_by: Option<UserId>,
    pub item: Option<CatalogItemId>,
    /// The previous page's last number.
    pub before: Option<i64>,
}

/// What a team's queue shows.
#[derive(Debug, Default)]
pub struct QueueFilter {
    pub team: Option<TeamId>,
    pub assignee: Option<UserId>,
    /// Empty: every task still to do (open, in progress, waiting).
    pub statuses: Vec<TaskStatus>,
}

/// One of `org_id`'s requests, as another record's page shows it.
pub(super) async fn describe<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    id: uuid::Uuid,
) -> StoreResult<Option<RecordSummary>> {
    let Some(row) = row_of::<service_request::Entity, _>(conn, org_id, id).await? else { return Ok(None) };
    let request = RequestRecord::try_from(row)?;
    Ok(Some(RecordSummary {
        requested_by: Some(request.requested_by),
        reference: request.id.into(),
        number: request.number,
        status: request.status.key().to_owned(),
        event_data: request.event_data(),
        title: request.title,
    }))
}

/// Who answers for the request `record` is (nobody for other records):
/// its unfinished tasks' assignees and their teams' leads.
pub(super) async fn responsible<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    record: RecordRef,
    task: Option<RequestTaskId>,
) -> StoreResult<Vec<UserId>> {
    let Some(id) = record.id::<RequestId>() else { return Ok(Vec::new()) };
    let open: Vec<TaskRecord> = tasks_on(conn, org_id, id)
        .await?
        .into_iter()
        .filter(|t| !t.status.is_finished() && task.is_none_or(|task| t.id == task))
        .collect();
    let mut people: Vec<UserId> = open.iter().filter_map(|t| t.assignee).collect();
    let teams: Vec<TeamId> = open.iter().map(|t| t.team).collect();
    people.extend(super::teams::leads_of(conn, org_id, &teams).await?);
    Ok(people)
}

/// A task as an SLA alert names it: id, name and team.
pub(super) async fn task_summary<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    task: RequestTaskId,
) -> StoreResult<Value> {
    let row = scoped::<request_task::Entity>(org_id).filter(request_task::Column::Id.eq(task.uuid())).one(conn).await?;
    Ok(row.map_or(Value::Null, |t| json!({"id": task, "name": t.name, "team": TeamId::from_uuid(t.team_id)})))
}

/// Writes the tasks of `item`'s plan for a request: each `skipped` when
/// its condition does not hold for `answers`, the others `pending` until
/// their stage opens.
async fn plan_tasks(unit: &UnitOfWork<'_>, request: RequestId, item: &ItemRecord, answers: &Value) -> StoreResult<()> {
    for (stage_index, stage) in item.fulfilment.stages.iter().enumerate() {
        for (position, task) in stage.tasks.iter().enumerate() {
            let holds = task.when.as_ref().is_none_or(|when| when.holds(answers));
            let status = if holds { TaskStatus::Pending } else { TaskStatus::Skipped };
            request_task::ActiveModel {
                id: Set(RequestTaskId::new().uuid()),
                org_id: Set(unit.org_id().uuid()),
                request_id: Set(request.uuid()),
                stage: Set(i32::try_from(stage_index).unwrap_or(i32::MAX)),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                name: Set(task.name.trim().to_owned()),
                team_id: Set(task.team.uuid()),
                assignee_id: Set(None),
                status: Set(status.key().to_owned()),
                created_at: Set(unit.now()),
                updated_at: Set(unit.now()),
                done_at: Set(None),
                version: Set(1),
            }
            .insert(unit.conn())
            .await?;
        }
    }
    Ok(())
}

pub(super) async fn tasks_on<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    request: RequestId,
) -> StoreResult<Vec<TaskRecord>> {
    scoped::<request_task::Entity>(org_id)
        .filter(request_task::Column::RequestId.eq(request.uuid()))
        .order_by_asc(request_task::Column::Stage)
        .order_by_asc(request_task::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(TryInto::try_into)
        .collect()
}

/// One organisation's service requests.
pub struct Requests<'a> {
    scope: OrgStore<'a>,
}

impl<'a> OrgStore<'a> {
    pub fn requests(&self) -> Requests<'a> {
        Requests { scope: *self }
    }
}

impl Requests<'_> {
    /// Raises a request: its answers checked against the item's current
    /// form, its tasks planned, and then either its approval opened or —
    /// when the item needs none — approved and its first tasks opened, all
    /// in one write. With an idempotency key seen in the last 24 hours,
    /// returns the request written then (and `false`).
    pub async fn create(
        &self,
        new: NewRequest,
        idempotency_key: Option<&str>,
        meta: &AuditMeta,
    ) -> StoreResult<Result<(RequestRecord, bool), RequestRefusal>> {
        let org_id = self.scope.org_id;
        let mut unit = self.scope.unit(meta).await?;
        let id = RequestId::new();
        if let Some(existing) = unit.idempotent(RecordKind::Request, idempotency_key, id.uuid()).await?
            && let Some(row) = row_of::<service_request::Entity, _>(unit.conn(), org_id, existing).await?
        {
            return Ok(Ok((RequestRecord::try_from(row)?, false)));
        }
        let Some(row) = scoped::<catalog_item::Entity>(org_id)
            .filter(catalog_item::Column::Id.eq(new.item.uuid()))
            .filter(catalog_item::Column::Status.eq(ItemStatus::Published.key()))
            .one(unit.conn())
            .await?
        else {
            return Ok(Err(RequestRefusal::ItemNotFound));
        };
        let item = item_on(unit.conn(), org_id, row).await?;
        if !item.open_to(&teams_of(unit.conn(), org_id, new.requested_by).await?) {
            return Ok(Err(RequestRefusal::ItemNotFound));
        }
        let form = Schema::compile(&item.form, "form").map_err(|e| StoreError::Corrupt(e.detail))?;
        if let Err(errors) = form.check(&new.answers, "/answers") {
            return Ok(Err(RequestRefusal::Invalid(errors)));
        }
        let steps = match resolve_steps(unit.conn(), org_id, &item.approval, new.requested_by).await? {
            Ok(steps) => steps,
            Err(why) => return Ok(Err(RequestRefusal::Unmeetable(why))),
        };
        let now = unit.now();
        let number = unit.next_number(RecordKind::Request).await?;
        let due_at = item.target_minutes.map(|minutes| now + chrono::Duration::minutes(i64::from(minutes)));
        let row = service_request::ActiveModel {
            id: Set(id.uuid()),
            org_id: Set(org_id.uuid()),
            number: Set(number.number),
            item_id: Set(item.id.uuid()),
            form_version: Set(item.form_version),
            title: Set(item.name.clone()),
            answers: Set(new.answers.to_string()),
            status: Set(RequestStatus::Submitted.key().to_owned()),
            requested_by: Set(new.requested_by.uuid()),
            due_at: Set(due_at),
            created_at: Set(now),
            updated_at: Set(now),
            closed_at: Set(None),
            version: Set(1),
        }
        .insert(unit.conn())
        .await
        .map_err(StoreError::from_write)?;
        let body = format!("Requested {} (form version {})", item.name, item.form_version);
        unit.timeline(id.into(), Entry::new(TimelineKind::StatusChange, body, json!({"to": RequestStatus::Submitted})))
            .await?;
        plan_tasks(&unit, id, &item, &new.answers).await?;
        let subject = Subject {
            record: PolicySubject::Request,
            severity: None,
            labels: Vec::new(),
            services: Vec::new(),
            item: Some(item.id),
            team: None,
        };
        super::sla::start(&unit, &subject, RecordRef::from(id).into(), None).await?;
        let created = RequestRecord::try_from(row.clone())?;
        unit.emit(created.event(EventType::RequestCreated));
        let request = match steps.first() {
            Some(first) => {
                approvals::open(&unit, org_id, id.into(), new.requested_by, &steps).await?;
                let waiting =
                    RequestRecord::try_from(flow::move_to(&unit, row, RequestStatus::AwaitingApproval, None).await?)?;
                unit.emit(flow::approval_requested(&waiting, &first.spec.name, &first.approvers));
                waiting
            }
            None => flow::approve_and_start(&unit, row, "the item needs no approval").await?,
        };
        let summary = json!({"number": request.number.to_string(), "item": item.id, "status": request.status});
        unit.audit(AuditEntry::new("request.created", id, summary));
        unit.emit(flow::status_changed(&request, RequestStatus::Submitted));
        unit.commit().await?;
        Ok(Ok((request, true)))
    }

    /// Newest first, `limit` at most.
    pub async fn list(&self, filter: &RequestFilter, limit: u64) -> StoreResult<(Vec<RequestRecord>, Option<i64>)> {
        let mut query = self.scope.rows::<service_request::Entity>();
        if let Some(status) = filter.status {
            query = query.filter(service_request::Column::Status.eq(status.key()));
        }
        if let Some(user) = filter.requested_by {
            query = query.filter(service_request::Column::RequestedBy.eq(user.uuid()));
        }
        if let Some(item) = filter.item {
            query = query.filter(service_request::Column::ItemId.eq(item.uuid()));
        }
        newest_first(self.scope.db, query, filter.before, limit).await
    }

    pub async fn get(&self, id: RequestId) -> StoreResult<Option<RequestRecord>> {
        row_of::<service_request::Entity, _>(self.scope.db, self.scope.org_id, id.uuid())
            .await?
            .map(TryInto::try_into)
            .transpose()
    }

    /// By id (`req_…`) or number (`3`, `REQ-3`).
    pub async fn find(&self, reference: &str) -> StoreResult<Option<RequestRecord>> {
        match self.scope.records().resolve(RecordKind::Request, reference).await? {
            Some(found) => self.get(RequestId::from_uuid(found.reference.uuid())).await,
            None => Ok(None),
        }
    }

    /// The request's tasks, stage by stage.
    pub async fn tasks(&self, request: RequestId) -> StoreResult<Vec<TaskRecord>> {
        tasks_on(self.scope.db, self.scope.org_id, request).await
    }

    /// Tasks to do, oldest first: a team's queue, or someone's.
    pub async fn queue(&self, filter: &QueueFilter) -> StoreResult<Vec<QueuedTask>> {
        let (db, org_id) = (self.scope.db, self.scope.org_id);
        let statuses: Vec<&str> = if filter.statuses.is_empty() {
            [TaskStatus::Open, TaskStatus::InProgress, TaskStatus::WaitingOnRequester].iter().map(|s| s.key()).collect()
        } else {
            filter.statuses.iter().map(|s| s.key()).collect()
        };
        let mut query = scoped::<request_task::Entity>(org_id).filter(request_task::Column::Status.is_in(statuses));
        if let Some(team) = filter.team {
            query = query.filter(request_task::Column::TeamId.eq(team.uuid()));
        }
        if let Some(user) = filter.assignee {
            query = query.filter(request_task::Column::AssigneeId.eq(user.uuid()));
        }
        let tasks: Vec<TaskRecord> = query
            .order_by_asc(request_task::Column::UpdatedAt)
            .limit(MAX_QUEUE)
            .all(db)
            .await?
            .into_iter()
            .map(TryInto::try_into)
            .collect::<StoreResult<_>>()?;
        let requests = scoped::<service_request::Entity>(org_id)
            .filter(service_request::Column::Id.is_in(tasks.iter().map(|t| t.request.uuid())))
            .select_only()
            .column(service_request::Column::Id)
            .column(service_request::Column::Number)
            .column(service_request::Column::Title)
            .into_tuple::<(uuid::Uuid, i64, String)>()
            .all(db)
            .await?;
        Ok(tasks
            .into_iter()
            .filter_map(|task| {
                let (_, number, title) = requests.iter().find(|(id, _, _)| *id == task.request.uuid())?.clone();
                Some(QueuedTask {
                    task,
                    request_number: RecordNumber::new(RecordKind::Request, number),
                    request_title: title,
                })
            })
            .collect())
    }
}
