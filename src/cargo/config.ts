import * as path from 'path';
import { CargoError } from './errors';
import { isInside, relPath } from './files';
import { CargoConfig, CargoEnvVar, Diagnostic } from './model';
import { TomlReader, TomlTable, asTable } from './toml';

/**
 * The project's cargo configuration: `.cargo/config.toml` or legacy `.cargo/config` (the legacy
 * file wins when both exist, as in cargo) in the folder cargo runs in and each parent up to the build
 * context. Deeper files take precedence; arrays (rustflags) are joined, outer values first.
 */
export function readConfig(toml: TomlReader, workspaceRoot: string, contextDir: string, warnings: Diagnostic[]): CargoConfig {
  const found: string[] = [];
  for (let dir = workspaceRoot; isInside(contextDir, dir); dir = path.dirname(dir)) {
    const legacy = path.join(dir, '.cargo', 'config');
    const modern = path.join(dir, '.cargo', 'config.toml');
    if (toml.files.isFile(legacy)) found.unshift(legacy);
    else if (toml.files.isFile(modern)) found.unshift(modern);
    if (dir === path.dirname(dir)) break;
  }

  const buildRustflags: string[] = [];
  let buildTarget: string[] | undefined;
  let targetDir: string | undefined;
  const targets: Record<string, { rustflags: string[]; linker?: string }> = {};
  const env = new Map<string, CargoEnvVar>();
  const registries = new Set<string>();
  const unstable = new Set<string>();
  const profiles = new Set<string>();

  for (const file of found) {
    const t = toml.parse(file);
    const base = path.dirname(path.dirname(file));
    const build = asTable(t.build) ?? {};
    buildRustflags.push(...flags(file, 'build.rustflags', build.rustflags));
    if (build.target !== undefined) buildTarget = typeof build.target === 'string' ? [build.target] : flags(file, 'build.target', build.target);
    if (typeof build['target-dir'] === 'string') targetDir = relPath(contextDir, path.resolve(base, build['target-dir']));
    for (const [spec, v] of Object.entries(asTable(t.target) ?? {})) {
      const tt = asTable(v) ?? {};
      const entry = targets[spec] ?? (targets[spec] = { rustflags: [] });
      entry.rustflags.push(...flags(file, `target.${spec}.rustflags`, tt.rustflags));
      if (typeof tt.linker === 'string') entry.linker = tt.linker;
    }
    for (const [name, v] of Object.entries(asTable(t.env) ?? {})) env.set(name, envVar(file, name, v, base));
    Object.keys(asTable(t.registries) ?? {}).forEach((r) => registries.add(r));
    Object.keys(asTable(t.unstable) ?? {}).forEach((k) => unstable.add(k));
    Object.keys(asTable(t.profile) ?? {}).forEach((k) => profiles.add(k));
    nativeCpuCheck(file, t, warnings);
  }
  return {
    files: found,
    buildRustflags,
    buildTarget,
    targetDir,
    targets,
    env: [...env.values()],
    registries: [...registries].sort(),
    unstable: [...unstable].sort(),
    profiles: [...profiles].sort(),
  };
}

function flags(file: string, key: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return v.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
  throw new CargoError(file, `\`${key}\` must be a string or an array of strings, found ${JSON.stringify(v)}. Write it as \`["-C", "..."]\`.`);
}

function envVar(file: string, name: string, v: unknown, base: string): CargoEnvVar {
  if (typeof v === 'string') return { name, value: v, force: false, relative: false };
  const t = asTable(v);
  if (!t || typeof t.value !== 'string') {
    throw new CargoError(file, `\`env.${name}\` must be a string or \`{ value = "...", force = true, relative = true }\`, found ${JSON.stringify(v)}.`);
  }
  const relative = t.relative === true;
  return { name, value: relative ? path.resolve(base, t.value) : t.value, force: t.force === true, relative };
}

function nativeCpuCheck(file: string, t: TomlTable, warnings: Diagnostic[]): void {
  const text = JSON.stringify([asTable(t.build)?.rustflags, ...Object.values(asTable(t.target) ?? {}).map((x) => asTable(x)?.rustflags)]);
  if (!/target-cpu=native/.test(text)) return;
  warnings.push({
    id: 'cargo:target-cpu-native',
    message: `${file} sets \`-C target-cpu=native\`: the binary is tuned to the CPU of the build host and may crash with ` +
      '"illegal instruction" on another CPU (the build host is not where the image runs). Remove it, or name a CPU level such as `x86-64-v2`.',
    location: { file },
  });
}
