import {
  BatchGetBuildBatchesCommand, BatchGetBuildsCommand, CodeBuildClient, StartBuildBatchCommand,
  BatchGetBuildBatchesCommandOutput, StatusType,
} from '@aws-sdk/client-codebuild';
import { DescribeImagesCommand, ECRClient, ImageNotFoundException } from '@aws-sdk/client-ecr';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { isComplete, onEvent, TriggerDeps } from '../../../src/image/trigger/trigger';

const codebuild = mockClient(CodeBuildClient);
const ecr = mockClient(ECRClient);
const DIGEST = `sha256:${'b'.repeat(64)}`;
const RESPONSE_URL = 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/secret?X-Amz-Signature=abc';
const PROPS = {
  ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
  ProjectName: 'ApiImageBuild',
  RepositoryName: 'api',
  RepositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api',
  ImageTag: 'abc123',
};

function event(type: 'Create' | 'Update' | 'Delete', data?: Record<string, string>): CloudFormationCustomResourceEvent & { Data?: Record<string, string> } {
  const base = {
    ServiceToken: PROPS.ServiceToken,
    ResponseURL: RESPONSE_URL,
    StackId: 'stack',
    RequestId: 'req',
    LogicalResourceId: 'Image',
    ResourceType: 'Custom::RustMultiArchImage',
    ResourceProperties: PROPS,
  };
  const e = type === 'Create' ? { ...base, RequestType: 'Create' as const }
    : type === 'Update' ? { ...base, RequestType: 'Update' as const, PhysicalResourceId: 'api:old', OldResourceProperties: PROPS }
      : { ...base, RequestType: 'Delete' as const, PhysicalResourceId: 'api:abc123' };
  return { ...e, ...(data ? { Data: data } : {}) };
}

let logs: string[];
function deps(overrides: Partial<TriggerDeps> = {}): TriggerDeps {
  return {
    codebuild: new CodeBuildClient({ region: 'eu-west-1' }),
    ecr: new ECRClient({ region: 'eu-west-1' }),
    region: 'eu-west-1',
    startAttempts: 3,
    retryDelayMs: () => 1,
    sleep: async () => undefined,
    log: (label, payload) => logs.push(`${label} ${JSON.stringify(payload)}`),
    ...overrides,
  };
}

const notFound = new ImageNotFoundException({ message: "The image with imageId {imageTag:'abc123'} does not exist", $metadata: {} });

function failedBatch(status: string, groups: { identifier: string; status: string }[] = []): BatchGetBuildBatchesCommandOutput {
  return {
    $metadata: {},
    buildBatches: [{
      id: 'ApiImageBuild:batch-1',
      projectName: 'ApiImageBuild',
      buildBatchStatus: status as StatusType,
      currentPhase: status,
      phases: [{ phaseType: 'SUBMITTED' as const, phaseStatus: 'SUCCEEDED' as const }, { phaseType: 'IN_PROGRESS' as const, phaseStatus: status as 'FAILED' }],
      buildGroups: groups.map((g) => ({
        identifier: g.identifier,
        currentBuildSummary: { arn: `arn:aws:codebuild:eu-west-1:123456789012:build/ApiImageBuild:${g.identifier}-id`, buildStatus: g.status as 'FAILED' },
      })),
    }],
  };
}

beforeEach(() => {
  codebuild.reset();
  ecr.reset();
  logs = [];
});

