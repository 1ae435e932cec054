import type { ArchName, BuildspecSpec } from './buildspec';
import { cmd, dq, fail, ifElse, raw, when, Word } from './shell';

/**
 * The commands of the image buildspec, phase by phase. Each entry is one line; state that later
 * lines need (skip, buildx present, per-arch image already pushed, digests) lives in files under
 * `$STATE_DIR`, so no line depends on shell variables surviving from an earlier command.
 */

/** Name of the `docker-container` builder the build creates. */
export const BUILDER_NAME = 'rust-multiarch';

const NOT_SKIPPED = '[ ! -e "$STATE_DIR/skip" ]';
const ASSEMBLES_INDEX = '[ "$ASSEMBLE_INDEX" = true ]';
const BUILDX_MISSING = '[ ! -e "$STATE_DIR/buildx-present" ]';
const BUILDX_FILE = '$STATE_DIR/buildx-v$BUILDX_VERSION.linux-$HOST_ARCH';
const BUILDX_RELEASE = 'https://github.com/docker/buildx/releases/download/v$BUILDX_VERSION';

/** Install: make sure a pinned buildx for the host architecture is there (B23). */
export function installCommands(): string[] {
  return [
    cmd('mkdir', '-p', dq('$STATE_DIR')),
    ifElse(
      'docker buildx version',
      [cmd('touch', dq('$STATE_DIR/buildx-present'))],
      [cmd('echo', dq('docker buildx is missing from this CodeBuild image: installing buildx v$BUILDX_VERSION for linux-$HOST_ARCH'))],
    ),
    when([BUILDX_MISSING], cmd('curl', '-fsSL', '-o', dq(BUILDX_FILE), dq(`${BUILDX_RELEASE}/buildx-v$BUILDX_VERSION.linux-$HOST_ARCH`))),
    when([BUILDX_MISSING], cmd('curl', '-fsSL', '-o', dq('$STATE_DIR/checksums.txt'), dq(`${BUILDX_RELEASE}/checksums.txt`))),
    when([BUILDX_MISSING], `(${cmd('cd', dq('$STATE_DIR'))} && ${cmd('sha256sum', '--check', '--ignore-missing', 'checksums.txt')})`),
    when([BUILDX_MISSING], cmd('install', '-D', '-m', '0755', dq(BUILDX_FILE), dq('$HOME/.docker/cli-plugins/docker-buildx'))),
    cmd('docker', 'buildx', 'version'),
  ];
}

/** Pre-build: right host, registry login, skip when the index exists, the docker-container builder. */
export function preBuildCommands(spec: BuildspecSpec): string[] {
  return [
    when(
      ['[ "$(uname -m)" != "$HOST_MACHINE" ]'],
      fail('This build node does not run on the architecture it was made for (HOST_MACHINE): its CodeBuild environment type and image must match (ARM_CONTAINER for aarch64 images).'),
    ),
    `${cmd('aws', 'ecr', 'get-login-password', '--region', dq('$AWS_REGION'))} | ${cmd('docker', 'login', '--username', 'AWS', '--password-stdin', dq('${IMAGE_REPO%%/*}'))}`,
    lookUpImage([], '$IMAGE_TAG', '$STATE_DIR/skip'),
    when(
      ['[ -e "$STATE_DIR/skip" ]'],
      cmd('echo', dq('The image index $IMAGE_REPO:$IMAGE_TAG already exists; tags are never overwritten, so nothing is built.')),
    ),
    when(
      [NOT_SKIPPED, buildsAny(spec)],
      cmd('docker', 'buildx', 'create', '--name', BUILDER_NAME, '--driver', 'docker-container',
        '--driver-opt', dq('image=$BUILDKIT_IMAGE'), '--bootstrap', '--use'),
    ),
  ];
}

/**
 * Build: the toolchain image for this host's architecture, unless it is already in the repository
 * (its tag is a hash of its Dockerfile, so an existing one is the same image).
 */
export function toolchainCommands(spec: BuildspecSpec): string[] {
  if (!spec.toolchain) {
    return [];
  }
  const guard = [NOT_SKIPPED, buildsAny(spec)];
  const present = '$STATE_DIR/toolchain-present';
  return [
    lookUpImage(guard, '$TOOLCHAIN_TAG-$HOST_ARCH', present),
    when(
      [...guard, `[ -e "${present}" ]`],
      cmd('echo', dq('The toolchain image $IMAGE_REPO:$TOOLCHAIN_TAG-$HOST_ARCH exists; it is reused.')),
    ),
    when([...guard, `[ ! -e "${present}" ]`], cmd(
      'docker', 'buildx', 'build', '--builder', BUILDER_NAME, '--progress', 'plain',
      '--platform', dq('linux/$HOST_ARCH'), '--file', dq('$TOOLCHAIN_DOCKERFILE'),
      '--provenance=false', '--sbom=false', ...cacheFlags(spec, 'toolchain-$HOST_ARCH'),
      '--output', dq(`type=image,name=$IMAGE_REPO:$TOOLCHAIN_TAG-$HOST_ARCH,push=true,compression=${spec.compression},force-compression=true`),
      dq('$BUILD_CONTEXT'),
    )),
  ];
}

