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
  const fromFile = (channel: string) => makeProject({
    patch: (p, dir) => { p.toolchain = { channel, source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml'), components: [], targets: [] }; },
  });

  test('fails for a host-qualified channel in the toolchain file, naming the file and the fix', () => {
    // GIVEN channel = "stable-x86_64-unknown-linux-gnu" / THEN the arm64 builder would install an x86 toolchain: refused
    expect(() => planBuild(fromFile('stable-x86_64-unknown-linux-gnu'))).toThrow(
      /^rust-toolchain\.toml names the toolchain 'stable-x86_64-unknown-linux-gnu', which is qualified with the host triple x86_64-unknown-linux-gnu: every build host would install that host's toolchain \(the arm64 builder an x86_64-unknown-linux-gnu one, which it cannot run\)\. Drop the triple: channel = "stable"\.$/);
    expect(() => planBuild(fromFile('nightly-2026-03-11-aarch64-unknown-linux-gnu'))).toThrow(/Drop the triple: channel = "nightly-2026-03-11"\.$/);
  });

  test('fails for a channel that is not stable, beta, nightly or a version', () => {
    expect(() => planBuild(fromFile('my-toolchain'))).toThrow(
      /^rust-toolchain\.toml names the toolchain 'my-toolchain', which is not a channel the build can install: use 'stable', 'beta' or 'nightly' \(optionally dated, e\.g\. 'nightly-2026-03-11'\) or a Rust version such as '1\.97\.1'\.$/);
    expect(() => planBuild(makeProject({ toolchain: { rustVersion: '1.80 ' } }))).toThrow(/^Cargo\.toml \(rust-version\) names the toolchain '1\.80 '/);
  });

  test('dated channels and two- or three-part versions are accepted', () => {
    expect(planBuild(fromFile('nightly-2026-03-11')).toolchain.channel).toEqual('nightly-2026-03-11');
    expect(planBuild(fromFile('1.91')).toolchain.channel).toEqual('1.91');
    expect(planBuild(fromFile('beta')).toolchain.channel).toEqual('beta');
  });
});
