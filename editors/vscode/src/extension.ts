// The kith extension for VS Code: starts kith-lsp for kith documents through
// vscode-languageclient, restarts it on demand or when its settings change, and shows the
// network report (`kith report --format html`) of the current file in a webview.

import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { runReport } from "./report";
import { findExecutable, initializationOptions, isDateShaped, KithSettings, notFoundMessage, RESTART_SETTINGS } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** The rule docs packaged with the extension (docs/rules.md), which diagnostics link to. */
let rulesDocs: string | undefined;

function readSettings(): KithSettings {
  const config = vscode.workspace.getConfiguration("kith");
  return {
    serverPath: config.get<string>("server.path", "kith-lsp"),
    cliPath: config.get<string>("cli.path", "kith"),
    today: config.get<string>("today", ""),
    interactionDates: config.get<boolean>("inlayHints.interactionDates", false),
  };
}

/** A folder to resolve relative setting paths against: the first workspace folder. */
function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function showSettingError(message: string, setting: string): Promise<void> {
  const openSettings = "Open Settings";
  const choice = await vscode.window.showErrorMessage(message, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", setting);
  }
}

async function startServer(): Promise<void> {
  const settings = readSettings();
  const server = findExecutable(settings.serverPath, process.env, process.platform, workspaceRoot());
  if (server === undefined) {
    await showSettingError(notFoundMessage("the language server", settings.serverPath, "kith.server.path"), "kith.server.path");
    return;
  }
  const today = settings.today.trim();
  if (today !== "" && !isDateShaped(today)) {
    await showSettingError(`kith: \`kith.today\` is "${today}": write the date as YYYY-MM-DD, or leave it empty for the local date.`, "kith.today");
    return;
  }
  output ??= vscode.window.createOutputChannel("kith");
  const serverOptions: ServerOptions = { command: server, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "kith" },
      { scheme: "untitled", language: "kith" },
    ],
    initializationOptions: initializationOptions(settings, rulesDocs),
    outputChannel: output,
  };
  // The id "kith" makes vscode-languageclient read the `kith.trace.server` setting.
  const started = new LanguageClient("kith", "kith", serverOptions, clientOptions);
  try {
    await started.start();
    client = started;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await showSettingError(
      `kith: the language server \`${server}\` failed to start: ${reason}. See the "kith" output for details.`,
      "kith.server.path",
    );
    try {
      await started.dispose();
    } catch {
      // The process never came up; there is nothing left to stop.
    }
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.dispose();
  }
}

async function restartServer(): Promise<void> {
  await stopServer();
  await startServer();
}

async function showNetworkReport(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document;
  if (document === undefined || document.languageId !== "kith") {
    await vscode.window.showErrorMessage("kith: open a .kith file to see its network report.");
    return;
  }
  const settings = readSettings();
  const name = document.isUntitled ? document.uri.path : path.basename(document.uri.fsPath);
  const cwd = document.isUntitled ? (workspaceRoot() ?? process.cwd()) : path.dirname(document.uri.fsPath);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: "kith: making the network report" },
    () => runReport({ cli: settings.cliPath, text: document.getText(), name, cwd, today: settings.today }),
  );
  if (!outcome.ok) {
    await showSettingError(outcome.message, "kith.cli.path");
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    "kithNetworkReport",
    `Network report: ${name}`,
    vscode.ViewColumn.Beside,
    { enableScripts: false, localResourceRoots: [] },
  );
  panel.webview.html = outcome.html;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  rulesDocs = vscode.Uri.joinPath(context.extensionUri, "docs", "rules.md").toString();
  context.subscriptions.push(
    vscode.commands.registerCommand("kith.restartServer", restartServer),
    vscode.commands.registerCommand("kith.showNetworkReport", showNetworkReport),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (RESTART_SETTINGS.some((setting) => event.affectsConfiguration(setting))) {
        await restartServer();
      }
    }),
    { dispose: () => void stopServer() },
  );
  await startServer();
}

export async function deactivate(): Promise<void> {
  await stopServer();
  output?.dispose();
  output = undefined;
}
