//! The base protocol's framing: `Content-Length` headers and bodies read from the input,
//! frames written to the output. The reader never gives up on its input: a header it will
//! not honour is reported and skipped, and reading resumes at the next header.

use bytes::{Buf, BytesMut};
use serde::Serialize;
use std::fmt;
use std::io::Write;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest body the reader accepts: 128 MiB. The largest message an editor sends is the
/// text of a document (`didOpen`, a full `didChange`); a 100,000-person network is ~42 MB, a
/// little more once JSON-escaped, so this leaves room for three times that, while bounding
/// what a single frame can make the server hold (the body, then its parsed JSON).
pub(super) const MAX_BODY_BYTES: usize = 128 * 1024 * 1024;

/// The longest header the reader waits for. A real one (`Content-Length`, perhaps
/// `Content-Type`) is under 100 bytes; more than this means the input is not a header.
pub(super) const MAX_HEADER_BYTES: usize = 8 * 1024;

/// How much the reader asks for at once when it does not know how much is coming.
const READ_CHUNK: usize = 64 * 1024;

/// The header names a frame can start with (compared case-insensitively, as in HTTP).
const CONTENT_LENGTH: &[u8] = b"content-length:";
const CONTENT_TYPE: &[u8] = b"content-type:";

/// What the reader found next in its input.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Frame {
    /// The body of a well-framed message, not yet parsed.
    Body(BytesMut),
    /// A header the reader will not honour; it skips to the next header.
    Refused(FrameError),
    /// Bytes that belong to no frame, skipped to reach the next header.
    Skipped(usize),
    /// The input ended in the middle of a frame, after this many of its bytes.
    Truncated(usize),
}

/// Why a header was refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FrameError {
    MissingContentLength,
    /// The value is not a decimal number of bytes.
    InvalidContentLength(String),
    /// More than [`MAX_BODY_BYTES`].
    ContentLengthAboveLimit(String),
    /// A `Content-Type` charset other than UTF-8; the body is skipped.
    UnsupportedCharset(String),
    /// No end of header within [`MAX_HEADER_BYTES`].
    HeaderTooLong,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingContentLength => write!(f, "the header has no Content-Length"),
            Self::InvalidContentLength(value) => write!(f, "Content-Length {value:?} is not a number of bytes"),
            Self::ContentLengthAboveLimit(value) => {
                write!(f, "Content-Length {value} is above kith-lsp's limit of {MAX_BODY_BYTES} bytes (128 MiB)")
            }
            Self::UnsupportedCharset(charset) => write!(f, "charset {charset:?} is not supported (only utf-8 is)"),
            Self::HeaderTooLong => write!(f, "the header is longer than {MAX_HEADER_BYTES} bytes"),
        }
    }
}

#[derive(Debug, Default)]
enum State {
    /// At the start of a frame.
    #[default]
    Header,
    /// Waiting for a body of `length` bytes; with `refusal`, a body read only to be skipped.
    Body { length: usize, refusal: Option<FrameError> },
    /// Discarding input up to the next header; `skipped` bytes so far.
    Resync { skipped: usize },
}

/// Cuts frames out of buffered input: the synchronous half of [`FrameReader`].
#[derive(Debug, Default)]
pub(super) struct FrameDecoder {
    state: State,
}

