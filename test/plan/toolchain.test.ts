import * as path from 'path';
import { planBuild } from '../../src/plan';
import { makeProject } from '../support/project';

describe('toolchain', () => {
  test('B03: the toolchain file channel and components win over the default', () => {
    // GIVEN a rust-toolchain.toml pinning 1.79.0 with clippy and both musl targets
    const project = makeProject({
      files: ['rust-toolchain.toml'],
      patch: (p, dir) => {
        p.toolchain = { channel: '1.79.0', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml'), components: ['clippy'], targets: ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'], rustVersion: '1.79' };
      },
    });
    // WHEN planned / THEN the channel comes from the file, no warning
    const plan = planBuild(project);
    expect(plan.toolchain).toEqual({ channel: '1.79.0', source: 'rust-toolchain.toml', file: 'rust-toolchain.toml', components: ['clippy'], targets: ['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'] });
    expect(plan.warnings).toEqual([]);
  });

  test('fails when rust-version is newer than the pinned channel (B03)', () => {
    const project = makeProject({ patch: (p, dir) => { p.toolchain = { channel: '1.79.0', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml'), components: [], targets: [], rustVersion: '1.80' }; } });
    expect(() => planBuild(project)).toThrow(/Cargo\.toml: rust-version '1\.80' is newer than the toolchain channel '1\.79\.0' pinned by rust-toolchain\.toml/);
  });

  test('B04: a floating stable channel warns and the targets are added to it', () => {
    const project = makeProject({ patch: (p, dir) => { p.toolchain = { channel: 'stable', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml'), components: [], targets: [] }; } });
    const plan = planBuild(project);
    expect(plan.toolchain.targets).toEqual(['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl']);
    expect(plan.warnings.map((w) => w.id)).toEqual(['plan:floating-channel', 'plan:toolchain-targets-added']);
    expect(plan.warnings[0].message).toMatch(/The toolchain channel is 'stable' \(rust-toolchain\.toml\), which moves/);
  });

  test('rust-version is the channel when there is no toolchain file', () => {
    const plan = planBuild(makeProject({ toolchain: { rustVersion: '1.88.0' } }));
    expect(plan.toolchain.channel).toEqual('1.88.0');
    expect(plan.toolchain.source).toEqual('rust-version');
  });

  test('the rust option applies only when the project pins nothing, and must be exact', () => {
    expect(planBuild(makeProject(), { toolVersions: { rust: '1.90.0' } }).toolchain).toMatchObject({ channel: '1.90.0', source: 'option' });
    expect(() => planBuild(makeProject(), { toolVersions: { rust: 'latest' } })).toThrow(/toolVersions\.rust is 'latest', which is not an exact version/);
  });
});
