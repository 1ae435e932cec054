import { buildkitImageFor, DEFAULT_BUILDKIT_VERSION } from '../../src/image/builder-versions';

describe('buildkitImageFor (B25)', () => {
  test('takes BuildKit from ECR Public when the mirror is ECR Public\'s library', () => {
    expect(buildkitImageFor('public.ecr.aws/docker/library')).toBe(`public.ecr.aws/vend/moby/buildkit:${DEFAULT_BUILDKIT_VERSION}`);
  });

  test('takes BuildKit through a Docker Hub pull-through cache, beside its library', () => {
    expect(buildkitImageFor('123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/', 'v0.29.0'))
      .toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/moby/buildkit:v0.29.0');
  });

  test('never names docker.io or an unqualified image', () => {
    for (const mirror of ['public.ecr.aws/docker/library', 'registry.example.com/hub/library']) {
      expect(buildkitImageFor(mirror)).toMatch(/^[a-z0-9.-]+\.[a-z]+\/.+:v\d+\.\d+\.\d+$/);
      expect(buildkitImageFor(mirror)).not.toMatch(/docker\.io/);
    }
  });
});
