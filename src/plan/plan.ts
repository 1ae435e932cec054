/**
 * planBuild: from the project model and the user's options to the BuildPlan every renderer reads.
 * Pure: everything it needs from disk is in the CargoProject (the user's buildFiles are checked to exist).
 */
import { planBuildEnv, planRustflags } from './build-env';
import { checkContextPath, planFiles, planTargetDir, planWorkdir } from './context';
import { checkDebianRustImage, checkImagePinned, checkMirror, DEFAULT_MIRROR, parseImage, pinnedRef, qualify } from './images';
import type { BuildPlan, DockerArch, PlannedFiles, PlannedRuntime } from './model';
import { planNative } from './native-steps';
import { Platform } from './option-values';
import type { RustBuildOptions } from './options';
import { planPlatforms } from './platforms';
import { planRuntime } from './runtime';
import { planToolchain, relative } from './toolchain';
import { checkPinned, knownBadWarnings, VERSIONS } from './versions';
import type { BinaryTarget, CargoProject, Diagnostic } from '../cargo/model';

/** How the build is run, decided by the construct rather than by the image options. */
export interface PlanContext {
  /**
   * One builder compiles every platform (the CROSS strategy), so C code of other architectures is
   * configured and compiled off-host. Default false: each architecture builds on its own host.
   */
  readonly crossBuild?: boolean;
}

/** Crates that build jemalloc with its configure script and link it under the `_rjem_` prefix. */
const JEMALLOC_CRATES = ['tikv-jemalloc-sys', 'jemalloc-sys'];

/** Names that go into shell lines unquoted: cargo package, binary, profile and feature names. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const SAFE_FEATURE = /^[A-Za-z0-9_][A-Za-z0-9_.+/-]*$/;

/** The built-in profiles and their output folders: `test` inherits from dev, `bench` from release. */
const BUILT_IN_PROFILE_DIRS: Record<string, string> = { dev: 'debug', test: 'debug', release: 'release', bench: 'release' };

/**
 * Decide the build.
 *
 * @throws when the combination cannot work (see the messages: each names the prop or the crate and the fix)
 */
export function planBuild(project: CargoProject, options: RustBuildOptions = {}, context: PlanContext = {}): BuildPlan {
  const warnings: Diagnostic[] = [...project.warnings];

  // What to build.
  const bin = selectBinary(project, options);
  const pkg = safe('package', options.package ?? bin.package, SAFE_NAME);
  const profile = checkProfile(project, safe('profile', options.profile ?? 'release', SAFE_NAME));
  const featureFlags = planFeatures(project, pkg, options);
  const locked = planLock(project, options, warnings);
  checkTargetCpu(project, options, warnings);
  checkOneLine('environment', options.environment);
  checkOneLine('buildEnvironment', options.buildEnvironment);
  checkOneLine('labels', options.labels);

  // Where it runs and with what.
  const libc = planLibc(options);
  const mirror = checkMirror('registryMirror', options.registryMirror ?? DEFAULT_MIRROR);
  const native = planNative(project, planPlatforms(options.platforms ?? Platform.all(), libc), libc, context.crossBuild ?? false, warnings);
  const rt = planRuntime(project, options, bin.name, libc, native.caCertificates, mirror, warnings);
  const platforms = planPlatforms(options.platforms ?? Platform.all(), libc, rt.glibcFloor);
  const toolchain = planToolchain(project, platforms, options.toolVersions?.rust, warnings);
  const tv = options.toolVersions ?? {};
  const tools = {
    cargoChef: tv.cargoChef === undefined ? VERSIONS.cargoChef : checkPinned('toolVersions.cargoChef', tv.cargoChef),
    cargoZigbuild: tv.cargoZigbuild === undefined ? VERSIONS.cargoZigbuild : checkPinned('toolVersions.cargoZigbuild', tv.cargoZigbuild),
    zig: tv.zig === undefined ? VERSIONS.zig : checkPinned('toolVersions.zig', tv.zig),
  };
  warnings.push(...knownBadWarnings(tools));

  // Files and environment.
  const workdir = planWorkdir(project);
  const files = planFiles(project, options.buildFiles ?? []);
  const targetDir = planTargetDir(project, workdir);
  checkPaths(project, workdir, targetDir, files, rt.runtime);
  const env = native.env;
  planBuildEnv(project, files, platforms, env, options.buildEnvironment ?? {}, warnings);
  const rustflags = planRustflags(project, platforms, warnings);

  return {
    contextDir: project.contextDir,
    contextFromProject: relative(project.inputDir, project.contextDir),
    workdir,
    package: pkg,
    binary: bin.name,
    featureFlags,
    profile,
    profileDir: BUILT_IN_PROFILE_DIRS[profile] ?? profile,
    libc,
    glibcFloor: rt.glibcFloor,
    platforms,
    targetDir,
    locked,
    toolchain,
    tools,
    images: {
      syntax: VERSIONS.dockerfileSyntax,
      builder: builderImage(options.toolVersions?.builderImage, mirror, warnings),
      runtimeFiles: qualify(pinnedRef(VERSIONS.images.debianSlim), mirror, warnings),
      runtime: rt.image,
    },
    builderPackages: native.builderPackages,
    rustflags,
    env: onlyPlanned(env, platforms.map((p) => p.arch)),
    files,
    runtime: rt.runtime,
    checks: {
      static: libc === 'musl',
      maxGlibc: rt.glibcFloor,
      jemalloc: project.nativeDeps.some((d) => JEMALLOC_CRATES.includes(d.crate) && !d.hostOnly),
    },
    imageOutput: { compression: options.imageCompression?.name === 'zstd' ? 'zstd' : 'gzip', forceCompression: true },
    warnings,
  };
}

