import { CargoError } from './errors';
import { CargoLock, LockPackage, LockSourceKind } from './model';
import { TomlReader, asTable } from './toml';

/**
 * Reads Cargo.lock in any of its formats: v1 (`[metadata]` checksums, dependencies written
 * `name version (source)`), v2 (no `version` key, dependencies `name` or `name version`), v3 and v4
 * (a top-level `version`). Dependencies are resolved to `name version` keys.
 */
export function readLock(toml: TomlReader, file: string): CargoLock {
  const t = toml.parse(file);
  const raw = Array.isArray(t.package) ? t.package : [];
  const version = typeof t.version === 'number' ? t.version : (asTable(t.metadata) !== undefined || usesV1Deps(raw) ? 1 : 2);
  if (version < 1 || version > 4) {
    throw new CargoError(file, `lock file version ${t.version} is not one this reader knows (1 to 4). Regenerate it with a cargo release from the last years (\`cargo generate-lockfile\`).`);
  }
  const byName = new Map<string, { version: string; source?: string }[]>();
  const entries = raw.map((p, i) => {
    const pt = asTable(p) ?? {};
    if (typeof pt.name !== 'string' || typeof pt.version !== 'string') {
      throw new CargoError(file, `\`[[package]]\` number ${i + 1} has no name or version. Regenerate the lock file with \`cargo generate-lockfile\`.`);
    }
    const source = typeof pt.source === 'string' ? pt.source : undefined;
    let list = byName.get(pt.name);
    if (!list) byName.set(pt.name, list = []);
    list.push({ version: pt.version, source });
    return { name: pt.name, version: pt.version, source, deps: Array.isArray(pt.dependencies) ? pt.dependencies.map(String) : [] };
  });
  const packages: LockPackage[] = entries.map((e) => ({
    name: e.name,
    version: e.version,
    source: e.source,
    sourceKind: sourceKind(e.source),
    dependencies: e.deps.map((d) => resolveDep(file, byName, d, e.name)),
  }));
  return { file, version, packages };
}

/** Key of a lock package: `name version`. */
export function lockKey(p: { name: string; version: string }): string {
  return `${p.name} ${p.version}`;
}

function resolveDep(file: string, byName: Map<string, { version: string; source?: string }[]>, dep: string, owner: string): string {
  const m = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(dep.trim());
  const name = m?.[1] ?? dep;
  const version = m?.[2];
  const candidates = byName.get(name) ?? [];
  const hit = version !== undefined ? candidates.find((c) => c.version === version) : candidates[0];
  if (!hit) {
    throw new CargoError(file, `package ${owner} depends on "${dep}", which the lock file does not list. Regenerate it with \`cargo generate-lockfile\`.`);
  }
  return `${name} ${hit.version}`;
}

function usesV1Deps(raw: unknown[]): boolean {
  return raw.some((p) => {
    const deps = asTable(p)?.dependencies;
    return Array.isArray(deps) && deps.some((d) => typeof d === 'string' && d.includes(' ('));
  });
}

function sourceKind(source: string | undefined): LockSourceKind {
  if (source === undefined) return 'path';
  return source.startsWith('git+') ? 'git' : 'registry';
}
