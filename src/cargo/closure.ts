import { activeDependencies, FeatureState, resolveFeatures } from './features';
import { gateOpen } from './gates';
import { lockKey } from './lockfile';
import { PackageManifest } from './manifest';
import { CargoLock, LockPackage } from './model';
import { BUILD_HOST_CRATES } from './native-needs';

/** A package the selected one compiles, and how it is reached. */
export interface ClosureEntry {
  readonly pkg: LockPackage;
  /** Names of packages in the closure that depend on it directly. */
  readonly pulledInBy: Set<string>;
  /** Reached as part of the target binary (not only through build scripts / proc macros). */
  target: boolean;
}

export interface Closure {
  readonly entries: Map<string, ClosureEntry>;
  /** Features the project's own manifests ask of each crate (`default` included when default features are on). */
  readonly requested: Map<string, Set<string>>;
}

/**
 * The packages `cargo build -p <root> [-p <root>...]` compiles for the given triples. For the project's own
 * packages the manifests decide exactly (features, optional and target-specific dependencies,
 * dev-dependencies left out). For registry and git crates the lock's edges are followed, except the
 * feature-gated edges in gates.ts: the lock does not record features, so this over-approximates.
 */
export function dependencyClosure(lock: CargoLock, local: Map<string, PackageManifest>, roots: string[],
  rootFeatures: string[], rootDefaults: boolean, rootAll: boolean, triples: string[]): Closure {
  const states = resolveLocalFeatures(local, roots, rootFeatures, rootDefaults, rootAll, triples);
  const requested = new Map<string, Set<string>>();
  for (const [name, state] of states) {
    const m = local.get(name)!;
    for (const d of activeDependencies(m.pkg, state, triples)) {
      let set = requested.get(d.name);
      if (!set) requested.set(d.name, set = new Set());
      d.features.forEach((f) => set!.add(f));
      state.depFeatures.get(d.key)?.forEach((f) => set!.add(f));
      if (d.defaultFeatures) set.add('default');
    }
  }
  const byKey = new Map(lock.packages.map((p) => [lockKey(p), p]));
  const entries = new Map<string, ClosureEntry>();
  const rootPkgs = roots.flatMap((root) => {
    const p = lock.packages.find((x) => x.name === root && x.sourceKind === 'path') ?? lock.packages.find((x) => x.name === root);
    return p ? [p] : [];
  });

  const visitedTarget = new Set<string>();
  const visitedHost = new Set<string>();
  const queue: [string, boolean, string | undefined][] = rootPkgs.map((p) => [lockKey(p), true, undefined]);
  // An index instead of shift(): shift() moves the whole array each time, quadratic on big locks.
  for (let next = 0; next < queue.length; next++) {
    const [key, target, parent] = queue[next];
    const pkg = byKey.get(key);
    if (!pkg) continue;
    let entry = entries.get(key);
    if (!entry) entries.set(key, entry = { pkg, pulledInBy: new Set(), target: false });
    if (parent !== undefined) entry.pulledInBy.add(parent);
    // A package reached as part of the target already had all its edges followed in the widest context.
    if (visitedTarget.has(key) || (!target && visitedHost.has(key))) continue;
    (target ? visitedTarget : visitedHost).add(key);
    if (target) entry.target = true;
    for (const [childKey, hostEdge] of edges(pkg, local, states, triples, requested)) {
      queue.push([childKey, target && !hostEdge, pkg.name]);
    }
  }
  return { entries, requested };
}

/** Feature resolution over the project's own packages, to a fixpoint (resolver 2 unifies per build). */
function resolveLocalFeatures(local: Map<string, PackageManifest>, roots: string[], features: string[], defaults: boolean, all: boolean,
  triples: string[]): Map<string, FeatureState> {
  const asked = new Map<string, { features: Set<string>; defaults: boolean }>(roots.map((r) => [r, { features: new Set(features), defaults }]));
  const states = new Map<string, FeatureState>();
  const work = [...roots];
  while (work.length > 0) {
    const name = work.pop()!;
    const m = local.get(name);
    if (!m) continue;
    const a = asked.get(name)!;
    const state = resolveFeatures(m.pkg, a.features, a.defaults, roots.includes(name) && all);
    states.set(name, state);
    for (const d of activeDependencies(m.pkg, state, triples)) {
      if (!local.has(d.name) || d.name === name) continue;
      const want = [...d.features, ...(state.depFeatures.get(d.key) ?? [])];
      let prev = asked.get(d.name);
      const isNew = !prev;
      if (!prev) asked.set(d.name, prev = { features: new Set(), defaults: false });
      const before = prev.features.size;
      want.forEach((f) => prev!.features.add(f));
      const defaultsTurnedOn = d.defaultFeatures && !prev.defaults;
      if (defaultsTurnedOn) prev.defaults = true;
      if (isNew || prev.features.size !== before || defaultsTurnedOn) work.push(d.name);
    }
  }
  return states;
}

/** The lock edges of one package: [child key, is a build-host edge]. */
function edges(pkg: LockPackage, local: Map<string, PackageManifest>, states: Map<string, FeatureState>, triples: string[],
  requested: Map<string, Set<string>>): [string, boolean][] {
  const m = pkg.sourceKind === 'path' ? local.get(pkg.name) : undefined;
  const state = m ? states.get(pkg.name) : undefined;
  if (m && state) {
    const out: [string, boolean][] = [];
    const active = activeDependencies(m.pkg, state, triples);
    for (const dep of pkg.dependencies) {
      const name = dep.slice(0, dep.indexOf(' '));
      const specs = active.filter((d) => d.name === name);
      if (specs.length === 0) continue;
      out.push([dep, m.procMacro || specs.every((d) => d.kind === 'build')]);
    }
    return out;
  }
  return pkg.dependencies
    .filter((dep) => gateOpen(pkg.name, dep.slice(0, dep.indexOf(' ')), (c) => requested.get(c)))
    .map((dep) => [dep, BUILD_HOST_CRATES.has(dep.slice(0, dep.indexOf(' ')))]);
}
