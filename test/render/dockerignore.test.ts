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
