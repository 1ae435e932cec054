import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCargoProject } from '../../src/cargo';
import { caseDir } from '../support/shared';

const PKG = '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = "1"\n';
const SVC = '[[package]]\nname = "svc"\nversion = "0.1.0"\n';
const SERDE = '[[package]]\nname = "serde"\nversion = "1.0.210"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';
const FIX = 'Run `cargo generate-lockfile` and commit Cargo\\.lock\\.$';

/** A one-package project with the given Cargo.lock text. */
function withLock(lock: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cargo-lock-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/main.rs'), '');
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), PKG);
  fs.writeFileSync(path.join(dir, 'Cargo.lock'), lock);
  return dir;
}

describe('Cargo.lock', () => {
  test('reads a v4 lock with the root package and its dependencies', () => {
    const p = readCargoProject(withLock(`version = 4\n\n${SVC}dependencies = ["serde"]\n\n${SERDE}`));
    expect(p.lock?.version).toBe(4);
    expect(p.lock?.packages.map((x) => [x.name, x.dependencies])).toEqual([['svc', ['serde 1.0.210']], ['serde', []]]);
    expect(p.warnings.map((w) => w.id)).not.toContain('cargo:lock-incomplete');
  });

  test('fails on an empty lock file', () => {
    const dir = withLock('');
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(dir)}/Cargo\\.lock: the lock file lists no packages \\(it is empty or truncated\\), so \`cargo build --locked\` would fail\\. ${FIX}`));
  });

  test('fails on a lock without the root package, naming the package', () => {
    const dir = withLock(`version = 4\n\n${SERDE}`);
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(dir)}/Cargo\\.lock: the lock file has no entry for package svc \\(${esc(dir)}/Cargo\\.toml\\): ` +
      `it is stale or belongs to another project, so \`cargo build --locked\` would fail\\. ${FIX}`));
  });

  test('fails on a version written as a string, with the line', () => {
    const dir = withLock(`# made by hand\nversion = "4"\n\n${SVC}`);
    expect(() => readCargoProject(dir)).toThrow(new RegExp(`^${esc(dir)}/Cargo\\.lock:2: \`version\` must be a number, found "4"\\. ${FIX}`));
  });

  test('fails on dependencies written as a string, with the package and line', () => {
    const dir = withLock(`version = 4\n\n${SVC}dependencies = "serde"\n\n${SERDE}`);
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(dir)}/Cargo\\.lock:3: package svc: \`dependencies\` must be an array of strings, found "serde"\\. ${FIX}`));
  });

  test('fails when Cargo.lock is a folder', () => {
    const dir = withLock('');
    fs.rmSync(path.join(dir, 'Cargo.lock'));
    fs.mkdirSync(path.join(dir, 'Cargo.lock'));
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(dir)}/Cargo\\.lock: Cargo\\.lock is a folder, not the lock file\\. Remove the folder, then run \`cargo generate-lockfile\` and commit Cargo\\.lock\\.$`));
  });

  test('B12: an excerpt lock missing dependency entries is a cargo:lock-incomplete warning, and openssl-sys is still found', () => {
    // WHEN
    const p = readCargoProject(caseDir('B12'));

    // THEN
    expect(p.nativeDeps.map((d) => d.crate)).toEqual(['openssl-sys']);
    expect(p.warnings.filter((w) => w.id === 'cargo:lock-incomplete')).toEqual([{
      id: 'cargo:lock-incomplete',
      message: 'the lock file does not list these dependencies: feed-poller -> "tokio"; native-tls -> "openssl-probe"; ' +
        'openssl-sys -> "cc", "libc", "pkg-config", "vcpkg". `cargo build --locked` will fail, and native dependencies behind them ' +
        'are not seen here. Run `cargo generate-lockfile` and commit Cargo.lock.',
      location: { file: caseDir('B12', 'Cargo.lock'), line: 4 },
    }]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