describe('onEvent', () => {
  test('create starts the batch when the index tag is not in ECR', async () => {
    // GIVEN
    ecr.on(DescribeImagesCommand).rejects(notFound);
    codebuild.on(StartBuildBatchCommand).resolves({ buildBatch: { id: 'ApiImageBuild:batch-1' } });
    // WHEN
    const out = await onEvent(event('Create'), deps());
    // THEN
    expect(out).toEqual({ PhysicalResourceId: 'api:abc123', Data: { BuildBatchId: 'ApiImageBuild:batch-1' } });
    expect(codebuild.commandCalls(StartBuildBatchCommand)[0].args[0].input).toEqual({ projectName: 'ApiImageBuild' });
    expect(ecr.commandCalls(DescribeImagesCommand)[0].args[0].input).toEqual({ repositoryName: 'api', imageIds: [{ imageTag: 'abc123' }] });
  });

  test('update returns the existing image without a build when the index tag is in ECR', async () => {
    // GIVEN
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    // WHEN
    const out = await onEvent(event('Update'), deps());
    // THEN
    expect(out).toEqual({
      PhysicalResourceId: 'api:abc123',
      Data: { ImageTag: 'abc123', ImageDigest: DIGEST, ImageUri: `${PROPS.RepositoryUri}@${DIGEST}` },
    });
    expect(codebuild.commandCalls(StartBuildBatchCommand)).toHaveLength(0);
  });

  test('delete keeps the images and calls nothing', async () => {
    const out = await onEvent(event('Delete'), deps());
    expect(out).toEqual({ PhysicalResourceId: 'api:abc123' });
    expect(codebuild.calls()).toHaveLength(0);
    expect(ecr.calls()).toHaveLength(0);
  });

  test('retries StartBuildBatch while IAM propagates, then starts', async () => {
    // GIVEN two AccessDenied answers, then success
    ecr.on(DescribeImagesCommand).rejects(notFound);
    const denied = Object.assign(new Error('User is not authorized to perform: codebuild:StartBuildBatch'), { name: 'AccessDeniedException' });
    codebuild.on(StartBuildBatchCommand).rejectsOnce(denied).rejectsOnce(denied).resolves({ buildBatch: { id: 'b-2' } });
    const waits: number[] = [];
    // WHEN
    const out = await onEvent(event('Create'), deps({ retryDelayMs: (n) => n * 10, sleep: async (ms) => { waits.push(ms); } }));
    // THEN
    expect(out.Data).toEqual({ BuildBatchId: 'b-2' });
    expect(waits).toEqual([10, 20]);
  });

  test('fails loudly when StartBuildBatch stays denied after the bounded retries', async () => {
    // GIVEN
    ecr.on(DescribeImagesCommand).rejects(notFound);
    codebuild.on(StartBuildBatchCommand).rejects(Object.assign(new Error('User is not authorized to perform: codebuild:StartBuildBatch'), { name: 'AccessDeniedException' }));
    // WHEN / THEN
    await expect(onEvent(event('Create'), deps())).rejects.toThrow(
      /^StartBuildBatch on project ApiImageBuild was denied 3 times \(User is not authorized to perform: codebuild:StartBuildBatch\)\. The trigger role needs codebuild:StartBuildBatch/,
    );
    expect(codebuild.commandCalls(StartBuildBatchCommand)).toHaveLength(3);
  });

  test('fails at once on an error that is not AccessDenied', async () => {
    ecr.on(DescribeImagesCommand).rejects(notFound);
    codebuild.on(StartBuildBatchCommand).rejects(Object.assign(new Error('Project cannot be found: ApiImageBuild'), { name: 'ResourceNotFoundException' }));
    await expect(onEvent(event('Create'), deps())).rejects.toThrow(/^Project cannot be found: ApiImageBuild$/);
    expect(codebuild.commandCalls(StartBuildBatchCommand)).toHaveLength(1);
  });

  test('never logs the pre-signed ResponseURL', async () => {
    ecr.on(DescribeImagesCommand).rejects(notFound);
    codebuild.on(StartBuildBatchCommand).resolves({ buildBatch: { id: 'b' } });
    await onEvent(event('Create'), deps());
    expect(logs.join('\n')).not.toContain('X-Amz-Signature');
    expect(logs[0]).toContain('"ResponseURL":"(redacted)"');
  });
});

