// The eol extension: highlighting comes from the grammar (package.json contributes it,
// no code runs for it); this file starts the language server, `eol lsp`, over stdio.
//
// Everything here may fail without taking highlighting along: no `eol` binary, an `eol`
// without the `lsp` command (older builds), or `npm ci` not run in this folder (no
// vscode-languageclient). Each case says so once in the "eol" output channel and leaves the
// editor as it is.

'use strict';

const vscode = require('vscode');
const { execFile } = require('child_process');

let client;

/** Whether `eol lsp` exists: `eol lsp --help` exits 0. */
function hasLsp(command) {
  return new Promise((resolve) => {
    execFile(command, ['lsp', '--help'], { timeout: 10000 }, (err) => resolve(!err));
  });
}

async function activate(context) {
  const output = vscode.window.createOutputChannel('eol');
  context.subscriptions.push(output);
  const config = vscode.workspace.getConfiguration('eol');
  if (!config.get('server.enabled', true)) {
    output.appendLine('eol.server.enabled is off: highlighting only');
    return;
  }
  const command = config.get('server.path', 'eol') || 'eol';
  const args = ['lsp', ...config.get('server.args', [])];

  let lsp;
  try {
    lsp = require('vscode-languageclient/node');
  } catch (err) {
    output.appendLine(`vscode-languageclient is missing (run \`npm ci\` in ${__dirname}): highlighting only`);
    return;
  }
  if (!(await hasLsp(command))) {
    output.appendLine(
      `\`${command} lsp\` is not available (no eol binary, or one without the lsp command): highlighting only. ` +
        'Set eol.server.path to an eol that has it.'
    );
    return;
  }

  const server = { command, args, transport: lsp.TransportKind.stdio };
  client = new lsp.LanguageClient(
    'eol',
    'eol language server',
    { run: server, debug: server },
    {
      documentSelector: [{ language: 'eol' }],
      outputChannel: output,
      synchronize: {
        // Catalogs beside rule files change diagnostics too.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{eol,releases.csv,releases.toml,releases.json}'),
      },
    }
  );
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`\`${command} lsp\` did not start: ${err && err.message ? err.message : err}`);
    client = undefined;
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
