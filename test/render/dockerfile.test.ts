import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planBuild, planDirectory } from '../../src/plan';
import { Libc, Platform, RuntimeBase } from '../../src/plan/option-values';
import { renderDockerfile, renderDockerignore, renderToolchainDockerfile } from '../../src/render';
import { dockerfileProblems, stageLines, stages } from '../support/dockerfile-checks';
import { makeProject, nativeDep } from '../support/project';
import { caseDir } from '../support/shared';

const SELECT_MUSL =
  'case "$TARGETARCH" in amd64) triple=x86_64-unknown-linux-musl; artifact=x86_64-unknown-linux-musl ;; ' +
  'arm64) triple=aarch64-unknown-linux-musl; artifact=aarch64-unknown-linux-musl ;; ' +
  '*) echo "TARGETARCH $TARGETARCH is not one of the planned platforms (linux/amd64, linux/arm64)" >&2; exit 1 ;; esac';

describe('renderDockerfile', () => {
  const roots = nativeDep('rustls-native-certs', { needsCaCertificates: true });
  const text = renderDockerfile(planBuild(makeProject({ nativeDeps: [roots] }), { ports: [8080], environment: { RUST_LOG: 'info' } }));

  test('is valid and structurally sound', () => {
    expect(dockerfileProblems(text)).toEqual([]);
    expect(stages(text).map((s) => s.name)).toEqual(['toolchain', 'planner', 'builder', 'runtime-files', 'runtime']);
  });

  test('pins the syntax and takes the toolchain image from a build arg', () => {
    const lines = text.split('\n');
    expect(lines[0]).toEqual('# syntax=docker.io/docker/dockerfile:1.20');
    expect(lines).toContain('ARG TOOLCHAIN_IMAGE=toolchain');
    expect(lines).toContain('FROM --platform=$BUILDPLATFORM ${TOOLCHAIN_IMAGE} AS planner');
    expect(lines).toContain('FROM --platform=$BUILDPLATFORM ${TOOLCHAIN_IMAGE} AS builder');
  });

  test('toolchain stage installs the pinned tools and both targets on the named channel (B04, B14)', () => {
    const lines = stageLines(text, 'toolchain');
    expect(lines[0]).toEqual('FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/rust:1.97.1-slim-trixie AS toolchain');
    expect(lines).toContain('RUN python3 -m venv /opt/zig \\\n    && /opt/zig/bin/pip install --no-cache-dir ziglang==0.13.0 \\\n    && test "$(/opt/zig/bin/python3 -m ziglang version)" = "0.13.0"');
    expect(lines).toContain('RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \\\n    cargo install --locked cargo-chef@0.1.77 cargo-zigbuild@0.21.2');
    expect(lines).toContain('RUN rustup toolchain install 1.97.1 --profile minimal \\\n    && rustup target add --toolchain 1.97.1 x86_64-unknown-linux-musl aarch64-unknown-linux-musl');
  });

  test('planner prepares the recipe for the binary', () => {
    expect(stageLines(text, 'planner')).toEqual([
      'FROM --platform=$BUILDPLATFORM ${TOOLCHAIN_IMAGE} AS planner',
      'WORKDIR /src',
      'COPY . /src/',
      'RUN cargo chef prepare --recipe-path /recipe.json --bin svc',
    ]);
  });

  test('builder cooks from the recipe, then builds only the triple of $TARGETARCH', () => {
    const lines = stageLines(text, 'builder');
    expect(lines.slice(0, 5)).toEqual([
      'FROM --platform=$BUILDPLATFORM ${TOOLCHAIN_IMAGE} AS builder',
      'ARG TARGETARCH',
      'WORKDIR /src',
      'COPY --from=planner /recipe.json /recipe.json',
      `RUN ${SELECT_MUSL} \\\n    && cargo chef cook --recipe-path /recipe.json --release --zigbuild --target "$triple" -p svc --bin svc`,
    ]);
    expect(lines[5]).toEqual('COPY . /src/');
    expect(lines[6]).toEqual(`RUN ${SELECT_MUSL} \\\n    && cargo zigbuild --locked --release --target "$triple" -p svc --bin svc`);
  });

  test('B14/B20: the linked binary is checked for its machine and for being static', () => {
    const check = stageLines(text, 'builder')[7];
    expect(check).toContain('case "$TARGETARCH" in amd64) want=\'Advanced Micro Devices X86-64\' ;; arm64) want=\'AArch64\' ;; esac');
    expect(check).toContain('if readelf -l "$bin" | grep -q "program interpreter"; then');
    expect(check).toContain('if readelf -d "$bin" | grep -q "(NEEDED)"; then');
    expect(check).toContain('bin=/src/target/"$artifact"/release/svc');
    expect(check).toContain('install -D -m 0755 "$bin" /out/svc');
    expect(check).not.toContain('GLIBC');
  });

  test('B22: runtime stage only copies, with exec-form ENTRYPOINT and a non-root user', () => {
    expect(stageLines(text, 'runtime')).toEqual([
      'FROM scratch AS runtime',
      'COPY --from=runtime-files /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
      'COPY --from=builder /out/svc /usr/local/bin/svc',
      'ENV RUST_LOG="info" SSL_CERT_FILE="/etc/ssl/certs/ca-certificates.crt"',
      'EXPOSE 8080',
      'LABEL "org.opencontainers.image.title"="svc"',
      'USER 65532:65532',
      'ENTRYPOINT ["/usr/local/bin/svc"]',
    ]);
    expect(stageLines(text, 'runtime-files')[0]).toEqual('FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/debian:bookworm-20260713-slim AS runtime-files');
  });

  test('no CA stage when nothing needs the system roots', () => {
    const t = renderDockerfile(planBuild(makeProject()));
    expect(stages(t).map((s) => s.name)).toEqual(['toolchain', 'planner', 'builder', 'runtime']);
    expect(dockerfileProblems(t)).toEqual([]);
  });

  test('health check, tzdata and extra files', () => {
    const project = makeProject({ files: ['config/app.toml'] });
    const t = renderDockerfile(planBuild(project, {
      runtimeBase: RuntimeBase.ALPINE,
      timezoneData: true,
      extraFiles: [{ source: 'config/app.toml', destination: '/etc/app.toml' }],
      healthCheck: { command: ['/usr/local/bin/svc', 'health'], intervalSeconds: 10 },
    }));
    expect(dockerfileProblems(t)).toEqual([]);
    const rt = stageLines(t, 'runtime');
    expect(rt[0]).toEqual('FROM public.ecr.aws/docker/library/alpine:3.23.4 AS runtime');
    expect(rt).toContain('COPY --from=runtime-files /usr/share/zoneinfo /usr/share/zoneinfo');
    expect(rt).toContain('COPY ["config/app.toml", "/etc/app.toml"]');
    expect(rt).toContain('HEALTHCHECK --interval=10s --timeout=5s --retries=3 CMD ["/usr/local/bin/svc","health"]');
  });

  test('per-arch env is exported in the selection, common env is ENV', () => {
    const dep = nativeDep('tikv-jemalloc-sys', { envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } } });
    const t = renderDockerfile(planBuild(makeProject({ files: ['.sqlx/'], nativeDeps: [dep, nativeDep('sqlx-macros')] })));
    const b = stageLines(t, 'builder');
    expect(b).toContain('ENV SQLX_OFFLINE="true"');
    expect(b[b.length - 2]).toContain('arm64) triple=aarch64-unknown-linux-musl; artifact=aarch64-unknown-linux-musl; export JEMALLOC_SYS_WITH_LG_PAGE=16 ;;');
  });

  test('B07: workdir and pre-cook copies for a workspace inside a wider context', () => {
    const project = makeProject({
      files: ['rust-toolchain.toml', '.cargo/config.toml', 'vendor/axo/Cargo.toml'],
      patch: (p, dir) => {
        p.contextDir = path.dirname(dir);
        p.toolchain = { ...p.toolchain, channel: '1.91.0', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml') };
        p.config = { ...p.config, files: [path.join(dir, '.cargo/config.toml')] };
        p.packages = [...p.packages, { ...p.packages[0], name: 'axo', isMember: false, dir: path.join(dir, 'vendor/axo'), manifestPath: path.join(dir, 'vendor/axo/Cargo.toml') }];
      },
    });
    const w = path.basename(project.workspaceRoot);
    const b = stageLines(renderDockerfile(planBuild(project)), 'builder');
    expect(b.slice(2, 7)).toEqual([
      `WORKDIR /src/${w}`,
      `COPY ["${w}/rust-toolchain.toml", "/src/${w}/rust-toolchain.toml"]`,
      `COPY ["${w}/.cargo/config.toml", "/src/${w}/.cargo/config.toml"]`,
      `COPY ["${w}/vendor/axo/", "/src/${w}/vendor/axo/"]`,
      'COPY --from=planner /recipe.json /recipe.json',
    ]);
  });

  test('only the planned platform is accepted when one is asked for', () => {
    const t = renderDockerfile(planBuild(makeProject(), { platforms: [Platform.LINUX_ARM64] }));
    expect(t).toContain('case "$TARGETARCH" in arm64) triple=aarch64-unknown-linux-musl; artifact=aarch64-unknown-linux-musl ;; *) echo');
    expect(t).toContain('rustup target add --toolchain 1.97.1 aarch64-unknown-linux-musl\n');
  });

  test('B19: gnu with a glibc floor cooks through a link and checks GLIBC versions', () => {
    const t = renderDockerfile(planBuild(makeProject(), { libc: Libc.gnu('2.17'), runtimeBase: RuntimeBase.custom('amazonlinux:2', 'gnu') }));
    expect(dockerfileProblems(t)).toEqual([]);
    const b = stageLines(t, 'builder');
    expect(b[4]).toContain('amd64) triple=x86_64-unknown-linux-gnu.2.17; artifact=x86_64-unknown-linux-gnu ;;');
    expect(b[4]).toContain('&& mkdir -p /src/target/"$artifact" \\\n    && ln -sfn "$artifact" /src/target/"$triple" \\\n    && cargo chef cook');
    expect(b[b.length - 1]).toContain('bin=/src/target/"$artifact"/release/svc');
    expect(b[b.length - 1]).toContain('needs GLIBC_$glibc, newer than the runtime base\'s 2.17');
    expect(b[b.length - 1]).not.toContain('program interpreter');
    expect(t).toContain('rustup target add --toolchain 1.97.1 x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu\n');
  });
});

