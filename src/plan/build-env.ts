/**
 * The build's environment beyond the native crates' table: the sqlx offline cache, the user's
 * `buildEnvironment`, and the rustflags cargo takes from the project's `.cargo/config` (which an
 * environment variable would silently replace).
 */
import type { DockerArch, PlannedFiles, PlannedPlatform } from './model';
import { targetMatches } from '../cargo/cfg';
import type { CargoProject, Diagnostic } from '../cargo/model';

/** Variables that replace the config's rustflags altogether (cargo's precedence: env first). */
const RUSTFLAGS_VARS = /^(RUSTFLAGS|CARGO_ENCODED_RUSTFLAGS|CARGO_TARGET_[A-Z0-9_]+_RUSTFLAGS|CARGO_BUILD_RUSTFLAGS)$/;

/**
 * Add SQLX_OFFLINE and the user's build environment to the per-architecture environment (in place).
 *
 * @param buildEnvironment the user's `buildEnvironment`
 */
export function planBuildEnv(
  project: CargoProject,
  files: PlannedFiles,
  platforms: PlannedPlatform[],
  env: Record<DockerArch, Record<string, string>>,
  buildEnvironment: Record<string, string>,
  warnings: Diagnostic[],
): void {
  const sqlx = project.nativeDeps.find((d) => d.crate === 'sqlx-macros');
  const offlineData = files.dataDirs.some((d) => d === '.sqlx' || d.endsWith('/.sqlx'));
  if (sqlx && offlineData) {
    for (const p of platforms) env[p.arch].SQLX_OFFLINE = 'true';
  } else if (sqlx && !('DATABASE_URL' in buildEnvironment) && !('SQLX_OFFLINE' in buildEnvironment)) {
    warnings.push({
      id: 'plan:sqlx-no-offline-data',
      message:
        `sqlx-macros ${sqlx.version} is compiled (pulled in by ${sqlx.pulledInBy.join(', ')}) but there is no .sqlx folder, so ` +
        'SQLX_OFFLINE is not set: a query!() macro would need a database at build time and fail. If the code uses the ' +
        "macros, run 'cargo sqlx prepare --workspace' and commit .sqlx; if it does not, nothing is needed.",
    });
  }

  for (const [k, v] of Object.entries(buildEnvironment)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      throw new Error(`buildEnvironment has the variable name '${k}', which is not valid: use letters, digits and '_', not starting with a digit.`);
    }
    if (RUSTFLAGS_VARS.test(k) && project.config.files.length > 0) {
      warnings.push({
        id: 'plan:rustflags-env-replaces-config',
        message:
          `buildEnvironment sets ${k}, which replaces every rustflag of ${project.config.files.join(', ')} ` +
          '(cargo takes the variable first and ignores the config). Put the flags in the config file instead.',
      });
    }
    for (const p of platforms) env[p.arch][k] = v;
  }
}

/**
 * The rustflags cargo applies from the config for each platform, with a warning when `[target]` flags hide
 * `[build] rustflags` (cargo uses one source, not both, so e.g. `--cfg tokio_unstable` would be lost on that target).
 */
export function planRustflags(project: CargoProject, platforms: PlannedPlatform[], warnings: Diagnostic[]): Record<DockerArch, string[]> {
  const result: Record<DockerArch, string[]> = { amd64: [], arm64: [] };
  const cfg = project.config;
  for (const p of platforms) {
    const applies = Object.entries(cfg.targets).filter(([spec]) => targetMatches(spec, p.artifactTriple));
    const matching = applies.filter(([, t]) => t.rustflags.length > 0);
    const linker = applies.find(([, t]) => t.linker !== undefined || t.rustflags.some((f) => /^(-C)?linker=|fuse-ld=/.test(f)));
    if (linker) {
      warnings.push({
        id: 'plan:config-linker',
        message:
          `${cfg.files.join(', ')}: [target.${linker[0]}] chooses its own linker for ${p.artifactTriple}, which replaces the zig ` +
          'linker cargo-zigbuild sets up, so the cross link fails or links against the build host. Move the linker settings ' +
          'to a profile that is not used for the image, or scope them to the developer machine.',
      });
    }
    if (matching.length === 0) {
      result[p.arch] = [...cfg.buildRustflags];
      continue;
    }
    result[p.arch] = matching.flatMap(([, t]) => t.rustflags);
    if (cfg.buildRustflags.length > 0) {
      warnings.push({
        id: 'plan:rustflags-shadowed',
        message:
          `${cfg.files.join(', ')}: [target.${matching.map(([s]) => s).join('], [target.')}] rustflags apply to ${p.artifactTriple}, ` +
          `so cargo ignores [build] rustflags (${cfg.buildRustflags.join(' ')}) for ${p.platform}. Repeat those flags in the target table.`,
      });
    }
  }
  return result;
}
