/**
 * The one way every consumer (construct, projen type, CLI) turns a folder and the user's options into
 * a plan: read the project with the options that narrow it, then decide the build. Keeping this in
 * one place means the binary the reader selects and the binary the plan builds cannot disagree.
 */
import { readCargoProject } from '../cargo';
import type { BuildPlan } from './model';
import { Platform } from './option-values';
import type { RustBuildOptions } from './options';
import { planBuild, PlanContext } from './plan';
import { planPlatforms } from './platforms';
import type { CargoProject, ReadOptions } from '../cargo/model';

export interface PlannedProject {
  readonly project: CargoProject;
  readonly plan: BuildPlan;
}

/** The reader's share of the build options. */
export function readOptionsOf(options: RustBuildOptions): ReadOptions {
  return {
    binary: options.binary,
    package: options.package,
    features: options.features,
    noDefaultFeatures: options.noDefaultFeatures,
    allFeatures: options.allFeatures,
    requireLockfile: options.requireLockfile,
    // The closure follows `[target.cfg(...)]` for the triples really built: jemalloc that only musl pulls in is not
    // part of a glibc build, and a build for one platform does not see the other's target dependencies.
    targetTriples: planPlatforms(options.platforms ?? Platform.all(), options.libc?.name === 'gnu' ? 'gnu' : 'musl').map((p) => p.artifactTriple),
  };
}

/**
 * Read the Rust project at `dir` (a folder or a Cargo.toml) and plan its image build.
 *
 * @throws CargoError for unreadable or inconsistent manifests, Error for options that cannot work
 */
export function planDirectory(dir: string, options: RustBuildOptions = {}, context: PlanContext = {}): PlannedProject {
  const project = readCargoProject(dir, readOptionsOf(options));
  return { project, plan: planBuild(project, options, context) };
}
