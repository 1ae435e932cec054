import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { DockerImageCode } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { BuildStrategy } from './build-strategy';
import { createImageBuild, ImageBuild } from './image-build';
import { ecsImage, indexImageUri, lambdaCode, platformImageUri } from './image-outputs';
import { RustMultiArchImageProps } from './rust-multi-arch-image-props';
import { checkKnownAtSynth } from './validate-image-props';
import { IRustImage, RustContainerDefaults } from '../ecs/rust-image';
import { planDirectory } from '../plan/from-directory';
import { DEFAULT_MIRROR } from '../plan/images';
import { Platform } from '../plan/option-values';
import { renderDockerfile } from '../render/dockerfile';
import { renderDockerignore } from '../render/dockerignore';
import { renderToolchainDockerfile } from '../render/toolchain-dockerfile';

/**
 * A multi-arch (amd64 + arm64) container image of a Rust service, built by CodeBuild at deploy time
 * and pushed to ECR as one image index.
 *
 * The project is read and planned at synth time; the rendered Dockerfile travels with the filtered
 * source as an S3 asset. On deploy, a custom resource starts a CodeBuild batch (native arm64 and
 * amd64 hosts, or one x86 host with `BuildStrategy.CROSS`) and waits for it. Consumers reference the
 * image through this construct, so they are created after the build.
 *
 * @example
 * const image = new RustMultiArchImage(this, 'Api', { path: '../api' });
 */
export class RustMultiArchImage extends Construct implements IRustImage {
  /**
   * `repo@sha256:...` of the image index: pinned, so a new build changes every consumer.
   *
   * Use it in the image's own stack (or its nested stacks): in another top-level stack it becomes a
   * CloudFormation export, which changes with every build and which CloudFormation refuses to
   * update while it is imported. `toEcsImage()` warns when it is bound in another stack.
   */
  public readonly imageUri: string;
  /**
   * The index tag, a hash of everything that changes the image (per-arch tags add `-amd64` / `-arm64`).
   * It changes with the source: use it in the image's own stack, like `imageUri`.
   */
  public readonly imageTag: string;
  /** Digest of the image index. Like `imageUri`, it changes with every build: use it in the image's own stack. */
  public readonly imageDigest: string;
  /** The repository holding the images. */
  public readonly repository: IRepository;
  /** The platforms of the index. */
  public readonly platforms: Platform[];

  /** Ports, environment and health check of the plan, for the ECS container definition. */
  public readonly containerDefaults: RustContainerDefaults;

  /**
   * The build resources and the settings they were made from (the pipeline repeats them).
   *
   * @internal
   */
  public readonly _build: ImageBuild;

  constructor(scope: Construct, id: string, props: RustMultiArchImageProps) {
    super(scope, id);

    // read the project and render its build
    checkKnownAtSynth(this, props);
    const strategy = props.strategy ?? BuildStrategy.NATIVE;
    const { plan } = planDirectory(props.path, props, { crossBuild: strategy === BuildStrategy.CROSS });
    this._build = createImageBuild(this, props, {
      contextDir: plan.contextDir,
      dockerfile: renderDockerfile(plan),
      dockerignore: renderDockerignore(plan),
      platforms: plan.platforms.map((p) => Platform.of(p.platform)),
      registryMirror: props.registryMirror ?? DEFAULT_MIRROR,
      warnings: plan.warnings,
      compression: plan.imageOutput.compression,
      toolchainDockerfile: props.toolchainImage ? renderToolchainDockerfile(plan) : undefined,
    });

    // outputs: deploy-time values of the custom resource
    this.repository = this._build.repository;
    this.platforms = this._build.platforms;
    this.imageUri = indexImageUri(this._build);
    this.imageTag = this._build.resource.getAttString('ImageTag');
    this.imageDigest = this._build.resource.getAttString('ImageDigest');
    this.containerDefaults = {
      ports: plan.runtime.ports,
      environment: plan.runtime.env,
      healthCheck: plan.runtime.healthCheck,
    };
  }

  /** `repo:<tag>-<arch>`: the single-platform image of one platform of the index. */
  public imageUriFor(platform: Platform): string {
    return platformImageUri(this._build, platform);
  }

  /** The image for an ECS task definition, pinned to the index digest; the execution role may pull it. */
  public toEcsImage(): ContainerImage {
    return ecsImage(this, this._build);
  }

  /**
   * Lambda code from the single-platform image of `platform` (Lambda rejects image indexes). Use it
   * in the image's own stack: its tag changes with the source, like `imageUri`.
   *
   * @throws when attestations are on, or the platform is not built
   */
  public toLambdaCode(platform: Platform): DockerImageCode {
    return lambdaCode(this, this._build, platform);
  }

  /** Lets `grantee` pull the images. */
  public grantPull(grantee: IGrantable): Grant {
    return this._build.repository.grantPull(grantee);
  }
}
