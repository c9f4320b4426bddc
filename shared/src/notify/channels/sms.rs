//! SMS through Twilio's Messages API. A notice is one segment: a second
//! segment costs a second message and may arrive out of order.

use serde::{Deserialize, Serialize};

use super::{REDACTED, api_base, deliver, shorten};
use crate::notify::outbound::{Hosts, Outbound};
use crate::notify::{Notice, Receipt, SendError};

/// Where a Twilio `apiBase` may point (regional edges are subdomains).
pub const HOSTS: Hosts = Hosts::Within(&["twilio.com"]);

const DEFAULT_API_BASE: &str = "https://api.twilio.com";

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TwilioSettings {
    pub account_sid: String,
    pub auth_token: String,
    /// E.164 (`+15017122661`), or a messaging service's sender.
    pub from_number: String,
    /// Defaults to `https://api.twilio.com`; set for a stand-in in tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base: Option<String>,
}

impl std::fmt::Debug for TwilioSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwilioSettings")
            .field("account_sid", &self.account_sid)
            .field("auth_token", &REDACTED)
            .field("from_number", &self.from_number)
            .field("api_base", &self.api_base)
            .finish()
    }
}

/// Whether `sid` can be an account SID (`AC` and hex digits, as Twilio
/// issues them): it goes into the request path, so nothing else may.
pub fn valid_account_sid(sid: &str) -> bool {
    (1..=64).contains(&sid.len()) && sid.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Texts the notice to `to` (E.164); Twilio answers 201 with the message.
pub async fn send(http: &Outbound, settings: &TwilioSettings, notice: &Notice, to: &str) -> Result<Receipt, SendError> {
    if !valid_account_sid(&settings.account_sid) {
        return Err(SendError::Permanent { status_code: None, detail: "the account SID is malformed".to_owned() });
    }
    let url = format!(
        "{}/2010-04-01/Accounts/{}/Messages.json",
        api_base(settings.api_base.as_deref(), DEFAULT_API_BASE),
        settings.account_sid
    );
    // Built by hand: reqwest's `form` needs a feature this crate leaves off.
    let form = serde_urlencoded::to_string([("To", to), ("From", &settings.from_number), ("Body", &sms_text(notice))])
        .map_err(|e| SendError::Permanent { status_code: None, detail: format!("unencodable SMS: {e}") })?;
    let request = http
        .post(&url, HOSTS)?
        .basic_auth(&settings.account_sid, Some(&settings.auth_token))
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form);
    deliver(request).await
}

/// `P1 INC-42 triggered: Checkout is down. https://…/incidents/42`, with
/// the title shortened so the whole text fits one segment.
///
/// The URL is never cut (a cut link is useless); if it alone overflows a
/// segment the text goes out as a multi-part message rather than not at all.
pub fn sms_text(notice: &Notice) -> String {
    let prefix = format!("{} {} {}: ", notice.severity, notice.reference(), notice.kind);
    // Budgeted with the longer separator; see below for the shorter one.
    let suffix = format!(". {}", notice.url);
    let title = fold_typography(&notice.title);
    let encoding = Encoding::of(&format!("{prefix}{title}{suffix}"));
    let fixed = encoding.cost(&prefix) + encoding.cost(&suffix);
    let budget = encoding.segment().saturating_sub(fixed);
    let title = shorten(&title, budget, |c| encoding.char_cost(c), encoding.ellipsis());
    // A title ending in an ellipsis or its own full stop needs no ". ".
    let separator = if title.ends_with(['.', '!', '?', '…']) { " " } else { ". " };
    format!("{prefix}{title}{separator}{}", notice.url)
}

/// Editors turn quotes and dashes typographic; one such character would
/// make the whole text UCS-2 and cost more than half the segment.
fn fold_typography(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => folded.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => folded.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => folded.push('-'),
            '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\t' => folded.push(' '),
            '\u{2026}' => folded.push_str("..."),
            other => folded.push(other),
        }
    }
    folded
}

/// How a phone network carries the text, which sets a segment's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// The GSM 03.38 alphabet: 160 septets; the extension table's
    /// characters take two.
    Gsm7,
    /// Anything else: 70 UTF-16 units; characters beyond the BMP (emoji)
    /// take two.
    Ucs2,
}

