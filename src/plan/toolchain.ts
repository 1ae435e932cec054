/**
 * The Rust toolchain: the project's toolchain file, else its `rust-version`, else the pinned default
 * (DESIGN decision 8). It is installed explicitly with both targets, because rustup 1.28 no longer
 * installs what a toolchain file names and a file switches away from the image's default toolchain
 * (cases B03, B04).
 */
import * as path from 'path';
import type { PlannedPlatform, PlannedToolchain } from './model';
import { checkPinned, VERSIONS } from './versions';
import type { CargoProject, Diagnostic } from '../cargo/model';

const MOVING_CHANNEL = /^(stable|beta|nightly)$/;
/** What the plan installs by name: a release channel, optionally dated, or a Rust version. */
const CHANNEL = /^(?:(?:stable|beta|nightly)(?:-\d{4}-\d{2}-\d{2})?|\d+\.\d+(?:\.\d+)?)$/;
/** A channel with a host triple after it (`stable-x86_64-unknown-linux-gnu`). */
const HOST_QUALIFIED = /^(?:(?:stable|beta|nightly)(?:-\d{4}-\d{2}-\d{2})?|\d+\.\d+(?:\.\d+)?)-([a-z][a-z0-9_]*-[a-z0-9_]+-[a-z0-9_-]+)$/;

/**
 * Decide the toolchain.
 *
 * @param rustOption `toolVersions.rust`, used only when the project pins nothing
 */
export function planToolchain(
  project: CargoProject,
  platforms: PlannedPlatform[],
  rustOption: string | undefined,
  warnings: Diagnostic[],
): PlannedToolchain {
  const tc = project.toolchain;
  const fromFile = (tc.source === 'rust-toolchain.toml' || tc.source === 'rust-toolchain') && tc.channel;
  const file = tc.file ? relative(project.contextDir, tc.file) : undefined;

  let channel: string;
  let source: PlannedToolchain['source'];
  if (fromFile) {
    channel = tc.channel!;
    source = tc.source as PlannedToolchain['source'];
    checkMsrv(tc.rustVersion, channel, file ?? tc.source, project);
  } else if (tc.rustVersion) {
    channel = tc.rustVersion;
    source = 'rust-version';
  } else if (rustOption !== undefined) {
    channel = checkPinned('toolVersions.rust', rustOption);
    source = 'option';
  } else {
    channel = VERSIONS.rust;
    source = 'default';
  }

  checkChannel(channel, source === 'rust-version' ? relative(project.contextDir, project.rootManifest) + ' (rust-version)'
    : source === 'option' ? 'toolVersions.rust' : source === 'default' ? 'the pinned default' : file ?? tc.source);

  if (MOVING_CHANNEL.test(channel)) {
    warnings.push({
      id: 'plan:floating-channel',
      message:
        `The toolchain channel is '${channel}'${file ? ` (${file})` : ''}, which moves: the cached dependency layer was ` +
        `built with whatever '${channel}' was then, and a new release silently rebuilds or mixes compilers. ` +
        `Pin an exact version, e.g. channel = "${VERSIONS.rust}".`,
      location: tc.file ? { file: tc.file } : undefined,
    });
  }

  const wanted = platforms.map((p) => p.artifactTriple);
  const missing = wanted.filter((t) => !tc.targets.includes(t));
  if (fromFile && missing.length > 0) {
    warnings.push({
      id: 'plan:toolchain-targets-added',
      message:
        `${file ?? tc.source} does not list ${missing.join(', ')}; the build adds them with ` +
        `'rustup target add --toolchain ${channel}' (the file itself is left as it is).`,
      location: tc.file ? { file: tc.file } : undefined,
    });
  }
  const targets = unique([...wanted, ...tc.targets]);
  return { channel, source, file, components: unique(tc.components), targets };
}

/** Refuse a channel rustup would misread here, naming where it comes from. */
function checkChannel(channel: string, where: string): void {
  if (CHANNEL.test(channel)) return;
  const host = HOST_QUALIFIED.exec(channel);
  if (host) {
    throw new Error(
      `${where} names the toolchain '${channel}', which is qualified with the host triple ${host[1]}: every build host ` +
      `would install that host's toolchain (the arm64 builder an ${host[1]} one, which it cannot run). ` +
      `Drop the triple: channel = "${channel.slice(0, channel.length - host[1].length - 1)}".`,
    );
  }
  if (!CHANNEL.test(channel)) {
    throw new Error(
      `${where} names the toolchain '${channel}', which is not a channel the build can install: use 'stable', 'beta' or ` +
      `'nightly' (optionally dated, e.g. 'nightly-2026-03-11') or a Rust version such as '${VERSIONS.rust}'.`,
    );
  }
}

/** B03: a `rust-version` newer than the pinned channel fails synthesis, naming both. */
function checkMsrv(rustVersion: string | undefined, channel: string, where: string, project: CargoProject): void {
  if (!rustVersion) return;
  const chan = versionOf(channel);
  const msrv = versionOf(rustVersion);
  if (!chan || !msrv) return;
  if (compare(msrv, chan) > 0) {
    throw new Error(
      `${relative(project.contextDir, project.rootManifest)}: rust-version '${rustVersion}' is newer than the toolchain ` +
      `channel '${channel}' pinned by ${where}; cargo would refuse to build. Raise the channel in ${where} to ` +
      `${rustVersion} or newer, or lower rust-version.`,
    );
  }
}

function versionOf(v: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Path relative to the context, forward slashes. */
export function relative(contextDir: string, file: string): string {
  return path.relative(contextDir, file).split(path.sep).join('/') || '.';
}
