import { BatchGetBuildBatchesCommand, BatchGetBuildsCommand, Build, CodeBuildClient, StartBuildBatchCommand } from '@aws-sdk/client-codebuild';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describeFailure, failingBuild, FAILED_BATCH_STATUSES } from './build-failure';

/**
 * The deploy-time trigger of an image build, for the CDK provider framework: `onEvent` starts the
 * CodeBuild batch (or finds the image already in ECR), `isComplete` polls it. Handler code only:
 * the one place of the library that logs, and it never logs the pre-signed `ResponseURL`.
 */

/** The custom resource's properties (all strings, as CloudFormation passes them). */
export interface TriggerProperties {
  readonly ProjectName: string;
  readonly RepositoryName: string;
  readonly RepositoryUri: string;
  readonly ImageTag: string;
}

/** What the resource exposes with `getAtt`. */
export interface ImageData {
  readonly ImageTag: string;
  readonly ImageDigest: string;
  readonly ImageUri: string;
}

export interface OnEventResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Partial<ImageData> & { readonly BuildBatchId?: string };
}

export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly Data?: ImageData;
}

/** The SDK clients and timing the handlers use; tests pass mocks, moto endpoints and a fast sleep. */
export interface TriggerDeps {
  readonly codebuild: CodeBuildClient;
  readonly ecr: ECRClient;
  readonly region: string;
  /** Attempts of `StartBuildBatch` while IAM propagates (AccessDenied). */
  readonly startAttempts: number;
  /** Wait before retry `n` (1-based), in milliseconds. */
  readonly retryDelayMs: (attempt: number) => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (label: string, payload: unknown) => void;
}

/** Create/update: start the batch unless the index tag is already in ECR. Delete keeps the images. */
export async function onEvent(event: CloudFormationCustomResourceEvent, deps: TriggerDeps): Promise<OnEventResponse> {
  deps.log('onEvent', redact(event));
  // a delete never fails: it reads no property, so even a resource created with bad ones can go
  if (event.RequestType === 'Delete') {
    deps.log('delete', 'images are kept in the repository');
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const props = properties(event);
  const physicalId = `${props.RepositoryName}:${props.ImageTag}`;

  const digest = await findDigest(deps.ecr, props.RepositoryName, props.ImageTag);
  if (digest) {
    deps.log('skip', `${props.RepositoryUri}:${props.ImageTag} already exists (${digest}); no build`);
    return { PhysicalResourceId: physicalId, Data: imageData(props, digest) };
  }

  const batchId = await startBatch(props.ProjectName, deps);
  deps.log('started', { buildBatchId: batchId });
  return { PhysicalResourceId: physicalId, Data: { BuildBatchId: batchId } };
}

/** Polls the batch: done with the image's digest, not done yet, or an error naming the failing node. */
export async function isComplete(
  event: CloudFormationCustomResourceEvent & { readonly Data?: OnEventResponse['Data'] },
  deps: TriggerDeps,
): Promise<IsCompleteResponse> {
  if (event.RequestType === 'Delete') {
    return { IsComplete: true };
  }
  const props = properties(event);
  const batchId = event.Data?.BuildBatchId;
  if (!batchId) {
    // onEvent found the image already in ECR and returned its data
    return { IsComplete: true };
  }

  const result = await unlessTransient(deps, 'BatchGetBuildBatches', () => deps.codebuild.send(new BatchGetBuildBatchesCommand({ ids: [batchId] })));
  if (result === TRANSIENT) {
    return { IsComplete: false };
  }
  const batch = result.buildBatches?.[0];
  if (!batch) {
    throw new Error(`Build batch ${batchId} of project ${props.ProjectName} was not found (BatchGetBuildBatches returned nothing).`);
  }
  const status = batch.buildBatchStatus ?? 'UNKNOWN';
  deps.log('poll', { buildBatchId: batchId, status, phase: batch.currentPhase });

  if (status === 'SUCCEEDED') {
    const digest = await unlessTransient(deps, 'DescribeImages', () => findDigest(deps.ecr, props.RepositoryName, props.ImageTag));
    if (digest === TRANSIENT) {
      return { IsComplete: false };
    }
    if (!digest) {
      throw new Error(`Build batch ${batchId} succeeded but ${props.RepositoryUri}:${props.ImageTag} is not in ECR; check the image_index node's log.`);
    }
    return { IsComplete: true, Data: imageData(props, digest) };
  }
  if (FAILED_BATCH_STATUSES.includes(status)) {
    const failing = failingBuild(batch);
    const build = failing ? await failingBuildDetails(deps, failing.buildId) : undefined;
    const message = describeFailure(batch, deps.region, failing?.node, build);
    deps.log('failed', message);
    throw new Error(message);
  }
  return { IsComplete: false };
}

/** The digest of a tag, or undefined when the tag is not in the repository. */
export async function findDigest(ecr: ECRClient, repositoryName: string, tag: string): Promise<string | undefined> {
  try {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] }));
    return out.imageDetails?.[0]?.imageDigest;
  } catch (e) {
    if ((e as Error).name === 'ImageNotFoundException') {
      return undefined;
    }
    throw e;
  }
}

