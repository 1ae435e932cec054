import * as fs from 'fs';
import * as path from 'path';
import { planBuild } from '../../src/plan';
import { renderDockerfile } from '../../src/render';
import { stageLines } from '../support/dockerfile-checks';
import { makeProject } from '../support/project';

/**
 * Cache stability: what every layer up to and including `cook` sees is the toolchain stage, the
 * builder lines before cook, the recipe (manifests with local versions masked by cargo-chef) and the
 * context files those lines COPY. Bumping [package].version or editing src/ must change none of it.
 */
describe('cache stability', () => {
  function cookInputs(dir: string, text: string): { lines: string[]; files: Record<string, string> } {
    const builder = stageLines(text, 'builder');
    const cook = builder.findIndex((l) => l.includes('cargo chef cook'));
    const lines = [...stageLines(text, 'toolchain'), ...builder.slice(0, cook + 1)];
    const files: Record<string, string> = {};
    for (const l of lines) {
      const m = /^COPY (?:\["([^"]+)"|(?!--from)(\S+) )/.exec(l);
      if (!m) continue;
      const src = m[1] ?? m[2];
      if (src === '.') throw new Error('the whole context is copied before cook');
      const abs = path.join(dir, src);
      files[src] = fs.statSync(abs).isDirectory() ? fs.readdirSync(abs).join(',') : fs.readFileSync(abs, 'utf8');
    }
    return { lines, files };
  }

  test('a version bump and a change under src/ leave every layer up to cook unchanged', () => {
    // GIVEN a project with a toolchain file and cargo config (both copied before cook)
    const project = makeProject({
      files: ['rust-toolchain.toml', '.cargo/config.toml'],
      patch: (p, dir) => {
        p.toolchain = { ...p.toolchain, channel: '1.91.0', source: 'rust-toolchain.toml', file: path.join(dir, 'rust-toolchain.toml') };
        p.config = { ...p.config, files: [path.join(dir, '.cargo/config.toml')] };
      },
    });
    const dir = project.contextDir;
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "svc"\nversion = "0.1.0"\n');
    fs.writeFileSync(path.join(dir, 'src/main.rs'), 'fn main() {}\n');
    const before = cookInputs(dir, renderDockerfile(planBuild(project)));

    // WHEN the version is bumped and the source changes
    fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "svc"\nversion = "0.2.0"\n');
    fs.writeFileSync(path.join(dir, 'src/main.rs'), 'fn main() { println!("changed"); }\n');
    const bumped = { ...project, packages: project.packages.map((p) => ({ ...p, version: '0.2.0' })) };
    const after = cookInputs(dir, renderDockerfile(planBuild(bumped)));

    // THEN the cook layers see the same lines and files, and none of them is a manifest or under src/
    expect(after).toEqual(before);
    expect(Object.keys(before.files)).toEqual(['rust-toolchain.toml', '.cargo/config.toml']);
    expect(Object.keys(before.files).filter((f) => /(^|\/)(Cargo\.toml|Cargo\.lock)$|^src\//.test(f))).toEqual([]);
    expect(before.lines.filter((l) => l.startsWith('COPY --from='))).toEqual(['COPY --from=planner /recipe.json /recipe.json']);
  });
});
