import { planDirectory } from '../../src/plan/from-directory';
import { Libc } from '../../src/plan/option-values';
import type { RustBuildOptions } from '../../src/plan/options';
import { renderDockerfile, renderDockerignore } from '../../src/render';
import { excludedBy } from '../../src/render/dockerignore';
import { dockerfileProblems, stageLines } from '../support/dockerfile-checks';
import { corpus } from '../support/shared';

/** Plan and render a corpus project; the key lines of each stage, with continuation lines split out. */
function rendered(name: string, options: RustBuildOptions = {}) {
  const { project, plan } = planDirectory(corpus(name), options);
  const text = renderDockerfile(plan);
  const lines = (stage: string) => stageLines(text, stage).flatMap((l) => l.split(' \\\n').map((x) => x.trim()));
  return {
    project,
    plan,
    text,
    toolchain: lines('toolchain'),
    builder: lines('builder'),
    runtime: stageLines(text, 'runtime'),
    ignore: renderDockerignore(plan),
  };
}

const APT = (...packages: string[]) => `&& apt-get install -y --no-install-recommends ${['python3', 'python3-venv', ...packages].join(' ')}`;
const RUSTUP = (channel: string, ...components: string[]) =>
  `RUN rustup toolchain install ${channel} --profile minimal${components.map((c) => ` --component ${c}`).join('')}`;
const COOK = (pkg: string, bin: string, ...features: string[]) =>
  `&& cargo chef cook --recipe-path /recipe.json --release --zigbuild --target "$triple" -p ${pkg} --bin ${bin}${features.length ? ` --features ${features.join(',')}` : ''}`;
const BUILD = (pkg: string, bin: string, ...features: string[]) =>
  `&& cargo zigbuild --locked --release --target "$triple" -p ${pkg} --bin ${bin}${features.length ? ` --features ${features.join(',')}` : ''}`;
const ELF_BIN = (bin: string) => `&& bin=/src/target/"$artifact"/release/${bin}`;
const CA_COPY = 'COPY --from=runtime-files /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt';
const ARM64_JEMALLOC = 'arm64) triple=aarch64-unknown-linux-musl; artifact=aarch64-unknown-linux-musl; export JEMALLOC_SYS_WITH_LG_PAGE=16 ;;';
const JEMALLOC_ARCHIVE_CHECK = "&& for lib in $(find /src/target/\"$artifact\"/release/build -path '*jemalloc-sys-*/out/*' -name 'libjemalloc*.a' 2>/dev/null); do";

/** Every project of the corpus that renders, with the options its own Dockerfile / INDEX.md implies. */
const RENDERED: [string, RustBuildOptions][] = [
  ['vladkens__ghstats', {}],
  ['lldap__lldap', {}],
  ['dani-garcia__vaultwarden', { features: ['sqlite', 'vendored_openssl'] }],
  ['qdrant__qdrant', {}],
  ['atuinsh__atuin', { binary: 'atuin-server', features: ['vendored-tls'] }],
  ['kanidm__kanidm', { binary: 'kanidmd', buildEnvironment: { KANIDM_BUILD_PROFILE: 'container_generic' } }],
  ['static-web-server__static-web-server', {}],
  ['BurntSushi__ripgrep', {}],
  ['astral-sh__uv', { binary: 'uv' }],
  ['ekzhang__bore', {}],
  ['deuxfleurs-org__garage', {}],
  ['LukeMathWalker__zero-to-production', {}],
  ['ekzhang__sshx', { binary: 'sshx-server' }],
  ['sharkdp__fd', {}],
];

