import { CfnResource, Stack, Token, Validations } from 'aws-cdk-lib';
import { Project } from 'aws-cdk-lib/aws-codebuild';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';

/**
 * The cdk-nag AwsSolutions findings this library accepts, each with its reason, acknowledged finding
 * by finding on the construct that owns it, so any other finding in the user's app still shows.
 */

const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** Findings on the image build's CodeBuild project and its role. */
export function acknowledgeProjectFindings(project: Project, hasKmsKey: boolean, inVpc: boolean): void {
  const policy = project.role?.node.tryFindChild('DefaultPolicy');
  if (policy) {
    const stack = Stack.of(project);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const id = `<${logicalId(project)}>`;
    acknowledge(policy, 'AwsSolutions-IAM5[Resource::*]',
      'ecr:GetAuthorizationToken has no resource-level permissions; it only issues a login token, pushes are limited to the image and cache repositories.');
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
      acknowledge(policy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK grants read of the source asset on the asset bucket only.');
    }
    acknowledge(policy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/codebuild/${id}:*]`,
      'CodeBuild writes the log streams of its builds into the project\'s own log group.');
    acknowledge(policy, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:${region}:${account}:report-group/${id}-*]`,
      'CDK lets the project write test reports to report groups named after the project only.');
    if (hasKmsKey) {
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        acknowledge(policy, `AwsSolutions-IAM5[Action::${action}]`, 'CDK grants encrypt and decrypt on the repositories\' KMS key only.');
      }
    }
    if (inVpc) {
      acknowledge(policy, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]',
        'CodeBuild creates its network interfaces in the VPC at build time, so their ids are unknown; CDK limits the permission to the given subnets.');
    }
  }
  const vpcPolicy = project.node.tryFindChild('PolicyDocument');
  if (inVpc && vpcPolicy) {
    acknowledge(vpcPolicy, 'AwsSolutions-IAM5[Resource::*]',
      'The ec2:Describe* and network interface calls CodeBuild needs to run in a VPC have no resource-level permissions.');
  }
  if (!hasKmsKey) {
    acknowledge(project, 'AwsSolutions-CB4',
      'The project has no build artifacts: its only output is images in ECR, encrypted by ECR (with a repository KMS key, the project uses that key too).');
  }
}

/** Findings on the deploy-time trigger: its two handlers and the CDK provider framework inside it. */
export function acknowledgeTriggerFindings(trigger: Construct, framework: Construct): void {
  for (const fn of trigger.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction)) {
    acknowledge(fn, `AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`, 'The managed policy only lets the function write its own CloudWatch logs.');
    acknowledge(fn, 'AwsSolutions-L1',
      'The handlers are bundled for Node 22, a supported LTS line whose runtime provides the AWS SDK v3; the provider framework functions run on the runtime aws-cdk-lib picks.');
    // the framework may invoke every version of the handlers it calls
    acknowledge(framework, `AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`,
      'The provider framework may invoke any version of its own handler function, as aws-cdk-lib grants it.');
  }
  acknowledge(framework, 'AwsSolutions-SF1', 'The provider framework state machine only waits between isComplete calls; every step is logged by the handlers.');
  acknowledge(framework, 'AwsSolutions-SF2', 'The provider framework state machine only waits between isComplete calls; tracing it would show nothing the handler logs do not.');
}

/**
 * Records an acknowledgement the way `Validations.acknowledge` does. aws-cdk-lib (2.257 at least)
 * refuses ids with more than one '::', which cdk-nag findings on ARNs contain
 * (`AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:...]`); those are written to the same public
 * metadata key (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`) that cdk-nag reads.
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length <= 2) {
    Validations.of(scope).acknowledge({ id, reason });
    return;
  }
  scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { ...latestAcknowledgements(scope), [id]: reason });
}

function latestAcknowledgements(scope: IConstruct): Record<string, string> {
  const entries = scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  return (entries[entries.length - 1]?.data as Record<string, string> | undefined) ?? {};
}

function logicalId(c: IConstruct): string {
  const resource = c.node.defaultChild as CfnResource;
  return Stack.of(c).resolve(resource.logicalId);
}
