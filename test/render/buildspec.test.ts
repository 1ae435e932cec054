import { renderBuildspec, CROSS_NODE_ID, INDEX_NODE_ID } from '../../src/render/buildspec';
import { FakeCodeBuild, NodeRun } from '../support/buildspec-runner';
import { buildspecSpec as spec, TEST_CACHE_URI as CACHE, TEST_REPOSITORY_URI as REPO, TEST_TAG as TAG } from '../support/buildspec-spec';
import { shellcheckLines } from '../support/shellcheck';

/** The calls of one program with the given first arguments, as space-joined lines. */
function lines(run: NodeRun): string[] {
  return run.calls.map((c) => [c.program, ...c.args].join(' '));
}

function expectedBuild(arch: string, extra: string[] = []): string {
  return [
    'docker buildx build --builder rust-multiarch --progress plain',
    `--platform linux/${arch} --file .rust-multiarch/Dockerfile --provenance=false --sbom=false`,
    `--cache-from type=registry,ref=${CACHE}:buildcache-${arch}`,
    `--cache-to type=registry,ref=${CACHE}:buildcache-${arch},mode=max,image-manifest=true,oci-mediatypes=true`,
    ...extra,
    `--output type=image,name=${REPO}:${TAG}-${arch},push=true,compression=gzip,force-compression=true .`,
  ].join(' ');
}

const INSTALL_AND_LOGIN = [
  'docker buildx version',
  'docker buildx version',
  'aws ecr get-login-password --region eu-west-1',
  'docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  `aws ecr describe-images --repository-name api --image-ids imageTag=${TAG}`,
];