function selectBinary(project: CargoProject, options: RustBuildOptions): BinaryTarget {
  const names = project.binaries.map((b) => `${b.name} (package ${b.package})`).join(', ') || 'none';
  if (options.binary !== undefined) {
    const found = project.binaries.filter((b) => b.name === options.binary && (!options.package || b.package === options.package));
    if (found.length === 0) {
      throw new Error(
        `binary is '${options.binary}'${options.package ? ` in package '${options.package}'` : ''}, but ${project.rootManifest} ` +
        `declares no such binary. Binaries found: ${names}.`,
      );
    }
    if (found.length > 1) {
      throw new Error(`binary '${options.binary}' exists in several packages (${found.map((b) => b.package).join(', ')}): set package too.`);
    }
    return checkBin(found[0]);
  }
  const sel = project.selection.binary;
  if (!sel) {
    throw new Error(`No binary to build in ${project.rootManifest}: ${project.selection.reason}. Set binary to one of: ${names}.`);
  }
  return checkBin(sel);
}

function checkBin(bin: BinaryTarget): BinaryTarget {
  safe('binary', bin.name, SAFE_NAME);
  return bin;
}

function planFeatures(project: CargoProject, pkg: string, options: RustBuildOptions): string[] {
  const flags: string[] = [];
  const features = (options.features ?? []).map((f) => checkFeature(project, pkg, safe('features', f, SAFE_FEATURE)));
  if (options.allFeatures) {
    if (features.length > 0 || options.noDefaultFeatures) {
      throw new Error('allFeatures is true together with features or noDefaultFeatures: allFeatures already enables every feature; keep one.');
    }
    flags.push('--all-features');
  }
  if (options.noDefaultFeatures) flags.push('--no-default-features');
  if (features.length > 0) flags.push('--features', features.join(','));
  return flags;
}

/**
 * A feature cargo would refuse: not in `[features]`, not the implicit feature of an optional dependency, and
 * not `dep/feature` for a dependency of the package.
 */
function checkFeature(project: CargoProject, pkgName: string, feature: string): string {
  const pkg = project.packages.find((p) => p.name === pkgName);
  if (!pkg || feature === 'default') return feature;
  const explicitDep = new Set(Object.values(pkg.features).flat().filter((f) => f.startsWith('dep:')).map((f) => f.slice(4)));
  const implicit = pkg.dependencies.filter((d) => d.optional && !explicitDep.has(d.key)).map((d) => d.key);
  const available = [...new Set([...Object.keys(pkg.features), ...implicit])].sort();
  const depKeys = new Set(pkg.dependencies.filter((d) => d.kind !== 'dev').map((d) => d.key));
  const slash = feature.indexOf('/');
  if (slash >= 0 ? depKeys.has(feature.slice(0, slash)) : available.includes(feature)) return feature;
  throw new Error(
    `features lists '${feature}', which package '${pkgName}' (${pkg.manifestPath}) does not define` +
    `${slash >= 0 ? `: '${feature.slice(0, slash)}' is not one of its dependencies` : ''}. ` +
    `Its features: ${available.join(', ') || 'none'}${slash < 0 ? '' : `; its dependencies: ${[...depKeys].sort().join(', ') || 'none'}`}.`,
  );
}

/** A profile cargo knows: built in, or a `[profile.<name>]` of the workspace root manifest or the cargo config. */
function checkProfile(project: CargoProject, profile: string): string {
  const defined = [...new Set([...project.profiles, ...project.config.profiles])];
  if (profile in BUILT_IN_PROFILE_DIRS || defined.includes(profile)) return profile;
  const available = [...new Set([...Object.keys(BUILT_IN_PROFILE_DIRS), ...defined])].sort();
  throw new Error(
    `profile is '${profile}', which is neither built in nor defined as [profile.${profile}] in ${project.rootManifest}` +
    `${project.config.files.length > 0 ? ` or ${project.config.files.join(', ')}` : ''}. Available profiles: ${available.join(', ')}.`,
  );
}

