//! Service requests and their fulfilment tasks: the two lifecycles.

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;

keyed_enum!(
    /// Where a request stands.
    RequestStatus {
        Submitted => "submitted",
        AwaitingApproval => "awaiting_approval",
        Approved => "approved",
        Rejected => "rejected",
        InProgress => "in_progress",
        Fulfilled => "fulfilled",
        Cancelled => "cancelled",
    }
);

impl Lifecycle for RequestStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// submitted → (awaiting approval →) approved | rejected → in progress
    /// → fulfilled; cancelled from anything still open.
    fn can_become(self, next: Self) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Submitted, AwaitingApproval | Approved)
                | (AwaitingApproval, Approved | Rejected)
                | (Approved, InProgress)
                | (InProgress, Fulfilled)
                | (Submitted | AwaitingApproval | Approved | InProgress, Cancelled)
        )
    }
}

impl RequestStatus {
    /// Whether the request is over.
    pub fn is_closed(self) -> bool {
        matches!(self, RequestStatus::Rejected | RequestStatus::Fulfilled | RequestStatus::Cancelled)
    }
}

keyed_enum!(
    /// Where a fulfilment task stands. `pending`: its stage has not opened;
    /// `skipped`: its condition did not hold for the answers.
    TaskStatus {
        Pending => "pending",
        Open => "open",
        InProgress => "in_progress",
        WaitingOnRequester => "waiting_on_requester",
        Done => "done",
        Skipped => "skipped",
        Cancelled => "cancelled",
    }
);

impl Lifecycle for TaskStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// pending → open (its stage opened) → in progress ⇄ waiting on the
    /// requester → done; open tasks are cancelled with their request.
    fn can_become(self, next: Self) -> bool {
        use TaskStatus::*;
        matches!(
            (self, next),
            (Pending, Open)
                | (Open, InProgress | WaitingOnRequester | Done)
                | (InProgress, Open | WaitingOnRequester | Done)
                | (WaitingOnRequester, InProgress | Done)
                | (Pending | Open | InProgress | WaitingOnRequester, Cancelled)
        )
    }
}

impl TaskStatus {
    /// Whether nothing more is to be done for it.
    pub fn is_finished(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Skipped | TaskStatus::Cancelled)
    }

    /// Moves a person makes; the others follow from the request.
    pub fn set_by_people(self) -> bool {
        matches!(self, TaskStatus::Open | TaskStatus::InProgress | TaskStatus::WaitingOnRequester | TaskStatus::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::assert_transitions;

    #[test]
    fn requests_move_through_their_lifecycle() {
        use RequestStatus::*;
        assert_transitions(&[
            (Submitted, AwaitingApproval),
            (Submitted, Approved),
            (Submitted, Cancelled),
            (AwaitingApproval, Approved),
            (AwaitingApproval, Rejected),
            (AwaitingApproval, Cancelled),
            (Approved, InProgress),
            (Approved, Cancelled),
            (InProgress, Fulfilled),
            (InProgress, Cancelled),
        ]);
    }

    #[test]
    fn tasks_move_through_their_lifecycle() {
        use TaskStatus::*;
        assert_transitions(&[
            (Pending, Open),
            (Pending, Cancelled),
            (Open, InProgress),
            (Open, WaitingOnRequester),
            (Open, Done),
            (Open, Cancelled),
            (InProgress, Open),
            (InProgress, WaitingOnRequester),
            (InProgress, Done),
            (InProgress, Cancelled),
            (WaitingOnRequester, InProgress),
            (WaitingOnRequester, Done),
            (WaitingOnRequester, Cancelled),
        ]);
    }
}
