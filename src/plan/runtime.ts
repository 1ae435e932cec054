/**
 * The runtime stage: base image, user, CA bundle, tzdata, ports, env, health check, extra files and
 * labels. The runtime stage only copies (no RUN), so what the base lacks comes from a stage on the
 * build platform. A binary that needs a loader the base lacks is refused (cases B18, B20).
 */
import * as path from 'path';
import { checkImagePinned, parseImage, pinnedRef, qualify } from './images';
import type { PlannedRuntime } from './model';
import { RuntimeBase } from './option-values';
import type { RustBuildOptions } from './options';
import { checkGlibcFloor } from './platforms';
import { relative } from './toolchain';
import { GLIBC_OF_BASE, VERSIONS } from './versions';
import type { CargoProject, Diagnostic } from '../cargo/model';

/** Bases that already carry a CA bundle / tzdata. */
const HAS_CA = new Set(['distroless-static', 'alpine']);
const HAS_TZDATA = new Set(['distroless-static']);

export interface RuntimeDecision {
  readonly runtime: PlannedRuntime;
  /** FROM reference of the runtime stage. */
  readonly image: string;
  /** glibc floor for gnu builds (the option's, else the base's). */
  readonly glibcFloor?: string;
}

/**
 * Decide the runtime stage.
 *
 * @param nativeNeedsCa a crate compiled into the binary verifies TLS with the system roots
 */
export function planRuntime(
  project: CargoProject,
  options: RustBuildOptions,
  binary: string,
  libc: 'musl' | 'gnu',
  nativeNeedsCa: boolean,
  mirror: string,
  warnings: Diagnostic[],
): RuntimeDecision {
  const base = options.runtimeBase ?? (libc === 'musl' ? RuntimeBase.SCRATCH : RuntimeBase.DEBIAN_SLIM);
  const image = baseImage(base, mirror, warnings);

  // B20: a glibc binary needs the glibc loader; static and musl bases have none.
  if (libc === 'gnu' && base.libc !== 'gnu') {
    throw new Error(
      `libc is gnu but runtimeBase '${base.name === 'custom' ? base.image : base.name}' is a ${base.libc} image without ` +
      "the glibc loader: the container would fail with 'exec: no such file or directory'. Use Libc.MUSL (a static " +
      'binary runs on any base) or a glibc base such as RuntimeBase.DEBIAN_SLIM.',
    );
  }
  const glibcFloor = libc === 'gnu' ? glibcFloorOf(base, options) : undefined;

  const timezoneData = options.timezoneData ?? false;

  return {
    image,
    glibcFloor,
    runtime: {
      base: base.name as PlannedRuntime['base'],
      libc: libc === 'musl' ? 'static' : 'gnu',
      user: checkUser(options.user ?? '65532:65532', base),
      // the knowledge table marks the crates that read the system's CA bundle (OpenSSL, libpq, rustls-native-certs, ...);
      // they count only when the selected binary's closure compiles them for the target, not when the lock merely lists them
      caCertificates: nativeNeedsCa && !HAS_CA.has(base.name),
      timezoneData: timezoneData && !HAS_TZDATA.has(base.name),
      ports: (options.ports ?? []).map(checkPort),
      env: { ...(options.environment ?? {}) },
      healthCheck: options.healthCheck && {
        command: checkCommand(options.healthCheck.command),
        intervalSeconds: options.healthCheck.intervalSeconds ?? 30,
        timeoutSeconds: options.healthCheck.timeoutSeconds ?? 5,
        retries: options.healthCheck.retries ?? 3,
        startPeriodSeconds: options.healthCheck.startPeriodSeconds ?? 0,
      },
      extraFiles: (options.extraFiles ?? []).map((f) => extraFile(project, f.source, f.destination)),
      labels: { 'org.opencontainers.image.title': binary, ...(options.labels ?? {}) },
      binaryPath: `/usr/local/bin/${binary}`,
    },
  };
}

