import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RustMultiArchImage } from '../../src/image/rust-multi-arch-image';
import { planBuild } from '../../src/plan';
import { renderDockerignore } from '../../src/render';
import { excludedBy } from '../../src/render/dockerignore';
import { makeProject } from '../support/project';

describe('renderDockerignore', () => {
  test('excludes outputs, VCS, node_modules, cdk.out and env files', () => {
    const text = renderDockerignore(planBuild(makeProject()));
    expect(text.split('\n')).toEqual(expect.arrayContaining(['**/target/', '.git/', '**/node_modules/', '**/cdk.out/', '**/.env', '**/.env.*']));
  });

  test('B11: never excludes .cargo/, proto/, .sqlx/, build.rs; excludes a custom target dir', () => {
    const project = makeProject({ files: ['.cargo/config.toml', 'proto/', '.sqlx/', 'build.rs'], config: { targetDir: 'build-out' } });
    const text = renderDockerignore(planBuild(project));
    const patterns = text.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const f of ['.cargo/config.toml', 'proto/a.proto', '.sqlx/q.json', 'build.rs', 'src/main.rs', 'Cargo.lock']) {
      expect([f, excludedBy(f, patterns)]).toEqual([f, false]);
    }
    expect(patterns).toContain('build-out/');
    expect(excludedBy('target/release/svc', patterns)).toBe(true);
    expect(excludedBy('crates/a/target/x', patterns)).toBe(true);
  });

  test('re-includes a needed file that a pattern would drop', () => {
    const project = makeProject({ files: ['assets/.env.defaults'] });
    const text = renderDockerignore(planBuild(project, { buildFiles: ['assets/.env.defaults'] }));
    expect(text.split('\n')).toContain('!assets/.env.defaults');
  });

  test('fails for a build file that does not exist', () => {
    expect(() => planBuild(makeProject(), { buildFiles: ['nope.txt'] })).toThrow(/buildFiles entry 'nope\.txt' does not exist/);
  });
});

describe('renderDockerignore keeps the tooling around the crate out of the context', () => {
  test('excludes projen, CDK app, CI, Node and top-level doc files, never the files the build needs', () => {
    // GIVEN
    const project = makeProject({ files: ['build.rs', 'proto/'] });

    // WHEN
    const text = renderDockerignore(planBuild(project));

    // THEN
    const patterns = text.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const f of ['infra/main.ts', '.projen/tasks.json', '.projenrc.ts', '.github/workflows/ci.yml', 'package.json',
      'package-lock.json', 'tsconfig.dev.json', 'cdk.json']) {
      expect([f, excludedBy(f, patterns)]).toEqual([f, true]);
    }
    // documentation stays: crates often `#![doc = include_str!("../README.md")]`
    for (const f of ['Cargo.toml', 'Cargo.lock', 'src/main.rs', 'build.rs', 'proto/a.proto', 'README.md', 'crates/a/README.md', 'templates/index.html']) {
      expect([f, excludedBy(f, patterns)]).toEqual([f, false]);
    }
  });

  test('keeps a tooling pattern out when a needed file falls under it (a file under infra/ in buildFiles)', () => {
    // GIVEN
    const project = makeProject({ files: ['infra/schema.json'] });

    // WHEN
    const text = renderDockerignore(planBuild(project, { buildFiles: ['infra/schema.json'] }));

    // THEN
    const lines = text.split('\n');
    expect(lines).not.toContain('infra/');
    expect(lines).toContain('.projen/');
  });

  test('an unrelated edit (infra/, .projen/, package.json, .github/) leaves the image tag; a source edit changes it', () => {
    // GIVEN a service folder as RustServiceProject lays it out
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerignore-tag-'));
    for (const file of ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml']) {
      fs.copyFileSync(path.join(HELLO_API, file), path.join(dir, file));
    }
    fs.cpSync(path.join(HELLO_API, 'src'), path.join(dir, 'src'), { recursive: true });
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('infra/main.ts', 'app.synth();\n');
    write('.projen/tasks.json', '{}\n');
    write('package.json', '{}\n');
    const before = imageTemplate(dir);

    // WHEN files around the crate change or appear
    write('infra/main.ts', '// edited\napp.synth();\n');
    write('infra/x.ts', 'export {};\n');
    write('.projen/tasks.json', '{"tasks":{}}\n');
    write('.projenrc.ts', '// edited\n');
    write('.github/workflows/ci.yml', 'on: push\n');
    write('package.json', '{"name":"x"}\n');
    write('package-lock.json', '{}\n');

    // THEN the template (image tag, source asset) is the same
    expect(imageTemplate(dir)).toEqual(before);

    // WHEN the source changes THEN the tag changes
    write('src/main.rs', `${fs.readFileSync(path.join(dir, 'src', 'main.rs'), 'utf-8')}\n// edited\n`);
    expect(imageTemplate(dir)).not.toEqual(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

const HELLO_API = path.join(__dirname, '..', '..', 'examples', 'hello-api');

/** The synthesized template of a RustMultiArchImage of `dir`, as text. */
function imageTemplate(dir: string): string {
  const app = new App();
  const stack = new Stack(app, 'Service', { env: { account: '123456789012', region: 'eu-west-1' } });
  new RustMultiArchImage(stack, 'Image', { path: dir, ports: [8080] });
  return JSON.stringify(Template.fromStack(stack).toJSON());
}
