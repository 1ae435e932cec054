import { Duration } from 'aws-cdk-lib';
import { BuildSpec, CfnProject, CommonProjectProps, ComputeType, LinuxBuildImage, Project, Source } from 'aws-cdk-lib/aws-codebuild';
import { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { acknowledgeProjectFindings } from './nag-acknowledgements';
import { BuildSecret } from './rust-multi-arch-image-props';
import { Buildspec } from '../render/buildspec';

/**
 * The CodeBuild project of an image build, in batch mode: its buildspec carries the build graph, and
 * the batch role may only start the project's own builds, at most one per node, on the compute types
 * the graph names.
 */

export interface BuildProjectProps {
  readonly source: Asset;
  readonly buildspec: Buildspec;
  readonly repository: IRepository;
  readonly cacheRepository?: IRepository;
  readonly computeTypes: string[];
  readonly timeout: Duration;
  readonly secrets: BuildSecret[];
  readonly vpc?: IVpc;
  readonly subnetSelection?: SubnetSelection;
  readonly securityGroups?: ISecurityGroup[];
  /** KMS key of the project (and its logs), when the repository has one. */
  readonly encryptionKey?: IKey;
}

export function buildProject(scope: Construct, props: BuildProjectProps): Project {
  const project = new Project(scope, 'Project', {
    ...commonProjectProps(props),
    description: `Builds the multi-arch image of ${scope.node.path}`,
    source: Source.s3({ bucket: props.source.bucket, path: props.source.s3ObjectKey }),
    buildSpec: BuildSpec.fromObject(props.buildspec),
  });
  configureBuildProject(project, props);
  return project;
}

/**
 * What every image build project is created with, whatever its source: a privileged default
 * environment, the build's timeout, KMS key and VPC. Shared by the image's own project and the
 * deploy pipeline's.
 */
export function commonProjectProps(props: Omit<BuildProjectProps, 'source'>): CommonProjectProps {
  return {
    environment: {
      // the graph nodes override type, image and compute type; this is the project's own default
      buildImage: LinuxBuildImage.STANDARD_7_0,
      computeType: ComputeType.SMALL,
      privileged: true,
    },
    timeout: props.timeout,
    encryptionKey: props.encryptionKey,
    vpc: props.vpc,
    subnetSelection: props.vpc ? props.subnetSelection : undefined,
    securityGroups: props.vpc ? props.securityGroups : undefined,
  };
}

/**
 * Batch mode, its limits, the grants and the acknowledged findings of an image build project; shared
 * by the image's own project and the deploy pipeline's (which has the pipeline as its source).
 */
export function configureBuildProject(project: Project, props: Omit<BuildProjectProps, 'source'>): void {
  project.enableBatchBuilds();
  acknowledgeProjectFindings(project, props.encryptionKey !== undefined, props.vpc !== undefined);
  const cfn = project.node.defaultChild as CfnProject;
  cfn.addPropertyOverride('BuildBatchConfig.TimeoutInMins', props.timeout.toMinutes());
  cfn.addPropertyOverride('BuildBatchConfig.Restrictions', {
    MaximumBuildsAllowed: props.buildspec.batch['build-graph'].length,
    ComputeTypesAllowed: [...new Set([ComputeType.SMALL as string, ...props.computeTypes])],
  });

  // push the per-arch images and the index, read digests back, reuse the cache
  props.repository.grantPullPush(project);
  props.repository.grant(project, 'ecr:DescribeImages');
  props.cacheRepository?.grantPullPush(project);
  for (const s of props.secrets) {
    s.secret.grantRead(project);
  }
  project.addToRolePolicy(new PolicyStatement({
    actions: ['ecr:GetAuthorizationToken'],
    resources: ['*'],
  }));
}
