/**
 * The model of a Rust project that every other part of the library reads from.
 *
 * Plain data only: src/cargo/ builds it from files, src/plan/ decides a build from it, the CLI
 * prints it. Paths are absolute unless a field says it is relative, and relative paths always use
 * forward slashes and are relative to `CargoProject.contextDir` (the folder the image build sees).
 *
 * These types are internal to the library (not exported from the jsii entry point), so they may use
 * string-literal unions.
 */

/** Where a diagnostic points: a file, and the line when it is known (1-based). */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

/** Advice for the user: what was found, what it means, what to do. Never fatal. */
export interface Diagnostic {
  /** Stable id, e.g. `cargo:no-lockfile`; used for acknowledgement in CDK annotations. */
  readonly id: string;
  readonly message: string;
  readonly location?: SourceLocation;
}

export type DependencyKind = 'normal' | 'dev' | 'build';

/** One dependency entry of a manifest, after workspace inheritance is applied. */
export interface DependencySpec {
  /** The key in the manifest (the name the crate is used under). */
  readonly key: string;
  /** The real package name (`package = "..."` renames), else the key. */
  readonly name: string;
  readonly kind: DependencyKind;
  /** `cfg(...)` or triple from `[target.X.dependencies]`. */
  readonly target?: string;
  readonly optional: boolean;
  readonly defaultFeatures: boolean;
  readonly features: string[];
  readonly version?: string;
  /** Absolute path of a path dependency's folder. */
  readonly path?: string;
  readonly git?: string;
}

/** A package (crate) of the project: a workspace member, or a path dependency / patch outside them. */
export interface CargoPackage {
  readonly name: string;
  readonly version?: string;
  readonly edition?: string;
  readonly rustVersion?: string;
  /** Absolute path of the package's Cargo.toml. */
  readonly manifestPath: string;
  /** Absolute path of the package's folder. */
  readonly dir: string;
  /** Member of the workspace (listed in `members`, or the root package). */
  readonly isMember: boolean;
  readonly dependencies: DependencySpec[];
  /** `[features]`, as written. */
  readonly features: Record<string, string[]>;
  readonly defaultRun?: string;
  /** Absolute path of the build script, when the package has one. */
  readonly buildScript?: string;
  readonly hasLib: boolean;
}

/** A binary target that `cargo build` can produce. */
export interface BinaryTarget {
  readonly name: string;
  /** Name of the package that owns it. */
  readonly package: string;
  /** Source file, relative to the package folder (as written in `[[bin]] path`, or discovered). */
  readonly path: string;
  readonly requiredFeatures: string[];
  /** `explicit` for `[[bin]]`, `auto` for cargo's auto-discovery. */
  readonly origin: 'explicit' | 'auto';
}

/** The binary the build will produce, or why none was chosen. */
export interface BinarySelection {
  readonly binary?: BinaryTarget;
  /** Features enabled on the selected package (after defaults), used for required-features. */
  readonly features: string[];
  /** Why this one was taken, or why none could be. */
  readonly reason: string;
  /** Binaries that were not candidates, with the reason (e.g. required feature not enabled). */
  readonly excluded: { readonly binary: string; readonly reason: string }[];
}

export type LockSourceKind = 'registry' | 'git' | 'path';

export interface LockPackage {
  readonly name: string;
  readonly version: string;
  /** Raw `source` value; undefined for path (workspace) packages. */
  readonly source?: string;
  readonly sourceKind: LockSourceKind;
  /** Resolved dependencies as `name version` keys into the lock. */
  readonly dependencies: string[];
}

export interface CargoLock {
  readonly file: string;
  /** Lock format version (1 to 4). */
  readonly version: number;
  readonly packages: LockPackage[];
}

export type ToolchainSource = 'rust-toolchain.toml' | 'rust-toolchain' | 'rust-version' | 'none';

export interface ToolchainInfo {
  /** The channel the project asks for (`1.91.0`, `stable`, `nightly-2026-03-11`), if it asks. */
  readonly channel?: string;
  readonly source: ToolchainSource;
  /** The file it came from. */
  readonly file?: string;
  readonly components: string[];
  readonly targets: string[];
  readonly profile?: string;
  /** The selected package's `rust-version` (MSRV), inherited value included. */
  readonly rustVersion?: string;
}

export interface CargoEnvVar {
  readonly name: string;
  readonly value: string;
  readonly force: boolean;
  readonly relative: boolean;
}

