import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Real ELF files built on this machine for the tests that run the rendered Dockerfile's post-link
 * checks: gcc and the aarch64 cross gcc from Debian, binutils (`ar`, `readelf`) and a host rustc.
 */
export interface ElfFixtures {
  /** `gcc -static`: x86-64, no interpreter, no NEEDED, no GLIBC versions. */
  readonly x86Static: string;
  /** Plain `gcc`: x86-64, interpreter and NEEDED libc.so.6; `__libc_start_main@GLIBC_2.34` makes GLIBC_2.34 its highest. */
  readonly x86Dynamic: string;
  /** `gcc -shared` calling only `malloc`: NEEDED libc.so.6 but no interpreter; its one glibc version is GLIBC_2.2.5. */
  readonly x86SharedOldGlibc: string;
  /** `aarch64-linux-gnu-gcc -static`: AArch64, static. */
  readonly arm64Static: string;
  /** A Rust program compiled by the host rustc for the host (dynamic glibc). */
  readonly rustHost: string;
  /** Dynamic x86-64 binary with an undefined `_rjem_malloc` (resolved from a shared library at run time). */
  readonly x86UndefinedRjem: string;
  /** Static archive of one AArch64 object that defines `_rjem_malloc`. */
  readonly jemallocArchive: string;
  /** Archive with no members, what jemalloc's configure/make leaves under a broken cross C compiler (B15). */
  readonly emptyArchive: string;
  /** The host's glibc version (`getconf GNU_LIBC_VERSION`), e.g. `2.36`. */
  readonly hostGlibc: string;
}

/** The programs the fixtures need. */
export const ELF_TOOLS = ['gcc', 'aarch64-linux-gnu-gcc', 'ar', 'readelf', 'rustc', 'getconf'];

/**
 * Throws when a tool is missing, naming it and the installer: a missing tool must fail the suite,
 * never skip it.
 */
export function requireElfTools(): void {
  const missing = ELF_TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} not found on PATH, so the Dockerfile's ELF checks cannot be run on real binaries: ` +
      'run scripts/install-test-tools.sh (as root; it installs gcc, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, binutils and rustc).',
    );
  }
}

/** Builds every fixture in `dir` (which must exist). */
export function buildElfFixtures(dir: string): ElfFixtures {
  requireElfTools();
  const at = (name: string) => path.join(dir, name);
  write(at('main.c'), 'int main(void) { return 0; }\n');
  write(at('old.c'), '#include <stdlib.h>\nvoid *grab(void) { return malloc(16); }\n');
  write(at('rjem.c'), 'void *_rjem_malloc(unsigned long n) { (void)n; return 0; }\n');
  write(at('uses-rjem.c'), 'void *_rjem_malloc(unsigned long n);\nint main(void) { return _rjem_malloc(1) != 0; }\n');
  write(at('main.rs'), 'fn main() { println!("hello"); }\n');

  exec('gcc', ['-static', '-o', at('x86-static'), at('main.c')]);
  exec('gcc', ['-o', at('x86-dynamic'), at('main.c')]);
  exec('gcc', ['-shared', '-fPIC', '-o', at('libold.so'), at('old.c')]);
  exec('aarch64-linux-gnu-gcc', ['-static', '-o', at('arm64-static'), at('main.c')]);
  exec('rustc', ['-o', at('rust-host'), at('main.rs')]);
  exec('gcc', ['-shared', '-fPIC', '-o', at('librjem.so'), at('rjem.c')]);
  exec('gcc', ['-o', at('x86-undefined-rjem'), at('uses-rjem.c'), `-L${dir}`, '-lrjem']);
  exec('aarch64-linux-gnu-gcc', ['-c', '-o', at('rjem.o'), at('rjem.c')]);
  exec('ar', ['rcs', at('libjemalloc-full.a'), at('rjem.o')]);
  exec('ar', ['rc', at('libjemalloc-empty.a')]);
  const hostGlibc = exec('getconf', ['GNU_LIBC_VERSION']).replace(/^glibc\s+/, '').trim();

  return {
    x86Static: at('x86-static'),
    x86Dynamic: at('x86-dynamic'),
    x86SharedOldGlibc: at('libold.so'),
    arm64Static: at('arm64-static'),
    rustHost: at('rust-host'),
    x86UndefinedRjem: at('x86-undefined-rjem'),
    jemallocArchive: at('libjemalloc-full.a'),
    emptyArchive: at('libjemalloc-empty.a'),
    hostGlibc,
  };
}

function write(file: string, text: string): void {
  fs.writeFileSync(file, text);
}

function exec(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}\n` +
      'A missing library or header (libc6-dev, libc6-dev-arm64-cross) is installed by scripts/install-test-tools.sh (as root).',
    );
  }
  return r.stdout;
}
