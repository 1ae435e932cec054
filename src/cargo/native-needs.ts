import { NativeNeed } from './model';

/** What decides a crate's variant: the names and versions in the closure, the features asked of crates. */
export interface NeedContext {
  readonly version: string;
  /** Crate name → versions, for everything in the closure. */
  readonly closure: Map<string, string[]>;
  /** Whether `parent` depends directly on `child` in the closure. */
  readonly dependsOn: (parent: string, child: string) => boolean;
  /** Features the project's own manifests ask of a crate (`default` when default features are on). */
  readonly requested: (crate: string) => Set<string> | undefined;
}

type Row = Omit<NativeNeed, 'id' | 'crate' | 'env' | 'envPerArch' | 'buildTools' | 'needsCaCertificates' | 'musl' | 'cross'> &
Partial<Pick<NativeNeed, 'env' | 'envPerArch' | 'buildTools' | 'needsCaCertificates' | 'musl' | 'cross'>> & { readonly variant: string };

/**
 * The knowledge table: crate → what it needs to build for a musl target with zig as the C compiler,
 * and what it means at runtime. A crate not listed is pure Rust, or only needs a C compiler (zig).
 * Versions matter where a release changed the needs (prost-build bundled protoc before 0.11,
 * aws-lc-sys needed CMake on Linux before its cc builder, protobuf-src moved from configure to CMake).
 * Each row that states a fact from outside this repository names its source in a comment.
 */
