//! The fulfilment tasks still to do: a team's queue, or the caller's.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::super::AppState;
use super::super::extract::ApiQuery;
use super::super::tenant::OrgContext;
use super::TaskView;
use crate::domain::permissions::Action;
use crate::domain::requests::TaskStatus;
use crate::error::Result;
use crate::ids::TeamId;
use crate::store::{QueueFilter, QueuedTask};

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// One team's tasks.
    team: Option<TeamId>,
    /// Only tasks assigned to the caller.
    mine: Option<bool>,
    /// Only tasks in this status; default: every one still to do.
    #[param(inline)]
    status: Option<TaskStatus>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueuedTaskView {
    #[serde(flatten)]
    task: TaskView,
    /// `REQ-3`.
    request_number: String,
    request_title: String,
}

impl From<QueuedTask> for QueuedTaskView {
    fn from(q: QueuedTask) -> Self {
        Self { task: q.task.into(), request_number: q.request_number.to_string(), request_title: q.request_title }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TaskQueue {
    data: Vec<QueuedTaskView>,
}

/// Fulfilment tasks still to do, least recently touched first: a team's
/// queue (`team`), or the caller's (`mine`).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/requests/tasks", tag = "requests",
    params(QueueQuery),
    responses((status = 200, body = TaskQueue), (status = 403, body = crate::error::Problem), (status = 404, body = crate::error::Problem)),
)]
async fn task_queue(
    State(state): State<AppState>,
    org: OrgContext,
    ApiQuery(query): ApiQuery<QueueQuery>,
) -> Result<Json<TaskQueue>> {
    org.require(Action::ReadRequests)?;
    let filter = QueueFilter {
        team: query.team,
        assignee: (query.mine == Some(true)).then_some(org.current.user.id),
        statuses: query.status.into_iter().collect(),
    };
    let queue = org.scope(&state).requests().queue(&filter).await?;
    Ok(Json(TaskQueue { data: queue.into_iter().map(Into::into).collect() }))
}

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(task_queue))
}
