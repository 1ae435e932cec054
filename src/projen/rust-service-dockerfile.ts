import * as path from 'path';
import { Component, Project } from 'projen';
import { GeneratedTextFile } from './generated-text-file';
import { ImageFiles, renderImageFiles } from './image-files';
import type { Diagnostic } from '../cargo/model';
import type { RustBuildOptions } from '../plan/options';

/** Options of {@link RustServiceDockerfile}. */
export interface RustServiceDockerfileOptions extends RustBuildOptions {
  /**
   * Folder of the Rust project (the one holding its Cargo.toml), relative to the projen project's
   * root. The Dockerfile and .dockerignore are written there.
   *
   * @default '.'
   */
  readonly directory?: string;
}

/**
 * Writes and maintains the Dockerfile and .dockerignore of a Rust service held in a folder of a
 * projen project. On every `npx projen` they are rendered again from the Cargo.toml, Cargo.lock,
 * toolchain file and cargo config found in that folder at that moment, so a new dependency that
 * needs protoc or a C toolchain shows up in the Dockerfile.
 *
 * @example
 *
 * new RustServiceDockerfile(project, { directory: 'services/api', ports: [8080] });
 */
export class RustServiceDockerfile extends Component {
  /** Every RustServiceDockerfile of a project. */
  public static of(project: Project): RustServiceDockerfile[] {
    return project.components.filter((c): c is RustServiceDockerfile => c instanceof RustServiceDockerfile);
  }

  /** Folder of the Rust project, relative to the project root (`.` for the root). */
  public readonly directory: string;
  /** Path of the generated Dockerfile, relative to the project root. */
  public readonly dockerfilePath: string;
  /** Path of the generated .dockerignore, relative to the project root. */
  public readonly dockerignorePath: string;

  private readonly options: RustBuildOptions;
  private rendered?: ImageFiles;

  public constructor(project: Project, options: RustServiceDockerfileOptions = {}) {
    super(project);
    this.directory = normalizeDirectory(options.directory ?? '.');
    const { directory: _directory, ...buildOptions } = options;
    this.options = buildOptions;

    this.dockerfilePath = path.posix.join(this.directory, 'Dockerfile');
    this.dockerignorePath = path.posix.join(this.directory, '.dockerignore');
    new GeneratedTextFile(this, this.dockerfilePath, () => this.render().dockerfile);
    new GeneratedTextFile(this, this.dockerignorePath, () => this.render().dockerignore);
  }

  /**
   * The advice the build plan gave in the last synthesis, one `[id] message` line each (for example
   * `[cargo:no-lockfile] ...`). Empty before the project is synthesized.
   */
  public get warnings(): string[] {
    return (this.rendered?.warnings ?? []).map(formatWarning);
  }

  /** Forgets the last rendering, so that synthesis renders from the project files as they are then. */
  public preSynthesize(): void {
    // Render from the files as they are now, not as they were at an earlier synthesis.
    this.rendered = undefined;
  }

  private render(): ImageFiles {
    if (!this.rendered) {
      this.rendered = renderImageFiles(path.resolve(this.project.outdir, this.directory), this.options);
      for (const warning of this.rendered.warnings) {
        this.project.logger.warn(`${this.dockerfilePath}: ${formatWarning(warning)}`);
      }
    }
    return this.rendered;
  }
}

function formatWarning(warning: Diagnostic): string {
  return `[${warning.id}] ${warning.message}`;
}

function normalizeDirectory(directory: string): string {
  const normalized = path.posix.normalize(directory.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (path.posix.isAbsolute(normalized) || normalized === '..' || normalized.startsWith('../')) {
    throw new Error(
      `RustServiceDockerfile: directory '${directory}' is outside the project. ` +
      'Give the folder of the Rust project relative to the projen project root, e.g. \'services/api\'.',
    );
  }
  return normalized;
}
