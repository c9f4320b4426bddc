//! The queue between the outbox relay (and the sweep) and the notification
//! workers: SQS where `SQS_QUEUE_URL` is set, else an in-process channel.
//! The message format is the same JSON either way.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::mpsc;

use super::worker::{QueueMessage, WorkerContext, handle};

#[derive(Debug, Clone, thiserror::Error)]
pub enum QueueError {
    #[error("the queue refused the message: {0}")]
    Send(String),
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), QueueError>> + Send + 'a>>;
/// One outcome per message, in the order given.
pub type BatchFuture<'a> = Pin<Box<dyn Future<Output = Vec<Result<(), QueueError>>> + Send + 'a>>;

/// The most messages one [`Queue::send_batch`] takes (SQS's limit).
pub const MAX_BATCH: usize = 10;

pub trait Queue: Send + Sync {
    fn send<'a>(&'a self, message: &'a QueueMessage) -> SendFuture<'a>;

    /// Sends up to [`MAX_BATCH`] messages in one call where the queue can.
    fn send_batch<'a>(&'a self, messages: &'a [QueueMessage]) -> BatchFuture<'a> {
        Box::pin(async move {
            let mut outcomes = Vec::with_capacity(messages.len());
            for message in messages {
                outcomes.push(self.send(message).await);
            }
            outcomes
        })
    }
}

/// Local mode: messages go to workers in this process.
pub struct InProcessQueue {
    sender: mpsc::UnboundedSender<QueueMessage>,
}

impl InProcessQueue {
    /// The queue and the receiving end for [`run_in_process`].
    pub fn new() -> (Self, mpsc::UnboundedReceiver<QueueMessage>) {
        let (sender, receiver) = mpsc::unbounded_channel();
        (Self { sender }, receiver)
    }
}

impl Queue for InProcessQueue {
    fn send<'a>(&'a self, message: &'a QueueMessage) -> SendFuture<'a> {
        let sent = self.sender.send(message.clone()).map_err(|_| QueueError::Send("the workers have stopped".into()));
        crate::metrics::queue_send("in_process", sent.is_ok());
        Box::pin(async move { sent })
    }
}

/// How many in-process messages are handled at once.
const IN_PROCESS_CONCURRENCY: usize = 10;

/// Handles in-process messages as they arrive, each on its own task. A
/// message that fails is tried again with the deliveries' backoff, as SQS
/// would redeliver it: an event's outbox row is already marked relayed, so
/// this is its only second chance. Given up, it is logged as an error (SQS's
/// dead-letter queue has no in-process twin).
pub async fn run_in_process(mut receiver: mpsc::UnboundedReceiver<QueueMessage>, ctx: Arc<WorkerContext>) {
    // A backlog relayed at once must not take every database connection
    // from the requests: a message is handled while it holds a permit, and
    // waits for its retry without one.
    let permits = Arc::new(tokio::sync::Semaphore::new(IN_PROCESS_CONCURRENCY));
    while let Some(message) = receiver.recv().await {
        let (ctx, permits) = (ctx.clone(), permits.clone());
        tokio::spawn(async move {
            let mut failures = 0;
            loop {
                let handled = match permits.acquire().await {
                    Ok(_permit) => handle(&message, &ctx).await,
                    Err(_) => return,
                };
                let Err(error) = handled else {
                    return;
                };
                failures += 1;
                let now = ctx.store.now();
                let Some(again) = ctx.retry.next_attempt(failures, now) else {
                    tracing::error!(error = %crate::error::chain(&error), ?message, failures, "notification message given up");
                    return;
                };
                tracing::warn!(error = %crate::error::chain(&error), ?message, %again, "notification message failed; will retry");
                tokio::time::sleep((again - now).to_std().unwrap_or_default()).await;
            }
        });
    }
}

/// Serverless and multi-process deployments: Amazon SQS (or anything that
/// speaks its API, such as moto in tests).
pub struct SqsQueue {
    /// Loaded on first use, not at start-up: AWS's configuration and its
    /// HTTPS client (the system's trust roots) are a large part of a cold
    /// start, and a function that only reads never sends.
    client: tokio::sync::OnceCell<aws_sdk_sqs::Client>,
    endpoint: Option<String>,
    url: String,
}

impl SqsQueue {
    /// `endpoint` overrides AWS's (a local emulator); credentials and region
    /// come from the usual AWS environment. An emulator takes any
    /// credentials, so with `endpoint` set and none in the environment,
    /// placeholders are used.
    pub fn new(url: String, endpoint: Option<String>) -> Self {
        Self { client: tokio::sync::OnceCell::new(), endpoint, url }
    }