export interface CargoConfig {
  /** Config files read, outermost first. */
  readonly files: string[];
  readonly buildRustflags: string[];
  /** `build.target`, if set (the product always passes `--target`, so this is informational). */
  readonly buildTarget?: string[];
  /** `build.target-dir`, relative to the context, if set. */
  readonly targetDir?: string;
  /** `[target.<triple or cfg>]` rustflags and linker. */
  readonly targets: Record<string, { readonly rustflags: string[]; readonly linker?: string }>;
  readonly env: CargoEnvVar[];
  readonly registries: string[];
  /** `[unstable]` keys such as `build-std`. */
  readonly unstable: string[];
  /** Names of the `[profile.<name>]` tables the config files define. */
  readonly profiles: string[];
}

/** What a crate with native (C) code needs, and what it means at runtime. */
export interface NativeNeed {
  /** Stable key, e.g. `openssl-sys/system`, `openssl-sys/vendored`. */
  readonly id: string;
  readonly crate: string;
  /** One line on what it is. */
  readonly summary: string;
  /** Build-host tools beyond zig's C compiler (`perl`, `make`, `cmake`, `protoc`, `libclang`, ...). */
  readonly buildTools: string[];
  /** Environment for the build: values may contain `{arch}` (`amd64`/`arm64`) and `{triple}`. */
  readonly env: Record<string, string>;
  /** Environment only for one Docker architecture (`amd64` / `arm64`). */
  readonly envPerArch: Record<string, Record<string, string>>;
  /** Needs a CA bundle in the runtime image (it verifies TLS with the system's roots). */
  readonly needsCaCertificates: boolean;
  /** Whether it can be linked into a static musl binary: `ok`, or `unsupported` with advice. */
  readonly musl: 'ok' | 'unsupported';
  /** Whether it works when cross-compiling (host triple != target triple): `ok` or `risky`. */
  readonly cross: 'ok' | 'risky';
  /** What to do when it is unsupported or risky. */
  readonly advice?: string;
}

/** A native crate found in the selected binary's dependency closure. */
export interface NativeDependency {
  readonly crate: string;
  readonly version: string;
  readonly need: NativeNeed;
  /** Crates that depend on it directly (names), within the closure. */
  readonly pulledInBy: string[];
  /** True when it is only reachable through build-dependencies (it runs on the build host). */
  readonly hostOnly: boolean;
}

export interface CargoProject {
  /** The folder (or Cargo.toml's folder) the user gave. */
  readonly inputDir: string;
  /** Folder of the workspace root manifest (the crate's own folder when it is not in a workspace). */
  readonly workspaceRoot: string;
  readonly rootManifest: string;
  /**
   * Smallest folder that holds the workspace root and every path dependency and `[patch]` path crate,
   * followed transitively: the Docker build context.
   */
  readonly contextDir: string;
  readonly isVirtualWorkspace: boolean;
  readonly resolver?: string;
  /** Workspace members and path crates reached from them. */
  readonly packages: CargoPackage[];
  /** Package names of `default-members`, when the workspace sets it. */
  readonly defaultMembers?: string[];
  /** Every binary target of every member. */
  readonly binaries: BinaryTarget[];
  readonly selection: BinarySelection;
  readonly lock?: CargoLock;
  readonly toolchain: ToolchainInfo;
  readonly config: CargoConfig;
  /** Names of the `[profile.<name>]` tables of the workspace root manifest. */
  readonly profiles: string[];
  /** Native crates in the selected binary's closure (or in the closure of every member when none is selected). */
  readonly nativeDeps: NativeDependency[];
  /** Every file the build must see, relative to contextDir (manifests, lock, toolchain, config, build scripts). */
  readonly buildInputs: string[];
  /**
   * Absolute paths of the `proto/`, `.sqlx/` and `migrations/` folders beside the workspace root or a package, found on
   * disk or in the file list that stands in for it (`ReadOptions.fileList`, a manifest-only checkout's TREE.txt).
   */
  readonly dataDirs: string[];
  readonly warnings: Diagnostic[];
}

/** How the user narrows the build. */
export interface ReadOptions {
  readonly binary?: string;
  readonly package?: string;
  readonly features?: string[];
  readonly noDefaultFeatures?: boolean;
  readonly allFeatures?: boolean;
  /** Fail instead of warning when there is no Cargo.lock. */
  readonly requireLockfile?: boolean;
  /**
   * Paths relative to the workspace root that stand in for the disk when discovering targets
   * (`src/main.rs`, `src/bin/*.rs`, `build.rs`), e.g. a `git ls-files` listing.
   */
  readonly fileList?: string[];
  /**
   * When several binaries (or none) could be built, record that in `selection.reason` and a
   * `cargo:no-binary-selected` warning instead of throwing. A binary asked for by name that does not
   * exist is always an error.
   */
  readonly lenientSelection?: boolean;
  /** Target triples the closure is computed for (`[target.cfg(...)]` dependencies); default both musl triples. */
  readonly targetTriples?: string[];
  /** The build context must stay inside this folder (e.g. what the construct may package); else an error names the path crate. */
  readonly contextBoundary?: string;
}
