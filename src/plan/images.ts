/**
 * Image references: every Docker Hub image goes through the registry mirror (anonymous Docker Hub
 * pulls from CodeBuild hit the rate limit, case B25), and no reference may float.
 */
import type { PinnedImage } from './versions';
import type { Diagnostic } from '../cargo/model';

/** ECR Public's copy of Docker Hub's official images. */
export const DEFAULT_MIRROR = 'public.ecr.aws/docker/library';

/** A parsed image reference. */
export interface ImageRef {
  /** Registry host, undefined for Docker Hub short names. */
  readonly registry?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Parse `registry/repo:tag@sha256:...` (registry present when the first part has a dot, a colon or is localhost). */
export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, repository: rest, tag, digest };
}

/**
 * Refuse an image that is not pinned (no tag and no digest, or `latest`).
 *
 * @param prop the option that carried it
 */
export function checkImagePinned(prop: string, ref: string): ImageRef {
  const img = parseImage(ref);
  if (!img.digest && (!img.tag || img.tag === 'latest')) {
    throw new Error(
      `${prop} is '${ref}', which is not pinned: '${img.tag ?? 'no tag'}' moves, so two builds of the same source get ` +
      `different bases. Give an exact tag (e.g. '${img.repository}:<version>') or a digest ('@sha256:...').`,
    );
  }
  return img;
}

/**
 * The reference to write in a FROM line: Docker Hub images are pulled from the mirror, others as given.
 * Docker Hub images outside the official library cannot come from the default mirror; they are written
 * as `docker.io/...` and reported.
 */
export function qualify(img: ImageRef, mirror: string, warnings: Diagnostic[]): string {
  const suffix = `${img.tag ? `:${img.tag}` : ''}${img.digest ? `@${img.digest}` : ''}`;
  if (img.registry && img.registry !== 'docker.io') return `${img.registry}/${img.repository}${suffix}`;
  const repo = img.repository.replace(/^library\//, '');
  if (!repo.includes('/')) return `${mirror.replace(/\/+$/, '')}/${repo}${suffix}`;
  warnings.push({
    id: 'plan:docker-hub-image',
    message:
      `Image docker.io/${repo}${suffix} is not a Docker Hub official image, so the registry mirror '${mirror}' does not ` +
      'serve it and anonymous pulls from CodeBuild may hit the Docker Hub rate limit. Copy it to ECR and reference that copy.',
  });
  return `docker.io/${repo}${suffix}`;
}

/** A table entry as a reference. */
export function pinnedRef(p: PinnedImage): ImageRef {
  const img = parseImage(p.repository);
  return { ...img, tag: p.tag, digest: p.digest };
}
