import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { IRepository, Repository, RepositoryEncryption, TagMutability, TagStatus } from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { ImageRepositoryOptions } from './rust-multi-arch-image-props';

/**
 * The repositories of an image build: the image repository (given or new) and the registry cache.
 *
 * The cache always has its own repository: every build overwrites `buildcache-<arch>`, which a
 * repository with immutable tags rejects with 400 Bad Request (B28), and its lifecycle differs.
 */

/** The image repository: the one given, else a new one (scan on push, retained by default). */
export function imageRepository(
  scope: Construct, given: IRepository | undefined, options: ImageRepositoryOptions, attestations: boolean,
): IRepository {
  if (given) {
    return given;
  }
  const expiryDays = options.untaggedImageExpiryDays ?? 14;
  if (!Number.isInteger(expiryDays) || expiryDays < 1) {
    throw new Error(`repositoryOptions.untaggedImageExpiryDays must be a whole number of days, at least 1; received ${expiryDays}.`);
  }
  const repository = new Repository(scope, 'Repository', {
    repositoryName: options.repositoryName,
    imageScanOnPush: true,
    imageTagMutability: options.immutableTags ? TagMutability.IMMUTABLE : TagMutability.MUTABLE,
    encryption: options.encryptionKey ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256,
    encryptionKey: options.encryptionKey,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  // Per-arch images are tagged (`<hash>-amd64`), so no rule here can expire the children of an
  // index. Untagged images are only leftovers, except with attestations, where they are children.
  if (!attestations) {
    repository.addLifecycleRule({
      description: 'Expire untagged images (per-arch images and indexes are always tagged)',
      tagStatus: TagStatus.UNTAGGED,
      maxImageAge: Duration.days(expiryDays),
    });
  }
  return repository;
}

/** The mutable registry-cache repository; old cache manifests become untagged and expire after a day. */
export function cacheRepository(scope: Construct, encryptionKey: ImageRepositoryOptions['encryptionKey']): Repository {
  const repository = new Repository(scope, 'CacheRepository', {
    imageTagMutability: TagMutability.MUTABLE,
    encryption: encryptionKey ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256,
    encryptionKey,
    // the cache is rebuilt on demand; keeping it retained avoids a failed delete of a non-empty repository
    removalPolicy: RemovalPolicy.RETAIN,
  });
  repository.addLifecycleRule({
    description: 'Expire replaced build cache manifests',
    tagStatus: TagStatus.UNTAGGED,
    maxImageAge: Duration.days(1),
  });
  return repository;
}
