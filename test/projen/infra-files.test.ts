import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'projen';
import { RustServiceProject, RustServiceProjectOptions } from '../../src/projen';
import { cfnLint } from '../support/cfn-lint';

const REPO = path.join(__dirname, '..', '..');
const HELLO_API = path.join(REPO, 'examples', 'hello-api');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rust-service-infra-'));
}

function synth(options: Partial<RustServiceProjectOptions> = {}): Record<string, any> {
  return Testing.synth(new RustServiceProject({ name: 'orders-api', outdir: tempDir(), ...options }));
}

function lines(text: string): string[] {
  return text.split('\n');
}

describe('RustServiceProject infra option', () => {
  test('writes no infra app by default', () => {
    // WHEN
    const files = synth();

    // THEN
    expect(Object.keys(files).filter((f) => f.startsWith('infra/'))).toEqual([]);
    expect(files['.projen/tasks.json'].tasks['infra:synth']).toBeUndefined();
    expect(Object.keys(files['package.json'].devDependencies)).not.toContain('aws-cdk-lib');
  });

  test('writes infra/main.ts with the image of the service root and an ARM64 Fargate service', () => {
    // WHEN
    const files = synth({ infra: true, port: 9000 });

    // THEN
    const main = lines(files['infra/main.ts']);
    expect(main).toContain("import { RustFargateTaskDefinition, RustMultiArchImage } from 'cdk-rust-multiarch';");
    expect(main).toContain("const stack = new Stack(app, 'OrdersApiService', {");
    expect(main).toContain("const image = new RustMultiArchImage(stack, 'Image', {");
    expect(main).toContain("  path: path.join(__dirname, '..'),");
    expect(main).toContain('  ports: [9000],');
    expect(main).toContain("const cluster = new Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });");
    expect(main).toContain("const taskDefinition = new RustFargateTaskDefinition(stack, 'Task', { image, cpu: 256, memoryLimitMiB: 512 });");
    expect(main).toContain("const service = new ApplicationLoadBalancedFargateService(stack, 'Service', {");
    expect(main).toContain("service.targetGroup.configureHealthCheck({ path: '/health', interval: Duration.seconds(15), healthyThresholdCount: 2 });");
    expect(main[main.length - 2]).toEqual('app.synth();');
    expect(files['infra/main.ts']).toMatchSnapshot();
  });

  test('adds the infra:synth task, the CDK dependencies, cdk.json and tsconfig.json', () => {
    // WHEN
    const files = synth({ infra: true });

    // THEN
    expect(files['.projen/tasks.json'].tasks['infra:synth']).toEqual({
      name: 'infra:synth',
      description: 'Synthesize the CDK app in infra/ into infra/cdk.out (ts-node, no CDK CLI needed)',
      env: { CDK_OUTDIR: 'infra/cdk.out' },
      steps: [{ exec: 'ts-node --project infra/tsconfig.json infra/main.ts' }],
    });
    expect(files['package.json'].devDependencies['aws-cdk-lib']).toMatch(/^\^2\.\d+\.\d+$/);
    expect(files['package.json'].devDependencies.constructs).toMatch(/^\^10\.\d+\.\d+$/);
    expect(files['package.json'].devDependencies['@types/node']).toMatch(/^\^\d+$/);
    expect(files['infra/cdk.json']).toEqual({ app: 'npx ts-node --project tsconfig.json main.ts', output: 'cdk.out' });
    expect(files['infra/tsconfig.json'].include).toEqual(['main.ts']);
    expect(files['infra/tsconfig.json'].compilerOptions.types).toEqual(['node']);
    expect(lines(files['.gitignore'])).toContain('/infra/cdk.out/');
  });

  test('passes the platforms, libc and runtime base the project was given to the image', () => {
    // WHEN
    const files = synth({ infra: true, platforms: ['linux/arm64'], libc: 'gnu.2.36', runtimeBase: 'debian-slim' });

    // THEN
    const main = lines(files['infra/main.ts']);
    expect(main).toContain("import { Libc, Platform, RuntimeBase, RustFargateTaskDefinition, RustMultiArchImage } from 'cdk-rust-multiarch';");
    expect(main).toContain("  platforms: [Platform.of('linux/arm64')],");
    expect(main).toContain("  libc: Libc.gnu('2.36'),");
    expect(main).toContain('  runtimeBase: RuntimeBase.DEBIAN_SLIM,');
  });

  test('the generated infra app synthesizes against this library and cfn-lint finds nothing', () => {
    // GIVEN a generated service whose Rust files are examples/hello-api's
    const outdir = tempDir();
    for (const file of ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml']) {
      fs.copyFileSync(path.join(HELLO_API, file), path.join(outdir, file));
    }
    fs.cpSync(path.join(HELLO_API, 'src'), path.join(outdir, 'src'), { recursive: true });
    const project = new RustServiceProject({ name: 'hello-api', outdir, infra: true });
    process.env.PROJEN_DISABLE_POST = 'true';
    try {
      project.synth();
    } finally {
      delete process.env.PROJEN_DISABLE_POST;
    }
    // the app imports this repository's source instead of the published package, and finds
    // aws-cdk-lib in this repository's node_modules
    const mainTs = path.join(outdir, 'infra', 'main.ts');
    const text = fs.readFileSync(mainTs, 'utf-8');
    fs.writeFileSync(mainTs, text.replace("from 'cdk-rust-multiarch'", `from ${JSON.stringify(path.join(REPO, 'src'))}`));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(outdir, 'node_modules'));
    const cdkOut = path.join(outdir, 'infra', 'cdk.out');

    // WHEN the app is type-checked and run as the infra:synth task runs it
    const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'ts-node'),
      // rootDir '/': the app and this repository's src share no folder below it
      ['--project', 'infra/tsconfig.json', '--compilerOptions', '{"rootDir":"/"}', 'infra/main.ts'],
      { cwd: outdir, env: { ...process.env, CDK_OUTDIR: cdkOut }, encoding: 'utf8', timeout: 180_000 });

    // THEN
    expect(`${result.stderr}`).toEqual('');
    expect(result.status).toBe(0);
    const template = JSON.parse(fs.readFileSync(path.join(cdkOut, 'HelloApiService.template.json'), 'utf-8'));
    const taskDefs = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::ECS::TaskDefinition');
    expect(taskDefs.map((d) => d.Properties.RuntimePlatform)).toEqual([{ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }]);
    expect(taskDefs[0].Properties.ContainerDefinitions[0].PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
    expect(Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::ECS::Service').map((r) => r.Properties.LaunchType)).toEqual(['FARGATE']);
    expect(cfnLint(template)).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
  }, 240_000);
});