describe('isComplete', () => {
  test('succeeded: returns the index tag, digest and pinned URI', async () => {
    // GIVEN
    codebuild.on(BatchGetBuildBatchesCommand).resolves({ buildBatches: [{ id: 'b-1', buildBatchStatus: 'SUCCEEDED' }] });
    ecr.on(DescribeImagesCommand).resolves({ imageDetails: [{ imageDigest: DIGEST }] });
    // WHEN
    const out = await isComplete(event('Create', { BuildBatchId: 'b-1' }), deps());
    // THEN
    expect(out).toEqual({ IsComplete: true, Data: { ImageTag: 'abc123', ImageDigest: DIGEST, ImageUri: `${PROPS.RepositoryUri}@${DIGEST}` } });
    expect(codebuild.commandCalls(BatchGetBuildBatchesCommand)[0].args[0].input).toEqual({ ids: ['b-1'] });
  });

  test('still running: not complete', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves({ buildBatches: [{ id: 'b-1', buildBatchStatus: 'IN_PROGRESS' }] });
    expect(await isComplete(event('Update', { BuildBatchId: 'b-1' }), deps())).toEqual({ IsComplete: false });
  });

  test('failed on the arm64 node: throws with the node, phase, status, reason and the log link', async () => {
    // GIVEN
    codebuild.on(BatchGetBuildBatchesCommand).resolves(failedBatch('FAILED', [
      { identifier: 'build_amd64', status: 'SUCCEEDED' },
      { identifier: 'build_arm64', status: 'FAILED' },
    ]));
    codebuild.on(BatchGetBuildsCommand).resolves({
      builds: [{
        id: 'ApiImageBuild:build_arm64-id',
        buildStatus: 'FAILED',
        currentPhase: 'COMPLETED',
        phases: [
          { phaseType: 'PRE_BUILD', phaseStatus: 'SUCCEEDED' },
          { phaseType: 'BUILD', phaseStatus: 'FAILED', contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: docker buildx build. Reason: exit status 1' }] },
        ],
        logs: { deepLink: 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logEvent:group=/aws/codebuild/ApiImageBuild' },
      }],
    });
    // WHEN / THEN
    await expect(isComplete(event('Create', { BuildBatchId: 'ApiImageBuild:batch-1' }), deps())).rejects.toThrow(
      'The image build failed on node build_arm64 (the arm64 image): phase BUILD ended FAILED: COMMAND_EXECUTION_ERROR: ' +
      'Error while executing command: docker buildx build. Reason: exit status 1. Batch ApiImageBuild:batch-1 is FAILED. ' +
      'Logs: https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logEvent:group=/aws/codebuild/ApiImageBuild',
    );
    expect(codebuild.commandCalls(BatchGetBuildsCommand)[0].args[0].input).toEqual({ ids: ['ApiImageBuild:build_arm64-id'] });
  });

  test('timed out: throws with the batch status, phase and a console link', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves(failedBatch('TIMED_OUT'));
    await expect(isComplete(event('Create', { BuildBatchId: 'ApiImageBuild:batch-1' }), deps())).rejects.toThrow(
      'The image build batch ApiImageBuild:batch-1 ended TIMED_OUT in batch phase IN_PROGRESS (TIMED_OUT): no reason given. ' +
      'Logs: https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/ApiImageBuild/batch/ApiImageBuild%3Abatch-1?region=eu-west-1',
    );
  });

  test('stopped: throws naming the stopped node', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves(failedBatch('STOPPED', [{ identifier: 'image_index', status: 'STOPPED' }]));
    codebuild.on(BatchGetBuildsCommand).resolves({ builds: [{ buildStatus: 'STOPPED', phases: [{ phaseType: 'PROVISIONING', phaseStatus: 'STOPPED' }] }] });
    await expect(isComplete(event('Create', { BuildBatchId: 'ApiImageBuild:batch-1' }), deps())).rejects.toThrow(
      /^The image build failed on node image_index \(the image index\): phase PROVISIONING ended STOPPED: no reason given\. Batch ApiImageBuild:batch-1 is STOPPED\. Logs: https:\/\/eu-west-1\.console/,
    );
  });

  test('complete at once when onEvent found the image (no batch) and on delete', async () => {
    expect(await isComplete(event('Create', { ImageDigest: DIGEST }), deps())).toEqual({ IsComplete: true });
    expect(await isComplete(event('Delete'), deps())).toEqual({ IsComplete: true });
    expect(codebuild.calls()).toHaveLength(0);
  });

  test('fails when the batch succeeded but the index tag is missing', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves({ buildBatches: [{ id: 'b-1', buildBatchStatus: 'SUCCEEDED' }] });
    ecr.on(DescribeImagesCommand).rejects(notFound);
    await expect(isComplete(event('Create', { BuildBatchId: 'b-1' }), deps())).rejects.toThrow(/^Build batch b-1 succeeded but .*api:abc123 is not in ECR/);
  });

  test('fails on a resource without its properties', async () => {
    const e = { ...event('Create'), ResourceProperties: { ServiceToken: 'x' } } as CloudFormationCustomResourceEvent;
    await expect(onEvent(e, deps())).rejects.toThrow(/needs the property ProjectName; received undefined/);
  });

  test('a delete with missing or bad properties still succeeds, in onEvent and isComplete', async () => {
    // GIVEN a delete of a resource whose properties the handler would refuse
    const e = { ...event('Delete'), ResourceProperties: { ServiceToken: 'x' } } as CloudFormationCustomResourceEvent;
    // WHEN / THEN
    expect(await onEvent(e, deps())).toEqual({ PhysicalResourceId: 'api:abc123' });
    expect(await isComplete(e, deps())).toEqual({ IsComplete: true });
    expect([...codebuild.calls(), ...ecr.calls()]).toHaveLength(0);
  });
});