describe('rendering the corpus of real projects', () => {
  test.each(RENDERED)('%s renders a Dockerfile with 0 problems (dockerfile-utils and structure)', (name, options) => {
    // GIVEN a real project and the binary its own build uses WHEN it is planned and rendered
    const r = rendered(name, options);
    // THEN dockerfile-utils and the structural checks find nothing, and the snapshot holds
    expect(dockerfileProblems(r.text)).toEqual([]);
    expect(r.text).toMatchSnapshot();
    expect(r.ignore).toMatchSnapshot();
  });

  test('vladkens__ghstats: one pure-Rust-TLS binary on scratch, no CA bundle, SQLX_OFFLINE not set without .sqlx', () => {
    const r = rendered('vladkens__ghstats');
    expect(r.toolchain).toContain(APT());
    expect(r.toolchain).toContain(RUSTUP('1.97.1'));
    expect(r.builder).toContain(COOK('ghstats', 'ghstats'));
    expect(r.builder).toContain(BUILD('ghstats', 'ghstats'));
    expect(r.builder.filter((l) => l.startsWith('ENV '))).toEqual([]);
    expect(r.runtime).not.toContain(CA_COPY);
    expect(r.plan.warnings.find((w) => w.id === 'plan:sqlx-no-offline-data')?.message).toMatch(
      /^sqlx-macros 0\.8\.\d+ is compiled \(pulled in by .*\) but there is no \.sqlx folder, so SQLX_OFFLINE is not set/);
  });

  test('lldap__lldap: toolchain 1.91.0 from the file, aws-lc-sys without CMake, CA bundle for rustls-native-certs', () => {
    const r = rendered('lldap__lldap');
    expect(r.toolchain).toContain(APT());
    expect(r.toolchain).toContain(RUSTUP('1.91.0'));
    expect(r.builder).toContain('ENV AWS_LC_SYS_USE_SYSTEM="0"');
    expect(r.builder).toContain('COPY ["rust-toolchain.toml", "/src/rust-toolchain.toml"]');
    expect(r.builder).toContain(COOK('lldap', 'lldap'));
    expect(r.runtime).toContain(CA_COPY);
  });

  test('dani-garcia__vaultwarden: the sqlite DB feature with vendored OpenSSL builds with perl and make', () => {
    const r = rendered('dani-garcia__vaultwarden', { features: ['sqlite', 'vendored_openssl'] });
    expect(r.toolchain).toContain(APT('make', 'perl'));
    expect(r.toolchain).toContain(RUSTUP('1.97.1', 'rustfmt', 'clippy'));
    expect(r.builder).toContain(COOK('vaultwarden', 'vaultwarden', 'sqlite', 'vendored_openssl'));
    expect(r.builder).toContain(BUILD('vaultwarden', 'vaultwarden', 'sqlite', 'vendored_openssl'));
    expect(r.plan.files.dataDirs).toEqual(['migrations']);
    expect(r.runtime).toContain(CA_COPY);
  });

  test('fails for dani-garcia__vaultwarden with sqlite alone: system OpenSSL cannot be linked statically', () => {
    expect(() => planDirectory(corpus('dani-garcia__vaultwarden'), { features: ['sqlite'] })).toThrow(
      /^openssl-sys 0\.9\.117 \(pulled in by openssl, webauthn-attestation-ca, webauthn-rs-core\) cannot be linked into a static musl binary: .* Fix: enable the openssl crate's `vendored` feature/);
  });

  test('fails for dani-garcia__vaultwarden with postgresql: one error names both OpenSSL and libpq', () => {
    expect(() => planDirectory(corpus('dani-garcia__vaultwarden'), { features: ['postgresql'] })).toThrow(
      /^2 native crates cannot be linked into a static musl binary: .* openssl-sys 0\.9\.117 \(pulled in by .*\)\. Fix: .* pq-sys 0\.7\.5 \(pulled in by diesel\)\. Fix: enable pq-sys's `bundled` feature/);
  });

  test('qdrant__qdrant: protoc and a host C++ compiler for protobuf-src, jemalloc with 64K pages on arm64 and its archive check', () => {
    const r = rendered('qdrant__qdrant');
    expect(r.toolchain).toContain(APT('g++', 'libprotobuf-dev', 'make', 'protobuf-compiler'));
    expect(r.toolchain).toContain(RUSTUP('1.97'));
    expect(r.builder).toContain('ENV AWS_LC_SYS_USE_SYSTEM="0" PROTOC="/usr/bin/protoc" PROTOC_INCLUDE="/usr/include"');
    expect(r.builder.filter((l) => l.includes(ARM64_JEMALLOC))).toHaveLength(3);
    expect(r.builder).toContain(COOK('qdrant', 'qdrant'));
    expect(r.builder[r.builder.indexOf(COOK('qdrant', 'qdrant')) + 1]).toEqual(expect.stringContaining(JEMALLOC_ARCHIVE_CHECK));
  });

  test('atuinsh__atuin: the vendor/ [patch] crate is copied before cook; the client needs protoc for atuin-daemon', () => {
    const server = rendered('atuinsh__atuin', { binary: 'atuin-server', features: ['vendored-tls'] });
    const cookAt = server.builder.findIndex((l) => l.startsWith('&& cargo chef cook'));
    expect(server.builder.indexOf('COPY ["vendor/axoasset/", "/src/vendor/axoasset/"]')).toBeLessThan(cookAt);
    expect(server.builder).toContain('COPY [".cargo/config.toml", "/src/.cargo/config.toml"]');
    expect(server.toolchain).toContain(APT('make', 'perl'));
    expect(server.toolchain).toContain(RUSTUP('1.98.0'));
    expect(server.builder).toContain(COOK('atuin-server', 'atuin-server', 'vendored-tls'));
    const client = rendered('atuinsh__atuin', { binary: 'atuin', features: ['vendored-tls'] });
    expect(client.toolchain).toContain(APT('libprotobuf-dev', 'make', 'perl', 'protobuf-compiler'));
    expect(client.builder).toContain('ENV PROTOC="/usr/bin/protoc" PROTOC_INCLUDE="/usr/include"');
  });

  test('fails for atuinsh__atuin-server without vendored-tls: system OpenSSL through native-tls', () => {
    expect(() => planDirectory(corpus('atuinsh__atuin'), { binary: 'atuin-server' })).toThrow(
      /^openssl-sys 0\.9\.117 \(pulled in by native-tls, openssl\) cannot be linked into a static musl binary/);
  });

  test('kanidm__kanidm: package daemon, the floating stable channel, KANIDM_BUILD_PROFILE from buildEnvironment', () => {
    const r = rendered('kanidm__kanidm', { binary: 'kanidmd', buildEnvironment: { KANIDM_BUILD_PROFILE: 'container_generic' } });
    expect(r.toolchain).toContain(RUSTUP('stable'));
    expect(r.builder).toContain('ENV AWS_LC_SYS_USE_SYSTEM="0" KANIDM_BUILD_PROFILE="container_generic"');
    expect(r.builder).toContain(COOK('daemon', 'kanidmd'));
    expect(r.plan.warnings.map((w) => w.id)).toContain('plan:floating-channel');
    // The gnu-only clang/lld settings of .cargo/config.toml do not touch the musl targets.
    expect(r.plan.rustflags).toEqual({ amd64: [], arm64: [] });
  });

  test('static-web-server: the global --cfg tokio_unstable reaches both targets through the copied config, no env overrides it', () => {
    const r = rendered('static-web-server__static-web-server');
    expect(r.plan.rustflags).toEqual({ amd64: ['--cfg', 'tokio_unstable'], arm64: ['--cfg', 'tokio_unstable'] });
    expect(r.builder).toContain('COPY [".cargo/config.toml", "/src/.cargo/config.toml"]');
    expect(r.text).not.toMatch(/RUSTFLAGS/);
    expect(r.builder).toContain('ENV AWS_LC_SYS_USE_SYSTEM="0" LIBZ_SYS_STATIC="1"');
    expect(r.toolchain).toContain(APT());
    expect(r.toolchain).toContain(RUSTUP('1.88.0'));
  });

  test('BurntSushi__ripgrep: bin rg of package ripgrep; the x86_64-musl rustflags apply on amd64 only; jemalloc on musl only', () => {
    const r = rendered('BurntSushi__ripgrep');
    expect(r.builder).toContain(COOK('ripgrep', 'rg'));
    expect(r.builder).toContain(ELF_BIN('rg'));
    expect(r.plan.rustflags).toEqual({ amd64: ['-C', 'target-feature=+crt-static', '-C', 'link-self-contained=yes'], arm64: [] });
    expect(r.builder).toContain('COPY [".cargo/config.toml", "/src/.cargo/config.toml"]');
    expect(r.toolchain).toContain(APT('make'));
    expect(r.builder.some((l) => l.startsWith(JEMALLOC_ARCHIVE_CHECK))).toBe(true);
    // WHEN built for glibc THEN jemalloc (cfg musl) is not compiled, so neither make nor the check is there
    const gnu = rendered('BurntSushi__ripgrep', { libc: Libc.gnu() });
    expect(gnu.toolchain).toContain(APT());
    expect(gnu.builder.some((l) => l.startsWith(JEMALLOC_ARCHIVE_CHECK))).toBe(false);
  });

  test('astral-sh__uv: the excluded nightly uv-trampoline workspace does not leak into toolchain, config or files', () => {
    const r = rendered('astral-sh__uv', { binary: 'uv' });
    expect(r.toolchain).toContain(RUSTUP('1.98.0'));
    expect(r.plan.files.cargoConfig).toEqual(['.cargo/config.toml']);
    expect(r.plan.files.toolchainFile).toEqual('rust-toolchain.toml');
    expect(r.plan.files.manifests.filter((m) => m.includes('uv-trampoline/'))).toEqual([]);
    expect(r.plan.files.preCookDirs).toEqual([]);
    expect(r.toolchain).toContain(APT('make'));
    expect(r.builder).toContain('ENV AWS_LC_SYS_USE_SYSTEM="0"');
    expect(r.builder.filter((l) => l.includes(ARM64_JEMALLOC))).toHaveLength(3);
    expect(r.builder).toContain(COOK('uv', 'uv'));
  });

  test('ekzhang__bore: bin bore of package bore-cli, nothing native', () => {
    const r = rendered('ekzhang__bore');
    expect(r.toolchain).toContain(APT());
    expect(r.builder).toContain(COOK('bore-cli', 'bore'));
    expect(r.builder).toContain(BUILD('bore-cli', 'bore'));
    expect(r.runtime).not.toContain(CA_COPY);
  });

  test('deuxfleurs-org__garage: default-members garage with main.rs at the crate root; libsodium needs make', () => {
    const r = rendered('deuxfleurs-org__garage');
    expect(r.project.selection.binary).toMatchObject({ name: 'garage', package: 'garage', path: 'main.rs' });
    expect(r.builder).toContain(COOK('garage', 'garage'));
    expect(r.builder).toContain(ELF_BIN('garage'));
    expect(r.toolchain).toContain(APT('make'));
    expect(excludedBy('src/garage/main.rs', r.ignore.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('!')))).toBe(false);
  });

  test('LukeMathWalker__zero-to-production: .sqlx exists, so SQLX_OFFLINE=true; the gnu-only linker config is left alone', () => {
    const r = rendered('LukeMathWalker__zero-to-production');
    expect(r.builder).toContain('ENV SQLX_OFFLINE="true"');
    expect(r.plan.files.dataDirs).toEqual(['.sqlx', 'migrations']);
    expect(r.builder).toContain(COOK('zero2prod', 'zero2prod'));
    expect(r.plan.rustflags).toEqual({ amd64: [], arm64: [] });
    expect(r.plan.warnings.map((w) => w.id)).not.toContain('plan:sqlx-no-offline-data');
    // WHEN built for glibc THEN the config's clang/lld linker would replace zig's on x86_64: warned
    const gnu = planDirectory(corpus('LukeMathWalker__zero-to-production'), { libc: Libc.gnu() }).plan;
    expect(gnu.warnings.find((w) => w.id === 'plan:config-linker')?.message).toMatch(
      /\.cargo\/config\.toml: \[target\.x86_64-unknown-linux-gnu\] chooses its own linker for x86_64-unknown-linux-gnu/);
  });

  test('ekzhang__sshx: sshx-server needs protoc and the well-known types for sshx-core', () => {
    const r = rendered('ekzhang__sshx', { binary: 'sshx-server' });
    expect(r.toolchain).toContain(APT('libprotobuf-dev', 'protobuf-compiler'));
    expect(r.builder).toContain('ENV PROTOC="/usr/bin/protoc" PROTOC_INCLUDE="/usr/include"');
    expect(r.builder).toContain(COOK('sshx-server', 'sshx-server'));
    expect(r.plan.files.dataDirs).toEqual(['crates/sshx-core/proto']);
  });

  test('fails for rust-lang__crates.io: one error names system OpenSSL and libpq', () => {
    expect(() => planDirectory(corpus('rust-lang__crates.io'))).toThrow(
      /^2 native crates cannot be linked into a static musl binary: .*openssl-sys 0\.9\.117 \(pulled in by native-tls, openssl\)\. .*pq-sys 0\.7\.5 \(pulled in by diesel\)\. Fix: enable pq-sys's `bundled` feature/);
  });

  test('fails for LemmyNet__lemmy: lemmy_server links the system libpq', () => {
    expect(() => planDirectory(corpus('LemmyNet__lemmy'), { binary: 'lemmy_server' })).toThrow(
      /^pq-sys 0\.7\.5 \(pulled in by diesel\) cannot be linked into a static musl binary: it links the build host's system library, which is built for glibc\. Fix: enable pq-sys's `bundled` feature/);
  });

  test('sharkdp__fd: bin fd of package fd-find, toolchain from rust-version 1.77.2, jemalloc with 64K pages on arm64', () => {
    const r = rendered('sharkdp__fd');
    expect(r.toolchain).toContain(RUSTUP('1.77.2'));
    expect(r.builder).toContain(COOK('fd-find', 'fd'));
    expect(r.toolchain).toContain(APT('make'));
    expect(r.builder.filter((l) => l.includes(ARM64_JEMALLOC))).toHaveLength(3);
  });

  test('every rendered builder copies the sources only after cook, so cook stays cached', () => {
    for (const [name, options] of RENDERED) {
      const b = rendered(name, options).builder;
      const cook = b.findIndex((l) => l.startsWith('&& cargo chef cook'));
      expect([name, b.indexOf('COPY . /src/') > cook]).toEqual([name, true]);
    }
  });
});
