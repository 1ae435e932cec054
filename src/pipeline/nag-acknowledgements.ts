import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { PipelineProject } from 'aws-cdk-lib/aws-codebuild';
import { Pipeline } from 'aws-cdk-lib/aws-codepipeline';
import { IConstruct } from 'constructs';

/**
 * The cdk-nag AwsSolutions findings on the pipeline that this library accepts, each with its reason,
 * acknowledged on the construct that owns them so findings elsewhere in the user's app still show.
 */

/** Wildcard actions CDK grants on the artifact bucket and its key to whoever moves artifacts. */
const ARTIFACT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/** Findings of the pipeline, its action roles and its artifact store. */
export function acknowledgePipelineFindings(pipeline: Pipeline, project: PipelineProject, deployRoles: IConstruct[]): void {
  const bucket = pipeline.artifactBucket.node.defaultChild;
  const artifactReason = 'CDK grants these on the pipeline\'s own artifact bucket and its KMS key only, for reading and writing the artifacts of executions.';
  for (const scope of [pipeline, project, ...deployRoles] as IConstruct[]) {
    for (const action of ARTIFACT_ACTIONS) {
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: artifactReason });
    }
    if (bucket instanceof CfnResource) {
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${Stack.of(bucket).resolve(bucket.logicalId)}.Arn>/*]`, reason: artifactReason });
    }
  }
  if (bucket instanceof CfnResource) {
    Validations.of(pipeline.artifactBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The artifact bucket only holds the pipeline\'s intermediate artifacts (source zip, image definitions), encrypted with the pipeline\'s KMS key; CloudTrail records the pipeline\'s access.',
    });
  }
  for (const role of deployRoles) {
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'The ECS deploy role holds ecs:RegisterTaskDefinition and ecs:DescribeTaskDefinition (no resource-level permission exists), ' +
        'ecs:DescribeTasks, ecs:ListTasks and ecs:TagResource (the new revision and its tasks are unknown before the deploy) on *; ' +
        'ecs:UpdateService and ecs:DescribeServices are on the deployed service, iam:PassRole on its task and execution roles ' +
        '(on * only for a service imported without its task definition).',
    });
  }
}
