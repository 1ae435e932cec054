import * as path from 'path';
import { planBuild } from '../../src/plan';
import { ImageCompression, Libc, Platform, RuntimeBase } from '../../src/plan/option-values';
import { makeProject, nativeDep } from '../support/project';

describe('planBuild', () => {
  test('plans a static musl build for both platforms by default', () => {
    // GIVEN a single crate with a lock
    const project = makeProject();
    // WHEN planned without options
    const plan = planBuild(project);
    // THEN
    expect(plan.binary).toEqual('svc');
    expect(plan.package).toEqual('svc');
    expect(plan.workdir).toEqual('.');
    expect(plan.locked).toBe(true);
    expect(plan.libc).toEqual('musl');
    expect(plan.platforms).toEqual([
      { platform: 'linux/amd64', arch: 'amd64', triple: 'x86_64-unknown-linux-musl', artifactTriple: 'x86_64-unknown-linux-musl', elfMachine: 'Advanced Micro Devices X86-64' },
      { platform: 'linux/arm64', arch: 'arm64', triple: 'aarch64-unknown-linux-musl', artifactTriple: 'aarch64-unknown-linux-musl', elfMachine: 'AArch64' },
    ]);
    expect(plan.toolchain).toEqual({ channel: '1.97.1', source: 'default', file: undefined, components: [], targets: ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'] });
    expect(plan.tools).toEqual({ cargoChef: '0.1.77', cargoZigbuild: '0.21.2', zig: '0.13.0' });
    expect(plan.images.runtime).toEqual('scratch');
    expect(plan.images.builder).toEqual('public.ecr.aws/docker/library/rust:1.97.1-slim-trixie');
    expect(plan.runtime.user).toEqual('65532:65532');
    expect(plan.checks).toEqual({ static: true, maxGlibc: undefined, jemalloc: false });
    expect(plan.targetDir).toEqual('target');
    expect(plan.profileDir).toEqual('release');
    expect(plan.warnings).toEqual([]);
  });

  test('B29: image output forces one compression for every layer', () => {
    // GIVEN any project / WHEN planned with and without the option / THEN gzip is the forced default
    expect(planBuild(makeProject()).imageOutput).toEqual({ compression: 'gzip', forceCompression: true });
    expect(planBuild(makeProject(), { imageCompression: ImageCompression.ZSTD }).imageOutput).toEqual({ compression: 'zstd', forceCompression: true });
  });

  /** svc with [features] a = [], optional dependency `b` (an implicit feature), dependency `c` and [profile.dist]. */
  const withFeatures = () => makeProject({
    patch: (p) => {
      const dep = (key: string, optional: boolean) => ({ key, name: key, kind: 'normal' as const, optional, defaultFeatures: true, features: [], version: '1' });
      p.packages = [{ ...p.packages[0], features: { a: [] }, dependencies: [dep('b', true), dep('c', false)] }];
      p.profiles = ['dist'];
    },
  });

  test('feature flags, profile and platforms', () => {
    const plan = planBuild(withFeatures(), { features: ['a', 'b/c'], noDefaultFeatures: true, profile: 'dist', platforms: [Platform.LINUX_ARM64] });
    expect(plan.featureFlags).toEqual(['--no-default-features', '--features', 'a,b/c']);
    expect(plan.profileDir).toEqual('dist');
    expect(plan.platforms.map((p) => p.arch)).toEqual(['arm64']);
    expect(plan.env).toEqual({ amd64: {}, arm64: {} });
  });

  test('fails for a feature name that is not a cargo name', () => {
    expect(() => planBuild(makeProject(), { features: ['a; rm -rf /'] })).toThrow(/features is 'a; rm -rf \/', which is not a valid cargo name/);
  });

  test('features: implicit optional-dependency features and dep/feature forms are accepted', () => {
    expect(planBuild(withFeatures(), { features: ['b', 'c/x', 'default'] }).featureFlags).toEqual(['--features', 'b,c/x,default']);
  });

  test('fails for a feature the package does not define, listing its features', () => {
    // GIVEN --features nope / THEN refused at plan time with the features of svc, the implicit `b` included
    expect(() => planBuild(withFeatures(), { features: ['nope'] })).toThrow(
      /^features lists 'nope', which package 'svc' \(.*Cargo\.toml\) does not define\. Its features: a, b\.$/);
    expect(() => planBuild(withFeatures(), { features: ['zz/x'] })).toThrow(
      /^features lists 'zz\/x', which package 'svc' \(.*Cargo\.toml\) does not define: 'zz' is not one of its dependencies\. Its features: a, b; its dependencies: b, c\.$/);
  });

  test('fails for a profile that is neither built in nor defined, listing the available ones', () => {
    expect(() => planBuild(withFeatures(), { profile: 'prod' })).toThrow(
      /^profile is 'prod', which is neither built in nor defined as \[profile\.prod\] in .*Cargo\.toml\. Available profiles: bench, dev, dist, release, test\.$/);
  });

  test('profile folders: bench builds into release/, test into debug/, a custom profile into its own name', () => {
    expect(planBuild(makeProject(), { profile: 'bench' }).profileDir).toEqual('release');
    expect(planBuild(makeProject(), { profile: 'test' }).profileDir).toEqual('debug');
    expect(planBuild(makeProject(), { profile: 'dev' }).profileDir).toEqual('debug');
    expect(planBuild(makeProject({ config: { profiles: ['ci'] } }), { profile: 'ci' }).profileDir).toEqual('ci');
  });

  test('fails when the binary does not exist, listing the binaries', () => {
    expect(() => planBuild(makeProject(), { binary: 'nope' })).toThrow(/binary is 'nope'.*declares no such binary\. Binaries found: svc \(package svc\)\./);
  });

  test('warns without a lock file and builds without --locked', () => {
    const plan = planBuild(makeProject({ lock: false }));
    expect(plan.locked).toBe(false);
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:no-lockfile']);
  });

  test('fails without a lock file when requireLockfile is set', () => {
    expect(() => planBuild(makeProject({ lock: false }), { requireLockfile: true })).toThrow(/has no Cargo\.lock and requireLockfile is true: run 'cargo generate-lockfile'/);
  });

  test('B11: fails for target-cpu=native, warns when allowed', () => {
    const project = makeProject({ config: { files: ['/p/.cargo/config.toml'], buildRustflags: ['-C', 'target-cpu=native'] } });
    expect(() => planBuild(project)).toThrow(/\/p\/\.cargo\/config\.toml sets '-C target-cpu=native'.*SIGILL.*allowTargetCpuNative/);
    expect(planBuild(project, { allowTargetCpuNative: true }).warnings.map((w) => w.id)).toEqual(['plan:target-cpu-native']);
  });

  test('B11: the target dir honours build.target-dir', () => {
    const plan = planBuild(makeProject({ config: { targetDir: 'build-out' } }));
    expect(plan.targetDir).toEqual('build-out');
  });

  test('B07: cargo runs in the workspace folder inside a wider context', () => {
    const project = makeProject({ patch: (p, dir) => { p.contextDir = path.dirname(dir); } });
    const plan = planBuild(project);
    expect(plan.workdir).toEqual(path.basename(project.workspaceRoot));
    expect(plan.targetDir).toEqual(`${path.basename(project.workspaceRoot)}/target`);
    expect(plan.files.manifests).toEqual([`${path.basename(project.workspaceRoot)}/Cargo.toml`]);
  });

  test('SQLX_OFFLINE and PROTOC come from .sqlx/ and a protoc need', () => {
    const protoc = nativeDep('prost-build', { buildTools: ['protoc'] }, { hostOnly: true });
    const project = makeProject({ files: ['.sqlx/', 'proto/', 'migrations/'], nativeDeps: [protoc, nativeDep('sqlx-macros')] });
    const plan = planBuild(project);
    expect(plan.files.dataDirs).toEqual(['proto', '.sqlx', 'migrations']);
    expect(plan.env.amd64).toEqual({ PROTOC: '/usr/bin/protoc', PROTOC_INCLUDE: '/usr/include', SQLX_OFFLINE: 'true' });
    expect(plan.builderPackages).toEqual(['libprotobuf-dev', 'protobuf-compiler']);
  });

  test('env per architecture from the native table', () => {
    const dep = nativeDep('tikv-jemalloc-sys', { buildTools: ['make'], envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } } });
    const aws = nativeDep('aws-lc-sys', { buildTools: ['cmake'], env: { AWS_LC_SYS_USE_SYSTEM: '0', AWS_LC_TRIPLE: '{triple}' } });
    const plan = planBuild(makeProject({ nativeDeps: [dep, aws] }));
    expect(plan.env.arm64).toEqual({ JEMALLOC_SYS_WITH_LG_PAGE: '16', AWS_LC_SYS_USE_SYSTEM: '0', AWS_LC_TRIPLE: 'aarch64-unknown-linux-musl' });
    expect(plan.env.amd64).toEqual({ AWS_LC_SYS_USE_SYSTEM: '0', AWS_LC_TRIPLE: 'x86_64-unknown-linux-musl' });
    expect(plan.builderPackages).toEqual(['cmake', 'make']);
  });

  test('B15: a forced cross build with jemalloc warns naming the crate', () => {
    const dep = nativeDep('tikv-jemalloc-sys', { cross: 'risky', buildTools: ['make', 'autoconf'] }, { pulledInBy: ['tikv-jemallocator'] });
    expect(planBuild(makeProject({ nativeDeps: [dep] })).warnings).toEqual([]);
    const plan = planBuild(makeProject({ nativeDeps: [dep] }), {}, { crossBuild: true });
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:cross-build-native']);
    expect(plan.warnings[0].message).toMatch(/^tikv-jemalloc-sys 1\.0\.0 \(pulled in by tikv-jemallocator\) runs a configure\/make build/);
    expect(plan.builderPackages).toEqual(['autoconf', 'make']);
  });

  test('warns for build scripts that download', () => {
    expect(planBuild(makeProject({ lockPackages: ['ort-sys'] })).warnings.map((w) => w.id)).toEqual(['plan:build-script-download']);
  });

  test('CA bundle only for system-roots TLS compiled into the binary, not webpki-roots alone or a lock entry', () => {
    // GIVEN crates marked by the knowledge table as reading the system roots, or only listed in the lock
    const roots = nativeDep('rustls-native-certs', { needsCaCertificates: true });
    // THEN only a target crate of the closure asks for the bundle, and a base that has one needs no copy
    expect(planBuild(makeProject({ lockPackages: ['webpki-roots', 'rustls'] })).runtime.caCertificates).toBe(false);
    expect(planBuild(makeProject({ lockPackages: ['rustls-native-certs'] })).runtime.caCertificates).toBe(false);
    expect(planBuild(makeProject({ nativeDeps: [roots] })).runtime.caCertificates).toBe(true);
    expect(planBuild(makeProject({ nativeDeps: [{ ...roots, hostOnly: true }] })).runtime.caCertificates).toBe(false);
    expect(planBuild(makeProject({ nativeDeps: [roots] }), { runtimeBase: RuntimeBase.ALPINE }).runtime.caCertificates).toBe(false);
  });

  test('gnu on debian-slim links against glibc 2.36', () => {
    const plan = planBuild(makeProject(), { libc: Libc.gnu() });
    expect(plan.platforms.map((p) => [p.triple, p.artifactTriple])).toEqual([
      ['x86_64-unknown-linux-gnu.2.36', 'x86_64-unknown-linux-gnu'],
      ['aarch64-unknown-linux-gnu.2.36', 'aarch64-unknown-linux-gnu'],
    ]);
    expect(plan.images.runtime).toEqual('public.ecr.aws/docker/library/debian:bookworm-20260713-slim');
    expect(plan.checks).toEqual({ static: false, maxGlibc: '2.36', jemalloc: false });
  });

  test('fails for a glibc floor newer than the base', () => {
    expect(() => planBuild(makeProject(), { libc: Libc.gnu('2.39') })).toThrow(/Libc\.gnu\('2\.39'\) links against glibc 2\.39, newer than the 2\.36/);
  });

  test('fails for a root user and for names on scratch', () => {
    expect(() => planBuild(makeProject(), { user: 'root' })).toThrow(/user is 'root': the service would run as root/);
    expect(() => planBuild(makeProject(), { user: 'app' })).toThrow(/scratch image has no \/etc\/passwd/);
  });

  test('fails for an unpinned custom runtime base', () => {
    expect(() => planBuild(makeProject(), { runtimeBase: RuntimeBase.custom('alpine', 'musl') })).toThrow(/runtimeBase is 'alpine', which is not pinned/);
    expect(() => planBuild(makeProject(), { runtimeBase: RuntimeBase.custom('alpine:latest', 'musl') })).toThrow(/runtimeBase is 'alpine:latest', which is not pinned/);
  });
});

