import * as path from 'path';
import { CargoError } from './errors';
import { WorkspaceInheritance, dependencyEntry, packageField } from './inherit';
import { CargoPackage, DependencyKind, DependencySpec } from './model';
import { TomlTable, asString, asStringArray, asTable, expectString, expectStringArray } from './toml';

/** An explicit `[[bin]]` entry as written. */
export interface RawBin {
  readonly name: string;
  readonly path?: string;
  readonly requiredFeatures: string[];
}

/** A package plus what target discovery needs from its manifest. */
export interface PackageManifest {
  readonly pkg: CargoPackage;
  readonly bins: RawBin[];
  readonly autobins: boolean;
  readonly procMacro: boolean;
  /** `package.build`: a path, `false`, or undefined (then `build.rs` is used when present). */
  readonly build?: string | false;
  /** `[lib] path` when written. */
  readonly libPath?: string;
}

const SECTIONS: [string[], DependencyKind][] = [
  [['dependencies'], 'normal'],
  [['dev-dependencies', 'dev_dependencies'], 'dev'],
  [['build-dependencies', 'build_dependencies'], 'build'],
];

/**
 * Reads the `[package]` side of a manifest, with workspace inheritance applied. `hasFile` answers
 * whether a file relative to the package folder exists (disk or tree listing), for `build.rs` and `src/lib.rs`.
 */
export function readPackage(file: string, table: TomlTable, ws: WorkspaceInheritance | undefined, isMember: boolean,
  hasFile: (dir: string, rel: string) => boolean): PackageManifest {
  const dir = path.dirname(file);
  const p = asTable(table.package) ?? asTable(table.project);
  if (!p) throw new CargoError(file, 'this manifest has no `[package]` table. Add `[package]` with `name = "..."`, or make it a workspace root with `[workspace]`.');
  const name = p.name;
  if (typeof name !== 'string' || name === '') {
    throw new CargoError(file, `\`package.name\` must be a non-empty string, found ${JSON.stringify(name)} (it cannot be inherited from the workspace). Write \`name = "my-crate"\`.`);
  }
  const field = (key: string) => expectString(file, `package.${key}`, packageField(file, key, p[key], ws));
  const version = field('version');
  const edition = field('edition');
  const rustVersion = field('rust-version');
  const defaultRun = expectString(file, 'package.default-run', p['default-run']);
  const build = readBuild(file, p.build);
  const lib = asTable(table.lib);
  const libPath = asString(lib?.path);
  const procMacro = lib?.['proc-macro'] === true || lib?.proc_macro === true;
  const buildScriptRel = build === false ? undefined : build ?? (hasFile(dir, 'build.rs') ? 'build.rs' : undefined);

  const pkg: CargoPackage = {
    name,
    version,
    edition,
    rustVersion,
    manifestPath: file,
    dir,
    isMember,
    dependencies: readDependencies(file, dir, table, ws),
    features: readFeatures(file, table.features),
    defaultRun,
    buildScript: buildScriptRel ? path.join(dir, buildScriptRel) : undefined,
    hasLib: lib !== undefined || hasFile(dir, 'src/lib.rs'),
  };
  return {
    pkg,
    bins: readBins(file, table.bin),
    autobins: p.autobins !== false,
    procMacro,
    build,
    libPath,
  };
}

function readBuild(file: string, v: unknown): string | false | undefined {
  if (v === undefined || v === true) return undefined;
  if (v === false || typeof v === 'string') return v;
  throw new CargoError(file, `\`package.build\` must be a path or false, found ${JSON.stringify(v)}. Write \`build = "build.rs"\` or \`build = false\`.`);
}

function readFeatures(file: string, v: unknown): Record<string, string[]> {
  const t = asTable(v) ?? {};
  const out: Record<string, string[]> = {};
  for (const [k, list] of Object.entries(t)) out[k] = expectStringArray(file, `features.${k}`, list) ?? [];
  return out;
}

function readBins(file: string, v: unknown): RawBin[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new CargoError(file, '`bin` must be an array of tables. Write each binary as `[[bin]]` with `name = "..."`.');
  return v.map((entry, i) => {
    const t = asTable(entry) ?? {};
    const name = t.name;
    if (typeof name !== 'string' || name === '') {
      throw new CargoError(file, `\`[[bin]]\` number ${i + 1} has no \`name\`. Add \`name = "..."\` to it.`);
    }
    return {
      name,
      path: expectString(file, `bin.${name}.path`, t.path),
      requiredFeatures: expectStringArray(file, `bin.${name}.required-features`, t['required-features'] ?? t.required_features) ?? [],
    };
  });
}

function readDependencies(file: string, dir: string, table: TomlTable, ws: WorkspaceInheritance | undefined): DependencySpec[] {
  const out: DependencySpec[] = [];
  const scopes: [TomlTable, string | undefined][] = [[table, undefined]];
  for (const [target, t] of Object.entries(asTable(table.target) ?? {})) scopes.push([asTable(t) ?? {}, target]);
  for (const [scope, target] of scopes) {
    for (const [keys, kind] of SECTIONS) {
      for (const key of keys) {
        for (const [depKey, value] of Object.entries(asTable(scope[key]) ?? {})) {
          out.push(toSpec(file, dir, depKey, value, kind, target, ws));
        }
      }
    }
  }
  return out;
}

function toSpec(file: string, dir: string, key: string, value: unknown, kind: DependencyKind, target: string | undefined,
  ws: WorkspaceInheritance | undefined): DependencySpec {
  const { entry, baseDir } = dependencyEntry(file, dir, key, value, ws);
  const depPath = asString(entry.path);
  return {
    key,
    name: asString(entry.package) ?? key,
    kind,
    target,
    optional: entry.optional === true,
    defaultFeatures: entry['default-features'] !== false && entry.default_features !== false,
    features: asStringArray(entry.features) ?? [],
    version: asString(entry.version),
    path: depPath !== undefined ? path.resolve(baseDir, depPath) : undefined,
    git: asString(entry.git),
  };
}
