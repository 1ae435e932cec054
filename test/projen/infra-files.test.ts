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

  test('infraPipeline adds a RustImagePipeline from a CodeStar connection read from context', () => {
    // WHEN
    const files = synth({ infraPipeline: true, defaultReleaseBranch: 'trunk' });

    // THEN infraPipeline turns infra on
    const main = lines(files['infra/main.ts']);
    expect(main).toContain("import { RustFargateTaskDefinition, RustImagePipeline, RustMultiArchImage } from 'cdk-rust-multiarch';");
    expect(main).toContain("import { CodeStarConnectionsSourceAction } from 'aws-cdk-lib/aws-codepipeline-actions';");
    expect(main).toContain('const app = new App({ context: cdkJson.context ?? {} });');
    expect(main).toContain("new RustImagePipeline(stack, 'Pipeline', {");
    expect(main).toContain("    branch: app.node.tryGetContext('branch') ?? 'trunk',");
    expect(main).toContain('  services: [{ service: service.service }],');
    expect(main).toContain('function requiredContext(key: string, pattern: RegExp, example: string): string {');
    expect(files['.projen/tasks.json'].tasks['infra:synth']).toBeDefined();
    expect(files['infra/main.ts']).toMatchSnapshot();
  });

  test('fails when infraPipeline is on and infra is off', () => {
    expect(() => synth({ infra: false, infraPipeline: true }))
      .toThrow(/^RustServiceProject: infraPipeline is true but infra is false; .* Set infra to true/);
  });

  test('the README tells how to synthesize and deploy infra/ and which context keys the pipeline reads', () => {
    // WHEN
    const plain = lines(synth({ infra: true })['README.md']);
    const withPipeline = lines(synth({ infraPipeline: true })['README.md']);

    // THEN
    expect(lines(synth()['README.md'])).not.toContain('## Deploying it (infra/)');
    expect(plain).toContain('## Deploying it (infra/)');
    expect(plain).toContain('- `AWS_REGION=eu-west-1 npx projen infra:synth`: synthesizes the app into `infra/cdk.out` (no CDK');
    expect(plain).toContain('- `cd infra && npx cdk deploy`: deploys it to the account and region of your AWS credentials');
    expect(plain.filter((l) => l.includes('connectionArn'))).toEqual([]);
    expect(withPipeline).toContain('- `connectionArn` (required): the ARN of a CodeStar (CodeConnections) connection to your Git host, created and authorized in the console.');
    expect(withPipeline).toContain('- `repository` (required): the repository as owner/name.');
    expect(withPipeline).toContain('- `branch`: the branch whose pushes run the pipeline (default `main`).');
  });

  describe('the generated infra app with the pipeline, run against this library', () => {
    // GIVEN a generated service whose Rust files are examples/hello-api's
    const outdir = tempDir();
    for (const file of ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml']) {
      fs.copyFileSync(path.join(HELLO_API, file), path.join(outdir, file));
    }
    fs.cpSync(path.join(HELLO_API, 'src'), path.join(outdir, 'src'), { recursive: true });
    const project = new RustServiceProject({ name: 'hello-api', outdir, infraPipeline: true });
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
    const cdkJsonPath = path.join(outdir, 'infra', 'cdk.json');
    const cdkJson = JSON.parse(fs.readFileSync(cdkJsonPath, 'utf-8'));
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
    // a region, as `cdk synth` would set from the AWS profile
    const appEnv: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: 'eu-west-1' };
    delete appEnv.CDK_DEFAULT_REGION;

    /** Runs infra/main.ts as the infra:synth task does, cdk-nag preloaded; `typeCheck` off to save time. */
    function runApp(cdkOut: string, typeCheck: boolean) {
      const nagReport = path.join(cdkOut, 'nag.json');
      fs.mkdirSync(cdkOut, { recursive: true });
      const result = spawnSync(path.join(REPO, 'node_modules', '.bin', 'ts-node'),
        // rootDir '/': the app and this repository's src share no folder below it
        ['--project', 'infra/tsconfig.json', '--compilerOptions', '{"rootDir":"/"}', ...(typeCheck ? [] : ['--transpile-only']),
          '-r', path.join(REPO, 'test', 'support', 'nag-on-synth.ts'), 'infra/main.ts'],
        { cwd: outdir, env: { ...appEnv, CDK_OUTDIR: cdkOut, NAG_REPORT: nagReport }, encoding: 'utf8', timeout: 180_000 });
      return { result, nagReport };
    }

    test('fails synthesis naming the missing context key and infra/cdk.json', () => {
      // WHEN the app runs before any context is set
      const { result } = runApp(path.join(outdir, 'no-context.out'), false);

      // THEN
      expect(result.status).not.toBe(0);
      expect(`${result.stderr}`).toMatch(/infra\/main\.ts: the pipeline's CDK context 'connectionArn' is not set\. Set it in infra\/cdk\.json: "context": \{ "connectionArn": "arn:aws:codeconnections:[^"]+" \}, or pass -c connectionArn=\.\.\. to cdk\./);
    }, 240_000);

    test('synthesizes with the context of infra/cdk.json; cfn-lint and cdk-nag AwsSolutions find nothing', () => {
      // GIVEN the context the README asks for, in infra/cdk.json
      fs.writeFileSync(cdkJsonPath, JSON.stringify({
        ...cdkJson,
        context: { connectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/1a2b3c4d-5678-90ab-cdef-000000000000', repository: 'acme/hello-api' },
      }));
      const cdkOut = path.join(outdir, 'infra', 'cdk.out');

      // WHEN the app is type-checked and run as the infra:synth task runs it
      const { result, nagReport } = runApp(cdkOut, true);

      // THEN
      expect(`${result.stderr}`).toEqual('');
      expect(result.status).toBe(0);
      const template = JSON.parse(fs.readFileSync(path.join(cdkOut, 'HelloApiService.template.json'), 'utf-8'));
      const resources = Object.values<any>(template.Resources);
      const taskDefs = resources.filter((r) => r.Type === 'AWS::ECS::TaskDefinition');
      expect(taskDefs.map((d) => d.Properties.RuntimePlatform)).toEqual([{ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }]);
      expect(taskDefs[0].Properties.ContainerDefinitions[0].PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
      expect(resources.filter((r) => r.Type === 'AWS::ECS::Service').map((r) => r.Properties.LaunchType)).toEqual(['FARGATE']);
      const [pipeline] = resources.filter((r) => r.Type === 'AWS::CodePipeline::Pipeline');
      expect(pipeline.Properties.Stages.map((s: any) => [s.Name, s.Actions.map((a: any) => a.ActionTypeId.Provider)])).toEqual([
        ['Source', ['CodeStarSourceConnection']], ['Build', ['CodeBuild']], ['Deploy-Service', ['ECS']],
      ]);
      expect(pipeline.Properties.Stages[0].Actions[0].Configuration).toEqual({
        ConnectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/1a2b3c4d-5678-90ab-cdef-000000000000',
        FullRepositoryId: 'acme/hello-api',
        BranchName: 'main',
      });
      expect(cfnLint(template)).toEqual([]);
      expect(JSON.parse(fs.readFileSync(nagReport, 'utf-8'))).toEqual([]);
    }, 240_000);
  });
});
