#!/usr/bin/env node
// Tokenizes files with the eol TextMate grammar, with the engine VS Code uses
// (vscode-textmate on vscode-oniguruma), and writes every token with its scopes.
//
//   node tokenize.js GRAMMAR INPUT.json OUTPUT.json
//
// INPUT.json: {"files": [{"path": "...", ...}, ...]} (other fields are ignored: the
// grammar test writes its expected tokens there).
// OUTPUT.json: {"files": [{"path": "...", "tokens": [{"start", "end", "scopes"}]}]}, with
// `start` and `end` as byte offsets into the file, as eol_syntax::tokens gives them.
//
// Lines are split as an editor splits them: at `\n`, without a trailing `\r`; a leading
// byte-order mark is dropped (editors do not show it to the grammar).

'use strict';

const fs = require('fs');
const path = require('path');

function load(name) {
  try {
    return require(name);
  } catch (err) {
    process.stderr.write(
      `cannot load ${name}: run \`npm ci\` in ${__dirname} (${err.message.split('\n')[0]})\n`
    );
    process.exit(2);
  }
}

const vsctm = load('vscode-textmate');
const oniguruma = load('vscode-oniguruma');

async function grammarFrom(grammarPath) {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.eol'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  const grammar = await registry.loadGrammar('source.eol');
  if (!grammar) {
    throw new Error(`${grammarPath}: no grammar with scope source.eol`);
  }
  return grammar;
}

// Byte offset of every UTF-16 index of `line` (one more entry for its end).
function byteOffsets(line) {
  const offsets = new Array(line.length + 1);
  let bytes = 0;
  for (let i = 0; i < line.length; i++) {
    offsets[i] = bytes;
    const code = line.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // a surrogate pair: four bytes, counted on the high half
      offsets[i + 1] = bytes;
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  offsets[line.length] = bytes;
  return offsets;
}

function tokenize(grammar, text) {
  const tokens = [];
  let start = 0;
  if (text.startsWith('\ufeff')) {
    text = text.slice(1);
    start = 3;
  }
  let stack = vsctm.INITIAL;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const offsets = byteOffsets(line);
    const result = grammar.tokenizeLine(line, stack, 10000);
    if (result.stoppedEarly) {
      throw new Error(`tokenizing stopped early (time limit) at byte ${start}`);
    }
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex) {
        tokens.push({ start: start + offsets[t.startIndex], end: start + offsets[end], scopes: t.scopes });
      }
    }
    stack = result.ruleStack;
    start += Buffer.byteLength(raw, 'utf8') + 1;
  }
  return tokens;
}

async function main() {
  const [grammarPath, inputPath, outputPath] = process.argv.slice(2);
  if (!outputPath) {
    process.stderr.write('usage: node tokenize.js GRAMMAR INPUT.json OUTPUT.json\n');
    process.exit(2);
  }
  const grammar = await grammarFrom(grammarPath);
  const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
  const files = input.files.map((f) => ({
    path: f.path,
    tokens: tokenize(grammar, fs.readFileSync(f.path, 'utf8')),
  }));
  fs.writeFileSync(outputPath, JSON.stringify({ files }));
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
