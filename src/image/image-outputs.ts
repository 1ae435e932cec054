import { ContainerDefinition, ContainerImage, ContainerImageConfig } from 'aws-cdk-lib/aws-ecs';
import { DockerImageCode } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { warnIfCrossStack } from './cross-stack';
import { ImageBuild } from './image-build';
import { Platform } from '../plan/option-values';

/**
 * The ways consumers reference a built image. Every reference goes through the custom resource's
 * attributes, so a consumer is created only after the build, and a new build changes the reference
 * (B32): ECS pins the index digest, Lambda a per-arch tag.
 */

/** `repo@sha256:...` of the index, known at deploy time. */
export function indexImageUri(build: ImageBuild): string {
  return build.resource.getAttString('ImageUri');
}

/** `repo:<tag>-<arch>` of one platform's image. */
export function platformImageUri(build: ImageBuild, platform: Platform): string {
  return `${build.repository.repositoryUri}:${platformTag(build, platform)}`;
}

/** The per-arch tag of a platform, through the custom resource so it waits for the build. */
export function platformTag(build: ImageBuild, platform: Platform): string {
  if (!build.platforms.some((p) => p.docker === platform.docker)) {
    throw new Error(
      `The image has no ${platform.docker} variant: it is built for ${build.platforms.map((p) => p.docker).join(', ')}. ` +
      `Add ${platform.docker} to \`platforms\`, or ask for one of those.`,
    );
  }
  return `${build.resource.getAttString('ImageTag')}-${platform.arch}`;
}

/** An ECS image pinned to the index digest; the task's execution role may pull it. */
export function ecsImage(image: Construct, build: ImageBuild): ContainerImage {
  return new PinnedEcrImage(image, build);
}

/** Lambda code from one platform's plain image manifest (B27: Lambda rejects an index). */
export function lambdaCode(scope: Construct, build: ImageBuild, platform: Platform): DockerImageCode {
  if (build.attestations) {
    throw new Error(
      `RustMultiArchImage ${scope.node.path}: toLambdaCode is refused because attestations are on: every per-arch image is then an ` +
      'index with provenance and SBOM manifests, which Lambda rejects. Set `attestations: false`, or build a separate image for Lambda.',
    );
  }
  return DockerImageCode.fromEcr(build.repository, { tagOrDigest: platformTag(build, platform) });
}

class PinnedEcrImage extends ContainerImage {
  constructor(private readonly image: Construct, private readonly build: ImageBuild) {
    super();
  }

  public bind(_scope: Construct, containerDefinition: ContainerDefinition): ContainerImageConfig {
    warnIfCrossStack(this.image, containerDefinition, `The container ${containerDefinition.node.path}`);
    this.build.repository.grantPull(containerDefinition.taskDefinition.obtainExecutionRole());
    return { imageName: indexImageUri(this.build) };
  }
}
