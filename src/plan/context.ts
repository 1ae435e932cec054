/**
 * The files the build must see, relative to the build context, and where cargo runs inside it.
 * Everything else stays out of the context (see render/dockerignore.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { PlannedFiles } from './model';
import { relative } from './toolchain';
import type { CargoProject } from '../cargo/model';

/**
 * Collect the files of the build.
 *
 * @param buildFiles the user's `buildFiles`, relative to the project folder
 */
export function planFiles(project: CargoProject, buildFiles: string[]): PlannedFiles {
  const ctx = project.contextDir;
  const inContext = (abs: string) => {
    const rel = relative(ctx, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
  };
  const defined = (xs: (string | undefined)[]) => unique(xs.filter((x): x is string => x !== undefined));

  const manifests = defined([project.rootManifest, ...project.packages.map((p) => p.manifestPath)].map(inContext));
  const lockFile = project.lock ? inContext(project.lock.file) : undefined;
  const toolchainFile = project.toolchain.file ? inContext(project.toolchain.file) : undefined;
  const cargoConfig = defined(project.config.files.map(inContext));

  // cargo-chef's recipe skeletons workspace members only (cargo-chef #283, #215): a path crate outside
  // the members, whether reached by a path dependency (B07) or by `[patch]` (atuin's `vendor/`), is absent
  // when `cook` runs, so every such folder is copied before it. A folder that holds the workspace root
  // would bring src/ into the cook layers, so it is left to the full copy (cargo then fails at cook).
  const nonMembers = defined(project.packages
    .filter((p) => !p.isMember && !isWithin(p.dir, project.workspaceRoot))
    .map((p) => inContext(p.dir)));
  const preCookDirs = nonMembers.filter((d) => !nonMembers.some((o) => o !== d && d.startsWith(`${o}/`)));

  const buildScripts = defined(project.packages.map((p) => (p.buildScript ? inContext(p.buildScript) : undefined)));
  const dataDirs = defined(project.dataDirs.map(inContext));

  const userFiles = buildFiles.map((f) => {
    const abs = path.resolve(project.inputDir, f);
    const rel = inContext(abs);
    if (rel === undefined || path.isAbsolute(f)) {
      throw new Error(`buildFiles entry '${f}' is outside the build context ${ctx}: give a path relative to ${project.inputDir} inside it.`);
    }
    if (!fs.existsSync(abs)) {
      throw new Error(`buildFiles entry '${f}' does not exist (looked for ${abs}): fix the path or remove the entry.`);
    }
    return rel;
  });

  return { manifests, lockFile, toolchainFile, cargoConfig, preCookDirs, buildScripts, dataDirs, userFiles };
}

/** The folder cargo runs in, relative to the context. */
export function planWorkdir(project: CargoProject): string {
  return relative(project.contextDir, project.workspaceRoot);
}

/** The target dir relative to the context: `build.target-dir` when set, else `<workdir>/target`. */
export function planTargetDir(project: CargoProject, workdir: string): string {
  if (project.config.targetDir) return project.config.targetDir.replace(/\/+$/, '');
  return workdir === '.' ? 'target' : `${workdir}/target`;
}

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Characters no Dockerfile line carries safely in a path: COPY and WORKDIR expand `$`, WORKDIR strips quotes and
 * backslashes, and a control character ends the line. Spaces and other shell characters are fine: the renderer
 * writes JSON-form COPY and single-quotes paths in RUN lines.
 */
const UNSAFE_PATH_CHAR = /[$`"'\\\x00-\x1f\x7f]/;

/**
 * Refuse a project path (relative to the build context) that the Dockerfile cannot carry.
 *
 * @param what where the path comes from, for the message (e.g. `build.target-dir in .cargo/config.toml`)
 */
export function checkContextPath(what: string, rel: string, contextDir: string): string {
  const bad = UNSAFE_PATH_CHAR.exec(rel);
  if (bad) {
    throw new Error(
      `${what} '${rel}' (relative to the build context ${contextDir}) contains ${JSON.stringify(bad[0])}, which Dockerfile ` +
      'COPY, WORKDIR and RUN lines would expand or strip. Rename the folder or file without $, `, quotes, backslashes ' +
      'or control characters (spaces are fine).',
    );
  }
  return rel;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