function planLock(project: CargoProject, options: RustBuildOptions, warnings: Diagnostic[]): boolean {
  if (project.lock) return true;
  if (options.requireLockfile) {
    throw new Error(`${project.workspaceRoot} has no Cargo.lock and requireLockfile is true: run 'cargo generate-lockfile' and commit Cargo.lock.`);
  }
  if (!warnings.some((w) => w.id === 'cargo:no-lockfile')) {
    warnings.push({
      id: 'plan:no-lockfile',
      message:
        `${project.workspaceRoot} has no Cargo.lock, so every build resolves dependencies anew and may get different ` +
        "versions; the build runs without --locked. Run 'cargo generate-lockfile' and commit Cargo.lock.",
    });
  }
  return false;
}

/** B11: `-C target-cpu=native` targets the CodeBuild host's CPU, not the one the image runs on. */
function checkTargetCpu(project: CargoProject, options: RustBuildOptions, warnings: Diagnostic[]): void {
  const flags = [...project.config.buildRustflags, ...Object.values(project.config.targets).flatMap((t) => t.rustflags)];
  const native = flags.some((f, i) => /target-cpu=native/.test(f) || (f === 'target-cpu' && flags[i + 1] === 'native'));
  if (!native) return;
  const where = project.config.files.join(', ') || '.cargo/config.toml';
  if (!options.allowTargetCpuNative) {
    throw new Error(
      `${where} sets '-C target-cpu=native': the binary is tuned to the build host's CPU, and the CPU the image runs on ` +
      '(another instance type, Fargate) may lack those instructions and crash with SIGILL. Remove the flag or use a ' +
      "named baseline such as 'x86-64-v2' / 'neoverse-n1', or set allowTargetCpuNative to accept the risk.",
    );
  }
  warnings.push({
    id: 'plan:target-cpu-native',
    message: `${where} sets '-C target-cpu=native' and allowTargetCpuNative is true: the binary may crash with SIGILL on a different CPU.`,
  });
}

function planLibc(options: RustBuildOptions): 'musl' | 'gnu' {
  const name = options.libc?.name ?? 'musl';
  if (name !== 'musl' && name !== 'gnu') throw new Error(`libc is '${name}': use Libc.MUSL or Libc.gnu().`);
  return name;
}

function builderImage(ref: string | undefined, mirror: string, warnings: Diagnostic[]): string {
  if (ref === undefined) return qualify(pinnedRef(VERSIONS.images.builder), mirror, warnings);
  const img = checkImagePinned('toolVersions.builderImage', ref);
  checkDebianRustImage('toolVersions.builderImage', ref);
  if (!img.digest && !/\d+\.\d+\.\d+/.test(img.tag ?? '')) {
    warnings.push({
      id: 'plan:floating-builder-image',
      message:
        `toolVersions.builderImage '${ref}' has a tag that moves with new patch releases and Debian point releases ` +
        `(its glibc and packages change under the same tag). Pin an exact tag such as '${parseImage(ref).repository}:${VERSIONS.images.builder.tag}' or a digest.`,
    });
  }
  return qualify(img, mirror, warnings);
}

function safe(prop: string, value: string, re: RegExp): string {
  if (!re.test(value)) {
    throw new Error(`${prop} is '${value}', which is not a valid cargo name (letters, digits, '_', '-', '.', '+'${re === SAFE_FEATURE ? ", '/'" : ''}).`);
  }
  return value;
}

/** Every project path that reaches a Dockerfile line, checked for characters no line carries safely. */
function checkPaths(project: CargoProject, workdir: string, targetDir: string, files: PlannedFiles, runtime: PlannedRuntime): void {
  const ctx = project.contextDir;
  checkContextPath('The workspace folder', workdir, ctx);
  checkContextPath(`build.target-dir${project.config.files.length > 0 ? ` in ${project.config.files.join(', ')}` : ''}`, targetDir, ctx);
  const named: [string, (string | undefined)[]][] = [
    ['The manifest', files.manifests], ['The lock file', [files.lockFile]], ['The toolchain file', [files.toolchainFile]],
    ['The cargo config', files.cargoConfig], ['The path crate folder', files.preCookDirs], ['The build script', files.buildScripts],
    ['The data folder', files.dataDirs], ['buildFiles entry', files.userFiles],
    ['extraFiles source', runtime.extraFiles.map((e) => e.source)], ['extraFiles destination', runtime.extraFiles.map((e) => e.destination)],
  ];
  for (const [what, paths] of named) for (const p of paths) if (p !== undefined) checkContextPath(what, p, ctx);
}

function onlyPlanned(env: Record<DockerArch, Record<string, string>>, arches: DockerArch[]): Record<DockerArch, Record<string, string>> {
  return { amd64: arches.includes('amd64') ? env.amd64 : {}, arm64: arches.includes('arm64') ? env.arm64 : {} };
}

/** ENV and LABEL values become one Dockerfile line each: a line break would end the instruction. */
function checkOneLine(prop: string, values: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    if (/[\r\n]/.test(value)) {
      throw new Error(`${prop}.${key} is ${JSON.stringify(value)}, which holds a line break: each value becomes one Dockerfile line. Remove the line break.`);
    }
  }
}
