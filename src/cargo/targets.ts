import * as path from 'path';
import { PackageManifest } from './manifest';
import { BinaryTarget } from './model';
import { SourceView } from './sources';

/**
 * The binary targets of a package as cargo sees them: explicit `[[bin]]` entries (a missing `path`
 * is inferred from the name), plus, unless `autobins = false`, `src/main.rs`, `src/bin/*.rs` and
 * `src/bin/<name>/main.rs`. An inferred target whose name or path an explicit one already uses is dropped.
 */
export function binaryTargets(m: PackageManifest, sources: SourceView): BinaryTarget[] {
  const dir = m.pkg.dir;
  const explicit: BinaryTarget[] = m.bins.map((b) => ({
    name: b.name,
    package: m.pkg.name,
    path: normalize(b.path ?? inferPath(b.name, m.pkg.name, dir, sources)),
    requiredFeatures: b.requiredFeatures,
    origin: 'explicit',
  }));
  if (!m.autobins) return explicit;

  const inferred: { name: string; path: string }[] = [];
  if (sources.hasFile(dir, 'src/main.rs')) inferred.push({ name: m.pkg.name, path: 'src/main.rs' });
  const binDir = path.join(dir, 'src', 'bin');
  for (const entry of sources.list(binDir)) {
    if (entry.endsWith('.rs') && sources.hasFile(binDir, entry)) {
      inferred.push({ name: entry.slice(0, -3), path: `src/bin/${entry}` });
    } else if (sources.hasFile(path.join(binDir, entry), 'main.rs')) {
      inferred.push({ name: entry, path: `src/bin/${entry}/main.rs` });
    }
  }
  const names = new Set(explicit.map((b) => b.name));
  const paths = new Set(explicit.map((b) => b.path));
  const auto: BinaryTarget[] = inferred
    .filter((b) => !names.has(b.name) && !paths.has(b.path))
    .map((b) => ({ name: b.name, package: m.pkg.name, path: b.path, requiredFeatures: [], origin: 'auto' }));
  return [...explicit, ...auto];
}

function inferPath(name: string, pkgName: string, dir: string, sources: SourceView): string {
  if (sources.hasFile(dir, `src/bin/${name}.rs`)) return `src/bin/${name}.rs`;
  if (sources.hasFile(dir, `src/bin/${name}/main.rs`)) return `src/bin/${name}/main.rs`;
  if (name === pkgName || sources.hasFile(dir, 'src/main.rs')) return 'src/main.rs';
  return `src/bin/${name}.rs`;
}

function normalize(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}
