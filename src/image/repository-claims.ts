import { Token } from 'aws-cdk-lib';
import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { Construct, IConstruct } from 'constructs';

/**
 * Which image of the app pushes which tag to which repository. Two images with the same source and
 * settings get the same tag; in one repository their deploys would build and push the same tags at
 * once, and the digest one of them reports could be replaced by the other's.
 */

interface Claim {
  readonly repository: IRepository;
  /** Account, region and name of the repository, when its name is known at synth. */
  readonly nameKey?: string;
  readonly tag: string;
  readonly path: string;
}

const CLAIMS = new WeakMap<IConstruct, Claim[]>();

/** Records that `scope` pushes `tag` to `repository`; throws when another image of the app already does. */
export function claimRepositoryTag(scope: Construct, repository: IRepository, repositoryName: string | undefined, tag: string): void {
  const root = scope.node.root;
  const claims = CLAIMS.get(root) ?? [];
  const name = repositoryName ?? repository.repositoryName;
  const nameKey = Token.isUnresolved(name) ? undefined : `${repository.env.account}/${repository.env.region}/${name}`;
  const other = claims.find((c) => c.tag === tag && (c.repository === repository || (nameKey !== undefined && c.nameKey === nameKey)));
  if (other) {
    throw new Error(
      `RustMultiArchImage ${scope.node.path}: it pushes the same tag ${tag} to the same repository` +
      `${nameKey === undefined ? '' : ` ${name}`} as RustMultiArchImage ${other.path} (same source and build settings), so their ` +
      'deploys would build and push the same tags at once and one digest could replace the other. Give each image its own ' +
      'repository, or create the image once and use that construct for both consumers.',
    );
  }
  CLAIMS.set(root, [...claims, { repository, nameKey, tag, path: scope.node.path }]);
}
