/**
 * The plan and the reader speak the construct's language (props such as `allowTargetCpuNative`,
 * `Libc.gnu()`). On the command line the same advice must name the flags, so the CLI rewrites
 * those words in every error and warning it prints. Order matters: longer phrases first.
 */
const PROP_TO_FLAG: [RegExp, string][] = [
  // Phrases that only read right on the command line.
  [/\bPass one of these as the binary\b/g, 'Pass one of these with --binary'],
  [/\bPass one of these as the package\b/g, 'Pass one of these with --package'],
  [/\bPass the package as well\b/g, 'Pass --package as well'],
  [/\bin the features option\b/g, 'with --features'],
  [/\bset package too\b/g, 'set --package too'],
  [/\b(allowTargetCpuNative|requireLockfile|allFeatures) is true\b/g, '$1 is given'],
  // Values written as construct code.
  [/`libc: Libc\.gnu\(\)`/g, '`--libc gnu`'],
  [/Libc\.gnu\('([^']*)'\)/g, '--libc gnu:$1'],
  [/Libc\.gnu\(floor\)/g, '--libc gnu:<glibc version>'],
  [/Libc\.gnu\(\)/g, '--libc gnu'],
  [/Libc\.MUSL\b/g, '--libc musl'],
  [/RuntimeBase\.SCRATCH\b/g, '--runtime-base scratch'],
  [/RuntimeBase\.DISTROLESS_STATIC\b/g, '--runtime-base distroless-static'],
  [/RuntimeBase\.ALPINE\b/g, '--runtime-base alpine'],
  [/RuntimeBase\.DEBIAN_SLIM\b/g, '--runtime-base debian-slim'],
  [/Platform\.LINUX_AMD64\b/g, 'linux/amd64'],
  [/Platform\.LINUX_ARM64\b/g, 'linux/arm64'],
  // Prop names.
  [/\btoolVersions\.cargoChef\b/g, '--cargo-chef'],
  [/\btoolVersions\.cargoZigbuild\b/g, '--cargo-zigbuild'],
  [/\btoolVersions\.builderImage\b/g, '--builder-image'],
  [/\btoolVersions\.zig\b/g, '--zig'],
  [/\btoolVersions\.rust\b/g, '--rust'],
  [/\ballowTargetCpuNative\b/g, '--allow-target-cpu-native'],
  [/\brequireLockfile\b/g, '--require-lockfile'],
  [/\bnoDefaultFeatures\b/g, '--no-default-features'],
  [/\ballFeatures\b/g, '--all-features'],
  [/\bbuildFiles\b/g, '--build-files'],
  [/\bbuildEnvironment\b/g, '--build-env'],
  [/\bhealthCheck\.command\b/g, '--health-check'],
  [/\bruntimeBase\b/g, '--runtime-base'],
  [/\bregistryMirror\b/g, '--registry-mirror'],
  [/\btimezoneData\b/g, '--timezone-data'],
  // Plain-word props, only where the message starts with them (`binary is 'x'`).
  [/^(binary|package|profile|features|user|ports|libc|platforms) (is|contains)\b/, '--$1 $2'],
  [/^binary '/, "--binary '"],
];

/** The message with construct prop names replaced by the CLI flags that set them. */
export function inFlagTerms(message: string): string {
  return PROP_TO_FLAG.reduce((text, [re, flag]) => text.replace(re, flag), message);
}
