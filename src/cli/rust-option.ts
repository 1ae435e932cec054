import type { CargoProject, Diagnostic } from '../cargo/model';

/**
 * `--rust` only applies when the project pins no toolchain (as `toolVersions.rust` in the
 * construct). When the project pins one, the CLI says so instead of dropping the option silently.
 * A warning, not an error: the CLI shows what a synthesis with the same props builds, and the
 * construct builds with the project's pin too.
 */
export function rustOptionIgnored(rust: string | undefined, project: CargoProject): Diagnostic | undefined {
  if (rust === undefined) return undefined;
  const tc = project.toolchain;
  const pinnedByFile = (tc.source === 'rust-toolchain.toml' || tc.source === 'rust-toolchain') && tc.channel !== undefined;
  if (!pinnedByFile && tc.rustVersion === undefined) return undefined;
  const pin = pinnedByFile
    ? { file: tc.file ?? project.rootManifest, what: `channel ${tc.channel}`, fix: `change the channel in ${tc.file ?? tc.source}` }
    : { file: project.rootManifest, what: `rust-version ${tc.rustVersion}`, fix: 'change rust-version in the package manifest' };
  return {
    id: 'cli:rust-option-ignored',
    message: `--rust ${rust} is ignored: the project pins the toolchain (${pin.what}), and the build uses that pin. ` +
      `To build with ${rust}, ${pin.fix}; otherwise drop --rust.`,
    location: { file: pin.file },
  };
}
