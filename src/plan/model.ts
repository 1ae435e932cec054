/**
 * The build plan: every decision a renderer needs, as plain data. Internal (not exported from the
 * jsii entry point), so unions are fine here. Paths are relative to `contextDir` with forward slashes
 * unless a field says otherwise.
 */
import type { Diagnostic } from '../cargo/model';

export type DockerArch = 'amd64' | 'arm64';

/** One platform of the image index and the Rust target that produces its binary. */
export interface PlannedPlatform {
  /** Docker platform, e.g. `linux/arm64`. */
  readonly platform: string;
  /** Docker `TARGETARCH`. */
  readonly arch: DockerArch;
  /** Triple given to cargo-zigbuild, with the glibc suffix for gnu (`x86_64-unknown-linux-gnu.2.36`). */
  readonly triple: string;
  /** Triple without the suffix: the rustup target and the folder under the target dir. */
  readonly artifactTriple: string;
  /** What `readelf -h` prints as `Machine:` for this architecture. */
  readonly elfMachine: string;
}

export interface PlannedToolchain {
  /** Channel installed explicitly with rustup (`1.91.0`, `stable`, `nightly-2026-03-11`). */
  readonly channel: string;
  readonly source: 'rust-toolchain.toml' | 'rust-toolchain' | 'rust-version' | 'default' | 'option';
  /** The toolchain file, relative to the context, when the project has one. */
  readonly file?: string;
  readonly components: string[];
  /** Every rustup target installed: both platform triples plus the file's own targets. */
  readonly targets: string[];
}

export interface PlannedTools {
  readonly cargoChef: string;
  readonly cargoZigbuild: string;
  readonly zig: string;
}

/** Fully qualified image references (registry mirror applied), by role. */
export interface PlannedImages {
  /** The `# syntax=` frontend image. */
  readonly syntax: string;
  /** Base of the toolchain stage. */
  readonly builder: string;
  /** Stage that provides the CA bundle and tzdata to copy into the runtime image. */
  readonly runtimeFiles: string;
  /** Base of the runtime stage (`scratch` for scratch). */
  readonly runtime: string;
}

export interface PlannedFiles {
  /** Manifests of every package of the build, the workspace root's included. */
  readonly manifests: string[];
  readonly lockFile?: string;
  readonly toolchainFile?: string;
  /** `.cargo/config(.toml)` files inside the context. */
  readonly cargoConfig: string[];
  /** Folders of path crates that are not workspace members (path dependencies, `[patch]`): copied before `cook`, because the recipe does not skeleton them. */
  readonly preCookDirs: string[];
  readonly buildScripts: string[];
  /** `proto/`, `.sqlx/`, `migrations/` folders found beside a package. */
  readonly dataDirs: string[];
  /** The user's `buildFiles`. */
  readonly userFiles: string[];
}

export interface PlannedRuntime {
  readonly base: 'scratch' | 'distroless-static' | 'alpine' | 'debian-slim' | 'custom';
  /** `static`, `musl` or `gnu`. */
  readonly libc: string;
  readonly user: string;
  /** Copy the CA bundle from the runtime-files stage. */
  readonly caCertificates: boolean;
  readonly timezoneData: boolean;
  readonly ports: number[];
  readonly env: Record<string, string>;
  readonly healthCheck?: {
    readonly command: string[];
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly retries: number;
    readonly startPeriodSeconds: number;
  };
  readonly extraFiles: { readonly source: string; readonly destination: string }[];
  readonly labels: Record<string, string>;
  /** Absolute path of the binary in the image. */
  readonly binaryPath: string;
}

/** What the ELF checks after the link assert. */
export interface PlannedChecks {
  /** No program interpreter and no NEEDED entries (musl). */
  readonly static: boolean;
  /** Highest `GLIBC_x.y` symbol version allowed (gnu). */
  readonly maxGlibc?: string;
  /**
   * jemalloc (tikv-jemalloc-sys / jemalloc-sys) is compiled for the target: its configure/make build can yield an
   * empty archive under zig, which cargo does not notice, so the build checks the archive after `cook` (case B15).
   */
  readonly jemalloc: boolean;
}

export interface BuildPlan {
  /** Absolute folder sent as the Docker build context. */
  readonly contextDir: string;
  /** The build context relative to the project folder given (`.`, or `..` when path crates lie outside it, B07). */
  readonly contextFromProject: string;
  /** Folder cargo runs in (the workspace root), relative to the context; `.` when it is the context. */
  readonly workdir: string;
  readonly package: string;
  readonly binary: string;
  /** Feature flags for cargo (`--features a,b`, `--no-default-features`, `--all-features`). */
  readonly featureFlags: string[];
  readonly profile: string;
  /** Folder of the profile under `<target>/<triple>/`: `release`, `debug` or the profile name. */
  readonly profileDir: string;
  readonly libc: 'musl' | 'gnu';
  readonly glibcFloor?: string;
  readonly platforms: PlannedPlatform[];
  /** Target dir relative to the context (honours `build.target-dir`). */
  readonly targetDir: string;
  /** Whether builds pass `--locked` (a Cargo.lock exists). */
  readonly locked: boolean;
  readonly toolchain: PlannedToolchain;
  readonly tools: PlannedTools;
  readonly images: PlannedImages;
  /** Debian packages the toolchain stage installs for native crates. */
  readonly builderPackages: string[];
  /**
   * The rustflags cargo applies per architecture from the project's `.cargo/config(.toml)`: the matching
   * `[target.<triple>]` / `[target.'cfg(..)']` flags, else `[build] rustflags`. The Dockerfile copies the config and
   * sets no RUSTFLAGS variable, so these are what the compiler gets (shown, never rendered).
   */
  readonly rustflags: Record<DockerArch, string[]>;
  /** Build environment per Docker architecture (the same keys on every arch may differ in value). */
  readonly env: Record<DockerArch, Record<string, string>>;
  readonly files: PlannedFiles;
  readonly runtime: PlannedRuntime;
  readonly checks: PlannedChecks;
  /** How the buildspec exports the image: one compression for every layer (case B29). */
  readonly imageOutput: { readonly compression: 'gzip' | 'zstd'; readonly forceCompression: true };
  readonly warnings: Diagnostic[];
}
