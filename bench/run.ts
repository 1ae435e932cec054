/**
 * `npm run bench`: rerunnable speed measurements, printed as a table with the targets beside them.
 * Targets are reported here and never asserted by timed tests.
 *
 *   read          readCargoProject on each corpus project                       target < 200 ms (issue: reading real projects)
 *   plan+render   planDirectory + renderDockerfile + renderDockerignore on each   target < 50 ms (issue 3)
 *
 * Each row is the median of RUNS runs after WARMUP unmeasured runs, in one process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { readCargoProject } from '../src/cargo';
import { planDirectory } from '../src/plan/from-directory';
import type { RustBuildOptions } from '../src/plan/options';
import { renderDockerfile, renderDockerignore } from '../src/render';

const CORPUS = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
const WARMUP = 3;
const RUNS = 15;
const READ_TARGET_MS = 200;
const PLAN_RENDER_TARGET_MS = 50;

/** The binary / features each project's own Dockerfile builds (the same choices as test/render/corpus.test.ts). */
const PLAN_OPTIONS: Record<string, RustBuildOptions> = {
  'dani-garcia__vaultwarden': { features: ['sqlite', 'vendored_openssl'] },
  'atuinsh__atuin': { binary: 'atuin-server', features: ['vendored-tls'] },
  'kanidm__kanidm': { binary: 'kanidmd', buildEnvironment: { KANIDM_BUILD_PROFILE: 'container_generic' } },
  'LemmyNet__lemmy': { binary: 'lemmy_server' },
  'astral-sh__uv': { binary: 'uv' },
  'ekzhang__sshx': { binary: 'sshx-server' },
};

interface Row {
  readonly project: string;
  readonly stage: string;
  readonly medianMs: number;
  readonly targetMs: number;
  readonly note: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(fn: () => void): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function corpusProjects(): string[] {
  if (!fs.existsSync(CORPUS)) {
    throw new Error(`corpus not found at ${CORPUS}: check out ../shared beside this repository`);
  }
  return fs.readdirSync(CORPUS).filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory()).sort();
}

function benchRead(project: string): Row {
  const dir = path.join(CORPUS, project);
  let note = '';
  const ms = measure(() => {
    // Lenient selection: a workspace with several binaries is still read in full (closure, native
    // needs of every member), which is the slowest path.
    const p = readCargoProject(dir, { lenientSelection: true });
    note = `${p.packages.length} packages, ${p.binaries.length} binaries, ${p.nativeDeps.length} native`;
  });
  return { project, stage: 'read', medianMs: ms, targetMs: READ_TARGET_MS, note };
}

function benchPlanRender(project: string): Row {
  const dir = path.join(CORPUS, project);
  let note = '';
  const ms = measure(() => {
    try {
      const { plan } = planDirectory(dir, PLAN_OPTIONS[project] ?? {});
      const lines = renderDockerfile(plan).split('\n').length;
      renderDockerignore(plan);
      note = `${lines} Dockerfile lines`;
    } catch (e) {
      // A documented refusal (pq-sys on musl, ...) is decided after the full read and plan.
      note = `refused: ${(e as Error).message.slice(0, 50)}`;
    }
  });
  return { project, stage: 'plan+render', medianMs: ms, targetMs: PLAN_RENDER_TARGET_MS, note };
}

function printTable(rows: Row[]): void {
  const header = ['project', 'stage', 'median ms', 'target ms', 'ok', 'note'];
  const body = rows.map((r) => [
    r.project, r.stage, r.medianMs.toFixed(1), String(r.targetMs), r.medianMs <= r.targetMs ? 'yes' : 'NO', r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) console.log(line(b));
  const over = rows.filter((r) => r.medianMs > r.targetMs);
  console.log(`\n${rows.length} measurements, ${over.length} over target (median of ${RUNS} runs after ${WARMUP} warm-up runs)`);
}

const rows: Row[] = [];
for (const project of corpusProjects()) rows.push(benchRead(project));
for (const project of corpusProjects()) rows.push(benchPlanRender(project));
printTable(rows);

interface SynthResult {
  readonly kind: string;
  readonly count: number;
  readonly ms: number;
  readonly maxRssMiB: number;
}

/** One synthesis in a child process, so each configuration's peak memory is its own. */
function synth(kind: string, count: number): SynthResult {
  const result = spawnSync(process.execPath, [
    '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-app.ts'), kind, String(count),
  ], { encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json') } });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    throw new Error(`synth-app ${kind} ${count} failed (exit ${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  }
  return JSON.parse(line);
}

function printSynthTable(): void {
  console.log('\nsynth: RustMultiArchImage against DockerImageAsset (one run each, in a fresh process)');
  const header = ['images', 'ours ms', 'asset ms', 'time ratio', 'ours MiB', 'asset MiB', 'memory ratio'];
  const rows = [1, 10, 50].map((n) => {
    const ours = synth('rust', n);
    const theirs = synth('docker-asset', n);
    return [String(n), ours.ms.toFixed(0), theirs.ms.toFixed(0), (ours.ms / theirs.ms).toFixed(2),
      ours.maxRssMiB.toFixed(0), theirs.maxRssMiB.toFixed(0), (ours.maxRssMiB / theirs.maxRssMiB).toFixed(2)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

if (!process.argv.includes('--no-synth')) printSynthTable();
