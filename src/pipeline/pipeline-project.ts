import { BuildSpec, CfnProject, ComputeType, LinuxBuildImage, PipelineProject } from 'aws-cdk-lib/aws-codebuild';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ImageBuild } from '../image/image-build';
import { acknowledgeProjectFindings } from '../image/nag-acknowledgements';
import { PipelineBuildspec } from '../render/pipeline-buildspec';

/**
 * The pipeline's CodeBuild project: the image project's settings (batch mode with the same
 * restrictions, timeout, VPC, KMS key, grants) with the pipeline as source and artifact store.
 * It repeats src/image/build-project.ts because that function builds an S3-sourced `Project`;
 * the grants and batch limits below must follow it.
 */
export function pipelineProject(scope: Construct, imagePath: string, build: ImageBuild, buildspec: PipelineBuildspec): PipelineProject {
  const settings = build.projectProps;
  const project = new PipelineProject(scope, 'BuildProject', {
    description: `Builds the multi-arch image of ${imagePath} from the pipeline source`,
    buildSpec: BuildSpec.fromObject(buildspec),
    environment: {
      // the graph nodes override type, image and compute type; this is the project's own default
      buildImage: LinuxBuildImage.STANDARD_7_0,
      computeType: ComputeType.SMALL,
      privileged: true,
    },
    timeout: settings.timeout,
    encryptionKey: settings.encryptionKey,
    vpc: settings.vpc,
    subnetSelection: settings.vpc ? settings.subnetSelection : undefined,
    securityGroups: settings.vpc ? settings.securityGroups : undefined,
  });
  project.enableBatchBuilds();
  acknowledgeProjectFindings(project, settings.encryptionKey !== undefined);
  const cfn = project.node.defaultChild as CfnProject;
  cfn.addPropertyOverride('BuildBatchConfig.TimeoutInMins', settings.timeout.toMinutes());
  cfn.addPropertyOverride('BuildBatchConfig.Restrictions', {
    MaximumBuildsAllowed: buildspec.batch['build-graph'].length,
    ComputeTypesAllowed: [...new Set([ComputeType.SMALL as string, ...settings.computeTypes])],
  });

  // push the per-arch images and the index, read digests back, reuse the cache
  settings.repository.grantPullPush(project);
  settings.repository.grant(project, 'ecr:DescribeImages');
  settings.cacheRepository?.grantPullPush(project);
  for (const s of settings.secrets) {
    s.secret.grantRead(project);
  }
  project.addToRolePolicy(new PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  return project;
}
