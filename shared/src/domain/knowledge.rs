//! Knowledge management: an article's lifecycle, its kinds and who may
//! read it, the line diff between two versions, and the words a search
//! looks for.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::keyed_enum;
use crate::domain::lifecycle::Lifecycle;

keyed_enum!(
    /// Where an article stands. A published article being edited stays
    /// published (readers see its published version) until the new
    /// version is published in turn.
    ArticleStatus {
        Draft => "draft",
        InReview => "in_review",
        Published => "published",
        Retired => "retired",
    }
);

impl Lifecycle for ArticleStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }

    /// Drafted, optionally reviewed (and sent back), published, retired;
    /// a retired article may be drafted again.
    fn can_become(self, next: Self) -> bool {
        use ArticleStatus::*;
        matches!(
            (self, next),
            (Draft, InReview | Published) | (InReview, Draft | Published) | (Published, Retired) | (Retired, Draft)
        )
    }
}

keyed_enum!(
    /// What an article is.
    ArticleKind {
        Article => "article",
        Postmortem => "postmortem",
    }
);

keyed_enum!(
    /// Who may read an article: agents only, or requesters on the portal too.
    Visibility {
        Internal => "internal",
        Portal => "portal",
    }
);

keyed_enum!(
    /// How a revision stands: the one readers see, one they saw before, or
    /// one not yet published.
    RevisionState {
        Published => "published",
        Outdated => "outdated",
        Draft => "draft",
    }
);

impl RevisionState {
    /// `revision` of an article whose readers see `published` (if any);
    /// `was_published`: whether it ever was the published one.
    pub fn of(revision: i32, published: Option<i32>, was_published: bool) -> Self {
        match published {
            Some(current) if current == revision => Self::Published,
            _ if was_published => Self::Outdated,
            _ => Self::Draft,
        }
    }
}

keyed_enum!(
    /// What a search may find.
    SearchKind {
        Article => "article",
        KnownError => "known_error",
        Incident => "incident",
    }
);

keyed_enum!(
    /// Whether a search wants all its words or any of them.
    WordMatch {
        All => "all",
        Any => "any",
    }
);

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DiffLine {
    /// `equal`, `insert` or `delete`.
    pub op: &'static str,
    pub text: String,
}

/// The lines of `before` and `after`, each kept, added or removed. A last
/// line is the same line with or without its newline (a text box often
/// leaves it off), so adding a line after it does not show it changed.
pub fn line_diff(before: &str, after: &str) -> Vec<DiffLine> {
    let ended =
        |text: &str| if text.is_empty() || text.ends_with('\n') { text.to_owned() } else { format!("{text}\n") };
    let (before, after) = (ended(before), ended(after));
    similar::TextDiff::from_lines(&before, &after)
        .iter_all_changes()
        .map(|change| DiffLine {
            op: match change.tag() {
                similar::ChangeTag::Equal => "equal",
                similar::ChangeTag::Insert => "insert",
                similar::ChangeTag::Delete => "delete",
            },
            text: change.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect()
}

/// The most words a search looks for.
const MAX_TERMS: usize = 8;

/// Words too common to search for: PostgreSQL's English list
/// (`tsearch_data/english.stop`), which its engine drops; dropped here
/// for both stores, so SQLite's (which keeps them) finds the same.
const STOP_WORDS: &str = include_str!("english-stop-words.txt");

/// The words of a search, lower-case, as each store's engine reads them
/// (letters and digits; the rest separates words), less the stop words.
/// Each is matched as a prefix, so results come as the user types.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word: String = word.to_lowercase().chars().take(40).collect();
        let stop = STOP_WORDS.lines().any(|s| s == word);
        if !stop && !terms.contains(&word) && terms.len() < MAX_TERMS {
            terms.push(word);
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_lifecycle() {
        use ArticleStatus::*;
        crate::domain::lifecycle::assert_transitions(&[
            (Draft, InReview),
            (Draft, Published),
            (InReview, Draft),
            (InReview, Published),
            (Published, Retired),
            (Retired, Draft),
        ]);
    }

    #[test]
    fn a_version_is_published_outdated_or_a_draft() {
        assert_eq!(RevisionState::of(3, Some(3), true), RevisionState::Published);
        assert_eq!(RevisionState::of(2, Some(3), true), RevisionState::Outdated);
        assert_eq!(RevisionState::of(1, Some(3), false), RevisionState::Draft);
        assert_eq!(RevisionState::of(4, Some(3), false), RevisionState::Draft);
        assert_eq!(RevisionState::of(3, None, true), RevisionState::Outdated, "a retired article's last version");
    }

    #[test]
    fn a_diff_keeps_adds_and_removes_lines() {
        let ops: Vec<(&str, String)> =
            line_diff("a\nb\nc\n", "a\nc\nd\n").into_iter().map(|l| (l.op, l.text)).collect();
        assert_eq!(
            ops,
            [("equal", "a"), ("delete", "b"), ("equal", "c"), ("insert", "d")].map(|(o, t)| (o, t.to_owned()))
        );
    }

    #[test]
    fn a_last_line_without_its_newline_is_the_same_line() {
        let ops: Vec<&str> = line_diff("a\nb", "a\nb\nc").into_iter().map(|l| l.op).collect();
        assert_eq!(ops, ["equal", "equal", "insert"]);
    }

    #[test]
    fn search_terms_are_words() {
        assert_eq!(search_terms("Disk FULL on the db-1!"), ["disk", "full", "db", "1"]);
        assert_eq!(search_terms("  "), Vec::<String>::new());
        assert_eq!(search_terms("x x y"), ["x", "y"]);
    }
}
