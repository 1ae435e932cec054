import { archCommands, indexCommands, installCommands, preBuildCommands, toolchainCommands } from './buildspec-commands';

/**
 * The CodeBuild buildspec of an image build, as a plain object (the construct hands it to
 * `BuildSpec.fromObject`, the CLI prints it as YAML). Pure: no CDK import, values may be CDK tokens.
 *
 * Both strategies run the same phases on every node of a batch `build-graph`; what a node does is
 * decided by its variables (`BUILD_AMD64`, `BUILD_ARM64`, `ASSEMBLE_INDEX`, `HOST_ARCH`):
 * - NATIVE: `build_amd64` on LINUX_CONTAINER and `build_arm64` on ARM_CONTAINER each push
 *   `<tag>-<arch>`; `image_index` depends on both and creates `<tag>` from their digests.
 * - CROSS: one x86 node builds every platform (the Dockerfile's builder stages run on
 *   `$BUILDPLATFORM`, so nothing is emulated) and then creates the index.
 *
 * Digests reach the index node through ECR itself: batch nodes cannot hand values to each other
 * (exported variables only reach CodePipeline), and ECR is where the pushed manifests live, so the
 * index node asks `aws ecr describe-images` for the digest behind each `<tag>-<arch>` and builds the
 * index from `repo@digest` references. The index then names exactly the manifests that were pushed,
 * even in a mutable repository where a tag could later move.
 *
 * A tag is never overwritten: a node whose index tag already exists does nothing, and a per-arch
 * tag that already exists (a batch that failed at the index step) is reused rather than rebuilt.
 */

/** Build strategy, as the renderer sees it. */
export type StrategyName = 'native' | 'cross';

/** Docker architecture of a build (`TARGETARCH`). */
export type ArchName = 'amd64' | 'arm64';

/** A BuildKit secret whose value CodeBuild reads from Secrets Manager into an environment variable. */
export interface BuildSecretSpec {
  /** The id the Dockerfile mounts (`RUN --mount=type=secret,id=<id>`). */
  readonly id: string;
  /** Environment variable CodeBuild fills from Secrets Manager (never a build argument). */
  readonly envVar: string;
  /** `env.secrets-manager` reference: secret ARN or name, optionally `:json-key:stage:version`. */
  readonly secretRef: string;
}

/** The CodeBuild environment of a build node. */
export interface NodeEnvironmentSpec {
  /** CodeBuild image, e.g. `aws/codebuild/standard:7.0`. */
  readonly image: string;
  /** Compute type, e.g. `BUILD_GENERAL1_LARGE`. */
  readonly computeType: string;
}

/** Everything the buildspec needs; plain values or CDK tokens. */
export interface BuildspecSpec {
  /** Image repository URI (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`). */
  readonly repositoryUri: string;
  /** Image repository name, for `aws ecr describe-images`. */
  readonly repositoryName: string;
  /** Registry cache repository URI (mutable); no cache when undefined. */
  readonly cacheRepositoryUri?: string;
  /** Index tag (content hash); per-arch tags are `<tag>-<arch>`. */
  readonly tag: string;
  /** Architectures of the index, in index order. */
  readonly arches: ArchName[];
  readonly strategy: StrategyName;
  /** Layer compression of every pushed image, forced on inherited layers too (B29). */
  readonly compression: 'gzip' | 'zstd';
  /** Keep BuildKit's provenance and SBOM attestations (off: plain per-arch manifests). */
  readonly attestations: boolean;
  /** buildx version installed when the CodeBuild image lacks buildx, e.g. `0.32.0`. */
  readonly buildxVersion: string;
  /** Full BuildKit image reference for the `docker-container` builder (pulled from the mirror). */
  readonly buildkitImage: string;
  /** Dockerfile path inside the source. */
  readonly dockerfile: string;
  /** Build context path inside the source. */
  readonly contextPath: string;
  readonly secrets: BuildSecretSpec[];
  /** CodeBuild environment per architecture; `amd64` also runs the index node and the CROSS node. */
  readonly environments: Record<ArchName, NodeEnvironmentSpec>;
  /** Scratch folder for the build's state files. */
  readonly stateDir: string;
  /**
   * Build the toolchain stage once as its own image (`<toolchainTag>-<host arch>` in the image
   * repository) and hand it to the Dockerfile as `TOOLCHAIN_IMAGE`; none when undefined.
   */
  readonly toolchain?: ToolchainImageSpec;
}

/** The reusable toolchain image. */
export interface ToolchainImageSpec {
  /** Path of the toolchain Dockerfile inside the source. */
  readonly dockerfile: string;
  /** Tag prefix, a hash of the toolchain Dockerfile (e.g. `toolchain-<hash>`). */
  readonly tag: string;
}

/** A node of `batch.build-graph`. */
export interface BuildGraphNode {
  readonly 'identifier': string;
  readonly 'depend-on'?: string[];
  readonly 'env': {
    readonly 'type': string;
    readonly 'image': string;
    readonly 'compute-type': string;
    readonly 'privileged-mode': boolean;
    readonly 'variables': Record<string, string>;
  };
}

/** The buildspec object (CodeBuild buildspec version 0.2). */
export interface Buildspec {
  readonly version: '0.2';
  readonly env: {
    readonly 'shell': 'bash';
    readonly 'variables': Record<string, string>;
    readonly 'secrets-manager'?: Record<string, string>;
  };
  readonly batch: {
    readonly 'fast-fail': boolean;
    readonly 'build-graph': BuildGraphNode[];
  };
  readonly phases: {
    readonly install: { readonly commands: string[] };
    readonly pre_build: { readonly commands: string[] };
    readonly build: { readonly commands: string[] };
  };
}

