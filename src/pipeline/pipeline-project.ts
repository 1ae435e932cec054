import { BuildSpec, PipelineProject } from 'aws-cdk-lib/aws-codebuild';
import { Construct } from 'constructs';
import { commonProjectProps, configureBuildProject } from '../image/build-project';
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
    ...commonProjectProps(settings),
    description: `Builds the multi-arch image of ${imagePath} from the pipeline source`,
    buildSpec: BuildSpec.fromObject(buildspec),
  });
  configureBuildProject(project, { ...settings, buildspec });
  return project;
}