/** Marks a call that failed with a throttling or server error: the next poll tries again. */
const TRANSIENT = Symbol('transient');

async function unlessTransient<T>(deps: TriggerDeps, call: string, f: () => Promise<T>): Promise<T | typeof TRANSIENT> {
  try {
    return await f();
  } catch (e) {
    if (!isTransient(e as Error)) {
      throw e;
    }
    deps.log('transient', `${call} failed with ${(e as Error).name} (${(e as Error).message}); polling again`);
    return TRANSIENT;
  }
}

/** The failing node's build, or undefined when it cannot be read: the batch-level message still names the node. */
async function failingBuildDetails(deps: TriggerDeps, buildId: string): Promise<Build | undefined> {
  try {
    return (await deps.codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0];
  } catch (e) {
    deps.log('build-unreadable', `BatchGetBuilds ${buildId} failed with ${(e as Error).name} (${(e as Error).message})`);
    return undefined;
  }
}

/** Throttling and server-side errors, which a later call may not meet. */
export function isTransient(error: Error): boolean {
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  return ['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'ServiceUnavailableException',
    'InternalServerException', 'InternalFailure', 'ServerException'].includes(error.name)
    || (e.$metadata?.httpStatusCode ?? 0) >= 500 || e.$retryable?.throttling === true;
}

async function startBatch(projectName: string, deps: TriggerDeps): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await deps.codebuild.send(new StartBuildBatchCommand({ projectName }));
      if (!out.buildBatch?.id) {
        throw new Error(`StartBuildBatch for project ${projectName} returned no batch id.`);
      }
      return out.buildBatch.id;
    } catch (e) {
      const error = e as Error;
      if (!isAccessDenied(error)) {
        throw error;
      }
      if (attempt >= deps.startAttempts) {
        throw new Error(
          `StartBuildBatch on project ${projectName} was denied ${attempt} times (${error.message}). ` +
          'The trigger role needs codebuild:StartBuildBatch on the project; if it has it, IAM had not propagated yet: deploy again.',
        );
      }
      deps.log('retry', `StartBuildBatch denied (attempt ${attempt} of ${deps.startAttempts}), waiting for IAM to propagate`);
      await deps.sleep(deps.retryDelayMs(attempt));
    }
  }
}

function isAccessDenied(error: Error): boolean {
  return error.name === 'AccessDeniedException' || /not authorized to perform/.test(error.message);
}

function properties(event: CloudFormationCustomResourceEvent): TriggerProperties {
  const p = event.ResourceProperties as unknown as Record<string, unknown>;
  for (const key of ['ProjectName', 'RepositoryName', 'RepositoryUri', 'ImageTag']) {
    if (typeof p[key] !== 'string' || p[key] === '') {
      throw new Error(`The image build resource needs the property ${key}; received ${JSON.stringify(p[key])}.`);
    }
  }
  return p as unknown as TriggerProperties;
}

function imageData(props: TriggerProperties, digest: string): ImageData {
  return { ImageTag: props.ImageTag, ImageDigest: digest, ImageUri: `${props.RepositoryUri}@${digest}` };
}

/** The event without its pre-signed response URL, for logging. */
export function redact(event: CloudFormationCustomResourceEvent): Record<string, unknown> {
  return { ...event, ResponseURL: '(redacted)' };
}

/** The dependencies of the deployed handlers: the runtime's SDK v3, bounded retries, console logs. */
export function defaultDeps(): TriggerDeps {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return {
    codebuild: new CodeBuildClient({ region }),
    ecr: new ECRClient({ region }),
    region,
    startAttempts: 8,
    retryDelayMs: (attempt) => Math.min(5_000 * attempt, 20_000),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // eslint-disable-next-line no-console
    log: (label, payload) => console.log(JSON.stringify({ step: label, detail: payload })),
  };
}
