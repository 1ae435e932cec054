import { Closure } from './closure';
import { NativeDependency } from './model';
import { nativeNeed } from './native-needs';

/** The native (C) crates of a closure, each with its need, who pulls it in, and whether it only runs on the build host. */
export function nativeDependencies(closure: Closure): NativeDependency[] {
  const versions = new Map<string, string[]>();
  for (const e of closure.entries.values()) {
    const list = versions.get(e.pkg.name) ?? [];
    list.push(e.pkg.version);
    versions.set(e.pkg.name, list);
  }
  const edges = new Set<string>();
  for (const e of closure.entries.values()) e.pulledInBy.forEach((parent) => edges.add(`${parent} ${e.pkg.name}`));
  const out: NativeDependency[] = [];
  for (const e of closure.entries.values()) {
    const need = nativeNeed(e.pkg.name, {
      version: e.pkg.version,
      closure: versions,
      dependsOn: (parent, child) => edges.has(`${parent} ${child}`),
      requested: (crate) => closure.requested.get(crate),
    });
    if (!need) continue;
    out.push({
      crate: e.pkg.name,
      version: e.pkg.version,
      need,
      pulledInBy: [...e.pulledInBy].sort(),
      hostOnly: !e.target,
    });
  }
  return out.sort((a, b) => a.crate.localeCompare(b.crate) || a.version.localeCompare(b.version));
}
