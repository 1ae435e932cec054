import type { BuildspecSpec } from '../../src/render/buildspec';

/** The image repository of the buildspec tests. */
export const TEST_REPOSITORY_URI = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api';
/** The cache repository of the buildspec tests. */
export const TEST_CACHE_URI = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api-cache';
/** The image tag of the buildspec tests. */
export const TEST_TAG = '0123456789abcdef0123456789abcdef';

/**
 * A BuildspecSpec as the construct fills it for a native amd64 + arm64 build with a cache repository,
 * with the given fields replaced.
 */
export function buildspecSpec(overrides: Partial<BuildspecSpec> = {}): BuildspecSpec {
  return {
    repositoryUri: TEST_REPOSITORY_URI,
    repositoryName: 'api',
    cacheRepositoryUri: TEST_CACHE_URI,
    tag: TEST_TAG,
    arches: ['amd64', 'arm64'],
    strategy: 'native',
    attestations: false,
    compression: 'gzip',
    buildxVersion: '0.32.0',
    buildkitImage: 'public.ecr.aws/vend/moby/buildkit:v0.23.0',
    dockerfile: '.rust-multiarch/Dockerfile',
    contextPath: '.',
    secrets: [],
    environments: {
      amd64: { image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_LARGE' },
      arm64: { image: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', computeType: 'BUILD_GENERAL1_LARGE' },
    },
    stateDir: '/tmp/rust-multiarch',
    ...overrides,
  };
}
