/**
 * The one table of pinned tool versions and base images, with the known incompatibilities beside
 * them. Every default the rendered Dockerfile uses comes from here; users override single entries
 * through `RustBuildOptions.toolVersions`, and floating values (`latest`, `stable` for tools) are
 * refused by `checkPinned` with the prop that carried them.
 *
 * Sources checked with the search tool when these were written:
 * - Rust 1.97.1 and the image `rust:1.97.1-slim-trixie`: used by dani-garcia/vaultwarden and
 *   rust-lang/crates.io (shared corpus, 2026-08).
 * - cargo-chef 0.1.77: Alpine v3.24 community package (2026-03).
 * - cargo-zigbuild 0.21.2: rust-cross/cargo-zigbuild PR #389 "Release v0.21.2".
 * - zig 0.13.0: the zig release cargo-zigbuild's own Dockerfile installs; ziglang 0.13.0 on PyPI.
 * - debian `bookworm-20260713-slim` (atuinsh/atuin runtime, shared corpus), alpine 3.23.4
 *   (static-web-server, shared corpus).
 */

import type { Diagnostic } from '../cargo/model';

/** A base image: repository without registry for Docker Hub official images, tag, optional digest. */
export interface PinnedImage {
  /** Docker Hub official-image name (`rust`, `debian`) or a fully qualified repository. */
  readonly repository: string;
  readonly tag: string;
  /** `sha256:...`, when verified; the tag alone otherwise. */
  readonly digest?: string;
  /** glibc version of the image (gnu bases). */
  readonly glibc?: string;
  /** True when the tag moves (the publisher has no immutable tags); planBuild warns. */
  readonly floating?: boolean;
}

/**
 * How zig is installed.
 *
 * Chosen: `pip install ziglang==<version>` from PyPI into a virtualenv, pinned by exact version but
 * without `--require-hashes`: the wheel hashes could not be verified from a trustworthy copy of the
 * PyPI listing when this table was written, and an invented hash would be worse than none. Debian
 * trixie has no zig package to pin instead. PyPI wheels are immutable per version, so the exact pin
 * already gives the same zig on every build.
 */
export const ZIG_INSTALL = 'pypi-ziglang' as const;

export const VERSIONS = {
  /** Rust toolchain when the project pins none (no rust-toolchain file, no `rust-version`). */
  rust: '1.97.1',
  /**
   * cargo-chef. Known issues around it:
   * - default-members naming a member the recipe pruned broke `cook` (LukeMathWalker/cargo-chef
   *   PR #253, fixed long before 0.1.77).
   * - `cook --zigbuild --target x86_64-unknown-linux-gnu.2.27` fails in its cleanup phase because
   *   zigbuild writes to `target/x86_64-unknown-linux-gnu` (cargo-chef #367, open): the builder
   *   links the suffixed directory name to the plain one before cooking.
   * - `[patch]` path crates are not skeletonised: the builder copies them before `cook`.
   */
  cargoChef: '0.1.77',
  /**
   * cargo-zigbuild. 0.17.2 broke aarch64 musl links with undefined `readdir64` (cargo-zigbuild #179;
   * 0.17.1 was fine) and `fstat64`/`open64` (#157); never float this version.
   */
  cargoZigbuild: '0.21.2',
  /**
   * zig. zig 0.11 with musl 1.2.4 dropped the LFS64 symbols (`fstat64`, `readdir64`) that older
   * crates' C code still calls (ziglang/zig #15610); 0.13.0 is the release cargo-zigbuild's own image
   * ships, so the pair is tested upstream.
   */
  zig: '0.13.0',
  /** The Dockerfile frontend named by `# syntax=` (docker/dockerfile 1.20 is used in the corpus). */
  dockerfileSyntax: 'docker.io/docker/dockerfile:1.20',
  images: {
    /** Toolchain stage base: Debian trixie with rustup, gcc and binutils (readelf for the ELF checks). */
    builder: { repository: 'rust', tag: '1.97.1-slim-trixie' } as PinnedImage,
    /** Source of the CA bundle and tzdata copied into runtime images (glibc 2.36). */
    debianSlim: { repository: 'debian', tag: 'bookworm-20260713-slim', glibc: '2.36' } as PinnedImage,
    alpine: { repository: 'alpine', tag: '3.23.4' } as PinnedImage,
    /** Distroless publishes moving tags only; pass a digest with RuntimeBase.custom to pin it. */
    distrolessStatic: { repository: 'gcr.io/distroless/static-debian12', tag: 'nonroot', floating: true } as PinnedImage,
  },
} as const;

