import { inFlagTerms } from '../../src/cli/flags';

describe('inFlagTerms', () => {
  test.each([
    ["toolVersions.cargoChef is 'latest'. Set toolVersions.cargoChef to an exact version", "--cargo-chef is 'latest'. Set --cargo-chef to an exact version"],
    ['x sets -C target-cpu=native, or set allowTargetCpuNative to accept the risk.', 'x sets -C target-cpu=native, or set --allow-target-cpu-native to accept the risk.'],
    ['x and allowTargetCpuNative is true: the binary may crash', 'x and --allow-target-cpu-native is given: the binary may crash'],
    ['Or build every one for glibc with `libc: Libc.gnu()` on a runtime base', 'Or build every one for glibc with `--libc gnu` on a runtime base'],
    ["Use Libc.gnu('2.36') or a newer base.", 'Use --libc gnu:2.36 or a newer base.'],
    ['no binary named x; available: a, b. Pass one of these as the binary.', 'no binary named x; available: a, b. Pass one of these with --binary.'],
    ['binary tool requires feature "x". Enable "x" in the features option.', 'binary tool requires feature "x". Enable "x" with --features.'],
    ["binary 'api' exists in several packages (a, b): set package too.", "--binary 'api' exists in several packages (a, b): set --package too."],
    ["user is 'root': the service would run as root.", "--user is 'root': the service would run as root."],
    ['platforms is empty: give at least one of Platform.LINUX_AMD64 and Platform.LINUX_ARM64.', '--platforms is empty: give at least one of linux/amd64 and linux/arm64.'],
  ])('rewrites %j', (message, expected) => {
    expect(inFlagTerms(message)).toBe(expected);
  });

  test('leaves a file path and the words binary or package inside a sentence alone', () => {
    const message = '/p/Cargo.toml: no binary named x in package y; available: a.';
    expect(inFlagTerms(message)).toBe(message);
  });
});
