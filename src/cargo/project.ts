import * as path from 'path';
import { dependencyClosure } from './closure';
import { readConfig } from './config';
import { CargoError } from './errors';
import { ProjectFiles, isInside, relPath } from './files';
import { checkLinksInside } from './links';
import { readLock } from './lockfile';
import { PackageManifest } from './manifest';
import { BinarySelection, CargoLock, CargoProject, Diagnostic, NativeDependency, ReadOptions } from './model';
import { nativeDependencies } from './native';
import { loadPackages } from './packages';
import { selectBinary } from './select';
import { SourceView } from './sources';
import { binaryTargets } from './targets';
import { TomlReader, asTable } from './toml';
import { readToolchain } from './toolchain';
import { Workspace, findWorkspace, manifestFor } from './workspace';

/** The musl triples this library builds by default. */
export const DEFAULT_TRIPLES = ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'];

/**
 * Reads a Rust project (a folder or a Cargo.toml path) into the model every other part uses.
 * Files are read and parsed once per call. Problems in the project throw `CargoError`; advice is
 * returned in `warnings`.
 */
export function readCargoProject(input: string, options: ReadOptions = {}): CargoProject {
  const files = new ProjectFiles();
  const toml = new TomlReader(files);
  const manifest = manifestFor(files, input);
  const ws = findWorkspace(toml, manifest);
  const warnings: Diagnostic[] = [...ws.warnings];
  const sources = SourceView.create(files, ws.rootDir, options.fileList, warnings);

  const all = loadPackages(toml, ws, sources);
  const members = all.filter((m) => m.pkg.isMember);
  const binaries = members.flatMap((m) => binaryTargets(m, sources));
  const { names: defaultPackages, source: defaultSource } = defaultSet(ws, members, manifest);
  const selection = selectBinary({ rootManifest: ws.rootManifest, members, binaries, defaultPackages, defaultSource }, options);
  if (!selection.binary) {
    warnings.push({ id: 'cargo:no-binary-selected', message: selection.reason, location: { file: ws.rootManifest } });
  }

  const contextDir = commonFolder([ws.rootDir, ...all.map((m) => m.pkg.dir)]);
  if (options.contextBoundary !== undefined && !isInside(path.resolve(options.contextBoundary), contextDir)) {
    const outside = all.find((m) => !isInside(path.resolve(options.contextBoundary!), m.pkg.dir));
    throw new CargoError(outside?.pkg.manifestPath ?? ws.rootManifest,
      `this crate lies outside ${path.resolve(options.contextBoundary)}, but the build context must contain every path dependency ` +
      `(it would be ${contextDir}). Move the crate inside, or widen the build context.`);
  }

  const lock = readLockOrWarn(toml, ws, options, warnings);
  if (lock) checkMembersLocked(lock, members);
  const selectedName = selection.binary?.package ?? (defaultPackages.length === 1 ? defaultPackages[0] : undefined);
  const selectedPkg = members.find((m) => m.pkg.name === selectedName);
  const wsRustVersion = ws.inheritance?.package['rust-version'];
  const rustVersion = (selectedPkg ?? members.find((m) => m.pkg.manifestPath === ws.rootManifest))?.pkg.rustVersion ??
    (typeof wsRustVersion === 'string' ? wsRustVersion : undefined);
  const toolchain = readToolchain(toml, ws.rootDir, contextDir, rustVersion);
  const config = readConfig(toml, ws.rootDir, contextDir, warnings);
  const nativeDeps = lock ? natives(lock, all, members, selectedPkg, selection, options) : [];

  const buildInputs = [
    ...all.map((m) => m.pkg.manifestPath),
    ...(lock ? [lock.file] : []),
    ...(ws.isVirtual ? [ws.rootManifest] : []),
    ...(toolchain.file ? [toolchain.file] : []),
    ...config.files,
    ...all.flatMap((m) => (m.pkg.buildScript ? [m.pkg.buildScript] : [])),
  ];
  checkLinksInside(contextDir, [...all.map((m) => m.pkg.dir), ...buildInputs]);
  return {
    inputDir: path.dirname(manifest),
    workspaceRoot: ws.rootDir,
    rootManifest: ws.rootManifest,
    contextDir,
    isVirtualWorkspace: ws.isVirtual,
    resolver: ws.resolver,
    packages: all.map((m) => m.pkg),
    defaultMembers: ws.defaultMembers?.map((dm) => members.find((m) => m.pkg.manifestPath === dm)?.pkg.name ?? relPath(ws.rootDir, path.dirname(dm))),
    binaries,
    selection,
    lock,
    toolchain,
    config,
    profiles: Object.keys(asTable(ws.rootTable.profile) ?? {}).sort(),
    nativeDeps,
    buildInputs: [...new Set(buildInputs.map((f) => relPath(contextDir, f)))].sort(),
    dataDirs: dataDirs([ws.rootDir, ...all.map((m) => m.pkg.dir)], sources),
    warnings,
  };
}

