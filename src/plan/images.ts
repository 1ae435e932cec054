/**
 * Image references: every Docker Hub image goes through the registry mirror (anonymous Docker Hub
 * pulls from CodeBuild hit the rate limit, case B25), and no reference may float.
 */
import type { PinnedImage } from './versions';
import type { Diagnostic } from '../cargo/model';

/** ECR Public's copy of Docker Hub's official images. */
export const DEFAULT_MIRROR = 'public.ecr.aws/docker/library';

/*
 * The reference grammar of the distribution spec (reference.go): a registry host with an optional port,
 * lowercase path components joined by `.`, `_`, `__` or dashes, a tag of up to 128 word characters, and a
 * digest of the algorithm's exact length. Anything else (spaces, `;`, newlines, `sha256:abc`) is refused.
 */
const HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})';
const IMAGE_REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`);
const MIRROR_REFERENCE = new RegExp(`^${HOST}(?:/${COMPONENT})*$`);

/** Tags of the rust image that are not Debian-based (the toolchain stage runs apt-get). */
const NON_DEBIAN_TAG = /alpine|windowsservercore|nanoserver/;

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
 * Refuse a string that is not an image reference.
 *
 * @param prop the option that carried it
 */
export function checkImageReference(prop: string, ref: string): string {
  if (!IMAGE_REFERENCE.test(ref)) {
    throw new Error(
      `${prop} is ${JSON.stringify(ref)}, which is not a valid image reference: give '[registry/]repository[:tag][@sha256:<64 hex digits>]' ` +
      "with a lowercase repository and no spaces or shell characters, e.g. 'public.ecr.aws/docker/library/rust:1.90.0-slim-bookworm'.",
    );
  }
  return ref;
}

/**
 * Refuse a registry mirror that is not `host[:port][/path]` (no tag, no scheme, no spaces).
 *
 * @returns the mirror without trailing slashes
 */
export function checkMirror(prop: string, mirror: string): string {
  const trimmed = mirror.replace(/\/+$/, '');
  if (!MIRROR_REFERENCE.test(trimmed)) {
    throw new Error(
      `${prop} is ${JSON.stringify(mirror)}, which is not a registry prefix: give 'host[:port][/path]' with a lowercase ` +
      `path and no scheme, spaces or tag, e.g. '${DEFAULT_MIRROR}'.`,
    );
  }
  return trimmed;
}

/**
 * Refuse a builder image that is not the rust image on Debian: the toolchain stage installs its packages with apt-get
 * and relies on rustup and cargo under /usr/local/cargo, as the official rust Debian images have them.
 */
export function checkDebianRustImage(prop: string, ref: string): ImageRef {
  const img = parseImage(ref);
  const name = img.repository.split('/').pop();
  if (name !== 'rust' || !img.tag || NON_DEBIAN_TAG.test(img.tag)) {
    throw new Error(
      `${prop} is '${ref}', which is not one of the Debian-based rust images: the toolchain stage runs apt-get and rustup. ` +
      "Give a rust image with a Debian tag (a repository named 'rust', e.g. 'rust:1.90.0-slim-bookworm' or " +
      "'rust:1.90.0-trixie', a digest may follow the tag); alpine and Windows tags are refused.",
    );
  }
  return img;
}

/**
 * Refuse an image that is not pinned (no tag and no digest, or `latest`).
 *
 * @param prop the option that carried it
 */
export function checkImagePinned(prop: string, ref: string): ImageRef {
  const img = parseImage(checkImageReference(prop, ref));
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
