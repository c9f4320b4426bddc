//! The HTTP side of the record kernel: paging, versions (`ETag` /
//! `If-Match`), idempotency keys, and the routes every record has.

pub mod paging;
pub mod records;
pub mod versioned;

use crate::error::Error;
use crate::ids::UserId;
use crate::store::OwnerRefusal;

/// The 422 for a refused owner, naming the field that holds it.
pub fn owner_refused(refusal: OwnerRefusal, person_field: &str, team_field: &str) -> Error {
    match refusal {
        OwnerRefusal::NotAMember(user) => not_members(&[user], person_field),
        OwnerRefusal::UnknownTeam => Error::field(team_field, "is not a team of this organisation"),
    }
}

/// The 422 for people who are not members, naming the field that holds them.
pub fn not_members(users: &[UserId], field: &str) -> Error {
    let list: Vec<String> = users.iter().map(ToString::to_string).collect();
    Error::field(field, format!("not members of this organisation: {}", list.join(", ")))
}
