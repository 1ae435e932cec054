/**
 * The one place the projen side reaches into the library's pipeline: read the Rust project as it
 * is on disk now, plan its build and render the files the image build needs.
 */
import type { Diagnostic } from '../cargo/model';
import { planDirectory } from '../plan';
import type { RustBuildOptions } from '../plan/options';
import { renderDockerfile, renderDockerignore } from '../render';

/** The rendered image files of one Rust project, and the advice that came with them. */
export interface ImageFiles {
  readonly dockerfile: string;
  readonly dockerignore: string;
  readonly warnings: Diagnostic[];
}

/**
 * Reads the Rust project in `dir` (its Cargo.toml, Cargo.lock, toolchain and cargo config as they
 * are on disk at this moment) and renders its Dockerfile and .dockerignore.
 *
 * @throws when the project cannot be read or built as asked (the message names the file or option)
 */
export function renderImageFiles(dir: string, options: RustBuildOptions): ImageFiles {
  const { plan } = planDirectory(dir, options);
  return {
    dockerfile: renderDockerfile(plan),
    dockerignore: renderDockerignore(plan),
    warnings: plan.warnings,
  };
}