/** glibc version of well-known gnu runtime bases, for `Libc.gnu()` without a floor. */
export const GLIBC_OF_BASE: Record<string, string> = {
  'debian:bookworm': '2.36',
  'debian:bullseye': '2.31',
  'debian:trixie': '2.41',
  'ubuntu:22.04': '2.35',
  'ubuntu:24.04': '2.39',
  'amazonlinux:2': '2.26',
  'amazonlinux:2023': '2.34',
};

/** A tool release known to break these builds: the warning the plan gives when it is chosen. */
export interface KnownBadVersion {
  /** The `toolVersions` key. */
  readonly tool: 'zig' | 'cargoZigbuild' | 'cargoChef';
  /** The versions affected. */
  readonly versions: RegExp;
  /** What breaks, and the source. */
  readonly problem: string;
}

/** The incompatibilities noted on VERSIONS above, as data: one row per known-bad release. */
export const KNOWN_BAD_VERSIONS: KnownBadVersion[] = [
  {
    tool: 'zig',
    versions: /^0\.11\./,
    problem: 'zig 0.11 ships musl 1.2.4, which dropped the LFS64 symbols (fstat64, readdir64) that older crates\' C code ' +
      'still calls, so musl links fail with undefined symbols (ziglang/zig #15610)',
  },
  {
    tool: 'cargoZigbuild',
    versions: /^0\.17\.2$/,
    problem: 'cargo-zigbuild 0.17.2 broke aarch64 musl links with undefined readdir64 (cargo-zigbuild #179; 0.17.1 was fine)',
  },
];

/** A `plan:known-bad-version` warning for every chosen tool version the table lists. */
export function knownBadWarnings(tools: Record<KnownBadVersion['tool'], string>): Diagnostic[] {
  return KNOWN_BAD_VERSIONS.filter((row) => row.versions.test(tools[row.tool])).map((row) => ({
    id: 'plan:known-bad-version',
    message: `toolVersions.${row.tool} is '${tools[row.tool]}': ${row.problem}. Use the pinned default '${VERSIONS[row.tool]}' or another release.`,
  }));
}

/** Values that name no fixed version. */
const FLOATING = /^(latest|stable|beta|nightly|master|main|edge|\*|)$/i;
const EXACT_VERSION = /^\d+\.\d+\.\d+([.-][0-9A-Za-z.+-]+)?$/;

/**
 * Refuse a tool version that is not an exact version.
 *
 * @param prop the option that carried it, e.g. `toolVersions.zig`
 * @param value the value received
 */
export function checkPinned(prop: string, value: string): string {
  const v = value.trim();
  if (FLOATING.test(v) || !EXACT_VERSION.test(v)) {
    throw new Error(
      `${prop} is '${value}', which is not an exact version: floating tool versions make two builds of the same ` +
      'source link with different tools (cargo-zigbuild #179 broke aarch64 musl links in a patch release). ' +
      `Set ${prop} to an exact version such as '${defaultFor(prop)}', or leave it unset for the pinned default.`,
    );
  }
  return v;
}

function defaultFor(prop: string): string {
  if (prop.endsWith('cargoChef')) return VERSIONS.cargoChef;
  if (prop.endsWith('cargoZigbuild')) return VERSIONS.cargoZigbuild;
  if (prop.endsWith('zig')) return VERSIONS.zig;
  return VERSIONS.rust;
}
