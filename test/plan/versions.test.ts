import { checkPinned, VERSIONS } from '../../src/plan/versions';

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
});
