import { CargoError } from './errors';
import { TomlTable, asTable, asStringArray } from './toml';

/** What a member may inherit from its workspace root. */
export interface WorkspaceInheritance {
  /** The root manifest (named in errors). */
  readonly file: string;
  /** The root folder: `[workspace.dependencies]` paths are relative to it. */
  readonly dir: string;
  /** `[workspace.package]`. */
  readonly package: TomlTable;
  /** `[workspace.dependencies]`. */
  readonly dependencies: TomlTable;
}

/** Whether a manifest value is `{ workspace = true }` (also written `key.workspace = true`). */
export function isInherited(value: unknown): boolean {
  return asTable(value)?.workspace === true;
}

/**
 * The value of a `[package]` key, taking `key.workspace = true` from `[workspace.package]`.
 * A missing workspace value is an error naming the member manifest, the key and the root manifest.
 */
export function packageField(memberFile: string, key: string, value: unknown, ws: WorkspaceInheritance | undefined): unknown {
  if (!isInherited(value)) return value;
  if (!ws) {
    throw new CargoError(memberFile,
      `\`package.${key}\` is inherited (\`${key}.workspace = true\`) but this package is not in a workspace. ` +
      `Write the value in \`[package]\` or add the package to a workspace that sets \`[workspace.package].${key}\`.`);
  }
  if (!(key in ws.package)) {
    throw new CargoError(memberFile,
      `\`package.${key}\` is inherited (\`${key}.workspace = true\`) but the workspace root ${ws.file} has no ` +
      `\`[workspace.package].${key}\`. Add \`${key} = ...\` under \`[workspace.package]\` in ${ws.file}, or write the value in this manifest.`);
  }
  return ws.package[key];
}

/**
 * A dependency entry with `workspace = true` resolved against `[workspace.dependencies]`: the member
 * may add `features` (added to the workspace ones) and `optional`; everything else comes from the root.
 * Returns the entry as a table plus the folder its `path` is relative to.
 */
export function dependencyEntry(memberFile: string, memberDir: string, key: string, value: unknown, ws: WorkspaceInheritance | undefined):
{ entry: TomlTable; baseDir: string } {
  if (typeof value === 'string') return { entry: { version: value }, baseDir: memberDir };
  const table = asTable(value);
  if (!table) {
    throw new CargoError(memberFile,
      `dependency \`${key}\` must be a version string or a table, found ${JSON.stringify(value)}. Write \`${key} = "1"\` or \`${key} = { version = "1" }\`.`);
  }
  if (table.workspace !== true) return { entry: table, baseDir: memberDir };
  if (!ws) {
    throw new CargoError(memberFile,
      `dependency \`${key}\` is inherited (\`workspace = true\`) but this package is not in a workspace. Write the dependency out in full.`);
  }
  const rootValue = ws.dependencies[key];
  if (rootValue === undefined) {
    throw new CargoError(memberFile,
      `dependency \`${key}\` is inherited (\`workspace = true\`) but the workspace root ${ws.file} has no \`[workspace.dependencies].${key}\`. ` +
      `Add it under \`[workspace.dependencies]\` in ${ws.file}, or write the dependency out in this manifest.`);
  }
  const base: TomlTable = typeof rootValue === 'string' ? { version: rootValue } : { ...(asTable(rootValue) ?? {}) };
  const features = [...(asStringArray(base.features) ?? []), ...(asStringArray(table.features) ?? [])];
  const merged: TomlTable = { ...base, features: [...new Set(features)] };
  if (table.optional !== undefined) merged.optional = table.optional;
  return { entry: merged, baseDir: ws.dir };
}