describe('toolchain selection', () => {
  const toolchainLines = (t: string) => stageLines(t, 'toolchain').slice(-2);

  test('a channel from rust-version is selected with RUSTUP_TOOLCHAIN after its install', () => {
    // GIVEN rust-version 1.77.2 and no toolchain file (sharkdp/fd)
    const t = renderDockerfile(planBuild(makeProject({ toolchain: { rustVersion: '1.77.2' } })));
    // THEN the toolchain stage ends by selecting it, so the planner and builder stages inherit it
    expect(toolchainLines(t)).toEqual([
      'RUN rustup toolchain install 1.77.2 --profile minimal \\\n    && rustup target add --toolchain 1.77.2 x86_64-unknown-linux-musl aarch64-unknown-linux-musl',
      'ENV RUSTUP_TOOLCHAIN=1.77.2',
    ]);
    expect(t).toContain('# The channel comes from rust-version, not a toolchain file: select it for every later stage.\nENV RUSTUP_TOOLCHAIN=1.77.2\n');
  });

  test('toolVersions.rust and the pinned default on a custom builder image are selected too', () => {
    expect(toolchainLines(renderDockerfile(planBuild(makeProject(), { toolVersions: { rust: '1.80.0' } })))[1]).toEqual('ENV RUSTUP_TOOLCHAIN=1.80.0');
    const custom = renderToolchainDockerfile(planBuild(makeProject(), { toolVersions: { builderImage: 'rust:1.90.0-slim' } }));
    expect(custom.trimEnd().split('\n').slice(-1)).toEqual(['ENV RUSTUP_TOOLCHAIN=1.97.1']);
  });

  test('a toolchain file copied into the build selects the channel itself: no ENV', () => {
    const project = makeProject({
      files: ['rust-toolchain.toml'],
      patch: (p, dir) => { p.toolchain = { channel: '1.91.0', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml'), components: [], targets: [] }; },
    });
    expect(renderDockerfile(planBuild(project))).not.toContain('RUSTUP_TOOLCHAIN');
  });
});

describe('path crates outside the workspace members (cargo-chef #283, #215)', () => {
  const beforeCook = (t: string) => {
    const b = stageLines(t, 'builder');
    return b.slice(0, b.findIndex((l) => l.includes('cargo chef cook')));
  };

  test('B07: the path dependency ../shared/telemetry is copied before cook', () => {
    // GIVEN service/ depending on ../shared/telemetry, which no workspace lists
    const { plan } = planDirectory(caseDir('B07', 'service'));
    // THEN its folder is in the cook layers, and the service's own sources are not
    expect(plan.files.preCookDirs).toEqual(['shared/telemetry']);
    // AND the headers of the Dockerfile and the .dockerignore say the context is the parent of service/
    const note = '# Build context: .. (relative to the project folder), wider than it because path crates lie outside it; cargo runs in service/.';
    expect(renderDockerfile(plan).split('\n').slice(1, 3)).toEqual([
      "# Generated by cdk-rust-multiarch for binary 'billing' of package 'billing'. Do not edit: change the options.", note,
    ]);
    expect(renderDockerignore(plan).split('\n')[1]).toEqual(note);
    expect(beforeCook(renderDockerfile(plan))).toEqual([
      'FROM --platform=$BUILDPLATFORM ${TOOLCHAIN_IMAGE} AS builder',
      'ARG TARGETARCH',
      'WORKDIR /src/service',
      'COPY ["shared/telemetry/", "/src/shared/telemetry/"]',
      'COPY --from=planner /recipe.json /recipe.json',
    ]);
  });

  test('a single crate with a nested path dependency and no [workspace] copies that folder before cook', () => {
    // GIVEN app/ with mylib = { path = "mylib" }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathdep-'));
    const write = (f: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    };
    write('Cargo.toml', '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nmylib = { path = "mylib" }\n');
    write('src/main.rs', 'fn main() {}\n');
    write('mylib/Cargo.toml', '[package]\nname = "mylib"\nversion = "0.1.0"\nedition = "2021"\n');
    write('mylib/src/lib.rs', '');
    const { plan } = planDirectory(dir);
    // THEN mylib/ is copied before cook
    expect(plan.files.preCookDirs).toEqual(['mylib']);
    // AND the context is the project folder: no note in the header
    expect(renderDockerfile(plan)).not.toContain('# Build context:');
    expect(beforeCook(renderDockerfile(plan))).toContain('COPY ["mylib/", "/src/mylib/"]');
  });
});

describe('project paths in Dockerfile lines', () => {
  /** A project whose workspace sits in the folder `name` of a wider context, with build.target-dir `targetDir`. */
  const nested = (name: string, targetDir?: string) => makeProject({
    files: [`${name}/Cargo.toml`, `${name}/.cargo/config.toml`],
    patch: (p, dir) => {
      const ws = path.join(dir, name);
      p.workspaceRoot = ws;
      p.rootManifest = path.join(ws, 'Cargo.toml');
      p.packages = [{ ...p.packages[0], dir: ws, manifestPath: path.join(ws, 'Cargo.toml') }];
      p.lock = undefined;
      p.config = { ...p.config, files: [path.join(ws, '.cargo/config.toml')], targetDir };
    },
  });

  test('a folder with spaces and a target-dir with a space are copied in JSON form and single-quoted in RUN lines', () => {
    // GIVEN the workspace in 'svc dir' and target-dir = "svc dir/out dir", built for glibc with a floor (cook links)
    const t = renderDockerfile(planBuild(nested('svc dir', 'svc dir/out dir'), { libc: Libc.gnu('2.17'), runtimeBase: RuntimeBase.custom('amazonlinux:2', 'gnu') }));
    const b = stageLines(t, 'builder');
    // THEN
    expect(b.slice(2, 4)).toEqual(['WORKDIR /src/svc dir', 'COPY ["svc dir/.cargo/config.toml", "/src/svc dir/.cargo/config.toml"]']);
    expect(b[5]).toContain('&& mkdir -p \'/src/svc dir/out dir\'/"$artifact" \\\n    && ln -sfn "$artifact" \'/src/svc dir/out dir\'/"$triple" \\\n');
    expect(b[b.length - 1]).toContain('&& bin=\'/src/svc dir/out dir\'/"$artifact"/release/svc \\\n');
    expect(dockerfileProblems(t)).toEqual([]);
  });

  test('fails for a folder name with $, backquotes or double quotes, naming the path', () => {
    // GIVEN the workspace folder `svc $(id) `x` "q"` inside the context
    // THEN the plan refuses it: COPY and WORKDIR would expand $ and WORKDIR would strip the quotes
    expect(() => planBuild(nested('svc $(id) `x` "q"'))).toThrow(
      /^The workspace folder 'svc \$\(id\) `x` "q"' \(relative to the build context .*\) contains "\$", which Dockerfile COPY, WORKDIR and RUN lines would expand or strip\. Rename the folder/,
    );
    expect(() => planBuild(nested('svc', "svc/out'dir"))).toThrow(/^build\.target-dir in .*\.cargo\/config\.toml 'svc\/out'dir' \(relative to the build context .*\) contains "'"/);
  });
});

describe('renderToolchainDockerfile', () => {
  test('renders the toolchain stage alone, valid', () => {
    const t = renderToolchainDockerfile(planBuild(makeProject()));
    expect(dockerfileProblems(t)).toEqual([]);
    expect(stages(t).map((s) => s.name)).toEqual(['toolchain']);
    expect(t.split('\n')[0]).toEqual('# syntax=docker.io/docker/dockerfile:1.20');
  });
});

describe('jemalloc checks (case B15)', () => {
  // GIVEN jemalloc compiled for the target
  const jemalloc = nativeDep('tikv-jemalloc-sys', { envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } } });
  const lines = stageLines(renderDockerfile(planBuild(makeProject({ nativeDeps: [jemalloc] }))), 'builder')
    .flatMap((l) => l.split(' \\\n').map((x) => x.trim()));

  test('the cook RUN fails when a jemalloc archive defines no _rjem_malloc, before the layer is cached', () => {
    // THEN the check follows cook in the same RUN
    const cook = lines.findIndex((l) => l.startsWith('&& cargo chef cook'));
    expect(lines[cook + 1]).toEqual(
      "&& for lib in $(find /src/target/\"$artifact\"/release/build -path '*jemalloc-sys-*/out/*' -name 'libjemalloc*.a' 2>/dev/null); do " +
      'if ! readelf -sW "$lib" | awk \'$8 == "_rjem_malloc" && $7 != "UND" { found = 1 } END { exit !found }\'; then ' +
      'echo "$lib defines no _rjem_malloc ($(ar t "$lib" | wc -l) members): jemalloc\'s configure/make produced an empty archive for ' +
      '$triple and the final link would fail on undefined _rjem_ symbols. Build each architecture on its own host (the NATIVE ' +
      'strategy) or drop the jemalloc feature for this target." >&2; exit 1; fi; done');
    expect(lines[cook + 2]).toEqual('COPY . /src/');
  });

  test('the ELF checks fail on undefined _rjem_ symbols in the binary', () => {
    expect(lines).toContain(
      '&& if readelf -sW "$bin" | awk \'$7 == "UND" && $8 ~ /^_rjem_/ { found = 1 } END { exit !found }\'; then ' +
      'echo "$bin has undefined jemalloc symbols: $(readelf -sW "$bin" | awk \'$7 == "UND" && $8 ~ /^_rjem_/ { print $8 }\' | sort -u | tr \'\\n\' \' \')" >&2; exit 1; fi');
  });

  test('no jemalloc, no check', () => {
    const plain = renderDockerfile(planBuild(makeProject()));
    expect(plain).not.toMatch(/_rjem_/);
  });
});