describe('build environment and rustflags', () => {
  test('buildEnvironment is set on every architecture and wins over the native table', () => {
    // GIVEN a user variable and one that a native crate also sets
    const dep = nativeDep('aws-lc-sys', { env: { AWS_LC_SYS_USE_SYSTEM: '0' } });
    const plan = planBuild(makeProject({ nativeDeps: [dep] }), { buildEnvironment: { APP_PROFILE: 'ci', AWS_LC_SYS_USE_SYSTEM: '1' } });
    // THEN both architectures get the user's values
    expect(plan.env).toEqual({ amd64: { APP_PROFILE: 'ci', AWS_LC_SYS_USE_SYSTEM: '1' }, arm64: { APP_PROFILE: 'ci', AWS_LC_SYS_USE_SYSTEM: '1' } });
  });

  test('fails for a buildEnvironment name that is not a variable name', () => {
    expect(() => planBuild(makeProject(), { buildEnvironment: { 'A-B': '1' } })).toThrow(
      /^buildEnvironment has the variable name 'A-B', which is not valid: use letters, digits and '_', not starting with a digit\.$/);
  });

  test('fails for environment, buildEnvironment and label values that hold a line break, naming the key', () => {
    expect(() => planBuild(makeProject(), { environment: { GREETING: 'hi\nRUN id' } })).toThrow(
      'environment.GREETING is "hi\\nRUN id", which holds a line break: each value becomes one Dockerfile line. Remove the line break.');
    expect(() => planBuild(makeProject(), { buildEnvironment: { A: 'x\r\ny' } })).toThrow(/^buildEnvironment\.A is "x\\r\\ny", which holds a line break/);
    expect(() => planBuild(makeProject(), { labels: { team: 'a\nb' } })).toThrow(/^labels\.team is "a\\nb", which holds a line break/);
  });

  test('RUSTFLAGS in buildEnvironment warns that it replaces the config rustflags', () => {
    const project = makeProject({ config: { files: ['/p/.cargo/config.toml'], buildRustflags: ['--cfg', 'tokio_unstable'] } });
    const plan = planBuild(project, { buildEnvironment: { RUSTFLAGS: '-C opt-level=3' } });
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:rustflags-env-replaces-config']);
  });

  test('[target] rustflags hide [build] rustflags on that target only: shown per arch and warned', () => {
    // GIVEN build flags and a target table for x86_64 musl
    const project = makeProject({
      config: {
        files: ['/p/.cargo/config.toml'],
        buildRustflags: ['--cfg', 'tokio_unstable'],
        targets: { 'x86_64-unknown-linux-musl': { rustflags: ['-C', 'target-feature=+crt-static'] } },
      },
    });
    const plan = planBuild(project);
    // THEN amd64 gets the target flags only, arm64 the build flags, and the loss is named
    expect(plan.rustflags).toEqual({ amd64: ['-C', 'target-feature=+crt-static'], arm64: ['--cfg', 'tokio_unstable'] });
    expect(plan.warnings.map((w) => w.message)).toEqual([
      '/p/.cargo/config.toml: [target.x86_64-unknown-linux-musl] rustflags apply to x86_64-unknown-linux-musl, so cargo ignores ' +
      '[build] rustflags (--cfg tokio_unstable) for linux/amd64. Repeat those flags in the target table.',
    ]);
  });

  test('sqlx-macros without .sqlx: no SQLX_OFFLINE and a warning, unless DATABASE_URL is given', () => {
    const sqlx = nativeDep('sqlx-macros', {}, { version: '0.8.6', pulledInBy: ['sqlx-macros-core', 'sqlx'] });
    const plan = planBuild(makeProject({ nativeDeps: [sqlx] }));
    expect(plan.env.amd64).toEqual({});
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:sqlx-no-offline-data']);
    expect(plan.warnings[0].message).toMatch(/^sqlx-macros 0\.8\.6 is compiled \(pulled in by sqlx-macros-core, sqlx\) but there is no \.sqlx folder/);
    const withDb = planBuild(makeProject({ nativeDeps: [sqlx] }), { buildEnvironment: { DATABASE_URL: 'postgres://db' } });
    expect(withDb.warnings).toEqual([]);
  });
});
