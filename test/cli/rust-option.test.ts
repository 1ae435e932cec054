import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCargoProject } from '../../src/cargo';
import { rustOptionIgnored } from '../../src/cli/rust-option';

describe('rustOptionIgnored', () => {
  test('names rust-version in the manifest when that is the pin', () => {
    // GIVEN a package with rust-version and no toolchain file
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-rust-'));
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\nrust-version = "1.82"\n');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/main.rs'), '');

    // WHEN
    const w = rustOptionIgnored('1.85.0', readCargoProject(dir));

    // THEN
    expect(w).toEqual({
      id: 'cli:rust-option-ignored',
      message: '--rust 1.85.0 is ignored: the project pins the toolchain (rust-version 1.82), and the build uses that pin. ' +
        'To build with 1.85.0, change rust-version in the package manifest; otherwise drop --rust.',
      location: { file: path.join(dir, 'Cargo.toml') },
    });
    expect(rustOptionIgnored(undefined, readCargoProject(dir))).toBeUndefined();
  });
});
