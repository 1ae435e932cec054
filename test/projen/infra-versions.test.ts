import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INFRA_CDK_RANGE, INFRA_CONSTRUCTS_RANGE, INFRA_NODE_TYPES_RANGE } from '../../src/projen/infra-versions';

const REPO = path.join(__dirname, '..', '..');

describe('infra app dependency ranges', () => {
  test('match the library\'s own peer floors and Node types line', () => {
    // GIVEN the library's package.json, as .projenrc.ts writes it
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));

    // THEN
    expect(INFRA_CDK_RANGE).toEqual(pkg.peerDependencies['aws-cdk-lib']);
    expect(INFRA_CONSTRUCTS_RANGE).toEqual(pkg.peerDependencies.constructs);
    expect(INFRA_NODE_TYPES_RANGE).toEqual(pkg.devDependencies['@types/node']);
  });

  test('synthesizing with infra on resolves none of the app\'s dependencies from the user\'s install', () => {
    // GIVEN a Node process in which the packages the user may lack cannot be resolved (a user's
    // install has none of the library's development dependencies)
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-versions-'));
    const script = [
      "const Module = require('module');",
      'const resolve = Module._resolveFilename;',
      'Module._resolveFilename = function (request, ...rest) {',
      '  if (/^(@types\\/node|aws-cdk-lib|constructs)\\/package\\.json$/.test(request)) {',
      "    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });",
      '  }',
      '  return resolve.call(this, request, ...rest);',
      '};',
      "process.env.PROJEN_DISABLE_POST = 'true';",
      `const { RustServiceProject } = require(${JSON.stringify(path.join(REPO, 'src', 'projen'))});`,
      `new RustServiceProject({ name: 'orders-api', outdir: ${JSON.stringify(outdir)}, infra: true }).synth();`,
    ].join('\n');

    // WHEN
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script],
      { cwd: REPO, encoding: 'utf-8', timeout: 120_000 });

    // THEN
    expect(result.stderr).toEqual('');
    expect(result.status).toBe(0);
    const devDeps = JSON.parse(fs.readFileSync(path.join(outdir, 'package.json'), 'utf-8')).devDependencies;
    expect(devDeps['aws-cdk-lib']).toEqual('^2.257.0');
    expect(devDeps.constructs).toEqual('^10.5.1');
    expect(devDeps['@types/node']).toEqual('^20');
    fs.rmSync(outdir, { recursive: true, force: true });
  }, 150_000);
});
