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
  const removalPolicy = options.removalPolicy ?? RemovalPolicy.RETAIN;
  const repository = new Repository(scope, 'Repository', {
    repositoryName: options.repositoryName,
    imageScanOnPush: true,
    imageTagMutability: options.immutableTags ? TagMutability.IMMUTABLE : TagMutability.MUTABLE,
    encryption: options.encryptionKey ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256,
    encryptionKey: options.encryptionKey,
    removalPolicy,
    // CloudFormation cannot delete a repository that holds images
    emptyOnDelete: removalPolicy === RemovalPolicy.DESTROY ? true : undefined,
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

/**
 * The mutable registry-cache repository; old cache manifests become untagged and expire after a day.
 * The cache is rebuilt on demand, so it is destroyed (emptied first) whenever the image repository
 * is; otherwise it is retained like the images.
 */
export function cacheRepository(scope: Construct, options: ImageRepositoryOptions, imageRepositoryGiven: boolean): Repository {
  const destroy = !imageRepositoryGiven && options.removalPolicy === RemovalPolicy.DESTROY;
  const repository = new Repository(scope, 'CacheRepository', {
    imageTagMutability: TagMutability.MUTABLE,
    encryption: options.encryptionKey ? RepositoryEncryption.KMS : RepositoryEncryption.AES_256,
    encryptionKey: options.encryptionKey,
    removalPolicy: destroy ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    emptyOnDelete: destroy ? true : undefined,
  });
  repository.addLifecycleRule({
    description: 'Expire replaced build cache manifests',
    tagStatus: TagStatus.UNTAGGED,
    maxImageAge: Duration.days(1),
  });
  return repository;
}