describe('renderBuildspec', () => {
  let fake: FakeCodeBuild | undefined;
  afterEach(() => fake?.dispose());

  test('every shell line of both strategies passes shellcheck', () => {
    // GIVEN every variant of the buildspec
    const variants = [
      spec(),
      spec({ strategy: 'cross' }),
      spec({ cacheRepositoryUri: undefined, attestations: true, arches: ['amd64'] }),
      spec({ toolchain: { dockerfile: '.rust-multiarch/toolchain.Dockerfile', tag: 'toolchain-0123abcd' } }),
      spec({ secrets: [{ id: 'cargo-registry', envVar: 'CARGO_REGISTRY_TOKEN', secretRef: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cargo' }] }),
    ];
    // WHEN shellcheck reads each command line
    const commands = variants.flatMap((v) => {
      const b = renderBuildspec(v);
      return [...b.phases.install.commands, ...b.phases.pre_build.commands, ...b.phases.build.commands];
    });
    const findings = shellcheckLines([...new Set(commands)]).filter((f) => f.output !== '');
    // THEN none has a finding, and no line is multi-line
    expect(findings).toEqual([]);
    expect(commands.filter((c) => c.includes('\n'))).toEqual([]);
  });

  test('the shellcheck helper reports a line with an unquoted expansion', () => {
    // GIVEN a line shellcheck must reject (SC2086)
    const [finding] = shellcheckLines(['rm -rf $STATE_DIR/x']);
    // THEN
    expect(finding.output).toMatch(/SC2086/);
  });

  test('native: build graph with an amd64 node on LINUX_CONTAINER, arm64 on ARM_CONTAINER, and an index node after both', () => {
    // WHEN
    const b = renderBuildspec(spec());
    // THEN
    expect(b.version).toBe('0.2');
    expect(b.env.shell).toBe('bash');
    expect(b.batch).toEqual({
      'fast-fail': true,
      'build-graph': [
        {
          identifier: 'build_amd64',
          env: {
            'type': 'LINUX_CONTAINER',
            'image': 'aws/codebuild/standard:7.0',
            'compute-type': 'BUILD_GENERAL1_LARGE',
            'privileged-mode': true,
            'variables': { HOST_ARCH: 'amd64', HOST_MACHINE: 'x86_64', BUILD_AMD64: 'true', BUILD_ARM64: 'false', ASSEMBLE_INDEX: 'false' },
          },
        },
        {
          identifier: 'build_arm64',
          env: {
            'type': 'ARM_CONTAINER',
            'image': 'aws/codebuild/amazonlinux2-aarch64-standard:3.0',
            'compute-type': 'BUILD_GENERAL1_LARGE',
            'privileged-mode': true,
            'variables': { HOST_ARCH: 'arm64', HOST_MACHINE: 'aarch64', BUILD_AMD64: 'false', BUILD_ARM64: 'true', ASSEMBLE_INDEX: 'false' },
          },
        },
        {
          'identifier': 'image_index',
          'depend-on': ['build_amd64', 'build_arm64'],
          'env': {
            'type': 'LINUX_CONTAINER',
            'image': 'aws/codebuild/standard:7.0',
            'compute-type': 'BUILD_GENERAL1_SMALL',
            'privileged-mode': true,
            'variables': { HOST_ARCH: 'amd64', HOST_MACHINE: 'x86_64', BUILD_AMD64: 'false', BUILD_ARM64: 'false', ASSEMBLE_INDEX: 'true' },
          },
        },
      ],
    });
  });

  test('native: each node pushes its per-arch tag with its own cache ref, and the index node joins the digests it reads from ECR', () => {
    // GIVEN
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    // WHEN the batch runs its nodes in graph order
    const amd = fake.run('build_amd64');
    const arm = fake.run('build_arm64', { machine: 'aarch64' });
    const amdDigest = fake.digest(`${TAG}-amd64`);
    const armDigest = fake.digest(`${TAG}-arm64`);
    const index = fake.run(INDEX_NODE_ID);
    // THEN
    expect([amd.status, arm.status, index.status]).toEqual([0, 0, 0]);
    const create = 'docker buildx create --name rust-multiarch --driver docker-container --driver-opt image=public.ecr.aws/vend/moby/buildkit:v0.23.0 --bootstrap --use';
    expect(lines(amd)).toEqual([
      ...INSTALL_AND_LOGIN, create,
      `aws ecr describe-images --repository-name api --image-ids imageTag=${TAG}-amd64`,
      expectedBuild('amd64'),
    ]);
    expect(lines(arm)).toEqual([
      ...INSTALL_AND_LOGIN, create,
      `aws ecr describe-images --repository-name api --image-ids imageTag=${TAG}-arm64`,
      expectedBuild('arm64'),
    ]);
    expect(amdDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(armDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(amdDigest).not.toEqual(armDigest);
    expect(lines(index)).toEqual([
      ...INSTALL_AND_LOGIN,
      `aws ecr describe-images --repository-name api --image-ids imageTag=${TAG}-amd64 --query imageDetails[0].imageDigest --output text`,
      `aws ecr describe-images --repository-name api --image-ids imageTag=${TAG}-arm64 --query imageDetails[0].imageDigest --output text`,
      `docker buildx imagetools create --tag ${REPO}:${TAG} ${REPO}@${amdDigest} ${REPO}@${armDigest}`,
      `docker buildx imagetools inspect ${REPO}:${TAG}`,
    ]);
    expect(fake.digest(TAG)).toMatch(/^sha256:/);
  });

  test('cross: one x86 node builds amd64 then arm64 with buildx, then creates the index', () => {
    // GIVEN
    const b = renderBuildspec(spec({ strategy: 'cross' }));
    fake = new FakeCodeBuild(b);
    // WHEN
    const run = fake.run(CROSS_NODE_ID);
    // THEN
    expect(b.batch['build-graph'].map((n) => [n.identifier, n.env.type, n.env.variables])).toEqual([
      [CROSS_NODE_ID, 'LINUX_CONTAINER', { HOST_ARCH: 'amd64', HOST_MACHINE: 'x86_64', BUILD_AMD64: 'true', BUILD_ARM64: 'true', ASSEMBLE_INDEX: 'true' }],
    ]);
    expect(run.status).toBe(0);
    const calls = lines(run);
    const builds = calls.filter((c) => c.startsWith('docker buildx build'));
    expect(builds).toEqual([expectedBuild('amd64'), expectedBuild('arm64')]);
    expect(calls.indexOf(builds[1])).toBeLessThan(calls.findIndex((c) => c.startsWith('docker buildx imagetools create')));
    expect(calls).toContain(
      `docker buildx imagetools create --tag ${REPO}:${TAG} ${REPO}@${fake.digest(`${TAG}-amd64`)} ${REPO}@${fake.digest(`${TAG}-arm64`)}`,
    );
    // no emulation is ever set up
    expect(calls.filter((c) => /binfmt|qemu/.test(c))).toEqual([]);
    expect(JSON.stringify(b)).not.toMatch(/binfmt|qemu/i);
  });

  test('skips every node, without building or tagging, when the index tag already exists', () => {
    // GIVEN an index pushed by an earlier deploy
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    const digest = fake.seed(TAG);
    // WHEN
    const runs = [fake.run('build_amd64'), fake.run('build_arm64', { machine: 'aarch64' }), fake.run(INDEX_NODE_ID)];
    // THEN each node logs in, sees the tag and stops
    for (const run of runs) {
      expect(run.status).toBe(0);
      expect(lines(run)).toEqual(INSTALL_AND_LOGIN);
      expect(run.stdout).toContain(`The image index ${REPO}:${TAG} already exists; tags are never overwritten, so nothing is built.`);
    }
    expect(fake.digest(TAG)).toBe(digest);
  });

  test('reuses a per-arch image that an earlier, failed batch already pushed', () => {
    // GIVEN the amd64 image exists but no index
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    const digest = fake.seed(`${TAG}-amd64`);
    // WHEN
    const run = fake.run('build_amd64');
    // THEN
    expect(run.status).toBe(0);
    expect(lines(run).filter((c) => c.startsWith('docker buildx build'))).toEqual([]);
    expect(fake.digest(`${TAG}-amd64`)).toBe(digest);
  });

  test.each([
    ['ThrottlingException'], ['AccessDeniedException'],
  ])('fails every node loudly when describe-images fails with %s, not ImageNotFoundException, and builds nothing', (code) => {
    // GIVEN an ECR that answers every look-up with an error other than "not found"
    fake = new FakeCodeBuild(renderBuildspec(spec({ toolchain: { dockerfile: '.rust-multiarch/toolchain.Dockerfile', tag: 'toolchain-0123abcd' } })));
    // WHEN
    const runs = [fake.run('build_amd64', { ecrError: code }), fake.run(INDEX_NODE_ID, { ecrError: code })];
    // THEN each node stops at the index look-up with ECR's error and the reason
    for (const run of runs) {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`An error occurred (${code}) when calling the DescribeImages operation\n` +
        `Could not tell whether ${REPO}:${TAG} exists: aws ecr describe-images failed with the error above, not ImageNotFoundException. ` +
        'Retry the build once ECR answers.\n');
      expect(lines(run)).toEqual(INSTALL_AND_LOGIN);
    }
  });

  test.each([
    ['toolchain-0123abcd-amd64'], [`${TAG}-amd64`],
  ])('fails the node when the look-up of %s fails with a throttle, without building that image', (tag) => {
    // GIVEN only the look-up of one tag is throttled
    fake = new FakeCodeBuild(renderBuildspec(spec({ toolchain: { dockerfile: '.rust-multiarch/toolchain.Dockerfile', tag: 'toolchain-0123abcd' } })));
    // WHEN
    const run = fake.run('build_amd64', { ecrError: 'ThrottlingException', ecrErrorTag: tag });
    // THEN
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Could not tell whether ${REPO}:${tag} exists`);
    expect(lines(run).filter((c) => c.includes(`name=${REPO}:${tag},`))).toEqual([]);
  });

  test('installs the pinned buildx for the host architecture when the image lacks it (B23)', () => {
    // GIVEN an ARM image without buildx
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    // WHEN
    const run = fake.run('build_arm64', { machine: 'aarch64', buildxPresent: false });
    // THEN the arm64 binary is fetched, checked against the release checksums, installed, then used
    expect(run.status).toBe(0);
    expect(run.calls.slice(0, 4).map((c) => [c.program, ...c.args.slice(0, 2)].join(' '))).toEqual([
      'docker buildx version', 'curl -fsSL -o', 'curl -fsSL -o', 'docker buildx version',
    ]);
    expect(run.calls[1].args[3]).toBe('https://github.com/docker/buildx/releases/download/v0.32.0/buildx-v0.32.0.linux-arm64');
    expect(run.calls[2].args[3]).toBe('https://github.com/docker/buildx/releases/download/v0.32.0/checksums.txt');
    expect(lines(run)).toContain(expectedBuild('arm64'));
  });

  test('fails a node whose host is not the architecture it was made for (B24)', () => {
    // GIVEN the arm64 node landing on an x86 host
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    // WHEN
    const run = fake.run('build_arm64', { machine: 'x86_64' });
    // THEN
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/does not run on the architecture it was made for/);
    expect(lines(run).filter((c) => c.startsWith('docker buildx build'))).toEqual([]);
  });

  test('fails the index node when a per-arch image is missing from ECR', () => {
    // GIVEN only the amd64 image was pushed
    fake = new FakeCodeBuild(renderBuildspec(spec()));
    fake.seed(`${TAG}-amd64`);
    // WHEN
    const run = fake.run(INDEX_NODE_ID);
    // THEN
    expect(run.status).not.toBe(0);
    expect(lines(run).filter((c) => c.includes('imagetools create'))).toEqual([]);
    expect(fake.digest(TAG)).toBeUndefined();
  });

  test('without cache and with attestations, builds carry no cache flags and keep provenance and SBOM', () => {
    // GIVEN
    fake = new FakeCodeBuild(renderBuildspec(spec({ cacheRepositoryUri: undefined, attestations: true, arches: ['amd64'] })));
    // WHEN
    const run = fake.run('build_amd64');
    // THEN
    expect(lines(run).filter((c) => c.startsWith('docker buildx build'))).toEqual([
      'docker buildx build --builder rust-multiarch --progress plain --platform linux/amd64 --file .rust-multiarch/Dockerfile ' +
      `--provenance=true --sbom=true --output type=image,name=${REPO}:${TAG}-amd64,push=true,compression=gzip,force-compression=true .`,
    ]);
  });

  test('passes Secrets Manager values as BuildKit secrets read from the environment, never as build args', () => {
    // GIVEN
    const b = renderBuildspec(spec({ secrets: [{ id: 'cargo-registry', envVar: 'CARGO_TOKEN', secretRef: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cargo' }] }));
    fake = new FakeCodeBuild(b);
    // WHEN
    const run = fake.run('build_amd64');
    // THEN
    expect(b.env['secrets-manager']).toEqual({ CARGO_TOKEN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cargo' });
    expect(lines(run)).toContain(expectedBuild('amd64', ['--secret id=cargo-registry,env=CARGO_TOKEN']));
    expect(JSON.stringify(b)).not.toMatch(/build-arg/);
  });

  test('with a toolchain image, each host builds its own once and the image build uses it', () => {
    // GIVEN
    const toolchain = { dockerfile: '.rust-multiarch/toolchain.Dockerfile', tag: 'toolchain-0123abcd' };
    fake = new FakeCodeBuild(renderBuildspec(spec({ toolchain })));
    // WHEN the arm64 node runs twice: once fresh, once with its toolchain image already pushed
    const first = fake.run('build_arm64', { machine: 'aarch64' });
    fake.dispose();
    fake = new FakeCodeBuild(renderBuildspec(spec({ toolchain })));
    fake.seed('toolchain-0123abcd-arm64');
    const second = fake.run('build_arm64', { machine: 'aarch64' });
    // THEN
    const toolchainBuild = [
      'docker buildx build --builder rust-multiarch --progress plain --platform linux/arm64 --file .rust-multiarch/toolchain.Dockerfile',
      '--provenance=false --sbom=false',
      `--cache-from type=registry,ref=${CACHE}:buildcache-toolchain-arm64`,
      `--cache-to type=registry,ref=${CACHE}:buildcache-toolchain-arm64,mode=max,image-manifest=true,oci-mediatypes=true`,
      `--output type=image,name=${REPO}:toolchain-0123abcd-arm64,push=true,compression=gzip,force-compression=true .`,
    ].join(' ');
    const imageBuild = expectedBuild('arm64', [`--build-arg TOOLCHAIN_IMAGE=${REPO}:toolchain-0123abcd-arm64`]);
    expect(lines(first).filter((c) => c.startsWith('docker buildx build'))).toEqual([toolchainBuild, imageBuild]);
    expect(lines(second).filter((c) => c.startsWith('docker buildx build'))).toEqual([imageBuild]);
  });

  test('fails on a secret id that cannot be a BuildKit secret id', () => {
    expect(() => renderBuildspec(spec({ secrets: [{ id: 'bad id', envVar: 'X', secretRef: 'x' }] })))
      .toThrow(/Build secret id 'bad id' must use letters, digits/);
  });

  test('fails without architectures', () => {
    expect(() => renderBuildspec(spec({ arches: [] }))).toThrow(/at least one architecture; received none/);
  });
});
