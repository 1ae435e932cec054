/**
 * The post-link checks of the rendered Dockerfile (src/render/elf-check.ts, native-checks.ts), run as
 * shell on real ELF files built on this machine, instead of only being compared as text.
 *
 * How a check is run: the RUN instruction is taken from the rendered Dockerfile with dockerfile-ast
 * (its arguments with line continuations joined, i.e. what BuildKit hands to `/bin/sh -c`), and only the
 * absolute `/src/` and `/out/` prefixes are rewritten to a fresh temporary root, where the test has put
 * the binary (or archive) at the path cargo would have written it. The command then runs under `sh`
 * (dash, as the builder's RUN does: the Dockerfile sets no SHELL) and under `bash`, with TARGETARCH set.
 * In the cook RUN, `cargo chef cook ...` is replaced by `:`, since the archives it would build are put
 * in place beforehand.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planBuild } from '../../src/plan';
import { Libc } from '../../src/plan/option-values';
import { renderDockerfile } from '../../src/render';
import { stages } from '../support/dockerfile-checks';
import { buildElfFixtures, ElfFixtures } from '../support/elf-fixtures';
import { makeProject, nativeDep } from '../support/project';

const X86 = 'Advanced Micro Devices X86-64';
const ARM = 'AArch64';
const MUSL = { amd64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
const GNU = { amd64: 'x86_64-unknown-linux-gnu', arm64: 'aarch64-unknown-linux-gnu' };
type Arch = keyof typeof MUSL;

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'elf-check-'));
let fx: ElfFixtures;

beforeAll(() => {
  const dir = path.join(base, 'fixtures');
  fs.mkdirSync(dir);
  fx = buildElfFixtures(dir);
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe.each(['sh', 'bash'])('ELF checks on real binaries, under %s', (shell) => {
  describe('musl plan: machine and static (B14, B20)', () => {
    // GIVEN the check RUN of a musl plan for amd64 and arm64
    const check = elfCheckRun(renderDockerfile(planBuild(makeProject())));

    test('the static x86_64 binary passes for amd64 and is installed to /out', () => {
      // WHEN it runs on a `gcc -static` x86_64 binary for amd64
      const r = runCheck(check, shell, 'amd64', { [binPath(MUSL, 'amd64')]: fx.x86Static });
      // THEN it passes and installs the binary
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
      expect((fs.statSync(path.join(r.root, 'out/svc')).mode % 0o1000).toString(8)).toEqual('755');
    });

    test('fails when the x86_64 binary is built for arm64, naming both machines', () => {
      // WHEN the same x86_64 binary is where the arm64 build writes its output
      const r = runCheck(check, shell, 'arm64', { [binPath(MUSL, 'arm64')]: fx.x86Static });
      // THEN the machine check fails and nothing is installed
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(MUSL, 'arm64')} is built for '${X86}', expected '${ARM}' for arm64\n`);
      expect(fs.existsSync(path.join(r.root, 'out/svc'))).toBe(false);
    });

    test('the static aarch64 binary passes for arm64', () => {
      const r = runCheck(check, shell, 'arm64', { [binPath(MUSL, 'arm64')]: fx.arm64Static });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    test('fails when the aarch64 binary is built for amd64', () => {
      const r = runCheck(check, shell, 'amd64', { [binPath(MUSL, 'amd64')]: fx.arm64Static });
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(MUSL, 'amd64')} is built for '${ARM}', expected '${X86}' for amd64\n`);
    });

    test('fails on a dynamic binary, on its program interpreter', () => {
      // WHEN it runs on a plain `gcc` (dynamic) x86_64 binary
      const r = runCheck(check, shell, 'amd64', { [binPath(MUSL, 'amd64')]: fx.x86Dynamic });
      // THEN the static check fails
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(MUSL, 'amd64')} has an ELF interpreter: it is not static and cannot run on a base without a loader\n`);
    });

    test('fails on an ELF file with NEEDED entries but no interpreter, listing them', () => {
      // WHEN the file is a shared object (NEEDED libc.so.6, no PT_INTERP)
      const r = runCheck(check, shell, 'amd64', { [binPath(MUSL, 'amd64')]: fx.x86SharedOldGlibc });
      // THEN the NEEDED check fails and prints readelf's NEEDED line
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${esc(`${r.root}/src/${binPath(MUSL, 'amd64')}`)} needs shared libraries: +0x0+1 \\(NEEDED\\) +Shared library: \\[libc\\.so\\.6\\]\\n$`));
    });

    test('fails on the host Rust binary, which links glibc dynamically', () => {
      const r = runCheck(check, shell, 'amd64', { [binPath(MUSL, 'amd64')]: fx.rustHost });
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(MUSL, 'amd64')} has an ELF interpreter: it is not static and cannot run on a base without a loader\n`);
    });
  });

  describe('gnu plan: highest GLIBC_x.y against the floor (B18, B19)', () => {
    const gnuCheck = (floor: string) => elfCheckRun(renderDockerfile(planBuild(makeProject(), { libc: Libc.gnu(floor) })));

    test('fails when the floor is below the binary\'s highest GLIBC version', () => {
      // GIVEN a floor of 2.17 WHEN the binary needs __libc_start_main@GLIBC_2.34
      const r = runCheck(gnuCheck('2.17'), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86Dynamic });
      // THEN the check names the version and the floor
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(GNU, 'amd64')} needs GLIBC_2.34, newer than the runtime base's 2.17\n`);
    });

    test('passes when the floor equals the binary\'s highest GLIBC version', () => {
      const r = runCheck(gnuCheck('2.34'), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86Dynamic });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    test('passes when the floor is above the binary\'s highest GLIBC version', () => {
      const r = runCheck(gnuCheck(fx.hostGlibc), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86Dynamic });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    test('compares versions as numbers: GLIBC_2.2.5 is below a 2.17 floor', () => {
      // GIVEN an ELF file whose only glibc version is GLIBC_2.2.5 (text order would put it above 2.17)
      const r = runCheck(gnuCheck('2.17'), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86SharedOldGlibc });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    test('the host Rust binary passes at the host\'s glibc, which it was linked against', () => {
      const ok = runCheck(gnuCheck(fx.hostGlibc), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.rustHost });
      expect(ok.stderr).toEqual('');
      expect(ok.status).toBe(0);
    });

    test('fails on the host Rust binary at a 2.17 floor (its std needs newer symbol versions)', () => {
      const old = runCheck(gnuCheck('2.17'), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.rustHost });
      expect(old.status).toBe(1);
      expect(old.stderr).toMatch(new RegExp(`^${esc(`${old.root}/src/${binPath(GNU, 'amd64')}`)} needs GLIBC_2\\.(1[89]|[2-9]\\d)(\\.\\d+)?, newer than the runtime base's 2\\.17\\n$`));
    });

    test('fails on the aarch64 binary for amd64 before looking at glibc', () => {
      const r = runCheck(gnuCheck(fx.hostGlibc), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.arm64Static });
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(GNU, 'amd64')} is built for '${ARM}', expected '${X86}' for amd64\n`);
    });
  });

  describe('jemalloc (B15)', () => {
    // GIVEN jemalloc compiled for the target
    const jemalloc = [nativeDep('tikv-jemalloc-sys', { envPerArch: { arm64: { JEMALLOC_SYS_WITH_LG_PAGE: '16' } } })];
    const cook = cookRunWithoutCook(renderDockerfile(planBuild(makeProject({ nativeDeps: jemalloc }))));
    const archive = `target/${MUSL.arm64}/release/build/tikv-jemalloc-sys-0a1b2c3d4e5f6789/out/lib/libjemalloc.a`;

    test('fails on an empty jemalloc archive after cook, naming the triple', () => {
      const r = runCheck(cook, shell, 'arm64', { [archive]: fx.emptyArchive });
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(
        `${r.root}/src/${archive} defines no _rjem_malloc (0 members): jemalloc's configure/make produced an empty archive for ` +
        `${MUSL.arm64} and the final link would fail on undefined _rjem_ symbols. Build each architecture on its own host ` +
        '(the NATIVE strategy) or drop the jemalloc feature for this target.\n');
    });

    test('passes on an archive that defines _rjem_malloc', () => {
      const r = runCheck(cook, shell, 'arm64', { [archive]: fx.jemallocArchive });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    test('passes when the target built no jemalloc archive', () => {
      const r = runCheck(cook, shell, 'arm64', {});
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });

    // GIVEN a gnu plan, so that a dynamic binary gets past the static check to the jemalloc one
    const gnuCheck = () => elfCheckRun(renderDockerfile(planBuild(makeProject({ nativeDeps: jemalloc }), { libc: Libc.gnu(fx.hostGlibc) })));

    test('fails on a linked binary with undefined _rjem_ symbols', () => {
      const r = runCheck(gnuCheck(), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86UndefinedRjem });
      expect(r.status).toBe(1);
      expect(r.stderr).toEqual(`${r.root}/src/${binPath(GNU, 'amd64')} has undefined jemalloc symbols: _rjem_malloc \n`);
    });

    test('passes on a linked binary without _rjem_ symbols', () => {
      const r = runCheck(gnuCheck(), shell, 'amd64', { [binPath(GNU, 'amd64')]: fx.x86Dynamic });
      expect(r.stderr).toEqual('');
      expect(r.status).toBe(0);
    });
  });
});

/** Where cargo writes the release binary `svc` of the plain project for an architecture, relative to /src. */
function binPath(triples: Record<Arch, string>, arch: Arch): string {
  return `target/${triples[arch]}/release/svc`;
}

