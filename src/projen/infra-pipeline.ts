/**
 * The deploy pipeline part of the generated `infra/` app (text builders, no projen imports): a
 * RustImagePipeline fed by a CodeStar connection whose ARN and repository come from CDK context.
 */

/** The CDK context keys the generated pipeline reads, with what each holds and an example value. */
export const PIPELINE_CONTEXT = {
  connectionArn: {
    what: 'the ARN of a CodeStar (CodeConnections) connection to your Git host',
    example: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/1a2b3c4d-5678-90ab-cdef-EXAMPLE11111',
  },
  repository: {
    what: 'the repository as owner/name',
    example: 'acme/orders-api',
  },
  branch: {
    what: 'the branch whose pushes run the pipeline',
    example: 'main',
  },
} as const;

/** Imports the pipeline section adds to infra/main.ts (besides RustImagePipeline from the library). */
export const PIPELINE_IMPORTS = [
  "import * as fs from 'fs';",
  "import { Artifact } from 'aws-cdk-lib/aws-codepipeline';",
  "import { CodeStarConnectionsSourceAction } from 'aws-cdk-lib/aws-codepipeline-actions';",
];

/**
 * The App line with the pipeline: `npx projen infra:synth` runs main.ts without the CDK CLI, so the
 * app reads the context of cdk.json itself; context the CLI passes (cdk.json, `-c`) still wins.
 */
export const PIPELINE_APP_LINES = [
  '// The context of cdk.json, so `npx projen infra:synth` (no CDK CLI) sees it too; the CLI\'s context wins.',
  "const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, 'cdk.json'), 'utf-8'));",
  'const app = new App({ context: cdkJson.context ?? {} });',
];

/** The pipeline statements of infra/main.ts, after the service. */
export function pipelineLines(branch: string): string[] {
  const { connectionArn, repository } = PIPELINE_CONTEXT;
  return [
    '// The pipeline: every push to the branch rebuilds the image from the committed Dockerfile (the',
    '// build fails when it is not the one `npx projen` renders) and rolls the service to the new digest.',
    '// Its source is read from CDK context; set it in infra/cdk.json under "context".',
    "const connectionArn = requiredContext('connectionArn',",
    `  /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection\\/\\S+$/, '${connectionArn.example}');`,
    `const [owner, repo] = requiredContext('repository', /^[\\w.-]+\\/[\\w.-]+$/, '${repository.example}').split('/');`,
    "new RustImagePipeline(stack, 'Pipeline', {",
    '  image,',
    '  source: new CodeStarConnectionsSourceAction({',
    "    actionName: 'Source',",
    '    connectionArn,',
    '    owner,',
    '    repo,',
    `    branch: app.node.tryGetContext('branch') ?? '${branch}',`,
    "    output: new Artifact('Source'),",
    '  }),',
    '  services: [{ service: service.service }],',
    '});',
  ];
}

/** The helper function at the end of infra/main.ts that reads a context key or fails synth. */
export const REQUIRED_CONTEXT_LINES = [
  '/** A CDK context value of the pipeline, or an error that says how to set it. */',
  'function requiredContext(key: string, pattern: RegExp, example: string): string {',
  '  const value: unknown = app.node.tryGetContext(key);',
  "  if (typeof value !== 'string' || !pattern.test(value)) {",
  "    const got = value === undefined ? 'is not set' : `is ${JSON.stringify(value)}, which does not match ${pattern}`;",
  '    throw new Error(`infra/main.ts: the pipeline\'s CDK context \'${key}\' ${got}. Set it in infra/cdk.json: ` +',
  '      `"context": { "${key}": "${example}" }, or pass -c ${key}=... to cdk.`);',
  '  }',
  '  return value;',
  '}',
];
