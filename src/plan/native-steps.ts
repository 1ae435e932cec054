/**
 * What the native (C) crates of the build mean for it: Debian packages on the build host, environment
 * per target, CA certificates at runtime, and the combinations that cannot work, refused with advice
 * that names the crate and the package that pulls it in. The facts per crate come from the cargo
 * reader's knowledge table (`NativeNeed`); this file only applies them to a libc and a strategy.
 */
import type { DockerArch, PlannedPlatform } from './model';
import type { CargoProject, Diagnostic, NativeDependency } from '../cargo/model';

/** Debian packages and environment for each build-host tool a native crate may need. */
const TOOLS: Record<string, { packages: string[]; env?: Record<string, string> }> = {
  'perl': { packages: ['perl'] },
  'make': { packages: ['make'] },
  'cmake': { packages: ['cmake'] },
  'autoconf': { packages: ['autoconf'] },
  'automake': { packages: ['automake'] },
  'libtool': { packages: ['libtool'] },
  'pkg-config': { packages: ['pkg-config'] },
  'git': { packages: ['git'] },
  'nasm': { packages: ['nasm'] },
  'go': { packages: ['golang-go'] },
  // The well-known types (google/protobuf/timestamp.proto) live in libprotobuf-dev's /usr/include (case B16).
  'protoc': { packages: ['protobuf-compiler', 'libprotobuf-dev'], env: { PROTOC: '/usr/bin/protoc', PROTOC_INCLUDE: '/usr/include' } },
  'libclang': { packages: ['libclang-dev', 'clang'] },
  // The rust slim images carry gcc but no C++ compiler; build scripts compiling C++ for the host need one.
  'c++': { packages: ['g++'] },
  'clang': { packages: ['clang'] },
};

/**
 * Advice for crates that link a system library of the target, by crate. Neither libc can take them: musl
 * because the builder's libraries are built for glibc, gnu because of the shortcoming below.
 */
const SYSTEM_LIBRARY_ADVICE: Record<string, string> = {
  'openssl-sys':
    "enable the openssl crate's `vendored` feature (OpenSSL is then built from source with perl and make), or switch the " +
    "TLS stack to rustls (e.g. reqwest's `rustls-tls` feature)",
  'pq-sys':
    "enable pq-sys's `bundled` feature (libpq built from source), or use a pure-Rust driver (tokio-postgres, sqlx's postgres)",
  'mysqlclient-sys':
    "enable mysqlclient-sys's `bundled` feature, or use a pure-Rust driver (mysql_async, sqlx's mysql)",
  'libsqlite3-sys':
    'enable the `bundled` feature (rusqlite `bundled`, sqlx `sqlite`, or libsqlite3-sys `bundled`) to compile SQLite in',
  'libudev-sys': 'disable the feature that pulls in udev',
  'unwind-sys': 'disable the feature that pulls in libunwind (e.g. `stacktrace`)',
  'tss-esapi-sys': 'disable the TPM feature',
  'selinux-sys': 'disable the SELinux feature',
};

const GENERIC_ADVICE = 'disable the feature that pulls it in, or use a crate that compiles the library from source';

/** Crates whose build scripts download prebuilt binaries at build time. */
const DOWNLOADING_BUILD_SCRIPTS = ['ort-sys', 'onnxruntime-sys', 'torch-sys', 'tensorflow-sys', 'v8'];

export interface NativePlan {
  readonly builderPackages: string[];
  readonly env: Record<DockerArch, Record<string, string>>;
  readonly caCertificates: boolean;
}

/**
 * Apply the native needs of the selected binary.
 *
 * @param crossBuild one builder compiles every platform (the CROSS strategy), so host != target for some
 */
