import { PIPELINE_APP_LINES, PIPELINE_IMPORTS, REQUIRED_CONTEXT_LINES, pipelineLines } from './infra-pipeline';
import { HEALTH_PATH } from './service-template';

/**
 * The user-owned `infra/` CDK app of a new Rust service: written once by `RustServiceProject`
 * when `infra` is on, then the user's to change. Plain text builders, no projen imports.
 *
 * The app deploys the service (image, VPC, cluster, load-balanced Fargate service on ARM64 with
 * access logs) and, with `pipeline`, a RustImagePipeline from a CodeStar connection.
 */

/** What the infra templates need to know about the service. */
export interface InfraAppProps {
  /** Crate name; the stack is named after it. */
  readonly name: string;
  /** Port the container listens on. */
  readonly port: number;
  /** Docker platforms, when the project set them (`linux/amd64`, ...). */
  readonly platforms?: string[];
  /** libc option as given to the project (`musl`, `gnu`, `gnu.2.36`), when set. */
  readonly libc?: string;
  /** runtimeBase option as given to the project (`scratch`, `debian-slim`, ...), when set. */
  readonly runtimeBase?: string;
  /** Add the RustImagePipeline that deploys the service on every push. */
  readonly pipeline?: boolean;
  /** Default branch of the pipeline's source (the `branch` context key overrides it). */
  readonly branch?: string;
}

/** Where the app writes its cloud assembly, relative to the project root. */
export const INFRA_OUTDIR = 'infra/cdk.out';

/** The module the generated app imports the constructs from. */
export const LIBRARY_MODULE = 'cdk-rust-multiarch';

const RUNTIME_BASE_MEMBERS: Record<string, string> = {
  'scratch': 'SCRATCH',
  'distroless-static': 'DISTROLESS_STATIC',
  'alpine': 'ALPINE',
  'debian-slim': 'DEBIAN_SLIM',
};

/** infra/main.ts: one stack with the image, a VPC, a cluster, an ALB Fargate service and maybe the pipeline. */
export function infraMainTs(props: InfraAppProps): string {
  const pipeline = props.pipeline ?? false;
  const stackId = `${props.name.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}Service`;
  const imports = ['RustFargateTaskDefinition', 'RustMultiArchImage', ...(pipeline ? ['RustImagePipeline'] : []),
    ...buildOptionImports(props)].sort();
  return [
    `// The AWS infrastructure of ${props.name}: its multi-arch image, built by CodeBuild at deploy time,`,
    '// run on ARM64 (Graviton) Fargate behind a public load balancer' +
      (pipeline ? ', redeployed by a pipeline on every push.' : '.') + ' Yours to change.',
    `// Synthesize with \`AWS_REGION=<region> npx projen infra:synth\` (writes ${INFRA_OUTDIR}), deploy with \`cd infra && npx cdk deploy\`.`,
    ...(pipeline ? [PIPELINE_IMPORTS[0]] : []),
    "import * as path from 'path';",
    "import { App, CfnOutput, CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';",
    ...(pipeline ? PIPELINE_IMPORTS.slice(1) : []),
    "import { FlowLogDestination, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';",
    "import { Cluster, ContainerInsights } from 'aws-cdk-lib/aws-ecs';",
    "import { ApplicationLoadBalancedFargateService } from 'aws-cdk-lib/aws-ecs-patterns';",
    "import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';",
    `import { ${imports.join(', ')} } from '${LIBRARY_MODULE}';`,
    '',
    ...(pipeline ? PIPELINE_APP_LINES : ['const app = new App();']),
    '// The load balancer\'s access log bucket policy names the ELB account of the region, so synthesis',
    '// needs one: the CDK CLI sets CDK_DEFAULT_REGION from your AWS profile; without the CLI, set AWS_REGION.',
    'const region = process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION;',
    'if (region === undefined) {',
    "  throw new Error('infra/main.ts: no AWS region. Run `cdk synth` or `cdk deploy` in infra/ with an AWS profile that has one, ' +",
    "    'or set AWS_REGION (e.g. AWS_REGION=eu-west-1 npx projen infra:synth).');",
    '}',
    `const stack = new Stack(app, '${stackId}', {`,
    '  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },',
    '});',
    '',
    '// The service root (the folder above infra/), built with the same plan as the Dockerfile there.',
    "const image = new RustMultiArchImage(stack, 'Image', {",
    "  path: path.join(__dirname, '..'),",
    `  ports: [${props.port}],`,
    ...buildOptionLines(props),
    '});',
    '',
    "const vpc = new Vpc(stack, 'Vpc', {",
    '  maxAzs: 2,',
    '  natGateways: 1,',
    '  subnetConfiguration: [',
    "    { name: 'public', subnetType: SubnetType.PUBLIC },",
    "    { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS },",
    '  ],',
    '  flowLogs: { all: { destination: FlowLogDestination.toCloudWatchLogs() } },',
    '});',
    "const cluster = new Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });",
    '',
    '// The task definition takes its CPU architecture (ARM64 when the image has arm64) from the image.',
    "const taskDefinition = new RustFargateTaskDefinition(stack, 'Task', { image, cpu: 256, memoryLimitMiB: 512 });",
    "const service = new ApplicationLoadBalancedFargateService(stack, 'Service', {",
    '  cluster,',
    '  taskDefinition,',
    '  desiredCount: 2,',
    '  publicLoadBalancer: true,',
    '  circuitBreaker: { rollback: true },',
    '  minHealthyPercent: 100,',
    '});',
    `service.targetGroup.configureHealthCheck({ path: '${HEALTH_PATH}', interval: Duration.seconds(15), healthyThresholdCount: 2 });`,
    '// The service starts after the listener and the task role; it references the target group',
    '// already, so depending on it too is redundant (cfn-lint W3005).',
    'const cfnService = service.service.node.defaultChild as CfnResource;',
    "cfnService.addOverride('DependsOn', [service.listener, taskDefinition.taskRole]",
    '  .map((c) => stack.getLogicalId(c.node.defaultChild as CfnResource)));',
    '',
    ...accessLogLines(),
    '',
    ...(pipeline ? [...pipelineLines(props.branch ?? 'main'), ''] : []),
    "new CfnOutput(stack, 'ImageUri', { value: image.imageUri, description: 'The image index, by digest' });",
    "new CfnOutput(stack, 'Url', { value: `http://${service.loadBalancer.loadBalancerDnsName}/`, description: 'The service' });",
    '',
    'app.synth();',
    '',
    ...(pipeline ? [...REQUIRED_CONTEXT_LINES, ''] : []),
  ].join('\n');
}

