//! A frame's body read as a JSON-RPC message in one pass, into tower-lsp-server's own
//! `Request` and `Response`; and the error response for one the server will not process.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::error::Category;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// A message from the client.
#[derive(Debug, PartialEq)]
pub(super) enum Incoming {
    /// A request or a notification.
    Request(Request),
    /// The answer to one of the server's requests.
    Response(Response),
}

/// A message the server does not process, and the error that answers it.
#[derive(Debug, PartialEq)]
pub(super) struct Refusal {
    /// The id of the error response; `None` for a notification, which gets no response.
    pub reply_to: Option<Id>,
    pub error: Error,
}

impl Refusal {
    /// A refusal answered (unless `reply_to` is `None`) with `code` and a message saying why.
    pub(super) fn new(reply_to: Option<Id>, code: ErrorCode, reason: impl std::fmt::Display) -> Self {
        let message = format!("{}: {reason}", code.description());
        Self { reply_to, error: Error { code, message: message.into(), data: None } }
    }

    fn parse_error(error: &serde_json::Error) -> Self {
        Self::new(Some(Id::Null), ErrorCode::ParseError, format_args!("the body is not JSON ({error})"))
    }

    fn invalid(reply_to: Id, reason: impl std::fmt::Display) -> Self {
        Self::new(Some(reply_to), ErrorCode::InvalidRequest, reason)
    }
}