export function planNative(
  project: CargoProject,
  platforms: PlannedPlatform[],
  libc: 'musl' | 'gnu',
  crossBuild: boolean,
  warnings: Diagnostic[],
): NativePlan {
  const packages = new Set<string>();
  const env: Record<DockerArch, Record<string, string>> = { amd64: {}, arm64: {} };
  let caCertificates = false;

  const systemLibraries = project.nativeDeps.filter((d) => d.need.musl === 'unsupported' && !d.hostOnly);
  if (systemLibraries.length > 0) refuseSystemLibraries(systemLibraries, libc);

  for (const dep of project.nativeDeps) {
    const need = dep.need;
    if (crossBuild && need.cross === 'risky' && !dep.hostOnly) {
      warnings.push({
        id: 'plan:cross-build-native',
        message:
          `${describe(dep)} runs a configure/make build that is unreliable when cross-compiling (e.g. an empty ` +
          'libjemalloc.a, undefined _rjem_ symbols), and the CROSS strategy builds arm64 on an x86 host. Use the NATIVE ' +
          `strategy so each architecture compiles on its own CodeBuild host. ${need.advice ?? ''}`.trim(),
      });
    }
    for (const tool of need.buildTools) {
      const known = TOOLS[tool];
      for (const p of known ? known.packages : [tool]) packages.add(p);
      for (const [k, v] of Object.entries(known?.env ?? {})) setAll(env, platforms, k, v);
    }
    for (const p of platforms) {
      for (const [k, v] of Object.entries(need.env)) env[p.arch][k] = expand(v, p);
      for (const [k, v] of Object.entries(need.envPerArch[p.arch] ?? {})) env[p.arch][k] = expand(v, p);
    }
    if (need.needsCaCertificates && !dep.hostOnly) caCertificates = true;
  }

  const downloading = (project.lock?.packages ?? []).filter((p) => DOWNLOADING_BUILD_SCRIPTS.includes(p.name));
  for (const p of unique(downloading.map((d) => d.name))) {
    warnings.push({
      id: 'plan:build-script-download',
      message:
        `${p} downloads prebuilt binaries in its build script: the build needs network access and the result depends ` +
        'on what the download returns that day. Vendor the library or point the crate at a pinned local copy.',
    });
  }

  return { builderPackages: [...packages].sort(), env, caCertificates };
}

/**
 * One error for every crate that links a system library of the target, so fixing one does not reveal the next.
 * Known shortcoming: gnu builds that link a system library are not supported, because the builder installs no
 * target-architecture -dev packages nor a pkg-config cross setup, and the runtime base gets no runtime libraries.
 */
function refuseSystemLibraries(deps: NativeDependency[], libc: 'musl' | 'gnu'): never {
  const fix = (dep: NativeDependency) => SYSTEM_LIBRARY_ADVICE[dep.crate] ?? GENERIC_ADVICE;
  const why = libc === 'musl'
    ? ['cannot be linked into a static musl binary: it links the build host\'s system library, which is built for glibc',
      'cannot be linked into a static musl binary: they link the build host\'s system libraries, which are built for glibc']
    : ['links a system library of the target, which libc gnu builds do not provide: the builder has no -dev package of it ' +
      'for the target architectures nor a pkg-config cross setup, and the runtime base does not ship the library',
    'link system libraries of the target, which libc gnu builds do not provide: the builder has no -dev packages of them ' +
      'for the target architectures nor a pkg-config cross setup, and the runtime base does not ship the libraries'];
  if (deps.length === 1) throw new Error(`${describe(deps[0])} ${why[0]}. Fix: ${fix(deps[0])}.`);
  throw new Error(`${deps.length} native crates ${why[1]}. ${deps.map((d) => `${describe(d)}. Fix: ${fix(d)}.`).join(' ')}`);
}

function describe(dep: NativeDependency): string {
  const by = dep.pulledInBy.length > 0 ? ` (pulled in by ${dep.pulledInBy.join(', ')})` : '';
  return `${dep.crate} ${dep.version}${by}`;
}

function setAll(env: Record<DockerArch, Record<string, string>>, platforms: PlannedPlatform[], k: string, v: string): void {
  for (const p of platforms) env[p.arch][k] = v;
}

function expand(value: string, p: PlannedPlatform): string {
  return value.replace(/\{arch\}/g, p.arch).replace(/\{triple\}/g, p.artifactTriple);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
