//! The organisation's channels: which are set up, their settings (checked,
//! sealed, never shown back) and a test send through each.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{TestResult, sealer, test_notice};
use crate::domain::permissions::Action;
use crate::error::{Error, Result};
use crate::http::AppState;
use crate::http::extract::{ApiJson, ApiPath, shape_error};
use crate::http::tenant::OrgContext;
use crate::notify::Channel;
use crate::notify::channels::{pagerduty, slack, sms};
use crate::notify::outbound::{Hosts, Outbound};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationView {
    channel: Channel,
    configured: bool,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct IntegrationList {
    data: Vec<IntegrationView>,
}

#[derive(Deserialize)]
struct ChannelPath {
    channel: Channel,
}

/// Which organisation channels are set up (settings are never shown back).
#[utoipa::path(
    get, path = "/api/orgs/{orgId}/integrations", tag = "integrations",
    responses((status = 200, body = IntegrationList))
)]
async fn list_integrations(State(state): State<AppState>, org: OrgContext) -> Result<Json<IntegrationList>> {
    org.require(Action::ManageIntegrations)?;
    let stored = org.scope(&state).channel_settings().await?;
    let data = [Channel::Slack, Channel::Sms, Channel::PagerDuty]
        .into_iter()
        .map(|channel| {
            let found = stored.iter().find(|(c, _, _)| c == channel.key());
            IntegrationView { channel, configured: found.is_some(), updated_at: found.map(|(_, _, at)| *at) }
        })
        .collect();
    Ok(Json(IntegrationList { data }))
}

/// Checks settings for `channel` and returns them as stored (JSON text):
/// the shape first, then each URL against the outbound policy.
fn checked_settings(outbound: &Outbound, channel: Channel, body: serde_json::Value) -> Result<String> {
    fn parse<T: serde::de::DeserializeOwned + Serialize>(body: serde_json::Value) -> Result<(T, String)> {
        let parsed: T = serde_path_to_error::deserialize(&body).map_err(|e| {
            let path = e.path().to_string();
            shape_error(&path, &e.into_inner().to_string())
        })?;
        let text = serde_json::to_string(&parsed).map_err(Error::internal)?;
        Ok((parsed, text))
    }
    let reachable = |url: Option<&str>, field: &str, hosts: Hosts| -> Result<()> {
        match url {
            Some(url) => {
                outbound.check(url, hosts).map(drop).map_err(|why| Error::field(field, crate::error::chain(&why)))
            }
            None => Ok(()),
        }
    };
    match channel {
        Channel::Slack => {
            let (settings, text) = parse::<slack::SlackSettings>(body)?;
            reachable(Some(&settings.webhook_url), "webhookUrl", slack::HOSTS)?;
            Ok(text)
        }
        Channel::Sms => {
            let (settings, text) = parse::<sms::TwilioSettings>(body)?;
            if !sms::valid_account_sid(&settings.account_sid) {
                return Err(Error::field("accountSid", "letters and digits only, as Twilio issues it (AC…)"));
            }
            reachable(settings.api_base.as_deref(), "apiBase", sms::HOSTS)?;
            Ok(text)
        }
        Channel::PagerDuty => {
            let (settings, text) = parse::<pagerduty::PagerDutySettings>(body)?;
            reachable(settings.api_base.as_deref(), "apiBase", pagerduty::HOSTS)?;
            Ok(text)
        }
        Channel::Email | Channel::Webhook => Err(Error::NotFound("integration")),
    }
}

/// Sets a channel's settings (Slack `webhookUrl`; SMS `accountSid`,
/// `authToken`, `fromNumber`; PagerDuty `routingKey`), sealed at rest.
#[utoipa::path(
    put, path = "/api/orgs/{orgId}/integrations/{channel}", tag = "integrations",
    params(("channel" = Channel, Path)), request_body = Object,
    responses((status = 204), (status = 422, body = crate::error::Problem), (status = 503, body = crate::error::Problem))
)]
async fn put_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    let plain = checked_settings(&state.outbound, channel, body)?;
    let sealed =
        sealer(&state)?.seal(&plain, &crate::notify::sealed_for(org.org_id(), channel)).map_err(Error::internal)?;
    org.scope(&state).put_channel_settings(channel.key(), sealed, &org.meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a channel's settings.
#[utoipa::path(
    delete, path = "/api/orgs/{orgId}/integrations/{channel}", tag = "integrations",
    params(("channel" = Channel, Path)), responses((status = 204))
)]
async fn delete_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
) -> Result<StatusCode> {
    org.require(Action::ManageIntegrations)?;
    match org.scope(&state).delete_channel_settings(channel.key(), &org.meta).await? {
        true => Ok(StatusCode::NO_CONTENT),
        false => Err(Error::NotFound("integration")),
    }
}

async fn opened_settings<T: serde::de::DeserializeOwned>(
    state: &AppState,
    org: &OrgContext,
    channel: Channel,
) -> Result<T> {
    crate::notify::open_settings(Some(sealer(state)?), &org.scope(state), channel)
        .await
        .map_err(Error::internal)?
        .ok_or(Error::NotFound("integration"))
}

/// Sends a test notification through a configured channel and reports
/// what the receiver answered (SMS goes to your own phone number).
#[utoipa::path(
    post, path = "/api/orgs/{orgId}/integrations/{channel}/test", tag = "integrations",
    params(("channel" = Channel, Path)),
    responses((status = 200, body = TestResult))
)]
async fn test_integration(
    State(state): State<AppState>,
    org: OrgContext,
    ApiPath(ChannelPath { channel }): ApiPath<ChannelPath>,
) -> Result<Json<TestResult>> {
    org.require(Action::ManageIntegrations)?;
    let notice = test_notice(&state, &org);
    let http = &state.outbound;
    let result = match channel {
        Channel::Slack => slack::send(http, &opened_settings(&state, &org, channel).await?, &notice).await,
        Channel::PagerDuty => pagerduty::send(http, &opened_settings(&state, &org, channel).await?, &notice).await,
        Channel::Sms => {
            let phone = org.scope(&state).contact_rules(org.current.user.id).await?.and_then(|c| c.phone);
            let phone =
                phone.ok_or_else(|| Error::field("phone", "set your phone number in your notification rules first"))?;
            sms::send(http, &opened_settings(&state, &org, channel).await?, &notice, &phone).await
        }
        Channel::Email | Channel::Webhook => return Err(Error::NotFound("integration")),
    };
    Ok(Json(result.into()))
}

pub fn integration_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_integrations))
        .routes(routes!(put_integration, delete_integration))
        .routes(routes!(test_integration))
}
