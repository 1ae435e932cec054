import { targetMatches } from './cfg';
import { CargoPackage, DependencySpec } from './model';

/** The features enabled on one package and what they switch on in its dependencies. */
export interface FeatureState {
  readonly features: Set<string>;
  /** Keys of optional dependencies that are enabled. */
  readonly optionalDeps: Set<string>;
  /** Features asked of each dependency (by key), from `dep/feature` entries. */
  readonly depFeatures: Map<string, Set<string>>;
}

/**
 * Expands the requested features of a package the way cargo does: named features, `dep:x`,
 * `x/feature`, weak `x?/feature`, and the implicit feature of an optional dependency that no
 * `dep:` entry mentions.
 */
export function resolveFeatures(pkg: CargoPackage, requested: Iterable<string>, defaults: boolean, all = false): FeatureState {
  const optional = new Set(pkg.dependencies.filter((d) => d.optional).map((d) => d.key));
  const explicitDep = new Set(Object.values(pkg.features).flat().filter((f) => f.startsWith('dep:')).map((f) => f.slice(4)));
  const features = new Set<string>();
  const optionalDeps = new Set<string>();
  const depFeatures = new Map<string, Set<string>>();
  const weak: [string, string][] = [];
  const queue = [...requested];
  if (defaults && pkg.features.default) queue.push('default');
  if (all) queue.push(...Object.keys(pkg.features), ...[...optional].filter((k) => !explicitDep.has(k)));

  while (queue.length > 0) {
    const f = queue.pop()!;
    if (f.startsWith('dep:')) {
      optionalDeps.add(f.slice(4));
    } else if (f.includes('/')) {
      const [rawDep, feat] = f.split('/', 2);
      if (rawDep.endsWith('?')) {
        weak.push([rawDep.slice(0, -1), feat]);
        continue;
      }
      addDepFeature(depFeatures, rawDep, feat);
      if (optional.has(rawDep)) {
        optionalDeps.add(rawDep);
        if (!explicitDep.has(rawDep) && !features.has(rawDep)) queue.push(rawDep);
      }
    } else if (!features.has(f)) {
      if (pkg.features[f]) {
        features.add(f);
        queue.push(...pkg.features[f]);
      } else if (optional.has(f) && !explicitDep.has(f)) {
        features.add(f);
        optionalDeps.add(f);
      }
    }
  }
  for (const [dep, feat] of weak) {
    if (!optional.has(dep) || optionalDeps.has(dep)) addDepFeature(depFeatures, dep, feat);
  }
  return { features, optionalDeps, depFeatures };
}

/** The dependencies `cargo build` compiles for this package (no dev-dependencies) on any of `triples`. */
export function activeDependencies(pkg: CargoPackage, state: FeatureState, triples: string[]): DependencySpec[] {
  return pkg.dependencies.filter((d) =>
    d.kind !== 'dev' &&
    (!d.optional || state.optionalDeps.has(d.key)) &&
    (d.target === undefined || triples.some((t) => targetMatches(d.target!, t))));
}

function addDepFeature(map: Map<string, Set<string>>, dep: string, feat: string): void {
  let set = map.get(dep);
  if (!set) map.set(dep, set = new Set());
  set.add(feat);
}