describe('isComplete on transient errors', () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
  const tooMany = Object.assign(new Error('Too many requests'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
  const serverError = Object.assign(new Error('We encountered an internal error'), { name: 'InternalFailure', $metadata: { httpStatusCode: 503 } });

  test.each([[throttled], [tooMany], [serverError]])('a %s polling the batch is not complete yet, and is logged', async (error) => {
    codebuild.on(BatchGetBuildBatchesCommand).rejects(error);
    expect(await isComplete(event('Create', { BuildBatchId: 'b-1' }), deps())).toEqual({ IsComplete: false });
    expect(logs).toEqual([`transient "BatchGetBuildBatches failed with ${error.name} (${error.message}); polling again"`]);
  });

  test('a throttled DescribeImages after a successful batch is not complete yet', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves({ buildBatches: [{ id: 'b-1', buildBatchStatus: 'SUCCEEDED' }] });
    ecr.on(DescribeImagesCommand).rejects(throttled);
    expect(await isComplete(event('Create', { BuildBatchId: 'b-1' }), deps())).toEqual({ IsComplete: false });
  });

  test('fails at once on an error that is not transient', async () => {
    const denied = Object.assign(new Error('not authorized to perform codebuild:BatchGetBuildBatches'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    codebuild.on(BatchGetBuildBatchesCommand).rejects(denied);
    await expect(isComplete(event('Create', { BuildBatchId: 'b-1' }), deps())).rejects.toThrow(/^not authorized to perform/);
  });

  test('a throttled BatchGetBuilds on a failed batch still names the failing node, the batch phase and the console link', async () => {
    codebuild.on(BatchGetBuildBatchesCommand).resolves(failedBatch('FAILED', [{ identifier: 'build_arm64', status: 'FAILED' }]));
    codebuild.on(BatchGetBuildsCommand).rejects(throttled);
    await expect(isComplete(event('Create', { BuildBatchId: 'ApiImageBuild:batch-1' }), deps())).rejects.toThrow(new RegExp(
      '^The image build failed on node build_arm64 \\(the arm64 image\\) \\(its build details could not be read\\)\\. ' +
      'The image build batch ApiImageBuild:batch-1 ended FAILED in batch phase IN_PROGRESS \\(FAILED\\): no reason given\\. ' +
      'Logs: https://eu-west-1\\.console\\.aws\\.amazon\\.com/codesuite/codebuild/projects/ApiImageBuild/batch/ApiImageBuild%3Abatch-1\\?region=eu-west-1$',
    ));
  });
});
