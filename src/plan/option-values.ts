/**
 * The enum-like classes the public options take: platform, C library, runtime base and layer
 * compression. jsii has no string unions, so each choice is a class with static members (and a
 * `custom()` or factory where a free value is allowed). No CDK imports here.
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
