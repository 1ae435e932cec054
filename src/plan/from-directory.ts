/**
 * The one way every consumer (construct, projen type, CLI) turns a folder and the user's options into
 * a plan: read the project with the options that narrow it, then decide the build. Keeping this in
 * one place means the binary the reader selects and the binary the plan builds cannot disagree.
 */
import { readCargoProject } from '../cargo';
import type { CargoProject, ReadOptions } from '../cargo/model';
import type { BuildPlan } from './model';
import type { RustBuildOptions } from './options';
import { planBuild, PlanContext } from './plan';

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
