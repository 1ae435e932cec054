import { CargoError } from './errors';
import { resolveFeatures } from './features';
import { PackageManifest } from './manifest';
import { BinarySelection, BinaryTarget, ReadOptions } from './model';

/** What selection works on. */
export interface SelectionInput {
  readonly rootManifest: string;
  readonly members: PackageManifest[];
  readonly binaries: BinaryTarget[];
  /** The packages a bare `cargo build` builds here (default-members, the root package, or all members). */
  readonly defaultPackages: string[];
  /** How `defaultPackages` was decided, for the reason text. */
  readonly defaultSource: string;
}

/**
 * Chooses the binary the image is built for, mirroring `cargo build`: a named binary must exist;
 * binaries whose `required-features` are not enabled are not candidates; `--package`,
 * `default-members` and `default-run` narrow; one candidate is taken; otherwise an error (or, when
 * `lenient`, no binary and the reason) that lists the candidates.
 */
export function selectBinary(input: SelectionInput, options: ReadOptions): BinarySelection {
  const lenient = options.lenientSelection === true;
  const byName = new Map(input.members.map((m) => [m.pkg.name, m]));
  if (options.package !== undefined && !byName.has(options.package)) {
    throw new CargoError(input.rootManifest,
      `no workspace member named "${options.package}"; members: ${[...byName.keys()].sort().join(', ')}. Pass one of these as the package.`);
  }
  const enabled = (pkgName: string) => {
    const m = byName.get(pkgName)!;
    const state = resolveFeatures(m.pkg, options.features ?? [], options.noDefaultFeatures !== true, options.allFeatures === true);
    return [...state.features].sort();
  };
  const missing = (b: BinaryTarget) => {
    const on = new Set(enabled(b.package));
    return b.requiredFeatures.filter((f) => !on.has(f));
  };
  const excludedReason = (b: BinaryTarget, miss: string[]) =>
    `requires feature${miss.length > 1 ? 's' : ''} ${miss.map((f) => `"${f}"`).join(', ')} of package ${b.package}, which ${miss.length > 1 ? 'are' : 'is'} not enabled`;

  if (options.binary !== undefined) {
    const pool = input.binaries.filter((b) => options.package === undefined || b.package === options.package);
    const found = pool.filter((b) => b.name === options.binary);
    if (found.length === 0) {
      const where = options.package !== undefined ? ` in package ${options.package}` : '';
      throw new CargoError(input.rootManifest,
        `no binary named ${options.binary}${where}; available: ${pool.map((b) => b.name).join(', ') || 'none'}. Pass one of these as the binary.`);
    }
    if (found.length > 1) {
      throw new CargoError(input.rootManifest,
        `binary ${options.binary} exists in several packages (${found.map((b) => b.package).join(', ')}). Pass the package as well.`);
    }
    const b = found[0];
    const miss = missing(b);
    if (miss.length > 0) {
      throw new CargoError(byName.get(b.package)!.pkg.manifestPath,
        `binary ${b.name} ${excludedReason(b, miss)}. Enable ${miss.map((f) => `"${f}"`).join(', ')} in the features option.`);
    }
    return { binary: b, features: enabled(b.package), reason: `binary ${b.name} was asked for`, excluded: [] };
  }

  const pkgs = options.package !== undefined ? [options.package] : input.defaultPackages;
  const source = options.package !== undefined ? `package ${options.package} was asked for` : input.defaultSource;
  const pool = input.binaries.filter((b) => pkgs.includes(b.package));
  const excluded: { binary: string; reason: string }[] = [];
  let candidates = pool.filter((b) => {
    const miss = missing(b);
    if (miss.length > 0) excluded.push({ binary: b.name, reason: excludedReason(b, miss) });
    return miss.length === 0;
  });
  let reason = `the only binary of ${source}`;
  if (pkgs.length === 1) {
    const run = byName.get(pkgs[0])!.pkg.defaultRun;
    const chosen = run !== undefined ? candidates.find((b) => b.name === run) : undefined;
    if (chosen) {
      for (const b of candidates) if (b !== chosen) excluded.push({ binary: b.name, reason: `package ${pkgs[0]} sets default-run = "${run}"` });
      candidates = [chosen];
      reason = `default-run of package ${pkgs[0]}`;
    }
  }
  const features = pkgs.length === 1 ? enabled(pkgs[0]) : [];
  if (candidates.length === 1) return { binary: candidates[0], features: enabled(candidates[0].package), reason, excluded };

  const why = candidates.length === 0
    ? `no binary to build: ${source}, and it has no binary${excluded.length > 0 ? ' whose required features are enabled' : ''}` +
      `${excluded.length > 0 ? ` (${excluded.map((e) => `${e.binary} ${e.reason}`).join('; ')})` : ''}. ` +
      'Pass a binary (and the features it needs) or a package that has one.'
    : `several binaries could be built (${source}): ${candidates.map((b) => `${b.name} (package ${b.package})`).join(', ')}. Pass one of them as the binary.`;
  if (!lenient) throw new CargoError(input.rootManifest, why);
  return { binary: undefined, features, reason: why, excluded };
}
