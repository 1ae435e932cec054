import { planBuild } from '../../src/plan';
import { Libc, RuntimeBase } from '../../src/plan/option-values';
import { renderDockerfile, renderDockerignore } from '../../src/render';
import { optionsFromCaseProps } from '../support/case-options';
import { dockerfileProblems, stageLines, stages } from '../support/dockerfile-checks';
import { makeProject, nativeDep } from '../support/project';
import { caseProps } from '../support/shared';

/**
 * The bug cases of ../shared/cases, with the options from each props.json and a hand-written project
 * holding what the case's lock excerpt holds (the cargo reader's corpus tests cover the reading).
 */
describe('cases', () => {
  const opensslSystem = nativeDep('openssl-sys', {
    musl: 'unsupported', cross: 'risky', buildTools: ['pkg-config'], needsCaCertificates: true,
  }, { version: '0.9.103', pulledInBy: ['openssl', 'native-tls'] });

  test('fails for B12: openssl-sys without vendoring on musl, naming the crate, its users and the fixes', () => {
    const options = optionsFromCaseProps(caseProps('B12'));
    expect(() => planBuild(makeProject({ name: 'feed-poller', nativeDeps: [opensslSystem] }), options)).toThrow(
      /^openssl-sys 0\.9\.103 \(pulled in by openssl, native-tls\) cannot be linked into a static musl binary.*Fix: enable the openssl crate's `vendored` feature.*rustls/,
    );
  });

  test('B12 vendored: perl and make in the builder, no libssl-dev, a CA bundle at runtime', () => {
    const vendored = nativeDep('openssl-sys', { buildTools: ['perl', 'make'], needsCaCertificates: true }, { version: '0.9.103' });
    const plan = planBuild(makeProject({ name: 'feed-poller', nativeDeps: [vendored] }), optionsFromCaseProps(caseProps('B12')));
    const text = renderDockerfile(plan);
    expect(dockerfileProblems(text)).toEqual([]);
    expect(stageLines(text, 'toolchain')[1]).toEqual(
      'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends python3 python3-venv make perl \\\n    && rm -rf /var/lib/apt/lists/*',
    );
    expect(text).not.toMatch(/libssl-dev|OPENSSL_DIR|PKG_CONFIG_ALLOW_CROSS/);
    expect(stageLines(text, 'runtime')).toContain('COPY --from=runtime-files /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt');
  });

  test('fails for pq-sys and mysqlclient-sys on musl with their own advice', () => {
    const pq = nativeDep('pq-sys', { musl: 'unsupported' }, { version: '0.7.5', pulledInBy: ['diesel'] });
    expect(() => planBuild(makeProject({ nativeDeps: [pq] }))).toThrow(/^pq-sys 0\.7\.5 \(pulled in by diesel\) cannot be linked.*pq-sys's `bundled` feature/);
    const my = nativeDep('mysqlclient-sys', { musl: 'unsupported' }, { version: '0.5.2', pulledInBy: ['diesel'] });
    expect(() => planBuild(makeProject({ nativeDeps: [my] }))).toThrow(/^mysqlclient-sys 0\.5\.2 \(pulled in by diesel\) cannot be linked.*mysql_async/);
  });

  test('fails for libc gnu with crates that link a system library, naming the crate, its users and libc gnu', () => {
    // GIVEN openssl-sys without vendoring, built for glibc
    // THEN the plan refuses: the builder has no target-arch -dev package and the runtime base no libssl
    expect(() => planBuild(makeProject({ nativeDeps: [opensslSystem] }), { libc: Libc.gnu() })).toThrow(
      /^openssl-sys 0\.9\.103 \(pulled in by openssl, native-tls\) links a system library of the target, which libc gnu builds do not provide: the builder has no -dev package of it for the target architectures nor a pkg-config cross setup, and the runtime base does not ship the library\. Fix: enable the openssl crate's `vendored` feature .*rustls/,
    );
    // AND several crates are named in one message, none with advice about musl
    const pq = nativeDep('pq-sys', { musl: 'unsupported' }, { version: '0.7.5', pulledInBy: ['diesel'] });
    const my = nativeDep('mysqlclient-sys', { musl: 'unsupported' }, { version: '0.5.2', pulledInBy: ['diesel'] });
    let message = '';
    try { planBuild(makeProject({ nativeDeps: [pq, my] }), { libc: Libc.gnu() }); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/^2 native crates link system libraries of the target, which libc gnu builds do not provide: .* pq-sys 0\.7\.5 \(pulled in by diesel\)\. Fix: enable pq-sys's `bundled` feature .* mysqlclient-sys 0\.5\.2 \(pulled in by diesel\)\. Fix: .*mysql_async/);
    expect(message).not.toMatch(/musl/);
  });

  test('fails for B14: latest for any build tool, naming the prop', () => {
    const options = optionsFromCaseProps(caseProps('B14'));
    expect(() => planBuild(makeProject({ name: 'inventory' }), options)).toThrow(/^toolVersions\.cargoChef is 'latest', which is not an exact version/);
    expect(() => planBuild(makeProject({ name: 'inventory' }), { toolVersions: { zig: 'latest' } })).toThrow(/^toolVersions\.zig is 'latest'/);
    expect(() => planBuild(makeProject({ name: 'inventory' }), { toolVersions: { cargoZigbuild: 'latest' } })).toThrow(/^toolVersions\.cargoZigbuild is 'latest'/);
  });

  test('B14: changing a tool version changes the toolchain stage only', () => {
    const project = makeProject({ name: 'inventory' });
    const a = renderDockerfile(planBuild(project));
    const b = renderDockerfile(planBuild(project, { toolVersions: { cargoZigbuild: '0.17.1' } }));
    for (const stage of ['planner', 'builder', 'runtime']) expect(stageLines(b, stage)).toEqual(stageLines(a, stage));
    expect(stageLines(b, 'toolchain')).not.toEqual(stageLines(a, 'toolchain'));
  });

  test('B15: jemalloc builds natively by default, warns on a forced cross build, installs make/autoconf', () => {
    const jemalloc = nativeDep('tikv-jemalloc-sys', { cross: 'risky', buildTools: ['make', 'autoconf'], envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } } }, { pulledInBy: ['tikv-jemallocator'] });
    const options = optionsFromCaseProps(caseProps('B15'));
    expect(planBuild(makeProject({ name: 'cache-node', nativeDeps: [jemalloc] }), options).warnings).toEqual([]);
    const plan = planBuild(makeProject({ name: 'cache-node', nativeDeps: [jemalloc] }), options, { crossBuild: true });
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:cross-build-native']);
    expect(plan.warnings[0].message).toMatch(/tikv-jemalloc-sys.*Use the NATIVE strategy/);
    expect(renderDockerfile(plan)).toContain('apt-get install -y --no-install-recommends python3 python3-venv autoconf make');
  });

  test('B16: prost-build without a vendored protoc installs protoc and its includes, keeps proto/ and build.rs', () => {
    const prost = nativeDep('prost-build', { buildTools: ['protoc'] }, { version: '0.13.3', hostOnly: true, pulledInBy: ['tonic-build'] });
    const project = makeProject({ name: 'orders-grpc', files: ['build.rs', 'proto/orders.proto'], nativeDeps: [prost], patch: (p, dir) => { p.packages = [{ ...p.packages[0], buildScript: `${dir}/build.rs` }]; } });
    const plan = planBuild(project, optionsFromCaseProps(caseProps('B16')));
    const text = renderDockerfile(plan);
    expect(dockerfileProblems(text)).toEqual([]);
    expect(text).toContain('apt-get install -y --no-install-recommends python3 python3-venv libprotobuf-dev protobuf-compiler');
    expect(stageLines(text, 'builder')).toContain('ENV PROTOC="/usr/bin/protoc" PROTOC_INCLUDE="/usr/include"');
    expect(plan.files.buildScripts).toEqual(['build.rs']);
    expect(plan.files.dataDirs).toEqual(['proto']);
    expect(renderDockerignore(plan)).not.toMatch(/^proto|^build\.rs/m);
  });

  test('B16 vendored: no system protoc when the lock carries protoc-bin-vendored', () => {
    const plan = planBuild(makeProject({ name: 'orders-grpc', lockPackages: ['protoc-bin-vendored'] }), optionsFromCaseProps(caseProps('B16')));
    expect(plan.builderPackages).toEqual([]);
    expect(plan.env).toEqual({ amd64: {}, arm64: {} });
  });

  test('B18: gnu on bookworm links against glibc 2.36, checks GLIBC versions, reports the floating builder tag', () => {
    const plan = planBuild(makeProject({ name: 'pdf-render' }), optionsFromCaseProps(caseProps('B18')));
    expect(plan.platforms.map((p) => p.triple)).toEqual(['x86_64-unknown-linux-gnu.2.36', 'aarch64-unknown-linux-gnu.2.36']);
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:floating-builder-image']);
    const text = renderDockerfile(plan);
    expect(dockerfileProblems(text)).toEqual([]);
    expect(stageLines(text, 'toolchain')[0]).toEqual('FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/rust:1.90-slim AS toolchain');
    expect(text).toContain('glibc="$(readelf -V "$bin" | grep -o "GLIBC_[0-9][0-9.]*"');
    expect(text).toContain('needs GLIBC_$glibc, newer than the runtime base\'s 2.36');
  });

  test('fails for B18: an unknown gnu base without a glibc version', () => {
    const options = optionsFromCaseProps(caseProps('B18'));
    expect(() => planBuild(makeProject({ name: 'pdf-render' }), { ...options, runtimeBase: RuntimeBase.custom('registry.example.com/base/glibc:7', 'gnu') })).toThrow(
      /^runtimeBase 'registry\.example\.com\/base\/glibc:7' is a gnu image whose glibc version is unknown.*RuntimeBase\.custom\(image, 'gnu', '2\.36'\)/,
    );
  });

  test('B19: suffixed triples for zigbuild, plain triples for rustup and the artifact path', () => {
    const plan = planBuild(makeProject({ name: 'legacy-agent' }), optionsFromCaseProps(caseProps('B19')));
    expect(plan.platforms.map((p) => [p.triple, p.artifactTriple])).toEqual([
      ['x86_64-unknown-linux-gnu.2.17', 'x86_64-unknown-linux-gnu'],
      ['aarch64-unknown-linux-gnu.2.17', 'aarch64-unknown-linux-gnu'],
    ]);
    expect(plan.toolchain.targets).toEqual(['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu']);
    const text = renderDockerfile(plan);
    expect(dockerfileProblems(text)).toEqual([]);
    expect(text).toContain('bin=/src/target/"$artifact"/release/legacy-agent');
  });

  test('fails for B19: a malformed glibc floor', () => {
    const options = optionsFromCaseProps({ ...caseProps('B19'), targets: { 'linux/amd64': 'x86_64-unknown-linux-gnu.2.x' } });
    expect(() => planBuild(makeProject({ name: 'legacy-agent' }), options)).toThrow(/^Libc\.gnu\(floor\) is '2\.x', which is not a glibc version zig can target: zig would silently link/);
  });

  test('fails for B20: a gnu binary on an Alpine base, naming both', () => {
    expect(() => planBuild(makeProject({ name: 'relay' }), optionsFromCaseProps(caseProps('B20')))).toThrow(
      /^libc is gnu but runtimeBase 'alpine:3\.20' is a musl image without the glibc loader.*Libc\.MUSL/,
    );
  });

  test('B22: every stage that compiles is on $BUILDPLATFORM and the debian runtime has no RUN', () => {
    const text = renderDockerfile(planBuild(makeProject({ name: 'indexer', lockPackages: ['rustls-native-certs'] }), optionsFromCaseProps(caseProps('B22'))));
    expect(dockerfileProblems(text)).toEqual([]);
    const all = stages(text);
    expect(all.filter((s) => s.from.getPlatformFlag()?.getValue() !== '$BUILDPLATFORM').map((s) => s.name)).toEqual(['runtime']);
    expect(stageLines(text, 'runtime')[0]).toEqual('FROM public.ecr.aws/docker/library/debian:bookworm-20260713-slim AS runtime');
    expect(stageLines(text, 'runtime').filter((l) => l.startsWith('RUN'))).toEqual([]);
  });

  test('B25: no unqualified Docker Hub reference; builder and runtime come through the mirror', () => {
    const text = renderDockerfile(planBuild(makeProject({ name: 'svc' }), optionsFromCaseProps(caseProps('B25'))));
    expect(dockerfileProblems(text)).toEqual([]);
    expect(text.split('\n').filter((l) => l.startsWith('FROM ') && !l.includes('${TOOLCHAIN_IMAGE}'))).toEqual([
      'FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/rust:1.81-slim-bookworm AS toolchain',
      'FROM public.ecr.aws/docker/library/debian:bookworm-20260713-slim AS runtime',
    ]);
    const mirrored = renderDockerfile(planBuild(makeProject(), { registryMirror: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/hub/library' }));
    expect(mirrored).toContain('FROM --platform=$BUILDPLATFORM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/hub/library/rust:1.97.1-slim-trixie AS toolchain');
  });

  test('B29: gzip forced for every layer, also over a zstd base', () => {
    const plan = planBuild(makeProject({ name: 'svc' }), optionsFromCaseProps(caseProps('B29')));
    expect(plan.imageOutput).toEqual({ compression: 'gzip', forceCompression: true });
    expect(plan.images.runtime).toEqual('registry.example.com/base/runtime-zstd:2025.1');
  });
});
