/**
 * Platforms to Rust triples: musl (static) by default, gnu with a glibc floor that cargo-zigbuild
 * reads from the triple suffix (`x86_64-unknown-linux-gnu.2.36`). Artifacts land under the plain
 * triple, so the suffix is stripped for paths and for rustup.
 */
import type { DockerArch, PlannedPlatform } from './model';
import { Platform } from './option-values';

const ELF_MACHINE: Record<DockerArch, string> = {
  amd64: 'Advanced Micro Devices X86-64',
  arm64: 'AArch64',
};

/** glibc floors zig can link against: 2.17 (its oldest) and newer, `major.minor` only. */
const GLIBC_FLOOR = /^2\.(\d+)$/;

/**
 * Check a glibc floor. zig silently falls back to a default glibc when the suffix is malformed
 * (cargo-zigbuild PR #232), so `2.x` or `2.36.1` must fail here, at synthesis.
 *
 * @param prop the option or base that carried the value
 */
export function checkGlibcFloor(prop: string, value: string): string {
  const m = GLIBC_FLOOR.exec(value.trim());
  if (!m || Number(m[1]) < 17) {
    throw new Error(
      `${prop} is '${value}', which is not a glibc version zig can target: zig would silently link against its default ` +
      'glibc instead (cargo-zigbuild PR #232). Use \'major.minor\' from 2.17 up, e.g. Libc.gnu(\'2.36\') for Debian bookworm.',
    );
  }
  return value.trim();
}

/** The planned platforms for a libc and an optional glibc floor. */
export function planPlatforms(platforms: Platform[], libc: 'musl' | 'gnu', glibcFloor?: string): PlannedPlatform[] {
  if (platforms.length === 0) {
    throw new Error('platforms is empty: give at least one of Platform.LINUX_AMD64 and Platform.LINUX_ARM64.');
  }
  const seen = new Set<string>();
  const result: PlannedPlatform[] = [];
  for (const p of platforms) {
    if (seen.has(p.docker)) continue;
    seen.add(p.docker);
    const arch = p.arch as DockerArch;
    const artifactTriple = `${p.rustArch}-unknown-linux-${libc}`;
    const triple = libc === 'gnu' && glibcFloor ? `${artifactTriple}.${glibcFloor}` : artifactTriple;
    result.push({ platform: p.docker, arch, triple, artifactTriple, elfMachine: ELF_MACHINE[arch] });
  }
  return result;
}
