import * as path from 'path';
import type { BuildPlan } from '../plan/model';

/** The plan as JSON for `plan --json`: the BuildPlan itself, with the context shown relative to cwd. */
export function planJson(plan: BuildPlan, cwd: string): Record<string, unknown> {
  const contextDir = path.relative(cwd, plan.contextDir).split(path.sep).join('/') || '.';
  const { warnings: _warnings, ...rest } = plan;
  return { ...rest, contextDir };
}

/** The decisions of a plan as aligned text, for `plan` without `--json`. */
export function formatPlan(plan: BuildPlan): string {
  const lines: string[] = ['', 'build plan'];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(14)} ${value}`);

  row('cargo', `-p ${plan.package} --bin ${plan.binary} --profile ${plan.profile}${plan.featureFlags.length ? ` ${plan.featureFlags.join(' ')}` : ''}` +
    `${plan.locked ? ' --locked' : ''} (in ${plan.workdir})`);
  row('libc', plan.libc === 'gnu' ? `gnu, glibc <= ${plan.glibcFloor}` : 'musl (static)');
  for (const p of plan.platforms) row(p.platform, `${p.triple} → ${plan.targetDir}/${p.artifactTriple}/${plan.profileDir}/${plan.binary}`);
  const tc = plan.toolchain;
  row('toolchain', `${tc.channel} (${toolchainSource(tc.source, tc.file)})${tc.components.length ? `, components ${tc.components.join(', ')}` : ''}`);
  row('tools', `cargo-chef ${plan.tools.cargoChef}, cargo-zigbuild ${plan.tools.cargoZigbuild}, zig ${plan.tools.zig}`);
  row('builder image', plan.images.builder);
  if (plan.builderPackages.length > 0) row('packages', plan.builderPackages.join(' '));
  for (const arch of ['amd64', 'arm64'] as const) {
    const env = Object.entries(plan.env[arch]).map(([k, v]) => `${k}=${v}`);
    if (env.length > 0) row(`env ${arch}`, env.join(' '));
  }
  const rt = plan.runtime;
  row('runtime', `${plan.images.runtime}, user ${rt.user}, ${rt.binaryPath}`);
  const extras = [rt.caCertificates ? 'CA bundle' : '', rt.timezoneData ? 'tzdata' : '', ...rt.extraFiles.map((f) => `${f.source} → ${f.destination}`)]
    .filter((x) => x !== '');
  if (extras.length > 0) row('adds', extras.join(', '));
  if (rt.ports.length > 0) row('ports', rt.ports.join(', '));
  row('checks', plan.checks.static ? 'ELF machine per arch; static (no interpreter, no NEEDED)' : `ELF machine per arch; GLIBC symbols <= ${plan.checks.maxGlibc}`);
  row('image output', `compression=${plan.imageOutput.compression}, force-compression=true`);
  return lines.join('\n') + '\n';
}

/** Where the channel came from, in words: `from rust-toolchain.toml`, `from --rust`, ... */
function toolchainSource(source: BuildPlan['toolchain']['source'], file: string | undefined): string {
  switch (source) {
    case 'rust-toolchain.toml':
    case 'rust-toolchain': return `from ${file ?? source}`;
    case 'rust-version': return 'from the package\'s rust-version';
    case 'option': return 'from --rust';
    default: return 'pinned default of cdk-rust-multiarch';
  }
}
