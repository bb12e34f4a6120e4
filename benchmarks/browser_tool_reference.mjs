#!/usr/bin/env node
// The speed bar's reference, measured on the machine at hand: the browser
// tool's own SAM engine (Serverless by Design, danilop/ServerlessByDesign)
// run under Node.js on the benchmark model. The issue gives its cost as about
// 350 ms at 1,000 cells and 16 s at 10,000 "on this kind of machine"; libsbd's
// template must be 50 and 300 times faster. This program times the tool here,
// so that the ratio is judged on one machine (docs/performance.md).
//
//   node benchmarks/browser_tool_reference.mjs --tool DIR \
//        --generator build/release/benchmarks/sbd_generate_model \
//        [--cells 1000,10000] [--rounds 3] [--runtime nodejs20.x] \
//        [--export FILE] [--save DIR] [--esbuild PATH]
//
// DIR is a checkout of the tool with its dependencies installed (`npm
// install` there: the engine needs js-yaml). Nothing of the tool is part of
// libsbd: its engine (src/engines/sam.ts) is bundled from DIR with esbuild
// (`--esbuild PATH`, else `npx --yes esbuild@0.28.2`) into a temporary
// directory and loaded from there.
//
// The models: the benchmark's own at each --cells size, as the browser
// tool's export (`sbd_generate_model N sbd-json`), or one export file
// (--export, e.g. from `sbd export`). Each is turned into the tool's engine
// input as the tool does it: each node with its type, its description, and
// the ids it connects to and is connected from, in the export's order.
//
// Prints one JSON line per model: its nodes, the template's bytes, the best
// and median times of the tool's render, and the time libsbd's template
// must beat on this machine: the best over 300 from 70,000 nodes on (the
// bar's 10,000 cells), else over 50 (its 1,000 cells). --save DIR keeps each
// template the tool wrote, as DIR/template-<nodes>.yaml (never over a file
// already there). Exit status: 0; 1 when the tool's engine fails or a
// template cannot be saved; 2 for bad options or input.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ESBUILD = 'esbuild@0.28.2';

function usage(message) {
  if (message) console.error(`browser_tool_reference: ${message}`);
  console.error('usage: browser_tool_reference.mjs --tool DIR (--generator PATH [--cells N,N] | --export FILE)\n' +
                '       [--rounds R] [--runtime NAME] [--save DIR] [--esbuild PATH]');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { cells: [1000, 10000], rounds: 3, runtime: 'nodejs20.x' };
  for (let i = 0; i < argv.length; ++i) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) usage(`${flag} needs a value`);
    ++i;
    if (flag === '--tool') args.tool = resolve(value);
    else if (flag === '--generator') args.generator = resolve(value);
    else if (flag === '--runtime') args.runtime = value;
    else if (flag === '--rounds') args.rounds = Number(value);
    else if (flag === '--cells') args.cells = value.split(',').map(Number);
    else if (flag === '--export') args.export = resolve(value);
    else if (flag === '--save') args.save = resolve(value);
    else if (flag === '--esbuild') args.esbuild = resolve(value);
    else usage(`unknown option ${flag}`);
  }
  if (!args.tool) usage('--tool DIR (a checkout of danilop/ServerlessByDesign) is required');
  if (!args.generator === !args.export) usage('give either --generator PATH (sbd_generate_model) or --export FILE');
  if (!Number.isInteger(args.rounds) || args.rounds < 1) usage('--rounds must be a positive integer');
  if (args.cells.some((n) => !Number.isInteger(n) || n < 1)) usage('--cells must be positive integers, comma separated');
  return args;
}

// The tool's engine as a CommonJS module: its render(model, runtime).
function loadEngine(toolDir, esbuild) {
  const source = join(toolDir, 'src', 'engines', 'sam.ts');
  if (!existsSync(source)) usage(`${source} not found: --tool must be a checkout of danilop/ServerlessByDesign`);
  if (!existsSync(join(toolDir, 'node_modules', 'js-yaml'))) usage(`no js-yaml in ${toolDir}/node_modules: run npm install there`);
  const work = mkdtempSync(join(tmpdir(), 'sbd-reference-'));
  const bundle = join(work, 'sam.cjs');
  try {
    const options = [source, '--bundle', '--platform=node', '--format=cjs', `--outfile=${bundle}`, '--log-level=warning'];
    const [command, ...prefix] = esbuild ? [esbuild] : ['npx', '--yes', ESBUILD];
    execFileSync(command, [...prefix, ...options], { stdio: ['ignore', 'inherit', 'inherit'] });
    const engine = createRequire(import.meta.url)(bundle);
    const render = typeof engine === 'function' ? engine : engine.default ?? engine.render;
    if (typeof render !== 'function') usage(`${source} exports no render function`);
    return render;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// The browser tool's export -> the engine's model (types.ts: Model, ModelNode).
function modelOf(exported, where) {
  if (!Array.isArray(exported?.nodes) || !Array.isArray(exported?.edges)) usage(`${where}: not a browser tool export (no nodes and edges lists)`);
  const nodes = {};
  for (const n of exported.nodes) {
    if (typeof n?.id !== 'string' || typeof n.model?.type !== 'string') usage(`${where}: a node without an id or a model.type`);
    nodes[n.id] = { id: n.id, type: n.model.type, description: n.model.description ?? '', to: [], from: [] };
  }
  for (const e of exported.edges) {
    if (!nodes[e.from] || !nodes[e.to]) usage(`${where}: an edge ${e.from} -> ${e.to} names a node that is not there`);
    nodes[e.from].to.push(e.to);
    nodes[e.to].from.push(e.from);
  }
  return { app: 'benchmark', nodes };
}

const args = parseArgs(process.argv.slice(2));
const render = loadEngine(args.tool, args.esbuild);
const models = args.export
  ? [{ where: args.export, text: () => readFileSync(args.export, 'utf8') }]
  : args.cells.map((cells) => ({
    where: `${cells} cells`,
    text: () => execFileSync(args.generator, [String(cells), 'sbd-json'], { maxBuffer: 1 << 30, encoding: 'utf8' }),
  }));
if (args.save) mkdirSync(args.save, { recursive: true });
for (const { where, text } of models) {
  let exported;
  try {
    exported = JSON.parse(text());
  } catch (e) {
    usage(`${where}: ${e.message}`);
  }
  const model = modelOf(exported, where);
  const nodeCount = Object.keys(model.nodes).length;
  const times = [];
  let template = '';
  for (let r = 0; r < args.rounds; ++r) {
    const start = process.hrtime.bigint();
    let files;
    try {
      files = render(model, args.runtime);
    } catch (e) {
      console.error(`browser_tool_reference: the tool's engine failed on ${where}: ${e.message}`);
      process.exit(1);
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    template = files?.['template.yaml'] ?? '';
  }
  if (args.save) {
    const file = join(args.save, `template-${nodeCount}.yaml`);
    try {
      writeFileSync(file, template, { flag: 'wx' });  // never over a file already there
    } catch (e) {
      console.error(`browser_tool_reference: cannot save ${file}: ${e.code === 'EEXIST' ? 'it exists already' : e.message}`);
      process.exit(1);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const best = sorted[0];
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const factor = nodeCount >= 70000 ? 300 : 50;
  console.log(JSON.stringify({
    model: where, nodes: nodeCount, template_bytes: Buffer.byteLength(template),
    best_ms: +best.toFixed(1), median_ms: +median.toFixed(1),
    runs_ms: times.map((t) => +t.toFixed(1)),
    libsbd_must_beat_ms: +(best / factor).toFixed(2), factor,
  }));
}
