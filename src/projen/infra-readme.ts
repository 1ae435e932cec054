import { INFRA_OUTDIR } from './infra-app';
import { PIPELINE_CONTEXT } from './infra-pipeline';

/** The README section on the `infra/` app, written once with the README when `infra` is on. */
export function infraReadmeSection(pipeline: boolean, branch: string): string[] {
  const lines = [
    '## Deploying it (infra/)',
    '',
    '`infra/main.ts` is a CDK app (yours to change): the multi-arch image, built by CodeBuild at',
    `deploy time, run on ARM64 Fargate behind a public load balancer with access logs${pipeline ? ',' : '.'}`,
    ...(pipeline ? ['and a CodePipeline that redeploys it on every push.'] : []),
    '',
    `- \`AWS_REGION=eu-west-1 npx projen infra:synth\`: synthesizes the app into \`${INFRA_OUTDIR}\` (no CDK`,
    '  CLI needed; the region is required because the access log bucket policy names its ELB account).',
    '- `cd infra && npx cdk deploy`: deploys it to the account and region of your AWS credentials',
    '  (run `npx cdk bootstrap` once per account and region first).',
  ];
  if (!pipeline) {
    return [...lines, ''];
  }
  const { connectionArn, repository, branch: branchKey } = PIPELINE_CONTEXT;
  return [
    ...lines,
    '',
    'The pipeline reads its source from CDK context; synthesis fails, naming the key, until the',
    'required ones are set in `infra/cdk.json` (or passed with `-c key=value`):',
    '',
    `- \`connectionArn\` (required): ${connectionArn.what}, created and authorized in the console.`,
    `- \`repository\` (required): ${repository.what}.`,
    `- \`branch\`: ${branchKey.what} (default \`${branch}\`).`,
    '',
    '```json',
    '{',
    '  "app": "npx ts-node --project tsconfig.json main.ts",',
    '  "output": "cdk.out",',
    `  "context": { "connectionArn": "${connectionArn.example}", "repository": "${repository.example}" }`,
    '}',
    '```',
    '',
    'The pipeline builds from the committed Dockerfile and fails when it is not the one `npx projen`',
    'renders from Cargo.toml and Cargo.lock: run `npx projen` and commit before pushing.',
    '',
  ];
}
