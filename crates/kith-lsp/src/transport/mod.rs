//! kith-lsp's own transport: reads frames from the client, drives tower-lsp-server's
//! `LspService` with them and writes its responses and requests back. It stands in for
//! tower-lsp-server's `Server`, which ends the session at the first frame it cannot read and
//! waits forever for the body of an absurd `Content-Length`: here every refused frame or
//! message is answered with an error (and logged to stderr) and the session goes on.

mod frames;
mod messages;

use frames::{Frame, FrameReader};
use futures::channel::mpsc;
use futures::{future, stream, Sink, SinkExt, Stream, StreamExt};
use messages::{Incoming, Refusal};
use serde::Serialize;
use std::fmt::Display;
use std::io::Write;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{ErrorCode, Id, Request, Response};
use tower_lsp_server::Loopback;
use tower_service::Service;

/// How many requests are processed at once (tower-lsp-server's default); their responses are
/// written in the order they complete.
const CONCURRENT_REQUESTS: usize = 4;
/// How many requests may wait for their turn before reading pauses.
const QUEUED_REQUESTS: usize = 100;

/// A message to the client.
#[derive(Serialize)]
#[serde(untagged)]
enum Outgoing {
    Response(Response),
    /// A request or notification of the server's own (`publishDiagnostics`, `logMessage`…).
    Request(Request),
}

/// Serves `service` until `exit` or the end of `input`. As tower-lsp-server's `Server` does,
/// everything runs in this one task: requests take turns at their `.await`s.
pub(crate) async fn serve<S, L>(input: impl AsyncRead + Unpin, output: impl AsyncWrite + Unpin, service: S, socket: L)
where
    S: Service<Request, Response = Option<Response>>,
    S::Error: Display,
    L: Loopback,
    <L::ResponseSink as Sink<Response>>::Error: Display,
{
    let (server_requests, client_responses) = socket.split();
    let (server_requests, stop_server_requests) = stream::abortable(server_requests);
    let (responses, responses_to_write) = mpsc::channel(0);
    let (requests_to_run, requests) = mpsc::channel(QUEUED_REQUESTS);
    let run_requests = requests
        .buffer_unordered(CONCURRENT_REQUESTS)
        .filter_map(|outcome: Result<Option<Response>, S::Error>| {
            future::ready(outcome.unwrap_or_else(|error| {
                log(format_args!("a request failed: {error}"));
                None
            }))
        })
        .map(Ok)
        .forward(responses.clone());
    let outgoing = stream::select(responses_to_write.map(Outgoing::Response), server_requests.map(Outgoing::Request));
    let read_input = async {
        read_input(input, service, client_responses, requests_to_run, responses).await;
        stop_server_requests.abort();
    };
    let _ = futures::join!(run_requests, write_output(output, outgoing), read_input);
}

/// Reads frames and hands their messages on until `exit`, the end of input, or the service
/// stops; refuses the rest. Dropping the senders when it returns lets the others finish.
async fn read_input<S, R>(
    input: impl AsyncRead + Unpin,
    mut service: S,
    mut client_responses: R,
    mut requests_to_run: mpsc::Sender<S::Future>,
    mut responses: mpsc::Sender<Response>,
) where
    S: Service<Request, Response = Option<Response>>,
    S::Error: Display,
    R: Sink<Response> + Unpin,
    R::Error: Display,
{
    let mut frames = FrameReader::new(input);
    while let Some(frame) = frames.next().await {
        let body = match frame {
            Frame::Body(body) => body,
            Frame::Refused(error) => {
                refuse(&mut responses, "a frame", Refusal::new(Some(Id::Null), ErrorCode::ParseError, error)).await;
                continue;
            }
            Frame::Skipped(bytes) => {
                log(format_args!("skipped {bytes} bytes that are not part of a frame"));
                continue;
            }
            Frame::Truncated(bytes) => {
                log(format_args!("the input ended in the middle of a frame, {bytes} bytes into it"));
                continue;
            }
        };
        let request = match messages::read_message(&body) {
            Ok(Incoming::Request(request)) => request,
            Ok(Incoming::Response(response)) => {
                if let Err(error) = client_responses.send(response).await {
                    log(format_args!("stopped reading: {error}"));
                    return;
                }
                continue;
            }
            Err(refusal) => {
                refuse(&mut responses, "a message", refusal).await;
                continue;
            }
        };
        if let Some(refusal) = messages::refuse_malformed_shutdown(&request) {
            refuse(&mut responses, "a request", refusal).await;
            continue;
        }
        if let Err(error) = future::poll_fn(|context| service.poll_ready(context)).await {
            log(format_args!("stopped reading: {error}"));
            return;
        }
        // The session ends at `exit` itself: a client need not close its end of the pipe.
        let exit = request.method() == "exit";
        let _ = requests_to_run.send(service.call(request)).await;
        if exit {
            return;
        }
    }
}

/// Logs a refused frame, message or request (`what`) and sends its error response, if any.
async fn refuse(responses: &mut mpsc::Sender<Response>, what: &str, refusal: Refusal) {
    log(format_args!("refused {what}: {}", refusal.error.message));
    if let Some(id) = refusal.reply_to {
        let _ = responses.send(Response::from_error(id, refusal.error)).await;
    }
}

/// Writes every outgoing message as a frame, until they end or the output fails.
async fn write_output(mut output: impl AsyncWrite + Unpin, mut outgoing: impl Stream<Item = Outgoing> + Unpin) {
    while let Some(message) = outgoing.next().await {
        if let Err(error) = frames::write_frame(&mut output, &message).await {
            log(format_args!("cannot write the output: {error}"));
            return;
        }
    }
}

/// Writes one line to the server's log, stderr; a log that cannot be written stops nothing.
fn log(line: std::fmt::Arguments<'_>) {
    let _ = std::io::stderr().write_all(format!("kith-lsp: {line}\n").as_bytes());
}