/** What a bare `cargo build` builds: the package of the folder given, default-members, the root package, or every member. */
function defaultSet(ws: Workspace, members: PackageManifest[], manifest: string): { names: string[]; source: string } {
  const inputPkg = members.find((m) => m.pkg.manifestPath === manifest);
  if (inputPkg && manifest !== ws.rootManifest) return { names: [inputPkg.pkg.name], source: `package ${inputPkg.pkg.name} (the folder given)` };
  if (ws.defaultMembers) {
    const names = members.filter((m) => ws.defaultMembers!.includes(m.pkg.manifestPath)).map((m) => m.pkg.name);
    return { names, source: `default-members (${names.join(', ')})` };
  }
  if (!ws.isVirtual && inputPkg) return { names: [inputPkg.pkg.name], source: `the root package ${inputPkg.pkg.name}` };
  return { names: members.map((m) => m.pkg.name), source: 'every member of the virtual workspace' };
}

function readLockOrWarn(toml: TomlReader, ws: Workspace, options: ReadOptions, warnings: Diagnostic[]): CargoLock | undefined {
  const file = path.join(ws.rootDir, 'Cargo.lock');
  if (toml.files.isDir(file)) {
    throw new CargoError(file, 'Cargo.lock is a folder, not the lock file. Remove the folder, then run `cargo generate-lockfile` and commit Cargo.lock.');
  }
  if (toml.files.isFile(file)) return readLock(toml, file, warnings);
  if (options.requireLockfile) {
    throw new CargoError(file, 'no Cargo.lock, but locked builds were asked for. Run `cargo generate-lockfile` and commit Cargo.lock, or turn off locked builds.');
  }
  warnings.push({
    id: 'cargo:no-lockfile',
    message: `no Cargo.lock in ${ws.rootDir}: builds will not be reproducible and --locked is dropped. Run \`cargo generate-lockfile\` and commit Cargo.lock.`,
    location: { file: ws.rootManifest },
  });
  return undefined;
}

/** Every workspace member has its own entry in a lock file made for this workspace. */
function checkMembersLocked(lock: CargoLock, members: PackageManifest[]): void {
  const missing = members.filter((m) => !lock.packages.some((p) => p.name === m.pkg.name && p.sourceKind === 'path'));
  if (missing.length === 0) return;
  throw new CargoError(lock.file,
    `the lock file has no entry for ${missing.map((m) => `package ${m.pkg.name} (${m.pkg.manifestPath})`).join(', ')}: ` +
    'it is stale or belongs to another project, so `cargo build --locked` would fail. Run `cargo generate-lockfile` and commit Cargo.lock.');
}

function natives(lock: CargoLock, all: PackageManifest[], members: PackageManifest[], selectedPkg: PackageManifest | undefined,
  selection: BinarySelection, options: ReadOptions): NativeDependency[] {
  const local = new Map(all.map((m) => [m.pkg.name, m]));
  const triples = options.targetTriples ?? DEFAULT_TRIPLES;
  const roots = (selectedPkg ? [selectedPkg] : members).map((m) => m.pkg.name);
  const features = selection.binary ? [...(options.features ?? []), ...selection.binary.requiredFeatures] : options.features ?? [];
  const closure = dependencyClosure(lock, local, roots, features, options.noDefaultFeatures !== true, options.allFeatures === true, triples);
  return nativeDependencies(closure);
}

/** Folders that builds read beside a package: protobuf sources, the sqlx offline cache, migrations. */
const DATA_DIRS = ['proto', '.sqlx', 'migrations'];

function dataDirs(roots: string[], sources: SourceView): string[] {
  const dirs = [...new Set(roots)].flatMap((root) => DATA_DIRS.map((d) => path.join(root, d)));
  return [...new Set(dirs)].filter((d) => sources.isDir(d));
}

/** The deepest folder that holds every given folder. */
function commonFolder(dirs: string[]): string {
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (!isInside(common, d)) common = path.dirname(common);
  }
  return common;
}
