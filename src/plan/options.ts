/**
 * The public, jsii-clean options of a Rust image build. The construct, the projen type and the CLI
 * all take these and hand them to `planBuild`. No CDK imports here.
 */

/** A container platform the image is built for. */
export class Platform {
  /** linux/amd64 (x86_64). */
  public static readonly LINUX_AMD64 = new Platform('linux/amd64', 'amd64', 'x86_64');
  /** linux/arm64 (aarch64, AWS Graviton). */
  public static readonly LINUX_ARM64 = new Platform('linux/arm64', 'arm64', 'aarch64');

  /** Every platform this library can build. */
  public static all(): Platform[] {
    return [Platform.LINUX_AMD64, Platform.LINUX_ARM64];
  }

  /**
   * The platform for a Docker platform string (`linux/amd64`, `linux/arm64`).
   *
   * @throws when the platform is not one this library builds
   */
  public static of(docker: string): Platform {
    const found = Platform.all().find((p) => p.docker === docker || p.arch === docker);
    if (!found) {
      throw new Error(
        `Unsupported platform '${docker}': this library builds ${Platform.all().map((p) => p.docker).join(' and ')}. ` +
        'Use Platform.LINUX_AMD64 or Platform.LINUX_ARM64.',
      );
    }
    return found;
  }

  /** The Docker platform, e.g. `linux/arm64`. */
  public readonly docker: string;
  /** The Docker architecture (`TARGETARCH`), e.g. `arm64`. */
  public readonly arch: string;
  /** The first part of the Rust target triple, e.g. `aarch64`. */
  public readonly rustArch: string;

  private constructor(docker: string, arch: string, rustArch: string) {
    this.docker = docker;
    this.arch = arch;
    this.rustArch = rustArch;
  }
}

/** The C library the binary links against. */
export class Libc {
  /** Static musl: one self-contained binary that runs on any base, scratch included. */
  public static readonly MUSL = new Libc('musl');

  /**
   * Dynamic glibc, linked against a glibc no newer than `floor` (cargo-zigbuild's
   * `x86_64-unknown-linux-gnu.2.36` form), so the binary runs on that glibc and newer.
   *
   * @param floor glibc version such as `2.36`; the runtime base's glibc when omitted
   */
  public static gnu(floor?: string): Libc {
    return new Libc('gnu', floor);
  }

  /** `musl` or `gnu`. */
  public readonly name: string;
  /**
   * The oldest glibc the binary runs on, for `gnu`.
   *
   * @default - none for musl; for gnu, the glibc of the runtime base
   */
  public readonly glibcFloor?: string;

  private constructor(name: string, glibcFloor?: string) {
    this.name = name;
    this.glibcFloor = glibcFloor;
  }
}

/** The base image of the runtime stage. */
export class RuntimeBase {
  /** `FROM scratch`: nothing but the binary and the files the plan adds (CA bundle, tzdata). */
  public static readonly SCRATCH = new RuntimeBase('scratch', 'scratch', 'static', false);
  /** Google's distroless static image (non-root user, CA bundle, tzdata). */
  public static readonly DISTROLESS_STATIC = new RuntimeBase('distroless-static', 'gcr.io/distroless/static-debian12', 'static', false);
  /** Alpine Linux (musl, busybox shell). */
  public static readonly ALPINE = new RuntimeBase('alpine', 'alpine', 'musl', true);
  /** Debian bookworm slim (glibc 2.36, shell), by the dated tag of the versions table. */
  public static readonly DEBIAN_SLIM = new RuntimeBase('debian-slim', 'debian', 'gnu', true, '2.36');

  /**
   * Any other base image. Docker Hub short names (`alpine:3.20`) are pulled through the registry
   * mirror like every other image.
   *
   * @param image full image reference, pinned by tag or digest (never `latest`)
   * @param libc `static` (no libc), `musl` or `gnu`
   * @param glibcVersion the image's glibc version, required for `gnu` unless the image is a
   *   well-known one (debian, ubuntu, amazonlinux releases)
   */
  public static custom(image: string, libc: string, glibcVersion?: string): RuntimeBase {
    return new RuntimeBase('custom', image, libc, true, glibcVersion);
  }

  /** Short name: `scratch`, `distroless-static`, `alpine`, `debian-slim` or `custom`. */
  public readonly name: string;
  /**
   * Image reference: without a tag for the built-in bases (the tag comes from the versions table),
   * exactly as given for a custom base.
   */
  public readonly image: string;
  /** The C library of the image: `static` (none), `musl` or `gnu`. */
  public readonly libc: string;
  /** Whether the image has `/bin/sh`. */
  public readonly hasShell: boolean;
  /**
   * The glibc version of a `gnu` base.
   *
   * @default - none for static and musl bases; for a custom gnu base without one, the plan looks it up
   *   for well-known images and fails for others
   */
  public readonly glibcVersion?: string;

  private constructor(name: string, image: string, libc: string, hasShell: boolean, glibcVersion?: string) {
    this.name = name;
    this.image = image;
    this.libc = libc;
    this.hasShell = hasShell;
    this.glibcVersion = glibcVersion;
  }
}

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

/** Compression of every layer of the pushed image, inherited base layers included. */
export class ImageCompression {
  /** gzip: what every ECS, Lambda and containerd version can pull. */
  public static readonly GZIP = new ImageCompression('gzip');
  /** zstd: smaller and faster to unpack; needs containerd 1.5+ on every consumer. */
  public static readonly ZSTD = new ImageCompression('zstd');

  /** The BuildKit `compression=` value: `gzip` or `zstd`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
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
