import type { Build, BuildBatch } from '@aws-sdk/client-codebuild';

/**
 * Turns a finished, unsuccessful build batch into one message for the deploy: which node failed
 * (e.g. the arm64 build), in which phase, with which status and reason, and where its logs are.
 */

/** Batch statuses that end a deploy with an error. */
export const FAILED_BATCH_STATUSES = ['FAILED', 'FAULT', 'STOPPED', 'TIMED_OUT'];

const FAILED_BUILD_STATUSES = ['FAILED', 'FAULT', 'STOPPED', 'TIMED_OUT'];

/** The id of the first build of the batch that did not succeed, with its graph node. */
export function failingBuild(batch: BuildBatch): { node: string; buildId: string } | undefined {
  for (const group of batch.buildGroups ?? []) {
    const summary = group.currentBuildSummary;
    if (summary?.arn && summary.buildStatus && FAILED_BUILD_STATUSES.includes(summary.buildStatus)) {
      return { node: group.identifier ?? 'unknown node', buildId: buildIdOf(summary.arn) };
    }
  }
  return undefined;
}

/** The message of a failed batch; `build` is the failing node's build when it could be read. */
export function describeFailure(batch: BuildBatch, region: string, node?: string, build?: Build): string {
  const batchStatus = batch.buildBatchStatus ?? 'UNKNOWN';
  if (!build) {
    // the batch failed before any node ran (bad buildspec, quota, timeout while queued), or the
    // failing node's build could not be read (throttled): the batch-level phase, and the node if known
    const phase = [...(batch.phases ?? [])].reverse().find((p) => p.phaseStatus && p.phaseStatus !== 'SUCCEEDED');
    const reason = phase?.contexts?.map((c) => [c.statusCode, c.message].filter(Boolean).join(': ')).join('; ') || 'no reason given';
    const failedNode = node ? `The image build failed on node ${node}${archOf(node)} (its build details could not be read). ` : '';
    return `${failedNode}The image build batch ${batch.id} ended ${batchStatus}` +
      `${phase ? ` in batch phase ${phase.phaseType} (${phase.phaseStatus})` : ''}: ${reason}. ` +
      `Logs: ${batchConsoleUrl(batch, region)}`;
  }
  const phase = (build.phases ?? []).find((p) => p.phaseStatus && FAILED_BUILD_STATUSES.includes(p.phaseStatus));
  const reason = phase?.contexts?.map((c) => [c.statusCode, c.message].filter(Boolean).join(': ')).join('; ') || 'no reason given';
  const logs = build.logs?.deepLink ?? batchConsoleUrl(batch, region);
  return `The image build failed on node ${node}${archOf(node)}: ` +
    `phase ${phase?.phaseType ?? build.currentPhase ?? 'UNKNOWN'} ended ${phase?.phaseStatus ?? build.buildStatus}: ${reason}. ` +
    `Batch ${batch.id} is ${batchStatus}. Logs: ${logs}`;
}

function archOf(node?: string): string {
  const arch = /^build_(amd64|arm64)$/.exec(node ?? '')?.[1];
  return arch ? ` (the ${arch} image)` : node === 'image_index' ? ' (the image index)' : '';
}

function buildIdOf(arn: string): string {
  // arn:aws:codebuild:<region>:<account>:build/<project>:<uuid> → <project>:<uuid>
  const i = arn.indexOf(':build/');
  return i >= 0 ? arn.slice(i + ':build/'.length) : arn;
}

function batchConsoleUrl(batch: BuildBatch, region: string): string {
  return `https://${region}.console.aws.amazon.com/codesuite/codebuild/projects/${batch.projectName}` +
    `/batch/${encodeURIComponent(batch.id ?? '')}?region=${region}`;
}
