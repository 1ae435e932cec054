/**
 * The README's main job: synthesize the example app to examples/cdk.out and print what was
 * generated. No AWS account is needed: synthesis reads the Rust project, plans the build, renders
 * the Dockerfile and the CodeBuild buildspec, and writes CloudFormation templates.
 *
 *   HelloApiService   hello-api (examples/hello-api) built for amd64 + arm64 by CodeBuild at deploy
 *                     time, run on ARM64 Fargate behind a load balancer, pinned to the index digest
 *   HelloApiPipeline  the same service deployed by a CodePipeline on every push
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildPipelineStack, buildServiceStack } from './infra';
import { printSummary } from './summary';

const outdir = path.join(__dirname, 'cdk.out');
fs.rmSync(outdir, { recursive: true, force: true });

const app = new App({ outdir });
buildServiceStack(app);
buildPipelineStack(app);
printSummary(app.synth());
