/**
 * Pinned versions of the image builder itself (the Rust tool versions live in src/plan/versions.ts).
 * BuildKit must be at least 0.12 for ECR registry caches (`image-manifest=true`, B28).
 */

/** buildx installed when the CodeBuild image lacks it (B23). */
export const DEFAULT_BUILDX_VERSION = '0.32.0';

/** BuildKit of the `docker-container` builder. */
export const DEFAULT_BUILDKIT_VERSION = 'v0.29.0';

/**
 * ECR Public holds Docker's official library images but not `moby/buildkit`; this is the ECR Public
 * copy of Docker Hub's `moby/buildkit`, used when the mirror is ECR Public's library.
 */
const ECR_PUBLIC_BUILDKIT = 'public.ecr.aws/vend/moby/buildkit';

/**
 * The BuildKit image pulled through the same mirror as the Dockerfile's images (B25): a Docker Hub
 * pull-through cache `<registry>/<prefix>/library` serves `moby/buildkit` at `<registry>/<prefix>/moby/buildkit`.
 */
export function buildkitImageFor(registryMirror: string, version: string = DEFAULT_BUILDKIT_VERSION): string {
  const base = registryMirror.replace(/\/+$/, '').replace(/\/library$/, '');
  if (base === 'public.ecr.aws/docker' || base === '') {
    return `${ECR_PUBLIC_BUILDKIT}:${version}`;
  }
  return `${base}/moby/buildkit:${version}`;
}