impl FrameDecoder {
    /// Takes the next frame off the front of `buffer`; `None` when it needs more input.
    pub(super) fn decode(&mut self, buffer: &mut BytesMut) -> Option<Frame> {
        loop {
            match std::mem::take(&mut self.state) {
                State::Header => match begins_with_header_name(buffer) {
                    None => return None,
                    Some(false) => self.state = State::Resync { skipped: 0 },
                    Some(true) => {
                        let window = &buffer[..buffer.len().min(MAX_HEADER_BYTES)];
                        let Some((header_len, consumed)) = header_end(window) else {
                            if buffer.len() < MAX_HEADER_BYTES {
                                return None;
                            }
                            // Past the header's first byte, so resynchronising looks further on.
                            buffer.advance(1);
                            self.state = State::Resync { skipped: 0 };
                            return Some(Frame::Refused(FrameError::HeaderTooLong));
                        };
                        let header = parse_header(&buffer[..header_len]);
                        buffer.advance(consumed);
                        match header {
                            Ok(Header { length, unsupported_charset }) => {
                                let refusal = unsupported_charset.map(FrameError::UnsupportedCharset);
                                self.state = State::Body { length, refusal };
                            }
                            Err(error) => {
                                self.state = State::Resync { skipped: 0 };
                                return Some(Frame::Refused(error));
                            }
                        }
                    }
                },
                State::Body { length, refusal } => {
                    if buffer.len() < length {
                        self.state = State::Body { length, refusal };
                        return None;
                    }
                    let body = buffer.split_to(length);
                    return Some(match refusal {
                        Some(error) => Frame::Refused(error),
                        None => Frame::Body(body),
                    });
                }
                State::Resync { skipped } => match find_header_name(buffer) {
                    Some(at) => {
                        buffer.advance(at);
                        if skipped + at > 0 {
                            return Some(Frame::Skipped(skipped + at));
                        }
                    }
                    None => {
                        // Keep what could be the start of a header name cut by the read.
                        let discard = buffer.len().saturating_sub(CONTENT_LENGTH.len() - 1);
                        buffer.advance(discard);
                        self.state = State::Resync { skipped: skipped + discard };
                        return None;
                    }
                },
            }
        }
    }

    /// How many more bytes the decoder can use: the rest of a body, or a read's worth.
    fn wanted(&self, buffered: usize) -> usize {
        match self.state {
            State::Body { length, .. } => length.saturating_sub(buffered).max(READ_CHUNK),
            State::Header | State::Resync { .. } => READ_CHUNK,
        }
    }

    /// At the end of input: what is left of a frame, if anything. Leaves the decoder empty.
    fn finish(&mut self, buffer: &mut BytesMut) -> Option<Frame> {
        let left = buffer.len();
        buffer.clear();
        match std::mem::take(&mut self.state) {
            State::Header if left == 0 => None,
            State::Header | State::Body { .. } => Some(Frame::Truncated(left)),
            State::Resync { skipped } => (skipped + left > 0).then_some(Frame::Skipped(skipped + left)),
        }
    }
}

/// Reads frames from an input, such as stdin.
pub(super) struct FrameReader<R> {
    input: R,
    buffer: BytesMut,
    decoder: FrameDecoder,
    ended: bool,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub(super) fn new(input: R) -> Self {
        Self { input, buffer: BytesMut::new(), decoder: FrameDecoder::default(), ended: false }
    }

    /// The next frame; `None` once the input has ended (a read error ends it too, logged).
    pub(super) async fn next(&mut self) -> Option<Frame> {
        loop {
            if let Some(frame) = self.decoder.decode(&mut self.buffer) {
                return Some(frame);
            }
            if self.ended {
                return None;
            }
            self.buffer.reserve(self.decoder.wanted(self.buffer.len()));
            let read = self.input.read_buf(&mut self.buffer).await;
            if let Err(error) = &read {
                super::log(format_args!("cannot read the input: {error}"));
            }
            if !matches!(read, Ok(bytes) if bytes > 0) {
                self.ended = true;
                return self.decoder.finish(&mut self.buffer);
            }
        }
    }
}

/// Writes `message` as one frame and flushes it.
pub(super) async fn write_frame(
    output: &mut (impl AsyncWrite + Unpin),
    message: &impl Serialize,
) -> std::io::Result<()> {
    let body = serde_json::to_vec(message)?;
    let mut frame = Vec::with_capacity(body.len() + 32);
    write!(frame, "Content-Length: {}\r\n\r\n", body.len())?;
    frame.extend_from_slice(&body);
    output.write_all(&frame).await?;
    output.flush().await
}

/// What a header announces.
struct Header {
    length: usize,
    unsupported_charset: Option<String>,
}

/// Whether `bytes` start with a header name; `None` while they are too short to tell.
fn begins_with_header_name(bytes: &[u8]) -> Option<bool> {
    let mut undecided = false;
    for name in [CONTENT_LENGTH, CONTENT_TYPE] {
        let common = bytes.len().min(name.len());
        if bytes[..common].eq_ignore_ascii_case(&name[..common]) {
            if common == name.len() {
                return Some(true);
            }
            undecided = true;
        }
    }
    if undecided {
        None
    } else {
        Some(false)
    }
}