/** The shell of the builder's RUN instructions, continuations joined (what BuildKit passes to `sh -c`). */
function builderRuns(dockerfile: string): string[] {
  const builder = stages(dockerfile).find((s) => s.name === 'builder');
  if (!builder) throw new Error('the rendered Dockerfile has no builder stage');
  return builder.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
}

/** The one builder RUN that checks the linked binary. */
function elfCheckRun(dockerfile: string): string {
  const runs = builderRuns(dockerfile).filter((r) => r.includes('readelf -h "$bin"'));
  expect(runs).toHaveLength(1);
  return runs[0];
}

/** The cook RUN, with `cargo chef cook ...` replaced by `:` (its archives are put in place by the test). */
function cookRunWithoutCook(dockerfile: string): string {
  const runs = builderRuns(dockerfile).filter((r) => r.includes('cargo chef cook '));
  expect(runs).toHaveLength(1);
  const cook = /cargo chef cook [^&]*/g;
  expect(runs[0].match(cook)).toHaveLength(1);
  return runs[0].replace(cook, ': ');
}

interface CheckResult {
  readonly status: number | null;
  readonly stderr: string;
  /** The temporary folder that stands for `/` of the builder. */
  readonly root: string;
}

/**
 * Runs a RUN's shell in a fresh root: each `files` entry (path relative to /src) gets a copy of the
 * fixture, the `/src/` and `/out/` prefixes of the command are rewritten to that root.
 */
function runCheck(command: string, shell: string, targetArch: Arch, files: Record<string, string>): CheckResult {
  const root = fs.mkdtempSync(path.join(base, 'root-'));
  for (const [rel, fixture] of Object.entries(files)) {
    const dest = path.join(root, 'src', rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(fixture, dest);
  }
  // Only paths that start a word: the find pattern '*jemalloc-sys-*/out/*' is relative and stays as it is.
  const rewritten = command.replace(/(^|[\s'"=(])\/(src|out)\//g, (_m, before: string, dir: string) => `${before}${root}/${dir}/`);
  const r = spawnSync(shell, ['-c', rewritten], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TARGETARCH: targetArch },
    // stdin from /dev/null: on a socket (node's default pipe), Debian's bash sources ~/.bashrc as if run by sshd.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) throw r.error;
  return { status: r.status, stderr: r.stderr, root };
}

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