const TABLE: Record<string, (c: NeedContext) => Row> = {
  'openssl-sys': (c) => c.closure.has('openssl-src')
    ? { variant: 'vendored', summary: 'OpenSSL built from source (openssl-src, feature `vendored`)', buildTools: ['perl', 'make'], needsCaCertificates: true }
    : {
      variant: 'system',
      summary: 'links the system OpenSSL of the target',
      needsCaCertificates: true,
      musl: 'unsupported',
      cross: 'risky',
      advice: 'there is no OpenSSL for the musl targets in the build image: enable the `vendored` feature of the `openssl` crate, or switch the crates that use it to rustls',
    },
  // aws-lc-rs 1.7.0 (April 2024, aws-lc-sys 0.15/0.16; aws/aws-lc-rs#297) builds Linux x86_64/aarch64, musl included,
  // with the cc builder: CMake is no longer needed there (aws.github.io/aws-lc-rs/requirements/linux). 0.16.0 is the
  // conservative cut. AWS_LC_SYS_USE_SYSTEM=0 turns off the detection of a system AWS-LC through OPENSSL_DIR /
  // pkg-config (builder/system_detect.rs, aws-lc-sys 0.4x); older releases ignore the variable.
  'aws-lc-sys': (c) => before(c.version, '0.16.0')
    ? { variant: 'cmake', summary: 'AWS-LC (rustls crypto provider) built with CMake', buildTools: ['cmake', 'perl'] }
    : { variant: 'cc', summary: 'AWS-LC (rustls crypto provider) built with the C compiler; bindings are pregenerated for Linux x86_64/aarch64', env: { AWS_LC_SYS_USE_SYSTEM: '0' } },
  'aws-lc-fips-sys': () => ({
    variant: 'fips',
    summary: 'FIPS build of AWS-LC: CMake, Go and libclang on the build host',
    buildTools: ['cmake', 'go', 'perl', 'libclang'],
    cross: 'risky',
    advice: 'the FIPS module build is validated for specific compilers; build it natively per architecture rather than cross-compiling',
  }),
  'ring': () => ({ variant: 'cc', summary: 'ring crypto: C and assembly built with the C compiler' }),
  'libsqlite3-sys': (c) => sqliteBundled(c)
    ? { variant: 'bundled', summary: 'SQLite compiled into the binary (feature `bundled`)' }
    : {
      variant: 'system',
      summary: 'links the system SQLite of the target',
      musl: 'unsupported',
      cross: 'risky',
      advice: 'enable the `bundled` feature (rusqlite `bundled`, sqlx `sqlite`, or libsqlite3-sys `bundled`) to compile SQLite in',
    },
  // zstd-sys, lz4-sys, libmimalloc-sys, onig_sys, pcre2-sys, libdeflate-sys: the crate ships the C sources and compiles
  // them with the cc crate (zig here); only opt-in features or env (pkg-config, RUSTONIG_SYSTEM_LIBONIG) link a system copy.
  'libz-sys': () => ({ variant: 'static', summary: 'zlib, built from its bundled source when the target has none', env: { LIBZ_SYS_STATIC: '1' } }),
  'zstd-sys': () => ({ variant: 'cc', summary: 'zstd compression, built with the C compiler' }),
  'lz4-sys': () => ({ variant: 'cc', summary: 'LZ4 compression, built with the C compiler' }),
  'libmimalloc-sys': () => ({ variant: 'cc', summary: 'mimalloc allocator, built with the C compiler' }),
  // tikv-jemalloc-sys runs jemalloc's shipped `configure` and make (no autoconf); the page size is fixed at build time
  // and JEMALLOC_SYS_WITH_LG_PAGE is the crate's variable for it (tikv/jemallocator README, used by reth and Homebrew).
  'tikv-jemalloc-sys': () => ({
    variant: 'autotools',
    summary: 'jemalloc allocator, built with its configure script and make',
    buildTools: ['make'],
    cross: 'risky',
    envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } },
    advice: 'jemalloc is configured for the page size of the build host: 64 KiB pages (JEMALLOC_SYS_WITH_LG_PAGE=16) are set for arm64 so the binary also runs on 64K-page kernels',
  }),
  'jemalloc-sys': () => ({
    variant: 'autotools',
    summary: 'jemalloc allocator (old crate), built with its configure script and make',
    buildTools: ['make'],
    cross: 'risky',
    envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } },
    advice: 'prefer tikv-jemalloc-sys; 64 KiB pages are set for arm64',
  }),
  'pq-sys': (c) => c.closure.has('pq-src')
    ? { variant: 'bundled', summary: 'libpq compiled in (pq-src, feature `bundled`)', needsCaCertificates: true }
    : {
      variant: 'system',
      summary: 'links the system libpq (PostgreSQL client) of the target',
      musl: 'unsupported',
      cross: 'risky',
      needsCaCertificates: true,
      advice: 'there is no libpq for the musl targets: enable the `bundled` feature of pq-sys (pq-src), or use a pure-Rust driver (tokio-postgres, sqlx postgres)',
    },
  'mysqlclient-sys': (c) => c.closure.has('mysqlclient-src')
    ? { variant: 'bundled', summary: 'MySQL client library compiled in (mysqlclient-src, feature `bundled`)', buildTools: ['cmake'] }
    : {
      variant: 'system',
      summary: 'links the system libmysqlclient / libmariadb of the target',
      musl: 'unsupported',
      cross: 'risky',
      advice: 'there is no MySQL client library for the musl targets: enable the `bundled` feature of mysqlclient-sys, or use a pure-Rust driver (sqlx mysql)',
    },
  'rdkafka-sys': (c) => c.closure.has('cmake')
    ? { variant: 'cmake', summary: 'librdkafka built with CMake (feature `cmake-build`)', buildTools: ['cmake'] }
    : { variant: 'autotools', summary: 'librdkafka built with its configure script', buildTools: ['make', 'perl', 'python3'], cross: 'risky', advice: 'enable the `cmake-build` feature of rdkafka for cross builds' },
  // libgit2-sys compiles its bundled libgit2 with cc unless pkg-config finds a system libgit2 (none in the build image).
  'libgit2-sys': () => ({ variant: 'vendored', summary: 'libgit2 built from its bundled source with the C compiler' }),
  'prost-build': (c) => protocNeed(c, 'prost-build'),
  'tonic-build': (c) => protocNeed(c, 'tonic-build'),
  'tonic-prost-build': (c) => protocNeed(c, 'tonic-prost-build'),
  // protobuf-src 1.x runs protobuf's shipped `configure` through the autotools crate (MaterializeInc/rust-protobuf-native
  // build.rs); protobuf 22 dropped autotools, so 2.x builds with CMake. Either way a host C++ compiler is needed.
  'protobuf-src': (c) => before(c.version, '2.0.0')
    ? { variant: 'autotools', summary: 'protoc and libprotobuf built from source on the build host with configure and make', buildTools: ['make', 'c++'] }
    : { variant: 'cmake', summary: 'protoc and libprotobuf built from source on the build host with CMake', buildTools: ['cmake', 'c++'] },
  'protoc-bin-vendored': () => ({ variant: 'vendored', summary: 'prebuilt protoc shipped in the crate' }),
  'bindgen': () => ({ variant: 'libclang', summary: 'generates Rust bindings from C headers at build time', buildTools: ['libclang'] }),
  'clang-sys': () => ({ variant: 'libclang', summary: 'loads libclang on the build host (for bindgen)', buildTools: ['libclang'] }),
  'cmake': (c) => cmakeNeed(c),
  'autotools': () => ({ variant: 'autotools', summary: 'runs a configure script and make for a C library', buildTools: ['make'], cross: 'risky' }),
  // libsodium-sys runs ./configure, make and make install on its bundled libsodium (its README); libsodium-sys-stable
  // does the same on Unix with its bundled tarball.
  'libsodium-sys': () => ({
    variant: 'autotools',
    summary: 'libsodium built from its bundled source with configure and make',
    buildTools: ['make'],
    cross: 'risky',
    advice: 'if configure fails for the target, point SODIUM_LIB_DIR at a static libsodium built for it',
  }),
  'libsodium-sys-stable': () => ({
    variant: 'autotools',
    summary: 'libsodium built from its bundled source with configure and make',
    buildTools: ['make'],
    cross: 'risky',
  }),
  'lmdb-sys': () => ({ variant: 'cc', summary: 'LMDB, built with the C compiler' }),
  'lmdb-rkv-sys': () => ({ variant: 'cc', summary: 'LMDB, built with the C compiler' }),
  'lmdb-master-sys': () => ({ variant: 'cc', summary: 'LMDB, built with the C compiler' }),
  'onig_sys': () => ({ variant: 'cc', summary: 'Oniguruma regex library, built from its bundled source' }),
  'libudev-sys': () => ({
    variant: 'system',
    summary: 'links the system libudev of the target',
    musl: 'unsupported',
    cross: 'risky',
    advice: 'libudev has no static musl build: disable the feature that pulls in udev, or build a glibc image',
  }),
  // SQLX_OFFLINE is decided by the plan: it is only set when a `.sqlx` folder exists (see plan/plan.ts).
  'sqlx-macros': () => ({
    variant: 'offline',
    summary: 'checks SQL queries at compile time against a database, or offline against the .sqlx folder',
    advice: 'commit the `.sqlx` folder (`cargo sqlx prepare`) so that the build does not need a database',
  }),
  // Pure Rust, but they read the system's CA bundle at runtime (webpki-roots alone compiles the roots in).
  'rustls-native-certs': () => systemRoots('rustls-native-certs'),
  'rustls-platform-verifier': () => systemRoots('rustls-platform-verifier'),
  'openssl-probe': () => systemRoots('openssl-probe'),
  'pcre2-sys': () => ({ variant: 'cc', summary: 'PCRE2, built from its bundled source with the C compiler' }),
  'libdeflate-sys': () => ({ variant: 'cc', summary: 'libdeflate, built with the C compiler' }),
  'unwind-sys': () => ({
    variant: 'system',
    summary: 'links the system libunwind of the target',
    musl: 'unsupported',
    cross: 'risky',
    advice: 'libunwind for the musl targets is not in the build image: disable the feature that pulls it in (e.g. `stacktrace`)',
  }),
  'shaderc-sys': () => ({ variant: 'cmake', summary: 'shaderc built from source', buildTools: ['cmake', 'python3'], cross: 'risky' }),
  'tss-esapi-sys': () => ({ variant: 'system', summary: 'links the system TPM2 software stack', musl: 'unsupported', cross: 'risky', advice: 'disable the TPM feature for musl images' }),
  'selinux-sys': () => ({ variant: 'system', summary: 'links the system libselinux', buildTools: ['libclang'], musl: 'unsupported', cross: 'risky', advice: 'disable the SELinux feature for musl images' }),
};

