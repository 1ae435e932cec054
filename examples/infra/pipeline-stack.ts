import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Artifact } from 'aws-cdk-lib/aws-codepipeline';
import { S3SourceAction, S3Trigger } from 'aws-cdk-lib/aws-codepipeline-actions';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { RustImagePipeline } from '../../src';
import { addHelloApiService, exampleStack } from './hello-api-service';

/**
 * The deploy pipeline example: the hello-api service of the service example, plus a CodePipeline
 * that rebuilds its multi-arch image from every new `source.zip` (a zip of this repository) put in
 * the source bucket, asks for approval, and rolls the service to the new index digest. The
 * committed examples/hello-api/Dockerfile is the one the build checks against the plan.
 */
export function buildPipelineStack(app: App): Stack {
  const stack = exampleStack(app, 'HelloApiPipeline');
  const { image, service } = addHelloApiService(stack);

  const sourceBucket = new Bucket(stack, 'SourceBucket', {
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(sourceBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'The bucket only holds source zips the pipeline reads; CloudTrail data events are the place to audit them if needed.',
  });
  const sourceOutput = new Artifact('Source');
  new RustImagePipeline(stack, 'Pipeline', {
    image,
    source: new S3SourceAction({ actionName: 'Source', bucket: sourceBucket, bucketKey: 'source.zip', output: sourceOutput, trigger: S3Trigger.POLL }),
    contextPath: 'examples/hello-api',
    services: [{ service: service.service }],
    manualApproval: true,
  });
  return stack;
}
