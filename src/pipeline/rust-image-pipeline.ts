import { CfnResource } from 'aws-cdk-lib';
import { PipelineProject } from 'aws-cdk-lib/aws-codebuild';
import { Artifact, Pipeline, PipelineType } from 'aws-cdk-lib/aws-codepipeline';
import { CodeBuildAction, EcsDeployAction, ManualApprovalAction } from 'aws-cdk-lib/aws-codepipeline-actions';
import { BaseService, IBaseService } from 'aws-cdk-lib/aws-ecs';
import { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ecsDeployRole } from './ecs-deploy-role';
import { acknowledgePipelineFindings } from './nag-acknowledgements';
import { pipelineProject } from './pipeline-project';
import { RustImagePipelineProps } from './rust-image-pipeline-props';
import { policyLogicalIds } from '../image/role-dependencies';
import { imageDefinitionsFile, outputNodeId, renderPipelineBuildspec } from '../render/pipeline-buildspec';

/**
 * A CodePipeline (V2) that builds a `RustMultiArchImage` from every push and rolls it out to ECS.
 *
 * Stages: `Source` (the action you give), `Build` (the image's multi-arch CodeBuild batch on the
 * pipeline's source, tagged with the pipeline execution id), an optional `Approve`, then one
 * `Deploy-<service>` stage per service with CodePipeline's ECS deploy action and an
 * `imagedefinitions.json` that pins the new index digest.
 *
 * The Dockerfile is not delivered by the pipeline: it is the one committed with the service (written
 * by the projen type's RustServiceDockerfile, or by `cdk-rust-multiarch dockerfile`). The build first
 * checks that it, and the .dockerignore, equal what the image's plan renders at synth time, and fails
 * with the file and the fix when they differ, so the pipeline builds exactly what the plan says.
 *
 * Known limit: the ECS deploy action registers task definition revisions outside CloudFormation, so
 * the next `cdk deploy` of the service's stack sets the image back to the one its own deploy-time
 * build produced (which is the same code when both run from the same commit).
 *
 * @example
 * const sourceOutput = new codepipeline.Artifact();
 * new RustImagePipeline(this, 'Pipeline', {
 *   image,
 *   source: new actions.CodeStarConnectionsSourceAction({ actionName: 'Source', connectionArn, owner, repo, output: sourceOutput }),
 *   services: [{ service: fargateService }],
 * });
 */
export class RustImagePipeline extends Construct {
  /** The pipeline. */
  public readonly pipeline: Pipeline;
  /** The CodeBuild project of the build stage (batch mode). */
  public readonly project: PipelineProject;

  constructor(scope: Construct, id: string, props: RustImagePipelineProps) {
    super(scope, id);

    // validate and resolve
    const where = `RustImagePipeline ${this.node.path}`;
    const sourceOutput = props.source.actionProperties.outputs?.[0];
    if (!sourceOutput) {
      throw new Error(`${where}: the source action '${props.source.actionProperties.actionName}' has no output artifact; give it \`output: new Artifact()\`.`);
    }
    if (props.services.length === 0) {
      throw new Error(`${where}: services is empty; give at least one ECS service to deploy the image to.`);
    }
    const contextPath = trimPath(props.contextPath ?? '.');
    const dockerfilePath = trimPath(props.dockerfilePath ?? (contextPath === '.' ? 'Dockerfile' : `${contextPath}/Dockerfile`));
    const deployments = props.services.map((d) => ({ ...d, containerName: d.containerName ?? defaultContainerName(d.service) }));
    const build = props.image._build;

    // the build: the image's batch on the pipeline's source
    const buildspec = wrap(where, () => renderPipelineBuildspec({
      image: build.buildspecSpec,
      dockerfilePath,
      contextPath,
      dockerfile: build.rendered.dockerfile,
      dockerignore: build.rendered.dockerignore,
      containerNames: [...new Set(deployments.map((d) => d.containerName))],
    }));
    this.project = pipelineProject(this, props.image.node.path, build, buildspec);
    // a batch's output artifact is named after the build node that produces it
    const imageOutput = new Artifact(outputNodeId(build.buildspecSpec));

    // the stages
    this.pipeline = new Pipeline(this, 'Pipeline', {
      pipelineType: PipelineType.V2,
      pipelineName: props.pipelineName,
      artifactBucket: props.artifactBucket,
      restartExecutionOnUpdate: false,
      enableKeyRotation: props.artifactBucket ? undefined : true,
    });
    this.pipeline.addStage({ stageName: 'Source', actions: [props.source] });
    this.pipeline.addStage({
      stageName: 'Build',
      actions: [new CodeBuildAction({
        actionName: 'BuildImage',
        project: this.project,
        input: sourceOutput,
        outputs: [imageOutput],
        executeBatchBuild: true,
        environmentVariables: { IMAGE_TAG: { value: '#{codepipeline.PipelineExecutionId}' } },
      })],
    });
    if (props.manualApproval) {
      this.pipeline.addStage({
        stageName: 'Approve',
        actions: [new ManualApprovalAction({ actionName: 'Approve', additionalInformation: `Deploy the new image of ${props.image.node.path}?` })],
      });
    }
    const stageNames = new Set<string>();
    const deployRoles: IRole[] = [];
    for (const d of deployments) {
      const stageName = uniqueName(`Deploy-${d.service.node.id}`.replace(/[^A-Za-z0-9.@\-_]/g, '-').slice(0, 100), stageNames);
      const role = ecsDeployRole(this, `${stageName}Role`, d.service);
      deployRoles.push(role);
      this.pipeline.addStage({
        stageName,
        actions: [new EcsDeployAction({
          actionName: 'Deploy',
          service: d.service,
          imageFile: imageOutput.atPath(imageDefinitionsFile(d.containerName)),
          deploymentTimeout: d.deploymentTimeout,
          role,
        })],
      });
    }

    // the pipeline must not start before its role's policy exists; the role itself is referenced already
    (this.pipeline.node.defaultChild as CfnResource).addOverride('DependsOn', policyLogicalIds(this.pipeline.role));
    acknowledgePipelineFindings(this.pipeline, this.project, deployRoles);
  }
}

function defaultContainerName(service: IBaseService): string {
  return (service instanceof BaseService ? service.taskDefinition.defaultContainer?.containerName : undefined) ?? 'app';
}

function trimPath(p: string): string {
  const trimmed = p.replace(/^\.\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) {
    candidate = `${name}-${i}`;
  }
  taken.add(candidate);
  return candidate;
}

function wrap<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}