/** Crates that only ever run on the build host (build scripts' helpers). */
export const BUILD_HOST_CRATES = new Set([
  'cc', 'cmake', 'pkg-config', 'vcpkg', 'autotools', 'bindgen', 'clang-sys', 'prost-build', 'tonic-build', 'tonic-prost-build',
  'protobuf-src', 'protoc-bin-vendored', 'openssl-src',
]);

/** The need of `crate` at this closure, or undefined when it needs nothing beyond zig. */
export function nativeNeed(crate: string, c: NeedContext): NativeNeed | undefined {
  const row = TABLE[crate]?.(c);
  if (!row) return undefined;
  const { variant, ...rest } = row;
  return {
    id: `${crate}/${variant}`,
    crate,
    buildTools: [],
    env: {},
    envPerArch: {},
    needsCaCertificates: false,
    musl: 'ok',
    cross: 'ok',
    ...rest,
  };
}

function systemRoots(crate: string): Row {
  return { variant: 'system-roots', summary: `${crate} loads the CA certificates of the image at runtime`, needsCaCertificates: true };
}

/**
 * The `cmake` crate in the closure only means CMake runs when a crate that depends on it uses it. aws-lc-sys lists it
 * as a build dependency on every platform but builds Linux x86_64/aarch64 with cc from 0.16 (see its row).
 */