/// Where the first header name starts in `bytes`.
fn find_header_name(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find(|&at| {
        let rest = &bytes[at..];
        [CONTENT_LENGTH, CONTENT_TYPE]
            .iter()
            .any(|name| rest.get(..name.len()).is_some_and(|start| start.eq_ignore_ascii_case(name)))
    })
}

/// The length of the header lines in `bytes` and of the header with its ending empty line,
/// once that line is there. Lines end in `\r\n` (or a bare `\n`).
fn header_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut line_start = 0;
    for (at, _) in bytes.iter().enumerate().filter(|(_, &byte)| byte == b'\n') {
        let line = &bytes[line_start..at];
        if line.strip_suffix(b"\r").unwrap_or(line).is_empty() {
            return Some((line_start, at + 1));
        }
        line_start = at + 1;
    }
    None
}

/// Reads the header lines; other headers and lines that are not `name: value` are ignored.
fn parse_header(lines: &[u8]) -> Result<Header, FrameError> {
    let mut length = None;
    let mut unsupported_charset = None;
    for line in lines.split(|&byte| byte == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&byte| byte == b':') else { continue };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if name.eq_ignore_ascii_case(&CONTENT_LENGTH[..CONTENT_LENGTH.len() - 1]) {
            length = Some(parse_content_length(value)?);
        } else if name.eq_ignore_ascii_case(&CONTENT_TYPE[..CONTENT_TYPE.len() - 1]) {
            unsupported_charset = unsupported_charset_of(value);
        }
    }
    let length = length.ok_or(FrameError::MissingContentLength)?;
    Ok(Header { length, unsupported_charset })
}

fn parse_content_length(value: &[u8]) -> Result<usize, FrameError> {
    let text = || String::from_utf8_lossy(value).into_owned();
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(FrameError::InvalidContentLength(text()));
    }
    value
        .iter()
        .try_fold(0usize, |length, digit| length.checked_mul(10)?.checked_add(usize::from(digit - b'0')))
        .filter(|&length| length <= MAX_BODY_BYTES)
        .ok_or_else(|| FrameError::ContentLengthAboveLimit(text()))
}