function baseImage(base: RuntimeBase, mirror: string, warnings: Diagnostic[]): string {
  switch (base.name) {
    case 'scratch':
      return 'scratch';
    case 'alpine':
      return qualify(pinnedRef(VERSIONS.images.alpine), mirror, warnings);
    case 'debian-slim':
      return qualify(pinnedRef(VERSIONS.images.debianSlim), mirror, warnings);
    case 'distroless-static':
      warnings.push({
        id: 'plan:floating-base-image',
        message:
          `Distroless publishes moving tags only, so ${VERSIONS.images.distrolessStatic.repository}:` +
          `${VERSIONS.images.distrolessStatic.tag} changes under the same tag. Pin it by digest with ` +
          "RuntimeBase.custom('gcr.io/distroless/static-debian12@sha256:...', 'static').",
      });
      return qualify(pinnedRef(VERSIONS.images.distrolessStatic), mirror, warnings);
    default:
      if (!['static', 'musl', 'gnu'].includes(base.libc)) {
        throw new Error(`runtimeBase libc is '${base.libc}': use 'static', 'musl' or 'gnu' in RuntimeBase.custom().`);
      }
      return qualify(checkImagePinned('runtimeBase', base.image), mirror, warnings);
  }
}

/** B18: link against a glibc no newer than the base's; an unknown gnu base is an error. */
function glibcFloorOf(base: RuntimeBase, options: RustBuildOptions): string {
  const known = base.glibcVersion ?? knownGlibc(base.image);
  const floor = options.libc?.glibcFloor;
  if (floor !== undefined) {
    checkGlibcFloor('Libc.gnu(floor)', floor);
    if (known && minor(floor) > minor(checkGlibcFloor('runtimeBase glibc version', known))) {
      throw new Error(
        `Libc.gnu('${floor}') links against glibc ${floor}, newer than the ${known} of runtimeBase '${base.image}': ` +
        `the binary would fail with 'GLIBC_${floor} not found'. Use Libc.gnu('${known}') or a newer base.`,
      );
    }
    return floor;
  }
  if (!known) {
    throw new Error(
      `runtimeBase '${base.image}' is a gnu image whose glibc version is unknown, so the build cannot link against a ` +
      "glibc it is sure to have. Give it: RuntimeBase.custom(image, 'gnu', '2.36'), or Libc.gnu('2.28') with the floor.",
    );
  }
  return checkGlibcFloor('runtimeBase glibc version', known);
}

function knownGlibc(image: string): string | undefined {
  const img = parseImage(image);
  const name = img.repository.replace(/^library\//, '');
  for (const [key, glibc] of Object.entries(GLIBC_OF_BASE)) {
    const [repo, release] = key.split(':');
    if (name === repo && img.tag && (img.tag === release || img.tag.startsWith(`${release}-`) || img.tag.startsWith(`${release}.`))) {
      return glibc;
    }
  }
  return undefined;
}

function minor(v: string): number {
  return Number(v.split('.')[1]);
}

function checkUser(user: string, base: RuntimeBase): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user)) {
    throw new Error(`user is '${user}': give 'uid:gid' such as '65532:65532'.`);
  }
  if (/^(root|0)(:|$)/.test(user)) {
    throw new Error(`user is '${user}': the service would run as root. Give a non-root 'uid:gid' such as '65532:65532'.`);
  }
  if (!base.hasShell && base.name === 'scratch' && !/^\d+(:\d+)?$/.test(user)) {
    throw new Error(`user is '${user}' but a scratch image has no /etc/passwd to look names up in: give numeric 'uid:gid' such as '65532:65532'.`);
  }
  return user;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`ports contains ${port}: give TCP ports from 1 to 65535.`);
  }
  return port;
}

function checkCommand(command: string[]): string[] {
  if (command.length === 0) throw new Error('healthCheck.command is empty: give the command in exec form, e.g. ["/usr/local/bin/app", "healthcheck"].');
  return command;
}

function extraFile(project: CargoProject, source: string, destination: string): { source: string; destination: string } {
  const rel = relative(project.contextDir, path.resolve(project.inputDir, source));
  if (rel.startsWith('..') || path.isAbsolute(source)) {
    throw new Error(`extraFiles source '${source}' is outside the build context ${project.contextDir}: give a path inside ${project.inputDir}.`);
  }
  if (!destination.startsWith('/')) {
    throw new Error(`extraFiles destination '${destination}' is not absolute: give the path in the image, e.g. '/etc/app/config.toml'.`);
  }
  return { source: rel, destination };
}
