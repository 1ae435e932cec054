import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCargoProject } from '../../src/cargo';

/** A one-package project whose manifest names the package `name`. */
function named(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cargo-name-'));
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), `# service\n[package]\nversion = "0.1.0"\nname = "${name}"\nedition = "2021"\n`);
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/main.rs'), '');
  return dir;
}

describe('package names', () => {
  test.each(['héllo-wörld', '_private', 'svc-2_api', 'データ'])('accepts %j, as cargo does', (name) => {
    expect(readCargoProject(named(name)).packages.map((p) => p.name)).toEqual([name]);
  });

  test.each([
    ['a.b+c', '"\\." is not allowed in a package name'],
    ['svc api', '" " is not allowed in a package name'],
    ['-svc', '"-" is not allowed in a package name'],
    ['1svc', 'a package name cannot start with a digit'],
  ])('fails for %j, naming the manifest, the line, the key and the value', (name, why) => {
    const dir = named(name);
    expect(() => readCargoProject(dir)).toThrow(new RegExp(
      `^${esc(path.join(dir, 'Cargo.toml'))}:4: \`package\\.name\` is "${esc(name)}", which cargo rejects: ${why}.*\\. Rename the package in \`package\\.name\`\\.$`));
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
