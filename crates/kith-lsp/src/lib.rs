//! kith-lsp: the kith language server, a protocol adapter over kith-core speaking LSP 3.17
//! over stdio. No rule logic lives here.

mod capabilities;
mod document;
mod edit;
#[doc(hidden)]
pub mod fuzzing;
mod handlers;
mod network;
mod server;
mod session;
mod testing_hooks;
mod transport;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp_server::LspService;

/// Runs the server on stdin/stdout until `exit`. Returns the process exit code: 0 when
/// `shutdown` came before `exit`, 1 otherwise (as the protocol asks).
pub fn main() -> i32 {
    if std::env::args().any(|arg| arg == "--version" || arg == "-V") {
        println!("kith-lsp {}", env!("CARGO_PKG_VERSION"));
        return 0;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("kith-lsp: cannot start the async runtime: {error}");
            return 2;
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    let shut_down_flag = shut_down.clone();
    runtime.block_on(async move {
        let (service, socket) = LspService::new(|client| server::KithServer::new(client, shut_down_flag));
        transport::serve(tokio::io::stdin(), tokio::io::stdout(), service, socket).await;
    });
    // Background tasks (debounced diagnostics, the date watch) are abandoned here.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// The message of a caught panic.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|message| message.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}
