import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCargoProject } from '../../src/cargo';

const PKG = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n`;

/** A temp folder holding `project/` and `elsewhere/`, side by side. */
function layout(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cargo-links-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const FIX = 'Docker copies the link, not its target, so the build would not see it\\. ' +
  'Replace the link with the real folder or file, or move what it points to inside the project\\.$';

describe('symbolic links', () => {
  test('fails when a member folder links outside the project, naming the link, its target and the fix', () => {
    // GIVEN project/o -> ../elsewhere/o
    const dir = layout({
      'project/Cargo.toml': '[workspace]\nmembers = ["app", "o"]\n',
      'project/app/Cargo.toml': PKG('app'),
      'project/app/src/main.rs': '',
      'elsewhere/o/Cargo.toml': PKG('o'),
      'elsewhere/o/src/lib.rs': '',
    });
    fs.symlinkSync(path.join(dir, 'elsewhere/o'), path.join(dir, 'project/o'));

    // WHEN / THEN
    expect(() => readCargoProject(path.join(dir, 'project'))).toThrow(new RegExp(
      `^${esc(dir)}/project/o: this symbolic link points to ${esc(dir)}/elsewhere/o \\(${esc(dir)}/elsewhere/o\\), ` +
      `outside the build context ${esc(dir)}/project\\. ${FIX}`));
  });

  test('fails when Cargo.toml itself links outside the project', () => {
    // GIVEN project/Cargo.toml -> ../elsewhere/Cargo.toml
    const dir = layout({ 'elsewhere/Cargo.toml': PKG('svc'), 'project/src/main.rs': '' });
    fs.symlinkSync('../elsewhere/Cargo.toml', path.join(dir, 'project/Cargo.toml'));

    // WHEN / THEN
    expect(() => readCargoProject(path.join(dir, 'project'))).toThrow(new RegExp(
      `^${esc(dir)}/project/Cargo\\.toml: this symbolic link points to \\.\\./elsewhere/Cargo\\.toml \\(${esc(dir)}/elsewhere/Cargo\\.toml\\), ` +
      `outside the build context ${esc(dir)}/project\\. ${FIX}`));
  });

  test('accepts links that stay inside the project, and a project reached through a link', () => {
    // GIVEN project/app -> crates/app (inside), and link -> project
    const dir = layout({ 'project/Cargo.toml': '[workspace]\nmembers = ["app"]\n', 'project/crates/app/Cargo.toml': PKG('app'), 'project/crates/app/src/main.rs': '' });
    fs.symlinkSync('crates/app', path.join(dir, 'project/app'));
    fs.symlinkSync('project', path.join(dir, 'link'));

    // WHEN
    const p = readCargoProject(path.join(dir, 'link'));

    // THEN
    expect(p.selection.binary?.name).toBe('app');
    expect(p.contextDir).toBe(path.join(dir, 'link'));
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
