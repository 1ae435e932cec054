import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/run';
import { corpus } from '../support/shared';

const REPO = path.resolve(__dirname, '..', '..');

/** Runs the CLI in-process and captures what it writes. */
function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { cwd: REPO, out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('plan', () => {
  test('reports binary ghstats with libsqlite3-sys and ring for the ghstats corpus project', () => {
    // WHEN
    const { code, stdout, stderr } = cli('plan', corpus('vladkens__ghstats'), '--json');

    // THEN
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.package).toBe('ghstats');
    expect(report.binary).toBe('ghstats');
    expect(report.binaries).toEqual([{ name: 'ghstats', package: 'ghstats', path: 'src/main.rs', requiredFeatures: [] }]);
    expect(report.toolchain).toMatchObject({ channel: '1.97.1', source: 'default' });
    const native = report.nativeDeps.map((d: { crate: string; version: string }) => `${d.crate} ${d.version}`);
    expect(native).toEqual(expect.arrayContaining(['libsqlite3-sys 0.30.1', 'ring 0.17.8']));
    expect(report.nativeDeps.find((d: { crate: string }) => d.crate === 'libsqlite3-sys').pulledInBy).toEqual(['sqlx-sqlite']);
    expect(report.warnings.map((w: { id: string }) => w.id)).toContain('cargo:tree-listing');
    expect(report.plan.platforms.map((p: { triple: string }) => p.triple)).toEqual(['x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl']);
  });

  test('prints the human table with the selection, toolchain source and the build plan', () => {
    // WHEN
    const { code, stdout } = cli('plan', 'examples/hello-api');

    // THEN
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toContain('binary       hello-api');
    expect(lines).toContain('toolchain    1.91.0 (from examples/hello-api/rust-toolchain.toml), rust-version 1.80');
    expect(lines).toContain('lockfile     examples/hello-api/Cargo.lock (v3, 1 package)');
    expect(lines).toContain('  toolchain      1.91.0 (from rust-toolchain.toml), components rustfmt, clippy');
    expect(lines).toContain('  cargo          -p hello-api --bin hello-api --profile release --locked (in .)');
    expect(lines).toContain('  linux/arm64    aarch64-unknown-linux-musl → target/aarch64-unknown-linux-musl/release/hello-api');
  });

  test('reports binary null with the reason as a warning when several binaries could be built', () => {
    // WHEN
    const { code, stdout } = cli('plan', corpus('astral-sh__uv'), '--json');

    // THEN
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.binary).toBeNull();
    expect(report.plan).toBeNull();
    const warnings = report.warnings.filter((w: { id: string }) => w.id === 'cargo:no-binary-selected');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/several binaries could be built .*uv \(package uv\), uvx \(package uv\)/);
    expect(warnings[0].file).toBe(path.relative(REPO, path.join(corpus('astral-sh__uv'), 'Cargo.toml')));
  });

  test('--binary and --package choose in a workspace', () => {
    // WHEN
    const { code, stdout } = cli('plan', corpus('astral-sh__uv'), '--binary', 'uv', '--package', 'uv', '--json');

    // THEN
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ package: 'uv', binary: 'uv', toolchain: { channel: '1.98.0', source: 'rust-toolchain.toml' } });
  });

  test('fails with one line naming the binaries that exist when --binary names none', () => {
    // WHEN
    const { code, stdout, stderr } = cli('plan', corpus('ekzhang__bore'), '--binary', 'bore-cli');

    // THEN
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^cdk-rust-multiarch: .*Cargo\.toml.*no binary named bore-cli; available: bore\./);
  });

  test('warns that --rust is ignored when the project pins its toolchain in rust-toolchain.toml', () => {
    // WHEN
    const { code, stdout } = cli('plan', 'examples/hello-api', '--rust', '1.85.0', '--json');

    // THEN
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.plan.toolchain.channel).toBe('1.91.0');
    expect(report.warnings.filter((w: { id: string }) => w.id === 'cli:rust-option-ignored')).toEqual([{
      id: 'cli:rust-option-ignored',
      message: '--rust 1.85.0 is ignored: the project pins the toolchain (channel 1.91.0), and the build uses that pin. ' +
        `To build with 1.85.0, change the channel in ${REPO}/examples/hello-api/rust-toolchain.toml; otherwise drop --rust.`,
      file: 'examples/hello-api/rust-toolchain.toml',
      line: null,
    }]);
  });

  test('--rust applies without a warning when the project pins nothing', () => {
    const { code, stdout } = cli('plan', corpus('vladkens__ghstats'), '--rust', '1.85.0', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.plan.toolchain).toMatchObject({ channel: '1.85.0', source: 'option' });
    expect(report.warnings.map((w: { id: string }) => w.id)).not.toContain('cli:rust-option-ignored');
  });

  test('fails with file and line for malformed TOML', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bad-toml-'));
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "x"\nversion = 1.0.0"\n');

    // WHEN
    const { code, stderr } = cli('plan', dir);

    // THEN
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^cdk-rust-multiarch: ${dir}/Cargo\\.toml:3`));
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('dockerfile, dockerignore, toolchain-dockerfile', () => {
  test('dockerfile renders the cross-compile Dockerfile of the example', () => {
    // WHEN
    const { code, stdout } = cli('dockerfile', 'examples/hello-api', '--ports', '8080');

    // THEN
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^# syntax=/);
    expect(lines).toContain('FROM scratch AS runtime');
    expect(lines).toContain('COPY --from=builder /out/hello-api /usr/local/bin/hello-api');
    expect(lines).toContain('EXPOSE 8080');
    expect(lines).toContain('ENTRYPOINT ["/usr/local/bin/hello-api"]');
    expect(stdout).toContain('rustup toolchain install 1.91.0 --profile minimal');
  });

  test('dockerfile prints the plan warnings on stderr, one line each', () => {
    // WHEN
    const { code, stdout, stderr } = cli('dockerfile', corpus('vladkens__ghstats'));

    // THEN
    expect(code).toBe(0);
    expect(stdout).toContain('FROM scratch AS runtime');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^cdk-rust-multiarch: warning: cargo:tree-listing: the Rust sources are not on disk/)]));
    expect(lines.every((l) => l.startsWith('cdk-rust-multiarch: warning: '))).toBe(true);
  });

  test('dockerfile warns on stderr that --rust is ignored for a project with a toolchain file', () => {
    const { code, stderr } = cli('dockerfile', 'examples/hello-api', '--rust', '1.85.0');
    expect(code).toBe(0);
    expect(stderr.split('\n')).toContain('cdk-rust-multiarch: warning: cli:rust-option-ignored: --rust 1.85.0 is ignored: the project pins the toolchain ' +
      `(channel 1.91.0), and the build uses that pin. To build with 1.85.0, change the channel in ${REPO}/examples/hello-api/rust-toolchain.toml; otherwise drop --rust.`);
  });

  test('--output writes the file instead of printing it', () => {
    // GIVEN
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-')), 'Dockerfile');

    // WHEN
    const { code, stdout } = cli('dockerfile', 'examples/hello-api', '--output', out);

    // THEN
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toContain('FROM scratch AS runtime');
  });

  test('-o is the short form of --output', () => {
    // GIVEN
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-')), '.dockerignore');

    // WHEN
    const { code, stdout } = cli('dockerignore', 'examples/hello-api', '-o', out);

    // THEN
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\*\*\/target\/$/m);
  });

  test('fails without writing when --output is a symbolic link, naming the link and its target', () => {
    // GIVEN .dockerignore -> .gitignore, as in lemmy and sshx
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-link-'));
    fs.writeFileSync(path.join(dir, '.gitignore'), '/target\n');
    fs.symlinkSync('.gitignore', path.join(dir, '.dockerignore'));

    // WHEN
    const { code, stdout, stderr } = cli('dockerignore', 'examples/hello-api', '--output', path.join(dir, '.dockerignore'));

    // THEN
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cdk-rust-multiarch: --output: ${dir}/.dockerignore is a symbolic link to .gitignore; writing would replace the link's target. ` +
      'Remove the link first, or choose another --output path.\n');
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('/target\n');
  });

  test('fails with exit 2 for an empty --output', () => {
    const { code, stderr } = cli('dockerfile', 'examples/hello-api', '--output', '');
    expect(code).toBe(2);
    expect(stderr).toBe('cdk-rust-multiarch: option --output needs a value (got an empty string) (see --help)\n');
  });

  test('fails with one line and the fix when the --output folder does not exist', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-missing-'));

    // WHEN
    const { code, stderr } = cli('dockerfile', 'examples/hello-api', '--output', path.join(dir, 'docker', 'Dockerfile'));

    // THEN
    expect(code).toBe(1);
    expect(stderr).toBe(`cdk-rust-multiarch: --output: the folder ${dir}/docker does not exist; create it first (mkdir -p ${dir}/docker) ` +
      'or choose another --output path.\n');
  });

  test('dockerignore keeps what the build needs and drops target/', () => {
    const { code, stdout } = cli('dockerignore', 'examples/hello-api');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['**/target/', '**/cdk.out/', '**/node_modules/']));
    expect(stdout).not.toMatch(/^rust-toolchain\.toml$/m);
  });

  test('toolchain-dockerfile renders the toolchain stage alone', () => {
    const { code, stdout } = cli('toolchain-dockerfile', 'examples/hello-api');
    expect(code).toBe(0);
    expect(stdout).toContain('rustup target add --toolchain 1.91.0 x86_64-unknown-linux-musl aarch64-unknown-linux-musl');
    expect(stdout).not.toContain('cargo chef cook');
  });

  test('fails with exit 2 and a hint on a usage mistake', () => {
    const { code, stderr } = cli('dockerfile', '--libc', 'glibc');
    expect(code).toBe(2);
    expect(stderr).toBe("cdk-rust-multiarch: --libc: 'glibc' is not musl, gnu or gnu:<glibc version> such as gnu:2.36 (see --help)\n");
  });

  test('fails with exit 1 when the plan refuses the build, naming the flag', () => {
    const { code, stderr } = cli('dockerfile', 'examples/hello-api', '--zig', 'latest');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^cdk-rust-multiarch: --zig is 'latest', which is not an exact version.* Set --zig to an exact version such as '[\d.]+'/);
  });

  test('fails naming --binary, not the construct prop, when the binary does not exist', () => {
    const { code, stderr } = cli('plan', 'examples/hello-api', '--binary', 'nope');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no binary named nope; available: hello-api\. Pass one of these with --binary\.\n$/);
  });

  test('fails naming --libc gnu when the runtime base cannot run a glibc binary', () => {
    const { code, stderr } = cli('dockerfile', 'examples/hello-api', '--libc', 'gnu', '--runtime-base', 'scratch');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^cdk-rust-multiarch: --libc is gnu but --runtime-base 'scratch' is a static image .*Use --libc musl \(a static binary runs on any base\) or a glibc base such as --runtime-base debian-slim\.\n$/);
  });

  test.each([
    [['--platforms', ','], "option --platforms needs a value (got ',')"],
    [['--binary', ''], 'option --binary needs a value (got an empty string)'],
    [['-x'], "unknown option -x for 'plan'; options are spelled --name"],
  ])('fails with exit 2 for the usage mistake %j', (argv, message) => {
    const { code, stderr } = cli('plan', 'examples/hello-api', ...argv);
    expect(code).toBe(2);
    expect(stderr).toBe(`cdk-rust-multiarch: ${message} (see --help)\n`);
  });
});

describe('the installed command', () => {
  test('fails for a missing folder with one line on stderr and no stack trace', () => {
    // WHEN
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'plan', 'no/such/dir'], {
      cwd: REPO, encoding: 'utf8',
    });

    // THEN
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^cdk-rust-multiarch: .*no\/such\/dir/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('--help lists every command', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', '--help'], { cwd: REPO, encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const command of ['plan [dir]', 'dockerfile [dir]', 'dockerignore [dir]', 'toolchain-dockerfile [dir]']) {
      expect(result.stdout).toContain(command);
    }
  });
});