/** infra/cdk.json: lets the CDK CLI run the app from infra/ (`npx cdk deploy`). */
export function infraCdkJson(): Record<string, unknown> {
  return {
    app: 'npx ts-node --project tsconfig.json main.ts',
    output: 'cdk.out',
  };
}

/** infra/tsconfig.json: how ts-node compiles the app. */
export function infraTsconfig(): Record<string, unknown> {
  return {
    compilerOptions: {
      target: 'ES2022',
      // node16 resolution: accepted by TypeScript 5 and 6 alike (`node` is deprecated in 6).
      module: 'node16',
      moduleResolution: 'node16',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['main.ts'],
  };
}

/** The load balancer's access logs bucket, and the cdk-nag AwsSolutions findings accepted with reasons. */
function accessLogLines(): string[] {
  return [
    "const accessLogs = new Bucket(stack, 'AccessLogs', {",
    '  encryption: BucketEncryption.S3_MANAGED,',
    '  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,',
    '  enforceSSL: true,',
    '  objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,',
    '  removalPolicy: RemovalPolicy.RETAIN,',
    '});',
    'service.loadBalancer.logAccessLogs(accessLogs, \'alb\');',
    '// Accepted cdk-nag AwsSolutions findings, each with its reason.',
    'Validations.of(accessLogs).acknowledge({',
    "  id: 'AwsSolutions-S1',",
    "  reason: 'This bucket receives the load balancer access logs; logging access to the log bucket itself would need a bucket without end.',",
    '});',
    'Validations.of(service.loadBalancer).acknowledge({',
    "  id: 'AwsSolutions-EC23',",
    "  reason: 'A public web service: its load balancer accepts HTTP from anywhere; the tasks only accept traffic from the load balancer.',",
    '});',
  ];
}

function buildOptionImports(props: InfraAppProps): string[] {
  return [
    ...(props.platforms !== undefined ? ['Platform'] : []),
    ...(props.libc !== undefined ? ['Libc'] : []),
    ...(props.runtimeBase !== undefined ? ['RuntimeBase'] : []),
  ];
}

/** The platform, libc and runtime base the project was given, so the image matches its Dockerfile. */
function buildOptionLines(props: InfraAppProps): string[] {
  const lines: string[] = [];
  if (props.platforms !== undefined) {
    lines.push(`  platforms: [${props.platforms.map((p) => `Platform.of('${p}')`).join(', ')}],`);
  }
  if (props.libc !== undefined) {
    const gnu = /^gnu(?:\.(\d+\.\d+))?$/.exec(props.libc);
    lines.push(`  libc: ${gnu ? `Libc.gnu(${gnu[1] !== undefined ? `'${gnu[1]}'` : ''})` : 'Libc.MUSL'},`);
  }
  if (props.runtimeBase !== undefined) {
    lines.push(`  runtimeBase: RuntimeBase.${RUNTIME_BASE_MEMBERS[props.runtimeBase]},`);
  }
  return lines;
}
