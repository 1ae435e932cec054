import * as path from 'path';
import { CargoError } from './errors';
import { isInside, relPath } from './files';
import { PackageManifest, readPackage } from './manifest';
import { checkPackageName } from './names';
import { SourceView } from './sources';
import { TomlReader, asTable } from './toml';
import { Workspace } from './workspace';

/**
 * Loads every workspace member and, transitively, every path dependency and `[patch]` / `[replace]`
 * path crate (all kinds: cargo needs their manifests to load the workspace). A path crate inside the
 * workspace folder and not excluded is a member, as in cargo. A path that has no Cargo.toml is an
 * error naming the dependency and the manifest that declares it.
 */
export function loadPackages(toml: TomlReader, ws: Workspace, sources: SourceView): PackageManifest[] {
  const loaded = new Map<string, PackageManifest>();
  const queue: { manifest: string; member: boolean }[] = ws.members
    .filter((m) => !(ws.isVirtual && m === ws.rootManifest))
    .map((manifest) => ({ manifest, member: true }));
  for (const p of patchPaths(ws)) queue.push(checked(toml, p.manifest, p.from, p.key, ws, false));

  const hasFile = (dir: string, rel: string) => sources.hasFile(dir, rel);
  while (queue.length > 0) {
    const { manifest, member } = queue.shift()!;
    if (loaded.has(manifest)) continue;
    const table = toml.parse(manifest);
    const m = readPackage(manifest, table, member ? ws.inheritance : undefined, member, hasFile);
    checkPackageName(manifest, toml.files.read(manifest), m.pkg.name);
    loaded.set(manifest, m);
    for (const d of m.pkg.dependencies) {
      if (d.path === undefined) continue;
      const depManifest = path.join(d.path, 'Cargo.toml');
      if (loaded.has(depManifest)) continue;
      queue.push(checked(toml, depManifest, manifest, d.key, ws, true));
    }
  }
  return [...loaded.values()];
}

function checked(toml: TomlReader, manifest: string, from: string, key: string, ws: Workspace, isDependency: boolean):
{ manifest: string; member: boolean } {
  if (!toml.files.isFile(manifest)) {
    const dir = path.dirname(manifest);
    const what = toml.files.isDir(dir) ? `${dir} has no Cargo.toml` : `${dir} does not exist`;
    throw new CargoError(from,
      `${isDependency ? 'path dependency' : '[patch] path crate'} "${key}" points at ${relPath(path.dirname(from), dir)}, but ${what}. ` +
      'Fix the `path`, or check out the missing folder (a git submodule?).');
  }
  const dir = path.dirname(manifest);
  const member = ws.members.includes(manifest) ||
    (isDependency && ws.hasWorkspaceTable && isInside(ws.rootDir, dir) && !ws.exclude.some((ex) => isInside(ex, dir)));
  return { manifest, member };
}

function patchPaths(ws: Workspace): { manifest: string; from: string; key: string }[] {
  const out: { manifest: string; from: string; key: string }[] = [];
  const t = ws.rootTable;
  const tables = [...Object.values(asTable(t.patch) ?? {}).map((v) => asTable(v) ?? {}), asTable(t.replace) ?? {}];
  for (const table of tables) {
    for (const [key, v] of Object.entries(table)) {
      const p = asTable(v)?.path;
      if (typeof p === 'string') out.push({ manifest: path.join(path.resolve(ws.rootDir, p), 'Cargo.toml'), from: ws.rootManifest, key });
    }
  }
  return out;
}
