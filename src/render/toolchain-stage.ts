/**
 * The toolchain stage: the Rust channel with both targets, zig, cargo-zigbuild and cargo-chef, all
 * pinned, plus the Debian packages the native crates need. It runs on the build platform only, and
 * the same lines render the standalone toolchain image (renderToolchainDockerfile).
 */
import { run } from './dockerfile-shell';
import { quote } from './shell';
import type { BuildPlan } from '../plan/model';
import { ZIG_INSTALL } from '../plan/versions';

export const TOOLCHAIN_STAGE = 'toolchain';

/** The instructions of the toolchain stage, its FROM line included. */
export function toolchainStage(plan: BuildPlan): string[] {
  const tc = plan.toolchain;
  const packages = ['python3', 'python3-venv', ...plan.builderPackages];
  const install = ['rustup', 'toolchain', 'install', tc.channel, '--profile', 'minimal', ...tc.components.flatMap((c) => ['--component', c])];
  return [
    `FROM --platform=$BUILDPLATFORM ${plan.images.builder} AS ${TOOLCHAIN_STAGE}`,
    run([
      'apt-get update',
      `apt-get install -y --no-install-recommends ${[...new Set(packages)].map(quote).join(' ')}`,
      'rm -rf /var/lib/apt/lists/*',
    ]),
    `# zig from PyPI's ziglang ${plan.tools.zig} (${ZIG_INSTALL}), pinned by exact version; cargo-zigbuild runs it as 'python3 -m ziglang'.`,
    run([
      'python3 -m venv /opt/zig',
      `/opt/zig/bin/pip install --no-cache-dir ziglang==${plan.tools.zig}`,
      `test "$(/opt/zig/bin/python3 -m ziglang version)" = "${plan.tools.zig}"`,
    ]),
    'ENV PATH=/opt/zig/bin:$PATH',
    run(
      [`cargo install --locked cargo-chef@${plan.tools.cargoChef} cargo-zigbuild@${plan.tools.cargoZigbuild}`],
      ['type=cache,target=/usr/local/cargo/registry,sharing=locked'],
    ),
    '# The channel is installed by name, with the targets added to that toolchain: a rust-toolchain file switches',
    '# away from the image default, and rustup does not install what the file names on its own.',
    run([install.map(quote).join(' '), ['rustup', 'target', 'add', '--toolchain', tc.channel, ...tc.targets].map(quote).join(' ')]),
    ...selectChannel(plan),
  ];
}

/**
 * Without a toolchain file in the build, nothing makes cargo use the installed channel: it would run on
 * the image's default toolchain, which lacks the musl targets ("can't find crate for `core`"). The ENV
 * carries into the planner, the builder and the prebuilt toolchain image.
 */
function selectChannel(plan: BuildPlan): string[] {
  const tc = plan.toolchain;
  const fromCopiedFile = (tc.source === 'rust-toolchain.toml' || tc.source === 'rust-toolchain') && plan.files.toolchainFile !== undefined;
  if (fromCopiedFile) return [];
  return [`# The channel comes from ${tc.source === 'rust-version' ? 'rust-version' : tc.source === 'option' ? 'toolVersions.rust' : 'the pinned default'}, not a toolchain file: select it for every later stage.`,
    `ENV RUSTUP_TOOLCHAIN=${tc.channel}`];
}