/// Every member a JSON-RPC message may have, read without judging them. `Some(Value::Null)`
/// is a member present as `null` (a result may be `null`; `params: null` is allowed).
#[derive(Deserialize)]
struct Members {
    jsonrpc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    method: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    params: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    result: Option<Value>,
    error: Option<Value>,
}

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Reads `body` as one JSON-RPC message. Not JSON: a Parse error; JSON but not a message: an
/// Invalid Request, with the request's id when it has a method and a readable id. A would-be
/// response is refused with id null, so the error cannot pass for the answer to one of the
/// client's own requests.
pub(super) fn read_message(body: &[u8]) -> Result<Incoming, Refusal> {
    // JSON text is UTF-8 throughout, also in the members that are skipped. (Reading from a
    // `str` then spares serde_json checking each string again.)
    let body = std::str::from_utf8(body).map_err(|error| {
        Refusal::new(Some(Id::Null), ErrorCode::ParseError, format_args!("the body is not UTF-8 ({error})"))
    })?;
    // Checked first: a struct would also be read from an array.
    if body.trim_start_matches([' ', '\t', '\n', '\r']).as_bytes().first() != Some(&b'{') {
        return Err(match serde_json::from_str::<IgnoredAny>(body) {
            Ok(_) => Refusal::invalid(Id::Null, "the body is not a JSON object (kith-lsp reads no batches)"),
            Err(error) => Refusal::parse_error(&error),
        });
    }
    let members: Members = serde_json::from_str(body).map_err(|error| match error.classify() {
        Category::Data => Refusal::invalid(Id::Null, format_args!("not a JSON-RPC message ({error})")),
        Category::Io | Category::Syntax | Category::Eof => Refusal::parse_error(&error),
    })?;
    let Members { jsonrpc, id, method, params, result, error } = members;
    let version_2 = jsonrpc.as_ref().and_then(Value::as_str) == Some("2.0");
    let id = id.map(serde_json::from_value::<Id>);
    let Some(method) = method else {
        let refuse = |reason| Err(Refusal::invalid(Id::Null, reason));
        let id = match id {
            _ if !version_2 => return refuse(r#"`jsonrpc` is not "2.0""#),
            None => return refuse("the message has no `method` (nor an `id`, for a response)"),
            Some(Err(_)) => return refuse("`id` is not a number, a string or null"),
            Some(Ok(id)) => id,
        };
        return match (result, error) {
            (Some(result), None) => Ok(Incoming::Response(Response::from_ok(id, result))),
            (None, Some(error)) => match serde_json::from_value::<Error>(error) {
                Ok(error) => Ok(Incoming::Response(Response::from_error(id, error))),
                Err(_) => refuse("`error` is not a JSON-RPC error object"),
            },
            (None, None) => refuse("the message has no `method`, `result` or `error`"),
            (Some(_), Some(_)) => refuse("a response has a `result` or an `error`, not both"),
        };
    };
    let reply_to = match &id {
        Some(Ok(id)) => id.clone(),
        None | Some(Err(_)) => Id::Null,
    };
    let refuse = |reason| Err(Refusal::invalid(reply_to.clone(), reason));
    let Value::String(method) = method else { return refuse("`method` is not a string") };
    if !version_2 {
        return refuse(r#"`jsonrpc` is not "2.0""#);
    }
    let mut request = Request::build(method);
    match id {
        None => {}
        Some(Ok(id)) => request = request.id(id),
        Some(Err(_)) => return refuse("`id` is not a number, a string or null"),
    }
    if let Some(params) = params {
        request = request.params(params);
    }
    Ok(Incoming::Request(request.finish()))
}

/// A `shutdown` the service must not see: tower-lsp-server marks the server shut down before
/// it checks the params (or whether it is a request at all), so a malformed one would shut the
/// server down although it is refused.
pub(super) fn refuse_malformed_shutdown(request: &Request) -> Option<Refusal> {
    if request.method() != "shutdown" {
        return None;
    }
    let Some(id) = request.id() else {
        return Some(Refusal::new(None, ErrorCode::InvalidRequest, "`shutdown` is a request: it needs an `id`"));
    };
    let params = request.params().filter(|params| !params.is_null())?;
    let reason = format!("`shutdown` takes no params, got {params}; the server keeps running");
    Some(Refusal::new(Some(id.clone()), ErrorCode::InvalidParams, reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(body: &str) -> Result<Incoming, Refusal> {
        read_message(body.as_bytes())
    }

    /// The code and the id of the refusal of `body`.
    fn refused(body: &str) -> (ErrorCode, Option<Id>) {
        match read(body) {
            Ok(message) => panic!("{body} was read as {message:?}"),
            Err(refusal) => (refusal.error.code, refusal.reply_to),
        }
    }

    #[test]
    fn reads_requests_and_notifications_as_tower_lsp_server_does() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"shutdown","params":null}"#,
            r#"{"method":"textDocument/didOpen","jsonrpc":"2.0","params":{"text":"é \"😀\"\n"},"extra":1}"#,
            r#" {"jsonrpc":"2.0","method":"exit"} "#,
        ] {
            let expected: Request = serde_json::from_str(body).expect("tower-lsp-server reads it");
            assert_eq!(read(body).ok(), Some(Incoming::Request(expected)), "{body}");
        }
    }

    #[test]
    fn reads_responses_as_tower_lsp_server_does() {
        for body in [
            r#"{"jsonrpc":"2.0","id":0,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":"x","result":[1,{"a":2}]}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"no","data":[1]}}"#,
        ] {
            let expected: Response = serde_json::from_str(body).expect("tower-lsp-server reads it");
            assert_eq!(read(body).ok(), Some(Incoming::Response(expected)), "{body}");
        }
    }

    #[test]
    fn a_body_that_is_not_json_is_a_parse_error() {
        for body in ["{bad}", "", "   ", "{\"jsonrpc\":", "{} {}", "[1", "\u{feff}{}", "nul"] {
            assert_eq!(refused(body), (ErrorCode::ParseError, Some(Id::Null)), "{body:?}");
        }
        assert_eq!(
            read_message(b"{\"a\":\"\xff\"}").err().map(|refusal| refusal.error.code),
            Some(ErrorCode::ParseError)
        );
    }

    #[test]
    fn json_that_is_not_a_message_is_an_invalid_request() {
        for body in [
            "{}",
            "[1]",
            "[]",
            "7",
            "null",
            r#""text""#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","method":"x","method":"y"}"#,
            r#"{"jsonrpc":"2.0","id":4}"#,
            r#"{"jsonrpc":"2.0","id":4,"result":1,"error":{"code":1,"message":"m"}}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":"x"}}"#,
            r#"{"jsonrpc":"1.0","id":4,"result":1}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"result":1}"#,
            r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":7}"#,
        ] {
            assert_eq!(refused(body), (ErrorCode::InvalidRequest, Some(Id::Null)), "{body}");
        }
    }

    #[test]
    fn an_invalid_request_is_answered_with_its_id() {
        assert_eq!(
            refused(r#"{"jsonrpc":"2.0","id":41,"method":7}"#),
            (ErrorCode::InvalidRequest, Some(Id::Number(41)))
        );
        let wrong_version = r#"{"jsonrpc":"1.0","id":"a","method":"textDocument/hover"}"#;
        assert_eq!(refused(wrong_version), (ErrorCode::InvalidRequest, Some(Id::String("a".to_string()))));
        assert_eq!(refused(r#"{"id":5,"method":"x"}"#), (ErrorCode::InvalidRequest, Some(Id::Number(5))));
    }

    #[test]
    fn only_a_well_formed_shutdown_reaches_the_service() {
        let shutdown = |message: Value| {
            let request: Request = serde_json::from_value(message).expect("a request");
            refuse_malformed_shutdown(&request).map(|refusal| (refusal.error.code, refusal.reply_to))
        };
        assert_eq!(shutdown(json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown" })), None);
        assert_eq!(shutdown(json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown", "params": null })), None);
        let with_params = json!({ "jsonrpc": "2.0", "id": 1, "method": "shutdown", "params": { "x": 1 } });
        assert_eq!(shutdown(with_params), Some((ErrorCode::InvalidParams, Some(Id::Number(1)))));
        let notification = json!({ "jsonrpc": "2.0", "method": "shutdown" });
        assert_eq!(shutdown(notification), Some((ErrorCode::InvalidRequest, None)));
        let other = json!({ "jsonrpc": "2.0", "id": 1, "method": "exit", "params": { "x": 1 } });
        assert_eq!(shutdown(other), None);
    }
}
