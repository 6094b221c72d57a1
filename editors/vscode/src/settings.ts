// The extension's settings and what follows from them, free of the VS Code API so that
// plain Node tests can check them: the server's initializationOptions, finding a command
// on PATH, and the install instructions shown when kith-lsp or kith is missing.

import * as fs from "fs";
import * as path from "path";

/** The `kith.*` settings the extension reads. */
export interface KithSettings {
  /** `kith.server.path`: the language server command or path. */
  serverPath: string;
  /** `kith.cli.path`: the command line, for the network report. */
  cliPath: string;
  /** `kith.today`: a pinned `YYYY-MM-DD`, or empty for the local date. */
  today: string;
  /** `kith.inlayHints.interactionDates`. */
  interactionDates: boolean;
}

/** The `initializationOptions` kith-lsp understands. */
export interface InitializationOptions {
  today?: string;
  rulesDocsUrl?: string;
  inlayHints: { interactionDates: boolean };
}

/** Settings whose change needs a server restart to take effect. */
export const RESTART_SETTINGS = ["kith.server.path", "kith.today", "kith.inlayHints.interactionDates"];

export const INSTALL_HINT =
  "Install kith with `cargo install --path .` in a kith checkout (it installs `kith` and `kith-lsp` " +
  "into ~/.cargo/bin, which must be on PATH), or set the full path in the settings.";

/** Whether `today` has the `YYYY-MM-DD` shape the server accepts (it checks the date itself). */
export function isDateShaped(today: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(today);
}

/**
 * The server's initializationOptions: `today` only when pinned; diagnostics link their
 * rule's section of `rulesDocsUrl` (the rule docs the extension ships) when given.
 */
export function initializationOptions(settings: KithSettings, rulesDocsUrl?: string): InitializationOptions {
  const options: InitializationOptions = { inlayHints: { interactionDates: settings.interactionDates } };
  if (rulesDocsUrl !== undefined) {
    options.rulesDocsUrl = rulesDocsUrl;
  }
  const today = settings.today.trim();
  if (today !== "") {
    options.today = today;
  }
  return options;
}

/**
 * The executable `command` names: itself when it contains a path separator (relative to
 * `cwd`), else the first match on PATH (with PATHEXT's extensions on Windows). Undefined
 * when there is none.
 */
export function findExecutable(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  cwd: string = process.cwd(),
): string | undefined {
  const trimmed = command.trim();
  if (trimmed === "") {
    return undefined;
  }
  const windows = platform === "win32";
  const extensions = windows ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((ext) => ext !== "")] : [""];
  const hasSeparator = trimmed.includes("/") || (windows && trimmed.includes("\\"));
  const candidates = hasSeparator
    ? [path.resolve(cwd, trimmed)]
    : (env.PATH ?? env.Path ?? "")
        .split(windows ? ";" : ":")
        .filter((dir) => dir !== "")
        .map((dir) => path.join(dir, trimmed));
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const file = candidate + extension;
      if (isExecutableFile(file, windows)) {
        return file;
      }
    }
  }
  return undefined;
}

function isExecutableFile(file: string, windows: boolean): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (!windows) {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The message shown when `command` (from `setting`) cannot be found. */
export function notFoundMessage(what: string, command: string, setting: string): string {
  return `kith: ${what} \`${command}\` was not found. ${INSTALL_HINT.replace("the settings", `\`${setting}\``)}`;
}
