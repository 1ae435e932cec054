import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CargoProject, NativeDependency, NativeNeed } from '../../src/cargo/model';

/**
 * Hand-written CargoProject objects for plan/render tests, over a real temporary folder (the plan
 * looks for proto/, .sqlx/ and migrations/ on disk). Fields not given get the values a plain
 * single-crate project with one binary and a Cargo.lock would have.
 */
export interface ProjectSpec {
  readonly name?: string;
  readonly version?: string;
  /** Extra files to create, relative to the project folder (folders end with '/'). */
  readonly files?: string[];
  readonly lock?: boolean;
  readonly lockPackages?: string[];
  readonly toolchain?: Partial<CargoProject['toolchain']>;
  readonly config?: Partial<CargoProject['config']>;
  readonly nativeDeps?: NativeDependency[];
  /** Mutate the project after the defaults are filled in. */
  readonly patch?: (p: Mutable<CargoProject>, dir: string) => void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function makeProject(spec: ProjectSpec = {}): CargoProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  const name = spec.name ?? 'svc';
  for (const f of ['Cargo.toml', 'src/main.rs', ...(spec.lock === false ? [] : ['Cargo.lock']), ...(spec.files ?? [])]) {
    const abs = path.join(dir, f);
    if (f.endsWith('/')) {fs.mkdirSync(abs, { recursive: true });} else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, '');
    }
  }
  const bin = { name, package: name, path: 'src/main.rs', requiredFeatures: [], origin: 'auto' as const };
  const project: Mutable<CargoProject> = {
    inputDir: dir,
    workspaceRoot: dir,
    rootManifest: path.join(dir, 'Cargo.toml'),
    contextDir: dir,
    isVirtualWorkspace: false,
    packages: [{
      name,
      version: spec.version ?? '0.1.0',
      edition: '2021',
      manifestPath: path.join(dir, 'Cargo.toml'),
      dir,
      isMember: true,
      dependencies: [],
      features: {},
      hasLib: false,
    }],
    binaries: [bin],
    selection: { binary: bin, features: [], reason: 'the only binary', excluded: [] },
    lock: spec.lock === false ? undefined : {
      file: path.join(dir, 'Cargo.lock'),
      version: 3,
      packages: (spec.lockPackages ?? []).map((n) => ({ name: n, version: '1.0.0', sourceKind: 'registry' as const, dependencies: [] })),
    },
    toolchain: { source: 'none', components: [], targets: [], ...spec.toolchain },
    config: { files: [], buildRustflags: [], targets: {}, env: [], registries: [], unstable: [], profiles: [], ...spec.config },
    profiles: [],
    nativeDeps: spec.nativeDeps ?? [],
    buildInputs: ['Cargo.toml', 'Cargo.lock'],
    dataDirs: ['proto', '.sqlx', 'migrations'].map((d) => path.join(dir, d)).filter((d) => fs.existsSync(d) && fs.statSync(d).isDirectory()),
    warnings: [],
  };
  spec.patch?.(project, dir);
  return project;
}

/** A native dependency with a need; fields default to a crate zig alone can build. */
export function nativeDep(crate: string, need: Partial<NativeNeed> = {}, extra: Partial<NativeDependency> = {}): NativeDependency {
  return {
    crate,
    version: '1.0.0',
    pulledInBy: ['svc'],
    hostOnly: false,
    ...extra,
    need: {
      id: crate,
      crate,
      summary: crate,
      buildTools: [],
      env: {},
      envPerArch: {},
      needsCaCertificates: false,
      musl: 'ok',
      cross: 'ok',
      ...need,
    },
  };
}
