import * as path from 'path';
import type { CargoProject, Diagnostic } from '../cargo/model';

/**
 * The machine-readable view of what was found in a Rust project (`plan --json`). Field names are a
 * contract for scripts: add fields, never rename them.
 */
export interface ProjectReport {
  readonly project: string;
  readonly workspaceRoot: string;
  readonly contextDir: string;
  readonly package: string | null;
  readonly binary: string | null;
  readonly binaries: { name: string; package: string; path: string; requiredFeatures: string[] }[];
  readonly selection: { reason: string; features: string[]; excluded: { binary: string; reason: string }[] };
  readonly toolchain: { channel: string | null; source: string; file: string | null; components: string[]; rustVersion: string | null };
  readonly lockfile: { file: string; version: number; packages: number } | null;
  readonly nativeDeps: {
    crate: string;
    version: string;
    summary: string;
    buildTools: string[];
    musl: string;
    cross: string;
    needsCaCertificates: boolean;
    hostOnly: boolean;
    pulledInBy: string[];
    advice: string | null;
  }[];
  readonly warnings: { id: string; message: string; file: string | null; line: number | null }[];
}

/** Builds the report; paths are shown relative to `cwd` so output is stable across machines. */
export function projectReport(project: CargoProject, cwd: string): ProjectReport {
  const rel = (p: string) => relativeTo(cwd, p);
  const selected = project.selection.binary;
  return {
    project: rel(project.inputDir),
    workspaceRoot: rel(project.workspaceRoot),
    contextDir: rel(project.contextDir),
    package: selected?.package ?? null,
    binary: selected?.name ?? null,
    binaries: project.binaries.map((b) => ({
      name: b.name,
      package: b.package,
      path: b.path,
      requiredFeatures: [...b.requiredFeatures],
    })),
    selection: {
      reason: project.selection.reason,
      features: [...project.selection.features],
      excluded: project.selection.excluded.map((e) => ({ ...e })),
    },
    toolchain: {
      channel: project.toolchain.channel ?? null,
      source: project.toolchain.source,
      file: project.toolchain.file ? rel(project.toolchain.file) : null,
      components: [...project.toolchain.components],
      rustVersion: project.toolchain.rustVersion ?? null,
    },
    lockfile: project.lock
      ? { file: rel(project.lock.file), version: project.lock.version, packages: project.lock.packages.length }
      : null,
    nativeDeps: project.nativeDeps.map((d) => ({
      crate: d.crate,
      version: d.version,
      summary: d.need.summary,
      buildTools: [...d.need.buildTools],
      musl: d.need.musl,
      cross: d.need.cross,
      needsCaCertificates: d.need.needsCaCertificates,
      hostOnly: d.hostOnly,
      pulledInBy: [...d.pulledInBy],
      advice: d.need.advice ?? null,
    })),
    warnings: project.warnings.map((w) => warningView(w, cwd)),
  };
}

/** The report as aligned, human-readable text. */
export function formatReport(report: ProjectReport): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${label.padEnd(12)} ${value}`);

  row('project', report.project);
  if (report.contextDir !== report.project) row('context', report.contextDir);
  row('package', report.package ?? '-');
  row('binary', report.binary ?? `- (${report.selection.reason})`);
  if (report.binary) row('', report.selection.reason);
  if (report.selection.features.length > 0) row('features', report.selection.features.join(', '));

  const tc = report.toolchain;
  const from = tc.source === 'none' ? 'the project pins none'
    : tc.source === 'default' ? 'the project pins none: pinned default of cdk-rust-multiarch'
      : `from ${tc.file ?? tc.source}`;
  row('toolchain', `${tc.channel ?? '-'} (${from})${tc.rustVersion ? `, rust-version ${tc.rustVersion}` : ''}`);
  row('lockfile', report.lockfile ? `${report.lockfile.file} (v${report.lockfile.version}, ${report.lockfile.packages} ${report.lockfile.packages === 1 ? 'package' : 'packages'})` : 'none');

  lines.push('', `binaries (${report.binaries.length})`);
  for (const b of report.binaries) {
    const req = b.requiredFeatures.length > 0 ? `  requires: ${b.requiredFeatures.join(', ')}` : '';
    const mark = b.name === report.binary && b.package === report.package ? '*' : ' ';
    lines.push(`  ${mark} ${b.name.padEnd(28)} ${b.package.padEnd(24)} ${b.path}${req}`);
  }
  for (const e of report.selection.excluded) lines.push(`    not a candidate: ${e.binary}: ${e.reason}`);

  lines.push('', `native dependencies (${report.nativeDeps.length})`);
  for (const d of report.nativeDeps) {
    const tools = d.buildTools.length > 0 ? `needs ${d.buildTools.join(', ')}` : 'zig is enough';
    const flags = [d.hostOnly ? 'build host only' : '', d.musl !== 'ok' ? `musl: ${d.musl}` : '', d.cross !== 'ok' ? `cross: ${d.cross}` : '']
      .filter((f) => f !== '').join('; ');
    lines.push(`  ${`${d.crate} ${d.version}`.padEnd(28)} ${tools}${flags ? ` (${flags})` : ''}`);
    lines.push(`  ${''.padEnd(28)} via ${d.pulledInBy.join(', ') || '-'}`);
  }

  if (report.warnings.length > 0) {
    lines.push('', `warnings (${report.warnings.length})`);
    for (const w of report.warnings) {
      const where = w.file ? ` [${w.file}${w.line ? `:${w.line}` : ''}]` : '';
      lines.push(`  ${w.id}: ${w.message}${where}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function warningView(w: Diagnostic, cwd: string) {
  const rel = (p: string) => relativeTo(cwd, p);
  return {
    id: w.id,
    message: w.message,
    file: w.location ? rel(w.location.file) : null,
    line: w.location?.line ?? null,
  };
}

function relativeTo(cwd: string, p: string): string {
  const r = path.relative(cwd, p);
  return r === '' ? '.' : r.split(path.sep).join('/');
}
