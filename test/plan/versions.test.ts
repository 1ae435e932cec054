import { planBuild } from '../../src/plan';
import { checkPinned, VERSIONS } from '../../src/plan/versions';
import { makeProject } from '../support/project';

describe('versions', () => {
  test('every default tool version is exact', () => {
    // GIVEN the table / WHEN each tool version is checked / THEN none is refused
    for (const [prop, v] of [['rust', VERSIONS.rust], ['cargoChef', VERSIONS.cargoChef], ['cargoZigbuild', VERSIONS.cargoZigbuild], ['zig', VERSIONS.zig]]) {
      expect(checkPinned(`toolVersions.${prop}`, v)).toEqual(v);
    }
    expect(VERSIONS).toMatchObject({ rust: '1.97.1', cargoChef: '0.1.77', cargoZigbuild: '0.21.2', zig: '0.13.0' });
  });

  test.each(['latest', 'stable', '0.13', '*', ''])('fails for the floating version %p', (v) => {
    // GIVEN a floating value / WHEN checked / THEN the error names the prop, the value and a pinned example
    expect(() => checkPinned('toolVersions.zig', v)).toThrow(
      new RegExp(`toolVersions\\.zig is '${v.replace('*', '\\*')}', which is not an exact version.*such as '0\\.13\\.0'`),
    );
  });

  test('known-bad releases warn with a stable id: zig 0.11.x (musl 1.2.4 LFS64) and cargo-zigbuild 0.17.2', () => {
    // GIVEN toolVersions naming the releases the table lists
    const plan = planBuild(makeProject(), { toolVersions: { zig: '0.11.0', cargoZigbuild: '0.17.2' } });
    // THEN one warning each, naming the prop, the value, the problem and the default
    const bad = plan.warnings.filter((w) => w.id === 'plan:known-bad-version').map((w) => w.message);
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^toolVersions\.zig is '0\.11\.0': zig 0\.11 ships musl 1\.2\.4, which dropped the LFS64 symbols .*ziglang\/zig #15610\)\. Use the pinned default '0\.13\.0' or another release\.$/);
    expect(bad[1]).toMatch(/^toolVersions\.cargoZigbuild is '0\.17\.2': cargo-zigbuild 0\.17\.2 broke aarch64 musl links .*#179.*\. Use the pinned default '0\.21\.2' or another release\.$/);
  });

  test('neighbouring releases and the defaults do not warn', () => {
    const plan = planBuild(makeProject(), { toolVersions: { zig: '0.12.0', cargoZigbuild: '0.17.1' } });
    expect(plan.warnings.map((w) => w.id)).not.toContain('plan:known-bad-version');
    expect(planBuild(makeProject()).warnings.map((w) => w.id)).not.toContain('plan:known-bad-version');
  });
});
