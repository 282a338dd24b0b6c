// The VS Code extension without VS Code: its manifest contributes what highlighting
// needs, and activating it where `eol lsp` cannot start leaves the editor alone (no
// exception, one line in the output channel). `vscode` is a stub; run with `node --test`.

'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const extensionDir = path.join(__dirname, '..', 'vscode');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));

test('the manifest contributes the language, its configuration and the grammar', () => {
  const [language] = manifest.contributes.languages;
  assert.strictEqual(language.id, 'eol');
  assert.deepStrictEqual(language.extensions, ['.eol']);
  const configuration = JSON.parse(fs.readFileSync(path.join(extensionDir, language.configuration), 'utf8'));
  assert.strictEqual(configuration.comments.lineComment, '#');
  const [grammar] = manifest.contributes.grammars;
  assert.strictEqual(grammar.language, 'eol');
  const tm = JSON.parse(fs.readFileSync(path.join(extensionDir, grammar.path), 'utf8'));
  assert.strictEqual(tm.scopeName, grammar.scopeName);
  assert.ok(fs.existsSync(path.join(extensionDir, manifest.main)));
});

/** Activate the extension with a stub `vscode` and these settings; returns what it logged. */
async function activate(settings) {
  const lines = [];
  const vscode = {
    window: { createOutputChannel: () => ({ appendLine: (l) => lines.push(l), dispose() {} }) },
    workspace: {
      getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
      createFileSystemWatcher: () => ({ dispose() {} }),
    },
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
  const entry = require.resolve(path.join(extensionDir, manifest.main));
  delete require.cache[entry];
  try {
    const extension = require(entry);
    await extension.activate({ subscriptions: [] });
    await extension.deactivate();
  } finally {
    Module._resolveFilename = resolve;
    delete require.cache.vscode;
  }
  return lines.join('\n');
}

test('a disabled server is not started', async () => {
  assert.match(await activate({ 'server.enabled': false }), /highlighting only/);
});

test('an eol binary that is missing or has no lsp command leaves highlighting alone', async () => {
  const missing = path.join(os.tmpdir(), 'eol-extension-test-no-such-binary');
  assert.match(await activate({ 'server.path': missing }), /highlighting only/);
  // An eol without `lsp`: any command that fails on `lsp --help` (`false` exits 1).
  assert.match(await activate({ 'server.path': 'false' }), /highlighting only/);
});