/** Build: the per-arch image of `arch`, on the nodes that build it, unless it is already pushed. */
export function archCommands(spec: BuildspecSpec, arch: ArchName): string[] {
  const pushed = `$STATE_DIR/pushed-${arch}`;
  return [
    lookUpImage([NOT_SKIPPED, builds(arch)], `$IMAGE_TAG-${arch}`, pushed),
    when(
      [NOT_SKIPPED, builds(arch), `[ -e "${pushed}" ]`],
      cmd('echo', dq(`The ${arch} image $IMAGE_REPO:$IMAGE_TAG-${arch} already exists; it is reused, not rebuilt.`)),
    ),
    when([NOT_SKIPPED, builds(arch), `[ ! -e "${pushed}" ]`], buildCommand(spec, arch)),
  ];
}

/** Build: the index from the per-arch digests read back from ECR. */
export function indexCommands(spec: BuildspecSpec): string[] {
  const guard = [NOT_SKIPPED, ASSEMBLES_INDEX];
  const readDigests = spec.arches.flatMap((arch) => readDigest(guard, `$IMAGE_TAG-${arch}`, `$STATE_DIR/digest-${arch}`,
    `ECR returned no digest for the ${arch} image (tag <index tag>-${arch}); its build node did not push it.`));
  const sources = spec.arches.map((arch) => raw(`"$IMAGE_REPO@$(cat "$STATE_DIR/digest-${arch}")"`));
  return [
    ...readDigests,
    when(guard, cmd('docker', 'buildx', 'imagetools', 'create', '--tag', dq('$IMAGE_REPO:$IMAGE_TAG'), ...sources)),
    when(guard, cmd('docker', 'buildx', 'imagetools', 'inspect', dq('$IMAGE_REPO:$IMAGE_TAG'))),
  ];
}

/**
 * Two lines: write the digest behind `tagExpr` in the image repository to `file`, then fail with
 * `missing` unless the file holds a sha256 digest. Shared by the index node and the pipeline output.
 */
export function readDigest(guards: string[], tagExpr: string, file: string, missing: string): string[] {
  const out = dq(file);
  return [
    when(guards, `${cmd('aws', 'ecr', 'describe-images', '--repository-name', dq('$IMAGE_REPO_NAME'),
      '--image-ids', dq(`imageTag=${tagExpr}`), '--query', 'imageDetails[0].imageDigest', '--output', 'text')} > ${out.text}`),
    when([...guards, `! ${cmd('grep', '-Eqx', 'sha256:[0-9a-f]{64}', out)}`], fail(missing)),
  ];
}

function buildCommand(spec: BuildspecSpec, arch: ArchName): string {
  const attest = spec.attestations ? ['--provenance=true', '--sbom=true'] : ['--provenance=false', '--sbom=false'];
  const cache = cacheFlags(spec, arch);
  const toolchain = spec.toolchain ? ['--build-arg', dq('TOOLCHAIN_IMAGE=$IMAGE_REPO:$TOOLCHAIN_TAG-$HOST_ARCH')] : [];
  const secrets = spec.secrets.flatMap((s) => ['--secret', `id=${s.id},env=${s.envVar}`]);
  return cmd(
    'docker', 'buildx', 'build', '--builder', BUILDER_NAME, '--progress', 'plain',
    '--platform', `linux/${arch}`, '--file', dq('$DOCKERFILE'),
    ...attest, ...cache, ...toolchain, ...secrets,
    '--output', dq(`type=image,name=$IMAGE_REPO:$IMAGE_TAG-${arch},push=true,compression=${spec.compression},force-compression=true`),
    dq('$BUILD_CONTEXT'),
  );
}

/** Registry cache flags for one cache ref (`buildcache-<name>`), one per architecture (B28). */
function cacheFlags(spec: BuildspecSpec, name: string): Word[] {
  return spec.cacheRepositoryUri === undefined ? [] : [
    '--cache-from', dq(`type=registry,ref=$CACHE_REPO:buildcache-${name}`),
    '--cache-to', dq(`type=registry,ref=$CACHE_REPO:buildcache-${name},mode=max,image-manifest=true,oci-mediatypes=true`),
  ];
}

function buildsAny(spec: BuildspecSpec): string {
  return `{ ${spec.arches.map((a) => builds(a)).join(' || ')}; }`;
}

function builds(arch: ArchName): string {
  return `[ "$BUILD_${arch.toUpperCase()}" = true ]`;
}

/**
 * One line that touches `presentFile` when the tag is in the repository. Only ImageNotFoundException
 * means absent: any other error (throttling, access denied, network) fails the node, since building
 * over an image that exists would overwrite its tag.
 */
function lookUpImage(guards: string[], tagExpr: string, presentFile: string): string {
  const errors = dq('$STATE_DIR/describe-images.err');
  const describe = `${cmd('aws', 'ecr', 'describe-images', '--repository-name', dq('$IMAGE_REPO_NAME'), '--image-ids', dq(`imageTag=${tagExpr}`))} >/dev/null 2>${errors.text}`;
  const lookUp = `if ${describe}; then ${cmd('touch', dq(presentFile))}; ` +
    `elif ! ${cmd('grep', '-q', 'ImageNotFoundException', errors)}; then ${cmd('cat', errors)} >&2; ` +
    `{ ${cmd('echo', dq(`Could not tell whether $IMAGE_REPO:${tagExpr} exists: aws ecr describe-images failed with the error above, not ImageNotFoundException. Retry the build once ECR answers.`))} >&2; false; }; fi`;
  return guards.length === 0 ? lookUp : when(guards, lookUp);
}
