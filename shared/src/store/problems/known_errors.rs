//! Known errors: problems whose workaround is published, found by their
//! words or through the incidents they cause; publishing one tells every
//! open incident it causes.

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use super::{ProblemRecord, Problems};
use crate::domain::events::EventType;
use crate::domain::incidents::IncidentStatus;
use crate::domain::knowledge::{SearchKind, Visibility};
use crate::domain::records::{RecordKind, RecordRef};
use crate::ids::{IncidentId, OrgId};
use crate::store::entities::{incident, problem, record_link};
use crate::store::records::{DomainEvent, Entry, LinkRelation, TimelineKind};
use crate::store::scope::scoped;
use crate::store::search::{self, SearchDocument};
use crate::store::unit::UnitOfWork;
use crate::store::{OrgStore, StoreResult};

/// Each word of `text` (at most 8) in the title, symptom or workaround, in any case.
pub(super) fn matching_words(text: &str) -> Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let lower = |column: problem::Column| Expr::expr(Func::lower(Expr::col(column)));
    let mut all = Condition::all();
    for word in text.split_whitespace().take(8) {
        let pattern = format!("%{}%", word.to_lowercase().replace(['%', '_'], ""));
        all = all.add(
            Condition::any()
                .add(lower(problem::Column::Title).like(pattern.clone()))
                .add(lower(problem::Column::Symptom).like(pattern.clone()))
                .add(lower(problem::Column::Workaround).like(pattern)),
        );
    }
    all
}

/// Search finds a known error by its title, symptom and workaround.
pub(super) async fn index_known_error(unit: &UnitOfWork<'_>, problem: &ProblemRecord) -> StoreResult<()> {
    let document = SearchDocument {
        kind: SearchKind::KnownError,
        record_id: problem.id.uuid(),
        number: problem.number.number,
        title: problem.title.clone(),
        body: format!("{}\n\n{}", problem.symptom, problem.workaround),
        tags: Vec::new(),
        visibility: Visibility::Internal,
        updated_at: problem.updated_at,
    };
    search::index(unit.conn(), unit.org_id(), document).await
}

impl Problems<'_> {
    /// The known errors that cause `incident` (linked to it).
    pub async fn known_errors_of(&self, incident: IncidentId) -> StoreResult<Vec<ProblemRecord>> {
        let ids = caused(self.scope.db, self.scope.org_id, incident.into(), RecordKind::Problem, true).await?;
        let rows = self
            .scope
            .rows::<problem::Entity>()
            .filter(problem::Column::Id.is_in(ids))
            .filter(problem::Column::WorkaroundPublishedAt.is_not_null())
            .order_by_desc(problem::Column::Number)
            .all(self.scope.db)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}

/// The records of `kind` linked `caused_by` with `subject`: those it causes
/// (`subject` the cause, `causes` true) or those causing it.
async fn caused<C: ConnectionTrait>(
    conn: &C,
    org_id: OrgId,
    subject: RecordRef,
    kind: RecordKind,
    subject_is_effect: bool,
) -> StoreResult<Vec<uuid::Uuid>> {
    let (this_kind, this_id, other_kind, other_id) = if subject_is_effect {
        (
            record_link::Column::FromKind,
            record_link::Column::FromId,
            record_link::Column::ToKind,
            record_link::Column::ToId,
        )
    } else {
        (
            record_link::Column::ToKind,
            record_link::Column::ToId,
            record_link::Column::FromKind,
            record_link::Column::FromId,
        )
    };
    Ok(scoped::<record_link::Entity>(org_id)
        .filter(record_link::Column::Relation.eq(LinkRelation::CausedBy.key()))
        .filter(this_kind.eq(subject.kind().key()))
        .filter(this_id.eq(subject.uuid()))
        .filter(other_kind.eq(kind.key()))
        .select_only()
        .column(other_id)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Tells every open incident `problem` causes of its workaround: an entry
/// on each timeline, and an event that notifies each one's assignees.
pub(super) async fn publish_workaround(
    unit: &mut UnitOfWork<'_>,
    scope: &OrgStore<'_>,
    problem: &ProblemRecord,
) -> StoreResult<()> {
    let org_id = scope.org_id;
    let ids = caused(unit.conn(), org_id, problem.id.into(), RecordKind::Incident, false).await?;
    let open =
        [IncidentStatus::Open, IncidentStatus::Acknowledged, IncidentStatus::Investigating].map(IncidentStatus::key);
    let incidents = scope
        .rows::<incident::Entity>()
        .filter(incident::Column::Id.is_in(ids))
        .filter(incident::Column::Status.is_in(open))
        .order_by_asc(incident::Column::Number)
        .all(unit.conn())
        .await?;
    let body = format!("Workaround from {} ({}): {}", problem.number, problem.title, problem.workaround);
    let detail = json!({"problem": RecordRef::from(problem.id), "number": problem.number.to_string()});
    unit.timeline(
        problem.id.into(),
        Entry::new(
            TimelineKind::Workaround,
            format!("Workaround published to {} open incident(s)", incidents.len()),
            json!({"incidents": incidents.len()}),
        ),
    )
    .await?;
    for row in incidents {
        let incident = RecordRef::stored(RecordKind::Incident, row.id);
        unit.timeline(incident, Entry::new(TimelineKind::Workaround, body.clone(), detail.clone())).await?;
        let data = json!({"incidentId": IncidentId::from_uuid(row.id), "number": row.number, "title": row.title,
                          "problemId": problem.id, "problemNumber": problem.number.to_string(),
                          "workaround": problem.workaround});
        unit.emit(DomainEvent::new(EventType::IncidentWorkaroundPublished, incident, data));
    }
    unit.emit(problem.event(EventType::ProblemWorkaroundPublished));
    Ok(())
}