function cmakeNeed(c: NeedContext): Row {
  const users = [...c.closure.keys()].filter((p) => c.dependsOn(p, 'cmake'));
  const unused = (p: string) => p === 'aws-lc-sys' && (c.closure.get(p) ?? []).every((v) => !before(v, '0.16.0'));
  if (users.length > 0 && users.every(unused)) {
    return { variant: 'unused', summary: `the cmake crate is a build dependency of ${users.join(', ')}, which builds without CMake here` };
  }
  return { variant: 'cmake', summary: 'runs CMake for a C library', buildTools: ['cmake'] };
}

function protocNeed(c: NeedContext, crate: string): Row {
  // A vendored protoc only helps when the build script that runs prost wires it in (sets PROTOC from it), so it must be a
  // direct dependency of a package that also uses prost-build / tonic-build; being somewhere in the closure is not enough.
  // Every package that runs a proto builder must have one, else protoc is needed.
  const users = [...c.closure.keys()].filter((p) => !PROTO_BUILDERS.includes(p) && PROTO_BUILDERS.some((b) => c.dependsOn(p, b)));
  const vendoredFor = (u: string) => ['protoc-bin-vendored', 'protobuf-src'].find((n) => c.dependsOn(u, n));
  if (users.length > 0 && users.every(vendoredFor)) {
    return { variant: 'vendored', summary: `${crate}: protoc comes from ${[...new Set(users.map(vendoredFor))].join(', ')}` };
  }
  const prost = c.closure.get('prost-build') ?? [];
  if (prost.length > 0 && prost.every((v) => before(v, '0.10.0'))) {
    return { variant: 'bundled', summary: `${crate}: prost-build ${prost.join(', ')} ships protoc binaries` };
  }
  if (prost.length > 0 && prost.every((v) => before(v, '0.11.0'))) {
    return { variant: 'source', summary: `${crate}: prost-build ${prost.join(', ')} builds protoc from source`, buildTools: ['cmake'] };
  }
  return { variant: 'protoc', summary: `${crate} runs protoc at build time`, buildTools: ['protoc'] };
}

const PROTO_BUILDERS = ['prost-build', 'tonic-build', 'tonic-prost-build'];

function sqliteBundled(c: NeedContext): boolean {
  const has = (crate: string, ...fs: string[]) => fs.some((f) => c.requested(crate)?.has(f));
  if (has('libsqlite3-sys', 'bundled', 'bundled-sqlcipher', 'bundled-sqlcipher-vendored-openssl') || has('rusqlite', 'bundled', 'bundled-full')) return true;
  if (has('sqlx', 'sqlite-unbundled')) return false;
  if (c.requested('libsqlite3-sys') !== undefined || c.requested('rusqlite') !== undefined) return false;
  // sqlx's `sqlite` feature and libraries that wrap rusqlite (r2d2_sqlite, garage's `bundled-libs`) bundle SQLite by default.
  return true;
}

/** Whether version `a` is before `b` (numeric major.minor.patch compare; pre-release tags ignored). */
export function before(a: string, b: string): boolean {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}
