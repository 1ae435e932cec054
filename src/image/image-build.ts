import { Annotations, CustomResource, Duration } from 'aws-cdk-lib';
import { ComputeType, Project } from 'aws-cdk-lib/aws-codebuild';
import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { DEFAULT_BUILD_IMAGES, IMAGES_WITH_BUILDX } from './build-environments';
import { buildProject, BuildProjectProps } from './build-project';
import { BuildStrategy } from './build-strategy';
import { buildTrigger } from './build-trigger';
import { buildkitImageFor, DEFAULT_BUILDX_VERSION } from './builder-versions';
import { cacheRepository, imageRepository } from './image-repository';
import { claimRepositoryTag } from './repository-claims';
import { defaultPolicyOf } from './role-dependencies';
import { RustMultiArchImageProps } from './rust-multi-arch-image-props';
import { DOCKERFILE_PATH, imageTag, sourceAsset, TOOLCHAIN_DOCKERFILE_PATH, toolchainTag } from './source-asset';
import { secretEnvVar, validate } from './validate-image-props';
import { Diagnostic } from '../cargo/model';
import { Platform } from '../plan/option-values';
import { ArchName, BuildspecSpec, renderBuildspec } from '../render/buildspec';

/**
 * Everything a `RustMultiArchImage` creates once the project is planned and rendered: repositories,
 * the source asset, the batch CodeBuild project and the deploy-time trigger.
 */

/** What the plan and the renderers produced for the construct. */
export interface RenderedBuild {
  /** The folder the image build sees (the Cargo workspace and its path dependencies). */
  readonly contextDir: string;
  readonly dockerfile: string;
  readonly dockerignore: string;
  readonly platforms: Platform[];
  /** The registry the Dockerfile pulls from; the BuildKit image comes through it too. */
  readonly registryMirror: string;
  readonly warnings: Diagnostic[];
  /** Layer compression the plan chose for every pushed image. */
  readonly compression: 'gzip' | 'zstd';
  /** The toolchain image's Dockerfile, when the toolchain image is on. */
  readonly toolchainDockerfile?: string;
}

export interface ImageBuild {
  readonly repository: IRepository;
  readonly cacheRepository?: IRepository;
  readonly project: Project;
  readonly resource: CustomResource;
  /** The synth-time index tag (content hash). */
  readonly tag: string;
  readonly platforms: Platform[];
  readonly attestations: boolean;
  /** What the buildspec was rendered from: the pipeline renders its own buildspec from the same settings. */
  readonly buildspecSpec: BuildspecSpec;
  /** The settings of the image's CodeBuild project, which the pipeline's project repeats. */
  readonly projectProps: BuildProjectProps;
  /** The rendered files the build uses. */
  readonly rendered: RenderedBuild;
}

const DEFAULT_BUILD_TIMEOUT = Duration.minutes(50);

export function createImageBuild(scope: Construct, props: RustMultiArchImageProps, rendered: RenderedBuild): ImageBuild {
  // validate
  const strategy = props.strategy ?? BuildStrategy.NATIVE;
  const attestations = props.attestations ?? false;
  const timeout = props.buildTimeout ?? DEFAULT_BUILD_TIMEOUT;
  const arches = rendered.platforms.map((p) => p.arch as ArchName);
  const hosts = {
    amd64: { image: props.amd64BuildImage ?? DEFAULT_BUILD_IMAGES.amd64, computeType: props.amd64ComputeType ?? ComputeType.LARGE },
    arm64: { image: props.arm64BuildImage ?? DEFAULT_BUILD_IMAGES.arm64, computeType: props.arm64ComputeType ?? ComputeType.LARGE },
  };
  const usedHosts: ArchName[] = strategy === BuildStrategy.NATIVE ? arches : ['amd64'];
  validate(scope, props, timeout, strategy, usedHosts, hosts);

  // advice from the plan, and about the build hosts
  for (const w of rendered.warnings) {
    Annotations.of(scope).addWarningV2(`cdk-rust-multiarch:${w.id}`, w.location ? `${w.location.file}${w.location.line ? `:${w.location.line}` : ''}: ${w.message}` : w.message);
  }
  for (const arch of usedHosts) {
    if (!IMAGES_WITH_BUILDX.includes(hosts[arch].image)) {
      Annotations.of(scope).addWarningV2('cdk-rust-multiarch:image:build-image-without-buildx',
        `${arch}BuildImage '${hosts[arch].image}' is not known to ship docker buildx; the build installs buildx ` +
        `v${props.buildxVersion ?? DEFAULT_BUILDX_VERSION} when it is missing. Known images: ${IMAGES_WITH_BUILDX.join(', ')}.`);
    }
  }

  // repositories, source and tag
  const repository = imageRepository(scope, props.repository, props.repositoryOptions ?? {}, attestations);
  const cache = (props.cache ?? true) ? cacheRepository(scope, props.repositoryOptions ?? {}, props.repository !== undefined) : undefined;
  const source = sourceAsset(scope, rendered);
  const buildxVersion = props.buildxVersion ?? DEFAULT_BUILDX_VERSION;
  const buildkitImage = props.buildkitImage ?? buildkitImageFor(rendered.registryMirror);
  const secrets = (props.buildSecrets ?? []).map((s) => ({
    id: s.id,
    envVar: secretEnvVar(s.id),
    secretRef: s.jsonField ? `${s.secret.secretArn}:${s.jsonField}` : s.secret.secretArn,
  }));
  const tag = imageTag(source.fingerprint, {
    arches, attestations, compression: rendered.compression, buildxVersion, buildkitImage, secrets: secrets.map((s) => s.id),
  });
  claimRepositoryTag(scope, repository, props.repository ? undefined : props.repositoryOptions?.repositoryName, tag);

  // the build and its trigger
  const buildspecSpec: BuildspecSpec = {
    repositoryUri: repository.repositoryUri,
    repositoryName: repository.repositoryName,
    cacheRepositoryUri: cache?.repositoryUri,
    tag,
    arches,
    strategy: strategy === BuildStrategy.NATIVE ? 'native' : 'cross',
    attestations,
    compression: rendered.compression,
    buildxVersion,
    buildkitImage,
    dockerfile: DOCKERFILE_PATH,
    contextPath: '.',
    secrets,
    environments: hosts,
    stateDir: '/tmp/rust-multiarch',
    toolchain: rendered.toolchainDockerfile === undefined ? undefined
      : { dockerfile: TOOLCHAIN_DOCKERFILE_PATH, tag: toolchainTag(rendered.toolchainDockerfile) },
  };
  const buildspec = renderBuildspec(buildspecSpec);
  const projectProps: BuildProjectProps = {
    source: source.asset,
    buildspec,
    repository,
    cacheRepository: cache,
    computeTypes: usedHosts.map((a) => hosts[a].computeType),
    timeout,
    secrets: props.buildSecrets ?? [],
    vpc: props.vpc,
    subnetSelection: props.subnetSelection,
    securityGroups: props.securityGroups,
    encryptionKey: props.repositoryOptions?.encryptionKey,
  };
  const project = buildProject(scope, projectProps);
  // the build must not start before its roles may push and start the batch's builds
  const policies = [...defaultPolicyOf(project.role), ...defaultPolicyOf(project.enableBatchBuilds()?.role)];
  const resource = buildTrigger(scope, { project, repository, tag, dependencies: policies });
  return {
    repository, cacheRepository: cache, project, resource, tag, platforms: rendered.platforms, attestations, buildspecSpec, projectProps, rendered,
  };
}