/** CodeBuild environment type and machine name per architecture. */
export const ARCH_HOSTS: Record<ArchName, { readonly environmentType: string; readonly machine: string }> = {
  amd64: { environmentType: 'LINUX_CONTAINER', machine: 'x86_64' },
  arm64: { environmentType: 'ARM_CONTAINER', machine: 'aarch64' },
};

/** Identifier of the per-arch node of a NATIVE batch. */
export function archNodeId(arch: ArchName): string {
  return `build_${arch}`;
}

/** Identifier of the node that assembles the index (NATIVE) or does everything (CROSS). */
export const INDEX_NODE_ID = 'image_index';
export const CROSS_NODE_ID = 'build_cross';

/** Compute type of the index node. */
export const INDEX_COMPUTE_TYPE = 'BUILD_GENERAL1_SMALL';

/** Renders the buildspec of one image build. */
export function renderBuildspec(spec: BuildspecSpec): Buildspec {
  validate(spec);
  const graph = spec.strategy === 'native' ? nativeGraph(spec) : crossGraph(spec);
  const secrets = spec.secrets.length > 0
    ? { 'secrets-manager': Object.fromEntries(spec.secrets.map((s) => [s.envVar, s.secretRef])) }
    : {};
  return {
    version: '0.2',
    env: {
      shell: 'bash',
      variables: {
        IMAGE_REPO: spec.repositoryUri,
        IMAGE_REPO_NAME: spec.repositoryName,
        IMAGE_TAG: spec.tag,
        CACHE_REPO: spec.cacheRepositoryUri ?? '',
        DOCKERFILE: spec.dockerfile,
        BUILD_CONTEXT: spec.contextPath,
        BUILDX_VERSION: spec.buildxVersion,
        BUILDKIT_IMAGE: spec.buildkitImage,
        STATE_DIR: spec.stateDir,
        ...(spec.toolchain ? { TOOLCHAIN_DOCKERFILE: spec.toolchain.dockerfile, TOOLCHAIN_TAG: spec.toolchain.tag } : {}),
      },
      ...secrets,
    },
    batch: { 'fast-fail': true, 'build-graph': graph },
    phases: {
      install: { commands: installCommands() },
      pre_build: { commands: preBuildCommands(spec) },
      build: {
        commands: [...toolchainCommands(spec), ...spec.arches.flatMap((arch) => archCommands(spec, arch)), ...indexCommands(spec)],
      },
    },
  };
}

function nativeGraph(spec: BuildspecSpec): BuildGraphNode[] {
  const archNodes = spec.arches.map((arch) => node(spec, { id: archNodeId(arch), host: arch, builds: [arch], assemblesIndex: false }));
  // the index node only talks to ECR: the smallest x86 host is enough
  const index = node(spec, {
    id: INDEX_NODE_ID,
    host: 'amd64',
    builds: [],
    assemblesIndex: true,
    dependOn: archNodes.map((n) => n.identifier),
    computeType: INDEX_COMPUTE_TYPE,
  });
  return [...archNodes, index];
}

function crossGraph(spec: BuildspecSpec): BuildGraphNode[] {
  return [node(spec, { id: CROSS_NODE_ID, host: 'amd64', builds: spec.arches, assemblesIndex: true })];
}

/** One node of the build graph: where it runs, what it builds, and whether it assembles the index. */
interface NodeOptions {
  readonly id: string;
  readonly host: ArchName;
  readonly builds: ArchName[];
  readonly assemblesIndex: boolean;
  readonly dependOn?: string[];
  /** Overrides the host's compute type. */
  readonly computeType?: string;
}

function node(spec: BuildspecSpec, { id, host, builds, assemblesIndex, dependOn, computeType }: NodeOptions): BuildGraphNode {
  const env = spec.environments[host];
  return {
    identifier: id,
    ...(dependOn ? { 'depend-on': dependOn } : {}),
    env: {
      'type': ARCH_HOSTS[host].environmentType,
      'image': env.image,
      'compute-type': computeType ?? env.computeType,
      'privileged-mode': true,
      'variables': {
        HOST_ARCH: host,
        HOST_MACHINE: ARCH_HOSTS[host].machine,
        BUILD_AMD64: String(builds.includes('amd64')),
        BUILD_ARM64: String(builds.includes('arm64')),
        ASSEMBLE_INDEX: String(assemblesIndex),
      },
    },
  };
}

function validate(spec: BuildspecSpec): void {
  if (spec.arches.length === 0) {
    throw new Error('The buildspec needs at least one architecture; received none. Pass `platforms` with linux/amd64 and/or linux/arm64.');
  }
  if (new Set(spec.arches).size !== spec.arches.length) {
    throw new Error(`Each architecture may appear once; received ${spec.arches.join(', ')}.`);
  }
  if (spec.toolchain && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}$/.test(spec.toolchain.tag)) {
    throw new Error(`The toolchain image tag '${spec.toolchain.tag}' is not a valid image tag (letters, digits, '_', '.', '-').`);
  }
  for (const secret of spec.secrets) {
    if (!/^[A-Za-z0-9_.-]+$/.test(secret.id)) {
      throw new Error(`Build secret id '${secret.id}' must use letters, digits, '.', '_' or '-' (it is the id of RUN --mount=type=secret).`);
    }
    if (!/^[A-Z_][A-Z0-9_]*$/.test(secret.envVar)) {
      throw new Error(`Build secret environment variable '${secret.envVar}' must be upper case letters, digits and '_', starting with a letter or '_'.`);
    }
  }
}
