import { CargoError } from './errors';
import { CargoLock, Diagnostic, LockPackage, LockSourceKind } from './model';
import { TomlReader, asTable } from './toml';

const REGENERATE = 'Run `cargo generate-lockfile` and commit Cargo.lock.';

/**
 * Reads Cargo.lock in any of its formats: v1 (`[metadata]` checksums, dependencies written
 * `name version (source)`), v2 (no `version` key, dependencies `name` or `name version`), v3 and v4
 * (a top-level `version`). Dependencies are resolved to `name version` keys. A malformed lock is a
 * CargoError (cargo would refuse it under `--locked`); a dependency the lock does not list is a
 * `cargo:lock-incomplete` warning and is left out of the package's dependencies.
 */
export function readLock(toml: TomlReader, file: string, warnings: Diagnostic[]): CargoLock {
  const t = toml.parse(file);
  const lines = lineFinder(toml.files.read(file));
  if (t.version !== undefined && typeof t.version !== 'number') {
    throw new CargoError(file, `\`version\` must be a number, found ${JSON.stringify(t.version)}. ${REGENERATE}`, lines.topLevel('version'));
  }
  if (t.package !== undefined && !Array.isArray(t.package)) {
    throw new CargoError(file, `\`package\` must be \`[[package]]\` tables, found ${JSON.stringify(t.package)}. ${REGENERATE}`, lines.topLevel('package'));
  }
  const raw = (t.package ?? []) as unknown[];
  if (raw.length === 0) {
    throw new CargoError(file, `the lock file lists no packages (it is empty or truncated), so \`cargo build --locked\` would fail. ${REGENERATE}`);
  }
  const version = typeof t.version === 'number' ? t.version : (asTable(t.metadata) !== undefined || usesV1Deps(raw) ? 1 : 2);
  if (version < 1 || version > 4) {
    throw new CargoError(file, `lock file version ${t.version} is not one this reader knows (1 to 4). Regenerate it with a cargo release from the last years (\`cargo generate-lockfile\`).`,
      lines.topLevel('version'));
  }
  const byName = new Map<string, { version: string; source?: string }[]>();
  const entries = raw.map((p, i) => {
    const pt = asTable(p) ?? {};
    if (typeof pt.name !== 'string' || typeof pt.version !== 'string') {
      throw new CargoError(file, `\`[[package]]\` number ${i + 1} has no name or version. ${REGENERATE}`, lines.package(i));
    }
    const deps = pt.dependencies;
    if (deps !== undefined && !(Array.isArray(deps) && deps.every((d) => typeof d === 'string'))) {
      throw new CargoError(file, `package ${pt.name}: \`dependencies\` must be an array of strings, found ${JSON.stringify(deps)}. ${REGENERATE}`,
        lines.package(i));
    }
    const source = typeof pt.source === 'string' ? pt.source : undefined;
    let list = byName.get(pt.name);
    if (!list) byName.set(pt.name, list = []);
    list.push({ version: pt.version, source });
    return { name: pt.name, version: pt.version, source, deps: (deps ?? []) as string[], line: lines.package(i) };
  });
  const missing: string[] = [];
  let firstLine: number | undefined;
  const packages: LockPackage[] = entries.map((e) => {
    const unresolved = e.deps.filter((d) => resolveDep(byName, d) === undefined);
    if (unresolved.length > 0) {
      missing.push(`${e.name} -> ${unresolved.map((d) => `"${d}"`).join(', ')}`);
      firstLine ??= e.line;
    }
    return {
      name: e.name,
      version: e.version,
      source: e.source,
      sourceKind: sourceKind(e.source),
      dependencies: e.deps.flatMap((d) => resolveDep(byName, d) ?? []),
    };
  });
  if (missing.length > 0) {
    warnings.push({
      id: 'cargo:lock-incomplete',
      message: `the lock file does not list these dependencies: ${missing.join('; ')}. \`cargo build --locked\` will fail, ` +
        `and native dependencies behind them are not seen here. ${REGENERATE}`,
      location: { file, line: firstLine },
    });
  }
  return { file, version, packages };
}

/** Key of a lock package: `name version`. */
export function lockKey(p: { name: string; version: string }): string {
  return `${p.name} ${p.version}`;
}

function resolveDep(byName: Map<string, { version: string; source?: string }[]>, dep: string): string | undefined {
  const m = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(dep.trim());
  const name = m?.[1] ?? dep;
  const version = m?.[2];
  const candidates = byName.get(name) ?? [];
  const hit = version !== undefined ? candidates.find((c) => c.version === version) : candidates[0];
  return hit ? `${name} ${hit.version}` : undefined;
}

/** 1-based lines of top-level keys and of each `[[package]]` header, for error locations. */
function lineFinder(text: string) {
  const all = text.split('\n');
  const headers = all.flatMap((l, i) => (/^\s*\[\[\s*package\s*\]\]/.test(l) ? [i + 1] : []));
  const firstTable = all.findIndex((l) => /^\s*\[/.test(l));
  return {
    package: (i: number): number | undefined => headers[i],
    topLevel: (key: string): number | undefined => {
      const i = all.findIndex((l, n) => (firstTable === -1 || n < firstTable) && new RegExp(`^\\s*${key}\\s*=`).test(l));
      return i === -1 ? undefined : i + 1;
    },
  };
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
