import { CodeBuildClient, StartBuildBatchCommand } from '@aws-sdk/client-codebuild';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { findDigest, onEvent, TriggerDeps } from '../../../src/image/trigger/trigger';
import { MotoServer } from '../../support/moto';

// The ECR look-ups run against moto on 127.0.0.1; moto's CodeBuild has no batch APIs, so CodeBuild
// stays mocked here.
let moto: MotoServer;
let ecr: ECRClient;
const codebuild = mockClient(CodeBuildClient);

const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'c'.repeat(64)}` },
  layers: [],
});

beforeAll(async () => {
  moto = await MotoServer.start();
  ecr = new ECRClient({
    region: 'eu-west-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'api' }));
});

afterAll(async () => {
  ecr?.destroy();
  await moto?.stop();
});

function deps(): TriggerDeps {
  return {
    codebuild: new CodeBuildClient({ region: 'eu-west-1' }),
    ecr,
    region: 'eu-west-1',
    startAttempts: 1,
    retryDelayMs: () => 0,
    sleep: async () => undefined,
    log: () => undefined,
  };
}

function create(tag: string): CloudFormationCustomResourceEvent {
  return {
    RequestType: 'Create',
    ServiceToken: 't',
    ResponseURL: 'https://example.invalid/r',
    StackId: 's',
    RequestId: 'r',
    LogicalResourceId: 'Image',
    ResourceType: 'Custom::RustMultiArchImage',
    ResourceProperties: { ServiceToken: 't', ProjectName: 'ApiImageBuild', RepositoryName: 'api', RepositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api', ImageTag: tag },
  };
}

test('finds the digest of an index tag that is in ECR, and nothing for one that is not', async () => {
  // GIVEN an image pushed under a tag
  const put = await ecr.send(new PutImageCommand({ repositoryName: 'api', imageManifest: MANIFEST, imageTag: 'present' }));
  // WHEN / THEN
  expect(put.image?.imageId?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(await findDigest(ecr, 'api', 'present')).toBe(put.image?.imageId?.imageDigest);
  expect(await findDigest(ecr, 'api', 'absent')).toBeUndefined();
});

test('onEvent skips the build for a tag in ECR and starts one for a tag that is not', async () => {
  // GIVEN
  const put = await ecr.send(new PutImageCommand({ repositoryName: 'api', imageManifest: MANIFEST, imageTag: 'built' }));
  codebuild.on(StartBuildBatchCommand).resolves({ buildBatch: { id: 'ApiImageBuild:1' } });
  // WHEN
  const skipped = await onEvent(create('built'), deps());
  const started = await onEvent(create('new'), deps());
  // THEN
  expect(skipped.Data?.ImageDigest).toBe(put.image?.imageId?.imageDigest);
  expect(started.Data).toEqual({ BuildBatchId: 'ApiImageBuild:1' });
  expect(codebuild.commandCalls(StartBuildBatchCommand)).toHaveLength(1);
});

test('fails on a repository that does not exist', async () => {
  await expect(findDigest(ecr, 'missing', 'x')).rejects.toThrow(/does not exist/);
});