    async fn load(endpoint: Option<String>) -> aws_sdk_sqs::Client {
        use aws_sdk_sqs::config::{Credentials, Region};
        // Bounded, so a queue that is down costs the relay seconds, not minutes.
        let timeouts = aws_config::timeout::TimeoutConfig::builder()
            .connect_timeout(std::time::Duration::from_secs(2))
            .operation_timeout(std::time::Duration::from_secs(25))
            .operation_attempt_timeout(std::time::Duration::from_secs(5))
            .build();
        use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
        let https =
            aws_smithy_http_client::Builder::new().tls_provider(Provider::Rustls(CryptoMode::Ring)).build_https();
        let mut loader =
            aws_config::defaults(aws_config::BehaviorVersion::latest()).timeout_config(timeouts).http_client(https);
        if let Some(endpoint) = endpoint {
            loader = loader.endpoint_url(endpoint);
            if std::env::var_os("AWS_ACCESS_KEY_ID").is_none() {
                loader = loader.credentials_provider(Credentials::new("emulator", "emulator", None, None, "emulator"));
            }
            if std::env::var_os("AWS_REGION").is_none() && std::env::var_os("AWS_DEFAULT_REGION").is_none() {
                loader = loader.region(Region::new("us-east-1"));
            }
        }
        aws_sdk_sqs::Client::new(&loader.load().await)
    }

    pub async fn client(&self) -> &aws_sdk_sqs::Client {
        self.client.get_or_init(|| Self::load(self.endpoint.clone())).await
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Local mode against SQS: receives and handles messages until the
    /// process ends; a message is deleted only after it was handled, so a
    /// crash or error means SQS redelivers it.
    pub async fn poll(self: Arc<Self>, ctx: Arc<WorkerContext>) {
        loop {
            let received = self
                .client()
                .await
                .receive_message()
                .queue_url(&self.url)
                .max_number_of_messages(10)
                .wait_time_seconds(1)
                .send()
                .await;
            let messages = match received {
                Ok(output) => output.messages.unwrap_or_default(),
                Err(error) => {
                    tracing::warn!(error = %crate::error::chain(&error), "SQS receive failed; retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    continue;
                }
            };
            let handled = messages.into_iter().map(|message| {
                let ctx = ctx.clone();
                let queue = self.clone();
                async move {
                    let body = message.body.unwrap_or_default();
                    if handle_body(&body, &ctx).await
                        && let Some(receipt) = message.receipt_handle
                        && let Err(error) =
                            queue.client().await.delete_message().queue_url(&queue.url).receipt_handle(receipt).send().await
                    {
                        tracing::warn!(error = %crate::error::chain(&error), "SQS delete failed; the message will come again");
                    }
                }
            });
            futures_util::future::join_all(handled).await;
        }
    }
}

impl Queue for SqsQueue {
    fn send<'a>(&'a self, message: &'a QueueMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let body = serde_json::to_string(message).map_err(|e| QueueError::Send(e.to_string()))?;
            let sent = self.client().await.send_message().queue_url(&self.url).message_body(body).send().await;
            crate::metrics::queue_send("sqs", sent.is_ok());
            sent.map_err(|e| QueueError::Send(crate::error::chain(&e)))?;
            Ok(())
        })
    }

    /// One `SendMessageBatch`: a tenth of the round trips of sending one by one.
    fn send_batch<'a>(&'a self, messages: &'a [QueueMessage]) -> BatchFuture<'a> {
        use aws_sdk_sqs::types::SendMessageBatchRequestEntry;
        Box::pin(async move {
            // SQS refuses an empty batch.
            if messages.is_empty() {
                return Vec::new();
            }
            let mut entries = Vec::with_capacity(messages.len());
            for (index, message) in messages.iter().enumerate() {
                let entry = serde_json::to_string(message).map_err(|e| e.to_string()).and_then(|body| {
                    SendMessageBatchRequestEntry::builder()
                        .id(index.to_string())
                        .message_body(body)
                        .build()
                        .map_err(|e| e.to_string())
                });
                match entry {
                    Ok(entry) => entries.push(entry),
                    Err(error) => return vec![Err(QueueError::Send(error)); messages.len()],
                }
            }
            let sent =
                self.client().await.send_message_batch().queue_url(&self.url).set_entries(Some(entries)).send().await;
            let outcomes = match sent {
                Err(error) => vec![Err(QueueError::Send(crate::error::chain(&error))); messages.len()],
                Ok(output) => {
                    let mut outcomes = vec![Ok(()); messages.len()];
                    for failed in output.failed {
                        if let Some(outcome) = failed.id.parse::<usize>().ok().and_then(|i| outcomes.get_mut(i)) {
                            let detail = failed.message.unwrap_or(failed.code);
                            *outcome = Err(QueueError::Send(detail));
                        }
                    }
                    outcomes
                }
            };
            for outcome in &outcomes {
                crate::metrics::queue_send("sqs", outcome.is_ok());
            }
            outcomes
        })
    }
}

/// Handles one SQS message body; `true` when it may be deleted. An
/// unreadable body is kept (reported failed) rather than dropped: after a
/// few receives SQS moves it to the dead-letter queue, where it can be read.
pub async fn handle_body(body: &str, ctx: &WorkerContext) -> bool {
    let message: QueueMessage = match serde_json::from_str(body) {
        Ok(message) => message,
        Err(error) => {
            tracing::error!(%error, body, "unreadable queue message; left for the dead-letter queue");
            return false;
        }
    };
    match handle(&message, ctx).await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(error = %crate::error::chain(&error), ?message, "notification message failed; it will be retried");
            false
        }
    }
}
