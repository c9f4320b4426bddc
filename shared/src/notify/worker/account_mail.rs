//! Mail about an account (confirm the address, reset the password, "you
//! already have an account"), sent by the worker rather than the request
//! that asked for it: the request answers after the same work whether or
//! not an account exists, so neither its answer nor its timing tells.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::{WorkerContext, WorkerError};
use crate::domain::accounts::{self, EmailPurpose};
use crate::mail::MailMessage;
use crate::store::UserRecord;

const VERIFY_EMAIL_TTL: Duration = Duration::days(2);
const RESET_PASSWORD_TTL: Duration = Duration::hours(1);

/// What the mail to an address is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AccountMail {
    /// A link confirming the address (unless it is confirmed already).
    VerifyEmail,
    /// A single-use link that sets a new password.
    ResetPassword,
    /// Someone signed up with an address that has an account: tell its owner.
    SignUpTaken,
}

/// Sends `mail` to the account of `email`; nothing when there is none.
pub async fn send(ctx: &WorkerContext, mail: AccountMail, email: &str) -> Result<(), WorkerError> {
    let Some(user) = ctx.store.user_by_email(email).await? else { return Ok(()) };
    let base = ctx.public_url.trim_end_matches('/');
    let message = match mail {
        AccountMail::VerifyEmail if user.email_verified_at.is_some() => return Ok(()),
        AccountMail::VerifyEmail => {
            let token = new_token(ctx, &user, EmailPurpose::VerifyEmail, VERIFY_EMAIL_TTL).await?;
            message(
                &user,
                "Confirm your email address",
                format!(
                    "Hello {},\n\nconfirm your email address for Simplicity:\n{base}/verify-email?token={token}\n\nThe link works once, for 48 hours.\n",
                    user.name
                ),
            )
        }
        AccountMail::ResetPassword => {
            let token = new_token(ctx, &user, EmailPurpose::ResetPassword, RESET_PASSWORD_TTL).await?;
            message(
                &user,
                "Reset your password",
                format!(
                    "Hello {},\n\nsomeone asked to reset your Simplicity password. If it was you:\n{base}/reset-password?token={token}\n\nThe link works once, for one hour. If it was not you, ignore this email.\n",
                    user.name
                ),
            )
        }
        AccountMail::SignUpTaken => message(
            &user,
            "You already have a Simplicity account",
            format!(
                "Hello {},\n\nsomeone tried to sign up for Simplicity with this address, which already has an account. If it was you, sign in:\n{base}/login\n\nForgot your password? Reset it:\n{base}/forgot-password\n\nIf it was not you, ignore this email: nothing has changed.\n",
                user.name
            ),
        ),
    };
    ctx.mailer.send(message).await.map_err(WorkerError::Mail)
}

async fn new_token(
    ctx: &WorkerContext,
    user: &UserRecord,
    purpose: EmailPurpose,
    lasts: Duration,
) -> Result<String, WorkerError> {
    let token = accounts::new_secret("").map_err(|_| WorkerError::Random)?;
    let expires_at = ctx.store.now() + lasts;
    ctx.store.insert_email_token(user.id, purpose, accounts::secret_hash(&token), expires_at).await?;
    Ok(token)
}

fn message(user: &UserRecord, subject: &str, text: String) -> MailMessage {
    MailMessage { to: user.email.clone(), subject: subject.to_owned(), text }
}
