// Parses Mermaid files with the real Mermaid parser (the one code hosts use),
// under Node with jsdom standing in for the browser's DOM. Prints one line
// per file, "ok TYPE" or "error MESSAGE"; the exit status is 1 when any
// file fails to parse. Usage: node mermaid_parse.mjs FILE...
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const result = await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`ok ${result.diagramType} ${file}`);
  } catch (e) {
    failed += 1;
    console.log(`error ${file}: ${String(e && e.message ? e.message : e).split('\n').join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
