import { CargoProject, readCargoProject, ReadOptions } from '../../src/cargo';
import { corpus } from '../support/shared';

/** The facts the tests pin: binaries, selection, toolchain and native crates. */
function facts(name: string, options: ReadOptions = {}) {
  const p: CargoProject = readCargoProject(corpus(name), options);
  return {
    binaries: p.binaries.map((b) => [b.name, b.package, b.requiredFeatures]),
    selected: p.selection.binary ? [p.selection.binary.name, p.selection.binary.package] : undefined,
    toolchain: [p.toolchain.channel, p.toolchain.source],
    rustVersion: p.toolchain.rustVersion,
    native: p.nativeDeps.map((n) => [n.crate, n.version, n.need.id, n.hostOnly ? 'host' : 'target']),
    project: p,
  };
}

const JEMALLOC_071 = '0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8';
const ZSTD_2016 = '2.0.16+zstd.1.5.7';

describe('reading the corpus of real projects', () => {
  test('vladkens__ghstats: one auto-discovered bin, bundled SQLite through sqlx, ring through rustls', () => {
    // GIVEN a single crate without [[bin]] WHEN it is read
    const f = facts('vladkens__ghstats');
    // THEN src/main.rs (from TREE.txt) is the bin and the sqlx `sqlite` feature bundles SQLite
    expect(f.binaries).toEqual([['ghstats', 'ghstats', []]]);
    expect(f.selected).toEqual(['ghstats', 'ghstats']);
    expect(f.toolchain).toEqual([undefined, 'none']);
    expect(f.rustVersion).toBeUndefined();
    expect(f.native).toEqual([
      ['libsqlite3-sys', '0.30.1', 'libsqlite3-sys/bundled', 'target'],
      ['ring', '0.17.8', 'ring/cc', 'target'],
      ['sqlx-macros', '0.8.2', 'sqlx-macros/offline', 'target'],
    ]);
    expect(f.project.warnings.map((w) => w.id)).toEqual(['cargo:tree-listing']);
  });

  test('lldap__lldap: default-members = ["server"] selects lldap; aws-lc-sys through rustls, bundled SQLite', () => {
    const f = facts('lldap__lldap');
    expect(f.binaries).toEqual([
      ['lldap', 'lldap', []],
      ['lldap_migration_tool', 'lldap_migration_tool', []],
      ['lldap_set_password', 'lldap_set_password', []],
    ]);
    expect(f.selected).toEqual(['lldap', 'lldap']);
    expect(f.project.selection.reason).toBe('the only binary of default-members (lldap)');
    expect(f.toolchain).toEqual(['1.91.0', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBe('1.91.0');
    // cmake is in the lock as a build dependency of aws-lc-sys, which builds with cc on Linux x86_64/aarch64, so CMake is
    // not needed. The wasm `app` crate is not in the closure.
    expect(f.native).toEqual([
      ['aws-lc-sys', '0.40.0', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.58', 'cmake/unused', 'host'],
      ['libsqlite3-sys', '0.30.1', 'libsqlite3-sys/bundled', 'target'],
      ['openssl-probe', '0.1.6', 'openssl-probe/system-roots', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.6.3', 'rustls-native-certs/system-roots', 'target'],
      ['sqlx-macros', '0.8.6', 'sqlx-macros/offline', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('dani-garcia__vaultwarden: default features pick no DB backend, so no libpq / libmariadb / SQLite is compiled', () => {
    const f = facts('dani-garcia__vaultwarden');
    expect(f.binaries).toEqual([['vaultwarden', 'vaultwarden', []]]);
    expect(f.selected).toEqual(['vaultwarden', 'vaultwarden']);
    expect(f.toolchain).toEqual(['1.97.1', 'rust-toolchain.toml']);
    expect(f.project.toolchain.components).toEqual(['rustfmt', 'clippy']);
    expect(f.project.toolchain.profile).toBe('minimal');
    expect(f.rustVersion).toBe('1.95.0');
    // `default = []`: diesel's pq-sys / mysqlclient-sys / libsqlite3-sys edges are gated by diesel features the
    // project does not ask for; openssl-src is only behind `vendored_openssl`, so OpenSSL is the system one.
    expect(f.native).toEqual([
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['openssl-sys', '0.9.117', 'openssl-sys/system', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.4', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.7.0', 'rustls-platform-verifier/system-roots', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('dani-garcia__vaultwarden with features postgresql: pq-sys (system libpq) joins the closure', () => {
    const f = facts('dani-garcia__vaultwarden', { features: ['postgresql'] });
    expect(f.native.map((n) => n[0])).toEqual(['openssl-probe', 'openssl-sys', 'pq-sys', 'ring', 'rustls-native-certs', 'rustls-platform-verifier', 'zstd-sys']);
    expect(f.project.nativeDeps.find((n) => n.crate === 'pq-sys')?.need.musl).toBe('unsupported');
  });

  test('qdrant__qdrant: default-run qdrant; service_debug bins are excluded with the reason; protoc needed', () => {
    const f = facts('qdrant__qdrant');
    const debug = ['service_debug'];
    expect(f.binaries).toEqual([
      ['schema_generator', 'qdrant', debug], ['wal_inspector', 'qdrant', debug], ['wal_pop', 'qdrant', debug],
      ['segment_inspector', 'qdrant', debug], ['model_testing', 'qdrant', debug], ['qdrant', 'qdrant', []],
      ['uniffi-bindgen', 'qdrant-edge-ffi-bindgen', []], ['edge-shard-query', 'edge-shard-query', []],
      ['edge-shard-update', 'edge-shard-update', []], ['wal-ctl', 'wal', []],
    ]);
    expect(f.selected).toEqual(['qdrant', 'qdrant']);
    expect(f.project.selection.reason).toBe('default-run of package qdrant');
    expect(f.project.selection.excluded[0]).toEqual({
      binary: 'schema_generator', reason: 'requires feature "service_debug" of package qdrant, which is not enabled',
    });
    expect(f.toolchain).toEqual(['1.97', 'rust-version']);
    // protobuf-src only serves raft's protobuf-build; qdrant's own tonic build needs protoc. unwind-sys (`stacktrace`)
    // and shaderc-sys (`gpu`) are feature-only and not compiled by default. lz4-sys sits behind a feature of a
    // dependency that qdrant does not turn on by default.
    expect(f.native).toEqual([
      ['autotools', '0.2.7', 'autotools/autotools', 'host'],
      ['aws-lc-sys', '0.39.1', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.57', 'cmake/unused', 'host'],
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['prost-build', '0.11.9', 'prost-build/protoc', 'host'],
      ['prost-build', '0.14.4', 'prost-build/protoc', 'host'],
      ['protobuf-src', '1.1.0+21.5', 'protobuf-src/autotools', 'host'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.3', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.6.2', 'rustls-platform-verifier/system-roots', 'target'],
      ['tikv-jemalloc-sys', JEMALLOC_071, 'tikv-jemalloc-sys/autotools', 'target'],
      ['tonic-build', '0.14.6', 'tonic-build/protoc', 'host'],
      ['tonic-prost-build', '0.14.6', 'tonic-prost-build/protoc', 'host'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('atuinsh__atuin: two bins in a virtual workspace is an error; atuin-server compiles system OpenSSL', () => {
    expect(() => readCargoProject(corpus('atuinsh__atuin'))).toThrow(
      /Cargo\.toml: several binaries could be built \(every member of the virtual workspace\): atuin \(package atuin\), atuin-server \(package atuin-server\)\. Pass one of them as the binary\.$/);
    const f = facts('atuinsh__atuin', { binary: 'atuin-server' });
    expect(f.binaries).toEqual([['atuin', 'atuin', []], ['atuin-server', 'atuin-server', []]]);
    expect(f.selected).toEqual(['atuin-server', 'atuin-server']);
    expect(f.toolchain).toEqual(['1.98.0', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBe('1.98.0');
    // The [patch] path crate vendor/axoasset is part of the project (and of the context), not a member.
    expect(f.project.packages.find((p) => p.name === 'axoasset')?.isMember).toBe(false);
    expect(f.project.buildInputs).toContain('vendor/axoasset/Cargo.toml');
    // prost-build / tonic-build belong to atuin-daemon, which the server does not compile; openssl-src is only
    // behind the `vendored-tls` feature.
    expect(f.native).toEqual([
      ['libsqlite3-sys', '0.30.1', 'libsqlite3-sys/bundled', 'target'],
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['openssl-sys', '0.9.117', 'openssl-sys/system', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['sqlx-macros', '0.9.0', 'sqlx-macros/offline', 'target'],
    ]);
  });

  test('kanidm__kanidm: twelve bins is an error; kanidmd compiles aws-lc-sys and bundled SQLite, the TPM stack is behind `tpm`', () => {
    expect(() => readCargoProject(corpus('kanidm__kanidm'))).toThrow(/several binaries could be built \(every member of the virtual workspace\): kanidm \(package kanidm_tools\), .*kanidmd \(package daemon\)\./);
    const f = facts('kanidm__kanidm', { binary: 'kanidmd' });
    expect(f.binaries.map((b) => b[0])).toEqual([
      'kanidm', 'kanidm_ssh_authorizedkeys_direct', 'kanidm-ipa-sync', 'kanidm-ldap-sync', 'kanidm-mail-sender', 'orca',
      'kanidm_unixd', 'kanidm_unixd_tasks', 'kanidm_ssh_authorizedkeys', 'kanidm-unix', 'kanidm_radiusd', 'kanidmd',
    ]);
    expect(f.binaries.filter((b) => (b[2] as string[]).length > 0).map((b) => b[0])).toEqual(['kanidm_unixd', 'kanidm_unixd_tasks', 'kanidm_ssh_authorizedkeys', 'kanidm-unix']);
    expect(f.selected).toEqual(['kanidmd', 'daemon']);
    expect(f.toolchain).toEqual(['stable', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBe('1.96');
    // libudev-sys belongs to the unix tools, not the daemon.
    expect(f.native).toEqual([
      ['aws-lc-sys', '0.43.0', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.58', 'cmake/unused', 'host'],
      ['libsqlite3-sys', '0.38.2', 'libsqlite3-sys/bundled', 'target'],
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.4', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.7.0', 'rustls-platform-verifier/system-roots', 'target'],
    ]);
    expect(f.project.config.targets['x86_64-unknown-linux-gnu']).toEqual({ rustflags: ['-C', 'link-arg=-fuse-ld=lld', '-C', 'force-frame-pointers=yes'], linker: 'clang' });
    expect(f.project.config.targets['x86_64-unknown-linux-musl']).toBeUndefined();
  });

  test('static-web-server__static-web-server: the explicit bin at src/bin/server.rs; mimalloc for 64-bit musl', () => {
    const f = facts('static-web-server__static-web-server');
    expect(f.binaries).toEqual([['static-web-server', 'static-web-server', []]]);
    expect(f.project.binaries[0].path).toBe('src/bin/server.rs');
    expect(f.selected).toEqual(['static-web-server', 'static-web-server']);
    expect(f.toolchain).toEqual(['1.88.0', 'rust-version']);
    expect(f.project.config.buildRustflags).toEqual(['--cfg', 'tokio_unstable']);
    expect(f.project.config.registries).toEqual(['crates-io']);
    // Conservative where the lock cannot tell: aws-lc-sys stays because rustls (asked only through tokio-rustls) may
    // turn on aws-lc-rs; the FIPS crate is dropped because no `fips` feature is asked. shadow-rs is also a normal
    // dependency with default features, so git2 / libgit2-sys are compiled for the target, not only for build.rs.
    expect(f.native).toEqual([
      ['aws-lc-sys', '0.43.0', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.58', 'cmake/unused', 'host'],
      ['libgit2-sys', '0.18.5+1.9.4', 'libgit2-sys/vendored', 'target'],
      ['libmimalloc-sys', '0.1.49', 'libmimalloc-sys/cc', 'target'],
      ['libz-sys', '1.1.29', 'libz-sys/static', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('LemmyNet__lemmy: lemmy_util_bin needs `full`, two candidates remain; lemmy_server compiles system libpq', () => {
    expect(() => readCargoProject(corpus('LemmyNet__lemmy'))).toThrow(
      /several binaries could be built \(every member of the virtual workspace\): lemmy_diesel_utils \(package lemmy_diesel_utils\), lemmy_server \(package lemmy_server\)\./);
    const f = facts('LemmyNet__lemmy', { binary: 'lemmy_server' });
    expect(f.binaries).toEqual([
      ['lemmy_util_bin', 'lemmy_utils', ['full']],
      ['lemmy_diesel_utils', 'lemmy_diesel_utils', []],
      ['lemmy_server', 'lemmy_server', []],
    ]);
    expect(f.toolchain).toEqual(['1.95', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBe('1.92');
    expect(f.project.resolver).toBe('3');
    expect(f.native).toEqual([
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['pq-sys', '0.7.5', 'pq-sys/system', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.3', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.6.2', 'rustls-platform-verifier/system-roots', 'target'],
      ['tikv-jemalloc-sys', JEMALLOC_071, 'tikv-jemalloc-sys/autotools', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('BurntSushi__ripgrep: bin rg at crates/core/main.rs; jemalloc only on 64-bit musl, pcre2 only with `pcre2`', () => {
    const f = facts('BurntSushi__ripgrep');
    expect(f.binaries).toEqual([['rg', 'ripgrep', []]]);
    expect(f.project.binaries[0].path).toBe('crates/core/main.rs');
    expect(f.selected).toEqual(['rg', 'ripgrep']);
    expect(f.toolchain).toEqual(['1.96', 'rust-version']);
    expect(f.native).toEqual([['tikv-jemalloc-sys', JEMALLOC_071, 'tikv-jemalloc-sys/autotools', 'target']]);
    expect(f.project.config.targets['x86_64-unknown-linux-musl'].rustflags).toEqual(['-C', 'target-feature=+crt-static', '-C', 'link-self-contained=yes']);
  });

  test('astral-sh__uv: 70 members, uv-trampoline excluded; uv compiles aws-lc-sys, ring, jemalloc and zstd', () => {
    expect(() => readCargoProject(corpus('astral-sh__uv'))).toThrow(
      /several binaries could be built \(every member of the virtual workspace\): uv \(package uv\), uvx \(package uv\), uv-build \(package uv-build\), uv-globfilter \(package uv-globfilter\), normalize-pe-timestamps \(package uv-trampoline-builder\)\./);
    const f = facts('astral-sh__uv', { binary: 'uv' });
    expect(f.project.packages.filter((p) => p.isMember)).toHaveLength(70);
    expect(f.project.packages.some((p) => p.name === 'uv-trampoline')).toBe(false);
    expect(f.binaries).toEqual([
      ['uvw', 'uv', ['windows-gui-bin']], ['uv', 'uv', []], ['uvx', 'uv', []], ['uv-build', 'uv-build', []],
      ['uv-dev', 'uv-dev', ['dev']], ['uv-globfilter', 'uv-globfilter', []], ['normalize-pe-timestamps', 'uv-trampoline-builder', []],
    ]);
    expect(f.toolchain).toEqual(['1.98.0', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBe('1.96.0');
    // libmimalloc-sys is the Windows allocator of uv-performance-memory-allocator (target-only), not compiled for musl.
    expect(f.native).toEqual([
      ['aws-lc-sys', '0.44.0', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.57', 'cmake/unused', 'host'],
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.4', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.7.0', 'rustls-platform-verifier/system-roots', 'target'],
      ['tikv-jemalloc-sys', '0.6.1+5.3.0-1-ge13ca993e8ccb9ba9847cc330696e02839f328f7', 'tikv-jemalloc-sys/autotools', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
    expect(f.project.nativeDeps.find((n) => n.crate === 'tikv-jemalloc-sys')?.need.envPerArch).toEqual({ arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } });
  });

  test('ekzhang__bore: package bore-cli, bin bore, pure Rust', () => {
    const f = facts('ekzhang__bore');
    expect(f.binaries).toEqual([['bore', 'bore-cli', []]]);
    expect(f.selected).toEqual(['bore', 'bore-cli']);
    expect(f.toolchain).toEqual([undefined, 'none']);
    expect(f.native).toEqual([]);
  });

  test('deuxfleurs-org__garage: default-members picks garage at main.rs; k2v-cli needs `cli`', () => {
    const f = facts('deuxfleurs-org__garage');
    expect(f.binaries).toEqual([['garage', 'garage', []], ['k2v-cli', 'k2v-client', ['cli']]]);
    expect(f.project.binaries[0].path).toBe('main.rs');
    expect(f.selected).toEqual(['garage', 'garage']);
    expect(f.toolchain).toEqual([undefined, 'none']);
    // prost-build 0.9 / tonic-build 0.6 come with opentelemetry-otlp behind garage's `telemetry-otlp` feature, and
    // ring with k2v-client's HTTPS client; neither is in the default build.
    expect(f.native).toEqual([
      ['libsodium-sys', '0.2.7', 'libsodium-sys/autotools', 'target'],
      ['libsqlite3-sys', '0.28.0', 'libsqlite3-sys/bundled', 'target'],
      ['lmdb-rkv-sys', '0.11.2', 'lmdb-rkv-sys/cc', 'target'],
      ['zstd-sys', '2.0.14+zstd.1.5.7', 'zstd-sys/cc', 'target'],
    ]);
  });

  test('LukeMathWalker__zero-to-production: sqlx postgres only, so libsqlite3-sys is not compiled; gnu-only linker config', () => {
    const f = facts('LukeMathWalker__zero-to-production');
    expect(f.binaries).toEqual([['zero2prod', 'zero2prod', []]]);
    expect(f.selected).toEqual(['zero2prod', 'zero2prod']);
    expect(f.toolchain).toEqual([undefined, 'none']);
    expect(f.native).toEqual([
      ['openssl-probe', '0.1.5', 'openssl-probe/system-roots', 'target'],
      ['ring', '0.17.8', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.7.3', 'rustls-native-certs/system-roots', 'target'],
      ['sqlx-macros', '0.8.1', 'sqlx-macros/offline', 'target'],
      ['zstd-sys', '2.0.13+zstd.1.5.6', 'zstd-sys/cc', 'target'],
    ]);
    expect(f.project.config.targets['x86_64-unknown-linux-gnu']).toEqual({ rustflags: ['-C', 'linker=clang', '-C', 'link-arg=-fuse-ld=lld'] });
  });

  test('ekzhang__sshx: two bins is an error; sshx-server needs protoc at build time for sshx-core', () => {
    expect(() => readCargoProject(corpus('ekzhang__sshx'))).toThrow(/several binaries could be built .*: sshx \(package sshx\), sshx-server \(package sshx-server\)\./);
    const f = facts('ekzhang__sshx', { binary: 'sshx-server' });
    expect(f.binaries).toEqual([['sshx', 'sshx', []], ['sshx-server', 'sshx-server', []]]);
    expect(f.toolchain).toEqual([undefined, 'none']);
    expect(f.native).toEqual([
      ['openssl-probe', '0.1.5', 'openssl-probe/system-roots', 'target'],
      ['prost-build', '0.13.4', 'prost-build/protoc', 'host'],
      ['ring', '0.17.8', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.7.3', 'rustls-native-certs/system-roots', 'target'],
      ['tonic-build', '0.12.3', 'tonic-build/protoc', 'host'],
      ['zstd-sys', '2.0.8+zstd.1.5.5', 'zstd-sys/cc', 'target'],
    ]);
    expect(f.project.nativeDeps.find((n) => n.crate === 'tonic-build')?.pulledInBy).toEqual(['sshx-core']);
  });

  test('rust-lang__crates.io: default-run crates-io (a bin folder); system libpq and OpenSSL, libgit2 vendored', () => {
    const f = facts('rust-lang__crates.io');
    expect(f.binaries).toEqual([['crates-io', 'crates_io', []], ['crates_io_smoke_test', 'crates_io_smoke_test', []], ['nextest_setup', 'crates_io_test_db', []]]);
    expect(f.project.binaries[0].path).toBe('src/bin/crates-io/main.rs');
    expect(f.selected).toEqual(['crates-io', 'crates_io']);
    expect(f.toolchain).toEqual(['1.97.1', 'rust-toolchain.toml']);
    expect(f.rustVersion).toBeUndefined();
    expect(f.native).toEqual([
      ['aws-lc-sys', '0.44.0', 'aws-lc-sys/cc', 'target'],
      ['cmake', '0.1.58', 'cmake/unused', 'host'],
      ['libdeflate-sys', '1.25.2', 'libdeflate-sys/cc', 'target'],
      ['libgit2-sys', '0.18.7+1.9.6', 'libgit2-sys/vendored', 'target'],
      ['libz-sys', '1.1.29', 'libz-sys/static', 'target'],
      ['openssl-probe', '0.2.1', 'openssl-probe/system-roots', 'target'],
      ['openssl-sys', '0.9.117', 'openssl-sys/system', 'target'],
      ['pq-sys', '0.7.5', 'pq-sys/system', 'target'],
      ['ring', '0.17.14', 'ring/cc', 'target'],
      ['rustls-native-certs', '0.8.4', 'rustls-native-certs/system-roots', 'target'],
      ['rustls-platform-verifier', '0.7.0', 'rustls-platform-verifier/system-roots', 'target'],
      ['tikv-jemalloc-sys', JEMALLOC_071, 'tikv-jemalloc-sys/autotools', 'target'],
      ['zstd-sys', ZSTD_2016, 'zstd-sys/cc', 'target'],
    ]);
  });

  test('sharkdp__fd: no TREE.txt, the explicit bin fd of package fd-find; jemalloc active on 64-bit musl', () => {
    const f = facts('sharkdp__fd');
    expect(f.binaries).toEqual([['fd', 'fd-find', []]]);
    expect(f.selected).toEqual(['fd', 'fd-find']);
    expect(f.toolchain).toEqual(['1.77.2', 'rust-version']);
    expect(f.native).toEqual([['tikv-jemalloc-sys', '0.6.0+5.3.0-1-ge13ca993e8ccb9ba9847cc330696e02839f328f7', 'tikv-jemalloc-sys/autotools', 'target']]);
    expect(f.project.warnings).toEqual([]);
  });
});

describe('reading speed', () => {
  test('uv (70 members, 8600-line lock) reads well under 200 ms after warm-up', () => {
    // GIVEN a warmed-up reader
    readCargoProject(corpus('astral-sh__uv'), { binary: 'uv' });
    // WHEN uv is read five times
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) readCargoProject(corpus('astral-sh__uv'), { binary: 'uv' });
    const ms = Number(process.hrtime.bigint() - start) / 5e6;
    // THEN one read takes less than 200 ms (about 40 ms on the 2-core CI machine)
    expect(ms).toBeLessThan(200);
  });
  test('BurntSushi__ripgrep: the [profile.*] tables of the root manifest are read, for the plan to check a profile', () => {
    // GIVEN ripgrep's [profile.release], [profile.release-lto] and [profile.deb] / THEN all three are listed
    expect(facts('BurntSushi__ripgrep').project.profiles).toEqual(['deb', 'release', 'release-lto']);
    expect(facts('BurntSushi__ripgrep').project.config.profiles).toEqual([]);
  });
});
