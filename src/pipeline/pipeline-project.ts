import { BuildSpec, ComputeType, LinuxBuildImage, PipelineProject } from 'aws-cdk-lib/aws-codebuild';
import { Construct } from 'constructs';
import { configureBuildProject } from '../image/build-project';
import { ImageBuild } from '../image/image-build';
import { PipelineBuildspec } from '../render/pipeline-buildspec';

/**
 * The pipeline's CodeBuild project: the image project's settings (batch mode with the same limits,
 * timeout, VPC, KMS key, grants and acknowledged findings) with the pipeline as source and artifact
 * store.
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
  configureBuildProject(project, { ...settings, buildspec });
  return project;
}
