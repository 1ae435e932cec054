import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { IProject } from 'aws-cdk-lib/aws-codebuild';
import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeTriggerFindings } from './nag-acknowledgements';
import { dependOnRolePoliciesOnly } from './role-dependencies';
import { IsCompleteFunction } from './trigger/is-complete-function';
import { OnEventFunction } from './trigger/on-event-function';

/**
 * The deploy-time trigger: one provider per stack (two handlers and the framework), shared by every
 * image of the stack; each image adds its project and repository to the handlers' policies and owns
 * one custom resource.
 */

const PROVIDER_ID = 'RustMultiArchImageTrigger';

/** CloudFormation waits at most one hour for a custom resource. */
export const TOTAL_TIMEOUT = Duration.hours(1);

class TriggerProvider extends Construct {
  public static of(scope: Construct): TriggerProvider {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(PROVIDER_ID) as TriggerProvider | undefined) ?? new TriggerProvider(stack, PROVIDER_ID);
  }

  public readonly provider: Provider;
  public readonly start = new PolicyStatement({ actions: ['codebuild:StartBuildBatch'] });
  public readonly poll = new PolicyStatement({ actions: ['codebuild:BatchGetBuildBatches', 'codebuild:BatchGetBuilds'] });
  public readonly lookUp = new PolicyStatement({ actions: ['ecr:DescribeImages'] });

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const onEvent = new OnEventFunction(this, 'OnEvent', {
      description: 'Starts the CodeBuild batch of a RustMultiArchImage unless its image index exists',
      timeout: Duration.minutes(3),
    });
    const isComplete = new IsCompleteFunction(this, 'IsComplete', {
      description: 'Polls the CodeBuild batch of a RustMultiArchImage',
      timeout: Duration.minutes(1),
    });
    onEvent.addToRolePolicy(this.start);
    onEvent.addToRolePolicy(this.lookUp);
    isComplete.addToRolePolicy(this.poll);
    isComplete.addToRolePolicy(this.lookUp);
    this.provider = new Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(30),
      totalTimeout: TOTAL_TIMEOUT,
    });
    dependOnRolePoliciesOnly(this);
    acknowledgeTriggerFindings(this, this.provider);
  }
}

export interface BuildTriggerProps {
  readonly project: IProject;
  readonly repository: IRepository;
  readonly tag: string;
  /** Constructs whose resources must exist before the build starts (the project roles' policies). */
  readonly dependencies: Construct[];
}

/** The custom resource that runs the build at deploy time. */
export function buildTrigger(scope: Construct, props: BuildTriggerProps): CustomResource {
  const shared = TriggerProvider.of(scope);
  shared.start.addResources(props.project.projectArn);
  shared.poll.addResources(props.project.projectArn);
  shared.lookUp.addResources(props.repository.repositoryArn);
  const resource = new CustomResource(scope, 'Resource', {
    serviceToken: shared.provider.serviceToken,
    resourceType: 'Custom::RustMultiArchImage',
    properties: {
      ProjectName: props.project.projectName,
      RepositoryName: props.repository.repositoryName,
      RepositoryUri: props.repository.repositoryUri,
      ImageTag: props.tag,
    },
  });
  for (const d of props.dependencies) {
    resource.node.addDependency(d);
  }
  return resource;
}
