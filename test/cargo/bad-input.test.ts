import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CargoError, readCargoProject } from '../../src/cargo';

/** Writes a small project from a path → content map into a temp folder. */
function project(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cargo-bad-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const PKG = '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n';

describe('bad input', () => {
  test('fails on malformed TOML with the file and line', () => {
    // GIVEN a manifest whose third line has no value
    const dir = project({ 'Cargo.toml': '[package]\nname = "svc"\nversion =\n', 'src/main.rs': '' });
    // WHEN / THEN the error names the file and line 3
    let err: CargoError | undefined;
    try {
      readCargoProject(dir);
    } catch (e) {
      err = e as CargoError;
    }
    expect(err).toBeInstanceOf(CargoError);
    expect(err?.file).toBe(path.join(dir, 'Cargo.toml'));
    expect(err?.line).toBe(3);
    expect(err?.message).toMatch(new RegExp(`^${esc(path.join(dir, 'Cargo.toml'))}:3: invalid TOML, column \\d+: .*Fix the syntax`));
  });

  test('fails on a non-UTF-8 manifest, naming the line', () => {
    const dir = project({ 'Cargo.toml': Buffer.concat([Buffer.from(PKG), Buffer.from('description = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]) });
    expect(() => readCargoProject(dir)).toThrow(/Cargo\.toml:5: the file is not valid UTF-8, which cargo requires\. Re-save it as UTF-8\./);
  });

  test('fails on a symlink loop in a member path', () => {
    const dir = project({ 'Cargo.toml': '[workspace]\nmembers = ["loop"]\n' });
    fs.symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    expect(() => readCargoProject(dir)).toThrow(/loop(\/Cargo\.toml)?: this path is a symbolic link loop \(it points back to itself\)\. Fix or remove the link\./);
  });

  test('fails when a member manifest is missing (submodule not checked out), naming the member and the root manifest', () => {
    const dir = project({ 'Cargo.toml': '[workspace]\nmembers = ["crates/email/translations", "app"]\n', 'app/Cargo.toml': PKG });
    fs.mkdirSync(path.join(dir, 'crates/email/translations'), { recursive: true });
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(path.join(dir, 'Cargo.toml'))}: workspace member "crates/email/translations" has no manifest: .* does not exist\\. If it is a git submodule, check it out`));
  });

  test('fails when a path dependency escapes to a folder that does not exist', () => {
    const dir = project({ 'svc/Cargo.toml': `${PKG}[dependencies]\nshared = { path = "../../gone/shared" }\n`, 'svc/src/main.rs': '' });
    expect(() => readCargoProject(path.join(dir, 'svc'))).toThrow(new RegExp(
      `^${esc(path.join(dir, 'svc', 'Cargo.toml'))}: path dependency "shared" points at \\.\\./\\.\\./gone/shared, but .*gone/shared does not exist\\. Fix the \`path\``));
  });

  test('fails when the input does not exist or is not a manifest', () => {
    const dir = project({ 'README.md': 'x' });
    expect(() => readCargoProject(path.join(dir, 'nope'))).toThrow(/nope: this path does not exist\./);
    expect(() => readCargoProject(path.join(dir, 'README.md'))).toThrow(/README\.md: expected a folder or a file named Cargo\.toml\./);
    expect(() => readCargoProject(dir)).toThrow(/Cargo\.toml: no Cargo\.toml in this folder\./);
  });

  test('a member glob that matches nothing is a warning, not an error', () => {
    const dir = project({ 'Cargo.toml': '[workspace]\nmembers = ["plugins/*", "app"]\n', 'app/Cargo.toml': PKG, 'app/src/main.rs': '' });
    const p = readCargoProject(dir);
    expect(p.warnings.filter((w) => w.id === 'cargo:member-glob-empty').map((w) => w.message)).toEqual([
      'workspace member pattern "plugins/*" matches no folder with a Cargo.toml. Remove it from `workspace.members` or check it out (a git submodule?).',
    ]);
    expect(p.selection.binary?.name).toBe('svc');
  });

  test('a legacy plain rust-toolchain file and a v1 lock file are read', () => {
    const dir = project({
      'Cargo.toml': `${PKG}[dependencies]\nlibz-sys = "1"\n`,
      'src/main.rs': '',
      'rust-toolchain': '1.70.0\n',
      'Cargo.lock': '[[package]]\nname = "svc"\nversion = "0.1.0"\ndependencies = [\n "libz-sys 1.1.8 (registry+https://github.com/rust-lang/crates.io-index)",\n]\n\n' +
        '[[package]]\nname = "libz-sys"\nversion = "1.1.8"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[metadata]\n',
    });
    const p = readCargoProject(dir);
    expect([p.toolchain.channel, p.toolchain.source]).toEqual(['1.70.0', 'rust-toolchain']);
    expect(p.lock?.version).toBe(1);
    expect(p.nativeDeps.map((n) => [n.crate, n.version, n.need.id, n.pulledInBy])).toEqual([['libz-sys', '1.1.8', 'libz-sys/static', ['svc']]]);
  });

  test('fileList overrides the disk for binary discovery', () => {
    const dir = project({ 'Cargo.toml': PKG });
    const p = readCargoProject(dir, { fileList: ['src/main.rs', 'src/bin/tool/main.rs'], binary: 'tool' });
    expect(p.binaries.map((b) => [b.name, b.path])).toEqual([['svc', 'src/main.rs'], ['tool', 'src/bin/tool/main.rs']]);
  });

  test('fails when a binary needs a feature that is not enabled, and takes it once the feature is on', () => {
    const dir = project({ 'Cargo.toml': `${PKG}[features]\nextra = []\n[[bin]]\nname = "tool"\npath = "src/main.rs"\nrequired-features = ["extra"]\n`, 'src/main.rs': '' });
    expect(() => readCargoProject(dir, { binary: 'tool' })).toThrow(/binary tool requires feature "extra" of package svc, which is not enabled\. Enable "extra" in the features option\./);
    expect(readCargoProject(dir, { binary: 'tool', features: ['extra'] }).selection.binary?.name).toBe('tool');
    const lenient = readCargoProject(dir, { lenientSelection: true });
    expect(lenient.selection.binary).toBeUndefined();
    expect(lenient.warnings.map((w) => w.id)).toContain('cargo:no-binary-selected');
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
