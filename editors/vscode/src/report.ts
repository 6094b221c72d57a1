// "kith: Show Network Report": runs `kith report --format html -` on the editor's text and
// turns its outcome into the HTML to show or the message that says what went wrong. Free of
// the VS Code API, so plain Node tests run it against stand-in commands and the real kith.

import { execFile } from "child_process";
import { findExecutable, notFoundMessage } from "./settings";

export type ReportOutcome = { ok: true; html: string } | { ok: false; message: string };

export interface ReportRequest {
  /** `kith.cli.path`. */
  cli: string;
  /** The document's text, as the editor has it (saved or not). */
  text: string;
  /** The document's name, for messages. */
  name: string;
  /** Where the command runs: the document's folder. */
  cwd: string;
  /** `kith.today`: passed as KITH_TODAY when not empty. */
  today: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** How much of the command's error output a failure message quotes. */
const MAX_ERROR_LINES = 20;

/** Runs the report command; never rejects. */
export function runReport(request: ReportRequest): Promise<ReportOutcome> {
  const env = { ...(request.env ?? process.env) };
  const executable = findExecutable(request.cli, env);
  if (executable === undefined) {
    return Promise.resolve({ ok: false, message: notFoundMessage("the command line", request.cli, "kith.cli.path") });
  }
  const today = request.today.trim();
  if (today !== "") {
    env.KITH_TODAY = today;
  }
  const args = ["report", "--format", "html", "-"];
  const shown = `kith ${args.join(" ")} < ${request.name}`;
  return new Promise((resolve) => {
    const child = execFile(
      executable,
      args,
      { cwd: request.cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: request.timeoutMs ?? 60_000, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          const how = error.killed ? "was stopped after the time limit" : `failed (${describeExit(error)})`;
          const details = quote(stderr) || quote(stdout) || error.message;
          resolve({ ok: false, message: `kith: \`${shown}\` ${how}: ${details}` });
        } else if (stdout.trim() === "") {
          resolve({ ok: false, message: `kith: \`${shown}\` printed no report.` });
        } else {
          resolve({ ok: true, html: withContentSecurityPolicy(stdout) });
        }
      },
    );
    // A command that exits without reading its input closes the pipe early: not an error here.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(request.text, "utf8");
  });
}

function describeExit(error: { code?: number | string | null; signal?: NodeJS.Signals | null; message: string }): string {
  if (typeof error.code === "number") {
    return `exit ${error.code}`;
  }
  return error.signal ? `killed by ${error.signal}` : String(error.code ?? error.message);
}

function quote(output: string): string {
  return output.trim().split(/\r?\n/).slice(0, MAX_ERROR_LINES).join("\n");
}

/** The policy the report webview runs under: inline styles and data images, nothing else. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;";

/** `html` with a Content-Security-Policy that forbids scripts and remote loads. */
export function withContentSecurityPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) {
    const end = head.index + head[0].length;
    return html.slice(0, end) + meta + html.slice(end);
  }
  return `<!DOCTYPE html><html><head>${meta}</head><body>${html}</body></html>`;
}
