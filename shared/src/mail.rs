//! Outgoing email, behind the [`Mailer`] port: SMTP through lettre when
//! `SMTP_URL` is set, else the log (local mode without a mail server).

use std::future::Future;
use std::pin::Pin;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailMessage {
    pub to: String,
    pub subject: String,
    pub text: String,
}

pub type SendResult<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
#[error("mail could not be sent: {0}")]
pub struct MailError(pub String);

pub trait Mailer: Send + Sync {
    fn send(&self, message: MailMessage) -> SendResult<'_>;
}

/// Writes each message to the log (local mode without SMTP).
pub struct LogMailer;

impl Mailer for LogMailer {
    fn send(&self, message: MailMessage) -> SendResult<'_> {
        Box::pin(async move {
            tracing::info!(to = %message.to, subject = %message.subject, text = %message.text, "mail (log only)");
            Ok(())
        })
    }
}

/// Sends through an SMTP server. `SMTP_URL` is lettre's connection URL:
/// `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS) or
/// `smtps://user:pass@host:465` (TLS).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Only links under this prefix (the product's own URL) are made
    /// clickable: text a user wrote (a name, a note) cannot become a link.
    own_links: String,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str, public_url: &str) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError(format!("SMTP_URL: {e}")))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        let from = from.parse().map_err(|e| MailError(format!("MAIL_FROM {from:?}: {e}")))?;
        Ok(Self { transport, from, own_links: format!("{}/", public_url.trim_end_matches('/')) })
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, message: MailMessage) -> SendResult<'_> {
        Box::pin(async move {
            let to: Mailbox = message.to.parse().map_err(|e| MailError(format!("recipient {}: {e}", message.to)))?;
            let html = html_body(&message.text, &self.own_links);
            let email = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(message.subject)
                .multipart(MultiPart::alternative_plain_html(message.text, html))
                .map_err(|e| MailError(e.to_string()))?;
            self.transport.send(email).await.map_err(|e| MailError(e.to_string()))?;
            Ok(())
        })
    }
}

/// The HTML alternative of a plain-text message: escaped, paragraphs kept,
/// the product's own links (lines starting with `own_links`) clickable.
fn html_body(text: &str, own_links: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|paragraph| {
            let lines: Vec<String> = paragraph
                .lines()
                .map(|line| {
                    let escaped = escape_html(line.trim());
                    if line.trim().starts_with(own_links) {
                        format!("<a href=\"{escaped}\">{escaped}</a>")
                    } else {
                        escaped
                    }
                })
                .collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect();
    format!(
        "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a\">{}</body></html>",
        paragraphs.join("")
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_alternative_escapes_and_links() {
        let html = html_body("Hello <Ada>,\n\nJoin us:\nhttps://example.com/invite/abc\n", "https://example.com/");
        assert!(html.contains("<p>Hello &lt;Ada&gt;,</p>"));
        assert!(html.contains("<a href=\"https://example.com/invite/abc\">https://example.com/invite/abc</a>"));
    }

    /// A name or note that reads like a link stays text: only the
    /// product's own URLs become links.
    #[test]
    fn only_the_products_own_links_are_clickable() {
        let text = "Ada invited you.\n\nhttps://evil.example/login\nhttps://example.com.evil.example/x\n\nAccept:\nhttps://example.com/invite/abc\n";
        let html = html_body(text, "https://example.com/");
        assert_eq!(html.matches("<a href").count(), 1, "{html}");
        assert!(html.contains("https://evil.example/login<br>"), "{html}");
        assert!(html.contains("<a href=\"https://example.com/invite/abc\">"), "{html}");
    }
}
