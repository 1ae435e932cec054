/**
 * From command-line options to the same `RustBuildOptions` the construct takes, so the CLI shows
 * exactly what a synthesis with those props would build.
 */
import { UsageError, type CommandSpec, type ParsedArgs } from './args';
import { Libc, Platform, RuntimeBase } from '../plan/option-values';
import type { RustBuildOptions } from '../plan/options';

/** Options shared by every command that plans a build. */
export const BUILD_OPTION_SPEC: CommandSpec = {
  values: [
    'binary', 'package', 'profile', 'libc', 'runtime-base', 'registry-mirror', 'user',
    'rust', 'cargo-chef', 'cargo-zigbuild', 'zig', 'builder-image', 'health-check',
  ],
  lists: ['features', 'platforms', 'ports', 'build-files'],
  repeated: ['env', 'build-env'],
  flags: ['no-default-features', 'all-features', 'require-lockfile', 'allow-target-cpu-native', 'timezone-data'],
  maxPositionals: 1,
};

export const BUILD_OPTION_HELP = `Build options (the construct's props of the same names):
  --binary NAME              The binary to build (default: the only candidate)
  --package NAME             The package that owns it (cargo -p)
  --features A,B             Features to enable (repeatable)
  --no-default-features      Build without the package's default features
  --all-features             Build with every feature
  --profile NAME             Cargo profile (default: release)
  --platforms P,P            linux/amd64, linux/arm64 (default: both)
  --libc musl|gnu[:2.36]     musl (static, default) or glibc with a version floor
  --runtime-base NAME        scratch, distroless-static, alpine, debian-slim (default: scratch for musl)
  --registry-mirror PREFIX   Where Docker Hub images are pulled from (default: public.ecr.aws/docker/library)
  --user UID:GID             User of the runtime image (default: 65532:65532)
  --ports N,N                Ports to EXPOSE (digits; a repeated port is kept once)
  --env KEY=VALUE            Environment of the runtime image (repeatable)
  --build-env KEY=VALUE      Environment of the build, e.g. a variable build scripts read (repeatable)
  --health-check 'CMD ARGS'  Container health check, run without a shell (split on spaces; scratch has no wget)
  --build-files P,P          Extra files the build must see (assets used by include_str!, ...)
  --timezone-data            Copy tzdata into the runtime image
  --rust, --cargo-chef, --cargo-zigbuild, --zig VERSION, --builder-image REF
                             Override one pinned tool version (exact versions only)
  --require-lockfile         Fail when there is no Cargo.lock
  --allow-target-cpu-native  Accept -C target-cpu=native in the project's rustflags
`;

const RUNTIME_BASES: Record<string, RuntimeBase> = {
  'scratch': RuntimeBase.SCRATCH,
  'distroless-static': RuntimeBase.DISTROLESS_STATIC,
  'alpine': RuntimeBase.ALPINE,
  'debian-slim': RuntimeBase.DEBIAN_SLIM,
};

/** The build options the parsed arguments ask for. */
export function buildOptionsOf(args: ParsedArgs): RustBuildOptions {
  const v = args.values;
  if (args.flags.has('all-features') && args.flags.has('no-default-features')) {
    throw new UsageError('--all-features and --no-default-features exclude each other; choose one');
  }
  const toolVersions = {
    rust: v.rust,
    cargoChef: v['cargo-chef'],
    cargoZigbuild: v['cargo-zigbuild'],
    zig: v.zig,
    builderImage: v['builder-image'],
  };
  return {
    binary: v.binary,
    package: v.package,
    features: args.lists.features,
    noDefaultFeatures: args.flags.has('no-default-features') || undefined,
    allFeatures: args.flags.has('all-features') || undefined,
    profile: v.profile,
    platforms: args.lists.platforms?.map(platformOf),
    libc: v.libc === undefined ? undefined : libcOf(v.libc),
    runtimeBase: v['runtime-base'] === undefined ? undefined : runtimeBaseOf(v['runtime-base']),
    registryMirror: v['registry-mirror'],
    user: v.user,
    ports: args.lists.ports === undefined ? undefined : [...new Set(args.lists.ports.map(portOf))],
    environment: envOf('env', args.lists.env),
    buildEnvironment: envOf('build-env', args.lists['build-env']),
    healthCheck: v['health-check'] === undefined ? undefined : { command: commandOf(v['health-check']) },
    buildFiles: args.lists['build-files'],
    timezoneData: args.flags.has('timezone-data') || undefined,
    toolVersions: Object.values(toolVersions).some((x) => x !== undefined) ? toolVersions : undefined,
    requireLockfile: args.flags.has('require-lockfile') || undefined,
    allowTargetCpuNative: args.flags.has('allow-target-cpu-native') || undefined,
  };
}

function platformOf(value: string): Platform {
  try {
    return Platform.of(value);
  } catch {
    throw new UsageError(`--platforms: '${value}' is not a platform this library builds; use linux/amd64 and/or linux/arm64`);
  }
}

function libcOf(value: string): Libc {
  const [name, floor, ...rest] = value.split(':');
  if (name === 'musl' && floor === undefined) return Libc.MUSL;
  if (name === 'gnu' && rest.length === 0) return Libc.gnu(floor);
  throw new UsageError(`--libc: '${value}' is not musl, gnu or gnu:<glibc version> such as gnu:2.36`);
}

function runtimeBaseOf(value: string): RuntimeBase {
  const base = RUNTIME_BASES[value];
  if (!base) {
    throw new UsageError(`--runtime-base: '${value}' is not one of ${Object.keys(RUNTIME_BASES).join(', ')}`);
  }
  return base;
}

function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`--ports: '${value}' is not a port number (1-65535)`);
  }
  return port;
}

function envOf(option: string, pairs: string[] | undefined): Record<string, string> | undefined {
  if (pairs === undefined) return undefined;
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${option}: '${pair}' is not KEY=VALUE`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

function commandOf(value: string): string[] {
  const argv = value.split(/\s+/).filter((w) => w !== '');
  if (argv.length === 0) throw new UsageError("--health-check: give the command, e.g. '/usr/local/bin/app healthcheck'");
  return argv;
}
