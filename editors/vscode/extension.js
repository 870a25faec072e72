// The VS Code side of perfdsl: starts `perfdsl lsp` for rubric files and hands the editor to it.
// Everything a rubric author sees (diagnostics, hover, completion, navigation, rename, the
// outline, semantic colours) comes from the server; highlighting before it starts comes from
// syntaxes/rubric.tmLanguage.json.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("perfdsl");
  const command = config.get("server.command", "perfdsl");
  const args = config.get("server.args", ["lsp"]);
  const lang = config.get("lang", "");
  const serverOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    // Python on a Chinese Windows would otherwise write its own messages in GBK.
    options: { env: { ...process.env, PYTHONUTF8: "1" } },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "rubric" },
      { scheme: "untitled", language: "rubric" },
    ],
    initializationOptions: lang ? { lang } : {},
  };
  client = new LanguageClient("perfdsl", "perfdsl", serverOptions, clientOptions);
  client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `perfdsl: cannot start \`${command} ${args.join(" ")}\` (${error.message}). ` +
        "Install perfdsl (pip install perfdsl), or set perfdsl.server.command to its path."
    );
  });
  context.subscriptions.push(client);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
