/**
 * The public, jsii-clean options of a Rust image build. The construct, the projen type and the CLI
 * all take these and hand them to `planBuild`. No CDK imports here.
 */

import { ImageCompression, Libc, Platform, RuntimeBase } from './option-values';

/** Exact versions of the build tools. Every default lives in one table (src/plan/versions.ts). */
export interface ToolVersions {
  /**
   * Rust toolchain channel when the project pins none (no rust-toolchain file, no `rust-version`).
   *
   * @default - the pinned default of this library release
   */
  readonly rust?: string;
  /**
   * cargo-chef version.
   *
   * @default - the pinned default of this library release
   */
  readonly cargoChef?: string;
  /**
   * cargo-zigbuild version.
   *
   * @default - the pinned default of this library release
   */
  readonly cargoZigbuild?: string;
  /**
   * zig version (installed from PyPI's `ziglang` package, pinned by exact version).
   *
   * @default - the pinned default of this library release
   */
  readonly zig?: string;
  /**
   * Base image of the toolchain stage (needs rustup, a C compiler and binutils), pinned by an exact
   * tag or a digest. Docker Hub short names go through the registry mirror.
   *
   * @default - the pinned `rust:<version>-slim-trixie` image of this library release
   */
  readonly builderImage?: string;
}

/** A container health check. */
export interface HealthCheckOptions {
  /**
   * Command run in the container, exec form (no shell on scratch).
   */
  readonly command: string[];
  /**
   * Seconds between checks.
   *
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds before a check counts as failed.
   *
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures before the container is unhealthy.
   *
   * @default 3
   */
  readonly retries?: number;
  /**
   * Grace period in seconds after start.
   *
   * @default 0
   */
  readonly startPeriodSeconds?: number;
}

/** A file or folder of the project copied into the runtime image. */
export interface ExtraFile {
  /** Path relative to the project folder (the `path` the construct is given). */
  readonly source: string;
  /** Absolute path in the image. */
  readonly destination: string;
}

/** What to build and how: shared by the construct, the projen type and the CLI. */
export interface RustBuildOptions {
  /**
   * The binary to build.
   *
   * @default - the only binary `cargo build` would build; an error lists them when there are several
   */
  readonly binary?: string;
  /**
   * The package that owns the binary (cargo `-p`).
   *
   * @default - the package of the selected binary
   */
  readonly package?: string;
  /**
   * Cargo features to enable.
   *
   * @default - none beyond the package's default features
   */
  readonly features?: string[];
  /**
   * Build without the package's default features.
   *
   * @default false
   */
  readonly noDefaultFeatures?: boolean;
  /**
   * Build with every feature.
   *
   * @default false
   */
  readonly allFeatures?: boolean;
  /**
   * Cargo profile.
   *
   * @default 'release'
   */
  readonly profile?: string;
  /**
   * Platforms of the image index.
   *
   * @default [Platform.LINUX_AMD64, Platform.LINUX_ARM64]
   */
  readonly platforms?: Platform[];
  /**
   * C library of the binary.
   *
   * @default Libc.MUSL
   */
  readonly libc?: Libc;
  /**
   * Base of the runtime stage.
   *
   * @default RuntimeBase.SCRATCH for musl, RuntimeBase.DEBIAN_SLIM for gnu
   */
  readonly runtimeBase?: RuntimeBase;
  /**
   * Registry that every image in the Dockerfile is pulled from instead of Docker Hub, e.g.
   * `public.ecr.aws/docker/library` or an ECR pull-through cache prefix.
   *
   * @default 'public.ecr.aws/docker/library' (Docker Hub's official images, without its rate limit)
   */
  readonly registryMirror?: string;
  /**
   * Exact tool versions.
   *
   * @default - the pinned defaults of this library release
   */
  readonly toolVersions?: ToolVersions;
  /**
   * Fail when the project has no Cargo.lock (builds use `--locked` only with one).
   *
   * @default false (warn)
   */
  readonly requireLockfile?: boolean;
  /**
   * Allow `-C target-cpu=native` in the project's rustflags. The build host's CPU is not the CPU the
   * image runs on, so the binary may crash with an illegal instruction.
   *
   * @default false
   */
  readonly allowTargetCpuNative?: boolean;
  /**
   * Environment of the build (the builder stage, so build scripts and cargo see it), e.g. a variable the
   * project's build scripts read. It is set on every architecture and wins over what the plan sets for native
   * crates. Setting `RUSTFLAGS` here replaces every rustflag of the project's `.cargo/config.toml`.
   *
   * @default - none beyond what the native crates need
   */
  readonly buildEnvironment?: Record<string, string>;
  /**
   * Ports the service listens on (`EXPOSE`).
   *
   * @default - none
   */
  readonly ports?: number[];
  /**
   * Environment of the runtime image.
   *
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Container health check.
   *
   * @default - none
   */
  readonly healthCheck?: HealthCheckOptions;
  /**
   * Files and folders of the project copied into the runtime image (config, static assets).
   *
   * @default - none
   */
  readonly extraFiles?: ExtraFile[];
  /**
   * Files and folders the build must see beyond manifests, sources, build scripts, `proto/`, `.sqlx/`
   * and `migrations/` (for example assets pulled in with `include_str!`), relative to the project.
   *
   * @default - none
   */
  readonly buildFiles?: string[];
  /**
   * Install time-zone data in the runtime image.
   *
   * @default false
   */
  readonly timezoneData?: boolean;
  /**
   * User the service runs as (`uid:gid`).
   *
   * @default '65532:65532' (non-root)
   */
  readonly user?: string;
  /**
   * OCI labels of the image.
   *
   * @default - the `org.opencontainers.image.title` label (the binary name) only
   */
  readonly labels?: Record<string, string>;
  /**
   * Compression of every image layer. Forced for inherited base layers too: ECS fails to pull an
   * image whose layers mix zstd and gzip.
   *
   * @default ImageCompression.GZIP
   */
  readonly imageCompression?: ImageCompression;
}