/// GSM 03.38's basic table (without the escape code).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                         ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// GSM 03.38's extension table: each is sent as escape + character.
const GSM_EXTENSION: &str = "\x0C^{}\\[~]|€";

impl Encoding {
    fn of(text: &str) -> Self {
        if text.chars().all(|c| GSM_BASIC.contains(c) || GSM_EXTENSION.contains(c)) { Self::Gsm7 } else { Self::Ucs2 }
    }

    fn segment(self) -> usize {
        match self {
            Self::Gsm7 => 160,
            Self::Ucs2 => 70,
        }
    }

    fn char_cost(self, c: char) -> usize {
        match self {
            Self::Gsm7 if GSM_EXTENSION.contains(c) => 2,
            Self::Gsm7 => 1,
            Self::Ucs2 => c.len_utf16(),
        }
    }

    fn cost(self, text: &str) -> usize {
        text.chars().map(|c| self.char_cost(c)).sum()
    }

    /// "…" is not in the GSM alphabet: using it would switch the whole text
    /// to UCS-2 and cut the segment from 160 to 70.
    fn ellipsis(self) -> &'static str {
        match self {
            Self::Gsm7 => "...",
            Self::Ucs2 => "…",
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::incidents::{IncidentStatus, Severity};
    use crate::ids::{EventId, IncidentId, OrgId};
    use crate::notify::NoticeKind;

    fn notice(title: &str) -> Notice {
        Notice {
            event_id: EventId::new(),
            kind: NoticeKind::Triggered,
            level: None,
            org_id: OrgId::new(),
            org_name: "Acme".into(),
            incident_id: IncidentId::new(),
            number: 42,
            title: title.into(),
            severity: Severity::P1,
            status: IncidentStatus::Open,
            assignees: vec![],
            url: "https://app.simplicity.dev/acme/incidents/42".into(),
            occurred_at: Utc::now(),
        }
    }

    #[test]
    fn a_short_title_is_sent_whole() {
        assert_eq!(
            sms_text(&notice("Checkout is down")),
            "P1 INC-42 triggered: Checkout is down. https://app.simplicity.dev/acme/incidents/42"
        );
    }

    #[test]
    fn a_long_ascii_title_is_cut_to_fit_one_gsm_segment() {
        let text = sms_text(&notice(&"Checkout latency above threshold in every region ".repeat(5)));
        assert_eq!(Encoding::of(&text), Encoding::Gsm7, "{text}");
        assert!((150..=160).contains(&text.chars().count()), "{text}");
        assert!(text.starts_with("P1 INC-42 triggered: Checkout latency"), "{text}");
        assert!(text.ends_with("... https://app.simplicity.dev/acme/incidents/42"), "{text}");
        assert!(!text.contains("....") && !text.contains('…'), "{text}");
    }

    #[test]
    fn gsm_extension_characters_count_twice() {
        let text = sms_text(&notice(&"[db] {replica} lag ".repeat(10)));
        assert_eq!(Encoding::of(&text), Encoding::Gsm7);
        assert!(Encoding::Gsm7.cost(&text) <= 160, "{text}");
        assert!(text.chars().count() < 160, "{text}");
    }

    #[test]
    fn a_title_with_emoji_fits_one_ucs2_segment() {
        let text = sms_text(&notice("🔥 Paiement refusé — Zahlungsdienst außer Betrieb für alle Kunden 🔥"));
        assert_eq!(Encoding::of(&text), Encoding::Ucs2, "{text}");
        assert!(text.encode_utf16().count() <= 70, "{text}");
        assert!(text.contains("🔥… https://app.simplicity.dev/acme/incidents/42"), "{text}");
    }

    #[test]
    fn typographic_quotes_and_dashes_keep_the_text_gsm() {
        let text = sms_text(&notice("Checkout’s “pay” button — broken…"));
        assert_eq!(Encoding::of(&text), Encoding::Gsm7, "{text}");
        assert!(text.contains("Checkout's \"pay\" button - broken... https://"), "{text}");
    }

    #[test]
    fn an_emoji_is_never_split() {
        let text = sms_text(&notice(&"🔥".repeat(40)));
        assert!(text.encode_utf16().count() <= 70, "{text}");
        assert!(text.chars().all(|c| c != char::REPLACEMENT_CHARACTER));
    }
}