/// The charset a `Content-Type` value names, unless it is UTF-8 (the default).
fn unsupported_charset_of(content_type: &[u8]) -> Option<String> {
    let charset = content_type.split(|&byte| byte == b';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_at(parameter.iter().position(|&byte| byte == b'=')?);
        name.trim_ascii().eq_ignore_ascii_case(b"charset").then(|| value[1..].trim_ascii())
    })?;
    let charset = charset.strip_prefix(b"\"").and_then(|quoted| quoted.strip_suffix(b"\"")).unwrap_or(charset);
    let utf8 = charset.eq_ignore_ascii_case(b"utf-8") || charset.eq_ignore_ascii_case(b"utf8");
    (!utf8).then(|| String::from_utf8_lossy(charset).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::io::ReadBuf;

    /// An input that hands out its chunks one read at a time, then ends.
    struct Chunks(VecDeque<Vec<u8>>);

    impl AsyncRead for Chunks {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            if let Some(mut chunk) = self.0.pop_front() {
                let rest = chunk.split_off(chunk.len().min(buf.remaining()));
                buf.put_slice(&chunk);
                if !rest.is_empty() {
                    self.0.push_front(rest);
                }
            }
            Poll::Ready(Ok(()))
        }
    }

    async fn frames_of_chunks(chunks: Vec<Vec<u8>>) -> Vec<Frame> {
        let mut reader = FrameReader::new(Chunks(chunks.into_iter().filter(|chunk| !chunk.is_empty()).collect()));
        let mut frames = Vec::new();
        while let Some(frame) = reader.next().await {
            frames.push(frame);
        }
        frames
    }

    async fn frames_of(input: &[u8]) -> Vec<Frame> {
        frames_of_chunks(vec![input.to_vec()]).await
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn body(text: &str) -> Frame {
        Frame::Body(BytesMut::from(text.as_bytes()))
    }

    const EXIT: &str = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    const HOVER: &str = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#;

    #[tokio::test]
    async fn reads_a_frame_cut_at_every_byte() {
        let input = framed(HOVER).into_bytes();
        for cut in 1..input.len() {
            let chunks = vec![input[..cut].to_vec(), input[cut..].to_vec()];
            assert_eq!(frames_of_chunks(chunks).await, vec![body(HOVER)], "cut at {cut}");
        }
        let one_byte_at_a_time = input.iter().map(|&byte| vec![byte]).collect();
        assert_eq!(frames_of_chunks(one_byte_at_a_time).await, vec![body(HOVER)]);
    }

    #[tokio::test]
    async fn reads_several_frames_from_one_read() {
        let input = format!("{}{}{}", framed(HOVER), framed(EXIT), framed(HOVER));
        assert_eq!(frames_of(input.as_bytes()).await, vec![body(HOVER), body(EXIT), body(HOVER)]);
    }

    #[tokio::test]
    async fn header_names_are_case_insensitive_and_content_type_is_optional() {
        let input = format!(
            "content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:{}\r\n\r\n{EXIT}\
             Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=\"UTF8\"\r\n\r\n{EXIT}\
             Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc\r\nX-Other: ignored\r\n\r\n{EXIT}",
            EXIT.len(),
            EXIT.len(),
            EXIT.len()
        );
        assert_eq!(frames_of(input.as_bytes()).await, vec![body(EXIT), body(EXIT), body(EXIT)]);
    }

    #[tokio::test]
    async fn accepts_bare_newlines_and_an_empty_body() {
        let input = format!("Content-Length: {}\n\n{EXIT}Content-Length: 0\r\n\r\n", EXIT.len());
        assert_eq!(frames_of(input.as_bytes()).await, vec![body(EXIT), body("")]);
    }

    #[tokio::test]
    async fn skips_garbage_before_a_header() {
        for garbage in ["\0\u{ff} noise\r\n\r\n", "foobar", "\r\n", "Content-Lengthy: 3\r\n\r\n"] {
            let input = format!("{garbage}{}", framed(EXIT));
            assert_eq!(
                frames_of(input.as_bytes()).await,
                vec![Frame::Skipped(garbage.len()), body(EXIT)],
                "{garbage:?}"
            );
        }
    }

    #[tokio::test]
    async fn garbage_spread_over_many_reads_is_skipped_as_it_arrives() {
        let mut chunks: Vec<Vec<u8>> = (0..100).map(|_| vec![b'x'; 1000]).collect();
        chunks.push(b"Content-Le".to_vec());
        chunks.push(format!("ngth: {}\r\n\r\n{EXIT}", EXIT.len()).into_bytes());
        assert_eq!(frames_of_chunks(chunks).await, vec![Frame::Skipped(100_000), body(EXIT)]);
    }

    #[tokio::test]
    async fn a_header_without_content_length_is_refused_and_its_body_skipped() {
        let input = format!("Content-Type: application/vscode-jsonrpc\r\n\r\n{EXIT}{}", framed(HOVER));
        let expected = vec![Frame::Refused(FrameError::MissingContentLength), Frame::Skipped(EXIT.len()), body(HOVER)];
        assert_eq!(frames_of(input.as_bytes()).await, expected);
    }

    #[tokio::test]
    async fn an_invalid_content_length_is_refused() {
        for value in ["", "abc", "-1", "+5", "1.5", "0x10"] {
            let input = format!("Content-Length: {value}\r\n\r\n{}", framed(EXIT));
            let refused = Frame::Refused(FrameError::InvalidContentLength(value.to_string()));
            assert_eq!(frames_of(input.as_bytes()).await, vec![refused, body(EXIT)], "{value:?}");
        }
    }

    #[tokio::test]
    async fn a_content_length_above_the_limit_is_refused_without_waiting_for_the_body() {
        for value in [(MAX_BODY_BYTES + 1).to_string(), "1000000000000".to_string(), "9".repeat(40)] {
            let input = format!("Content-Length: {value}\r\n\r\n{}", framed(EXIT));
            let refused = Frame::Refused(FrameError::ContentLengthAboveLimit(value.clone()));
            assert_eq!(frames_of(input.as_bytes()).await, vec![refused, body(EXIT)], "{value}");
        }
        // The limit itself is accepted: the reader waits for the body, which never comes.
        let at_the_limit = format!("Content-Length: {MAX_BODY_BYTES}\r\n\r\n");
        assert_eq!(frames_of(at_the_limit.as_bytes()).await, vec![Frame::Truncated(0)]);
    }

    #[tokio::test]
    async fn a_refused_frames_body_is_skipped_up_to_the_next_header() {
        let input = format!("Content-Length: 1000000000000\r\n\r\n{HOVER}{}", framed(EXIT));
        let refused = Frame::Refused(FrameError::ContentLengthAboveLimit("1000000000000".to_string()));
        assert_eq!(frames_of(input.as_bytes()).await, vec![refused, Frame::Skipped(HOVER.len()), body(EXIT)]);
    }

    #[tokio::test]
    async fn an_unsupported_charset_skips_exactly_its_body() {
        let input = format!(
            "Content-Length: {}\r\nContent-Type: text/json; charset=latin1\r\n\r\n{EXIT}{}",
            EXIT.len(),
            framed(HOVER)
        );
        let refused = Frame::Refused(FrameError::UnsupportedCharset("latin1".to_string()));
        assert_eq!(frames_of(input.as_bytes()).await, vec![refused, body(HOVER)]);
    }

    #[tokio::test]
    async fn an_over_long_header_is_refused_and_reading_resumes_at_the_next_header() {
        let input = format!("Content-Length: 1{}{}", " ".repeat(2 * MAX_HEADER_BYTES), framed(EXIT));
        let frames = frames_of(input.as_bytes()).await;
        let skipped = "Content-Length: 1".len() - 1 + 2 * MAX_HEADER_BYTES;
        assert_eq!(frames, vec![Frame::Refused(FrameError::HeaderTooLong), Frame::Skipped(skipped), body(EXIT)]);
    }

    #[tokio::test]
    async fn the_end_of_input_in_the_middle_of_a_frame_ends_the_frames() {
        let cut_in_the_body = format!("{}Content-Length: 100\r\n\r\n{{\"jsonrpc\"", framed(EXIT));
        assert_eq!(frames_of(cut_in_the_body.as_bytes()).await, vec![body(EXIT), Frame::Truncated(10)]);
        assert_eq!(frames_of(b"Content-Len").await, vec![Frame::Truncated(11)]);
        assert_eq!(frames_of(b"Content-Length: 5\r\n").await, vec![Frame::Truncated(19)]);
        assert_eq!(frames_of(b"garbage").await, vec![Frame::Skipped(7)]);
        assert_eq!(frames_of(b"").await, vec![]);
    }

    /// Arbitrary mixtures of header pieces, numbers and bytes, cut into arbitrary reads: the
    /// reader never panics, always ends, and never returns more bytes than it was given.
    #[tokio::test]
    async fn any_input_is_read_to_its_end() {
        const PIECES: [&[u8]; 12] = [
            b"Content-Length: ",
            b"content-type: a; charset=latin1",
            b"Content-Type: a; charset=",
            b"\r\n",
            b"\r\n\r\n",
            b"\n",
            b"{}",
            b"5",
            b"99999999999999999999999",
            b"\xff\x00\xc3",
            b":",
            b" ",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut random = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for _ in 0..500 {
            let input: Vec<u8> = (0..random(40)).flat_map(|_| PIECES[random(PIECES.len())].iter().copied()).collect();
            let mut chunks = Vec::new();
            let mut rest = input.as_slice();
            while !rest.is_empty() {
                let (chunk, after) = rest.split_at(1 + random(rest.len()));
                chunks.push(chunk.to_vec());
                rest = after;
            }
            let frames = frames_of_chunks(chunks).await;
            let bodies: usize =
                frames.iter().map(|frame| if let Frame::Body(body) = frame { body.len() } else { 0 }).sum();
            assert!(bodies <= input.len(), "{input:?} gave {frames:?}");
        }
    }

    #[tokio::test]
    async fn writes_a_frame_as_tower_lsp_server_did() {
        let mut output = Vec::new();
        let message = serde_json::json!({ "jsonrpc": "2.0", "id": 1, "result": "é" });
        write_frame(&mut output, &message).await.expect("writes to memory");
        let body = message.to_string();
        assert_eq!(String::from_utf8(output).expect("utf-8"), format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    }
}
