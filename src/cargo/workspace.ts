import * as path from 'path';
import { CargoError } from './errors';
import { ProjectFiles, isInside, relPath } from './files';
import { expandGlob, isGlob } from './glob';
import { WorkspaceInheritance } from './inherit';
import { Diagnostic } from './model';
import { TomlReader, TomlTable, asTable, expectString, expectStringArray } from './toml';

/** The workspace a manifest belongs to, members expanded. */
export interface Workspace {
  readonly rootManifest: string;
  readonly rootDir: string;
  readonly rootTable: TomlTable;
  /** True when the root manifest has `[workspace]` (a real workspace, virtual or not). */
  readonly hasWorkspaceTable: boolean;
  readonly isVirtual: boolean;
  /** Member manifests, absolute, root package first when there is one. */
  readonly members: string[];
  /** `default-members` manifests, when set. */
  readonly defaultMembers?: string[];
  readonly exclude: string[];
  readonly resolver?: string;
  readonly inheritance?: WorkspaceInheritance;
  readonly warnings: Diagnostic[];
}

/** The Cargo.toml for a folder or a manifest path the user gave. */
export function manifestFor(files: ProjectFiles, input: string): string {
  const abs = path.resolve(input);
  if (files.isDir(abs)) {
    const m = path.join(abs, 'Cargo.toml');
    if (!files.isFile(m)) throw new CargoError(m, 'no Cargo.toml in this folder. Point at the folder of a Rust package or workspace, or at its Cargo.toml.');
    return m;
  }
  if (files.isFile(abs)) {
    if (path.basename(abs) !== 'Cargo.toml') {
      throw new CargoError(abs, 'expected a folder or a file named Cargo.toml. Point at the Rust project folder or its Cargo.toml.');
    }
    return abs;
  }
  throw new CargoError(abs, 'this path does not exist. Point at the folder of a Rust package or workspace, or at its Cargo.toml.');
}

/**
 * Finds the workspace root of `manifest` the way cargo does: the manifest itself when it has
 * `[workspace]`, else `package.workspace`, else the nearest ancestor with `[workspace]` that does not
 * exclude it. A crate under a workspace that neither lists nor excludes it is an error.
 */
export function findWorkspace(toml: TomlReader, manifest: string): Workspace {
  const table = toml.parse(manifest);
  if (asTable(table.workspace)) return loadWorkspace(toml, manifest);
  const pkg = asTable(table.package) ?? {};
  const explicit = expectString(manifest, 'package.workspace', pkg.workspace);
  if (explicit !== undefined) {
    const rootManifest = path.join(path.resolve(path.dirname(manifest), explicit), 'Cargo.toml');
    if (!toml.files.isFile(rootManifest)) {
      throw new CargoError(manifest, `\`package.workspace = "${explicit}"\` points at ${rootManifest}, which does not exist. Fix the path or remove the key.`);
    }
    return checkMembership(loadWorkspace(toml, rootManifest), manifest);
  }
  const crateDir = path.dirname(manifest);
  for (let dir = path.dirname(crateDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'Cargo.toml');
    if (toml.files.isFile(candidate) && asTable(toml.parse(candidate).workspace)) {
      const ws = loadWorkspace(toml, candidate);
      if (!ws.exclude.some((ex) => isInside(ex, crateDir))) return checkMembership(ws, manifest);
    }
    if (path.dirname(dir) === dir) break;
  }
  return standalone(manifest, table);
}

function checkMembership(ws: Workspace, manifest: string): Workspace {
  if (ws.members.includes(manifest)) return ws;
  const rel = relPath(ws.rootDir, path.dirname(manifest));
  throw new CargoError(manifest,
    `this package is inside the workspace of ${ws.rootManifest} but is not one of its members. ` +
    `Either add "${rel}" to \`workspace.members\` (or to \`workspace.exclude\`) in ${ws.rootManifest}, ` +
    'or add an empty `[workspace]` table to this manifest to make it its own workspace root.');
}

function standalone(manifest: string, table: TomlTable): Workspace {
  return {
    rootManifest: manifest,
    rootDir: path.dirname(manifest),
    rootTable: table,
    hasWorkspaceTable: false,
    isVirtual: false,
    members: [manifest],
    exclude: [],
    resolver: expectString(manifest, 'package.resolver', asTable(table.package)?.resolver),
    warnings: [],
  };
}

function loadWorkspace(toml: TomlReader, rootManifest: string): Workspace {
  const files = toml.files;
  const rootTable = toml.parse(rootManifest);
  const rootDir = path.dirname(rootManifest);
  const ws = asTable(rootTable.workspace) ?? {};
  const warnings: Diagnostic[] = [];
  const isVirtual = asTable(rootTable.package) === undefined;
  const exclude = (expectStringArray(rootManifest, 'workspace.exclude', ws.exclude) ?? []).map((e) => path.resolve(rootDir, e));
  const members: string[] = isVirtual ? [] : [rootManifest];
  const add = (m: string) => {
    if (!members.includes(m)) members.push(m);
  };

  for (const entry of expectStringArray(rootManifest, 'workspace.members', ws.members) ?? []) {
    if (isGlob(entry)) {
      const dirs = expandGlob(files, rootDir, entry)
        .filter((d) => files.isFile(path.join(d, 'Cargo.toml')))
        .filter((d) => !exclude.some((ex) => isInside(ex, d)));
      if (dirs.length === 0) {
        warnings.push({
          id: 'cargo:member-glob-empty',
          message: `workspace member pattern "${entry}" matches no folder with a Cargo.toml. Remove it from \`workspace.members\` or check it out (a git submodule?).`,
          location: { file: rootManifest },
        });
      }
      dirs.forEach((d) => add(path.join(d, 'Cargo.toml')));
      continue;
    }
    const dir = path.resolve(rootDir, entry);
    const m = path.join(dir, 'Cargo.toml');
    if (!files.isFile(m)) {
      throw new CargoError(rootManifest,
        `workspace member "${entry}" has no manifest: ${m} does not exist. If it is a git submodule, check it out ` +
        `(\`git submodule update --init\`); otherwise remove "${entry}" from \`workspace.members\`.`);
    }
    add(m);
  }

  const defaultEntries = expectStringArray(rootManifest, 'workspace.default-members', ws['default-members']);
  const defaultMembers = defaultEntries?.flatMap((entry) => {
    const dirs = isGlob(entry) ? expandGlob(files, rootDir, entry) : [path.resolve(rootDir, entry)];
    return dirs.map((d) => path.join(d, 'Cargo.toml')).filter((m) => {
      if (members.includes(m)) return true;
      if (isGlob(entry)) return false;
      throw new CargoError(rootManifest,
        `\`workspace.default-members\` lists "${entry}", which is not a workspace member. Add it to \`workspace.members\` or remove it from \`default-members\`.`);
    });
  });

  return {
    rootManifest,
    rootDir,
    rootTable,
    hasWorkspaceTable: true,
    isVirtual,
    members,
    defaultMembers,
    exclude,
    resolver: expectString(rootManifest, 'workspace.resolver', ws.resolver) ?? expectString(rootManifest, 'package.resolver', asTable(rootTable.package)?.resolver),
    inheritance: {
      file: rootManifest,
      dir: rootDir,
      package: asTable(ws.package) ?? {},
      dependencies: asTable(ws.dependencies) ?? {},
    },
    warnings,
  };
}
