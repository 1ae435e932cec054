import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { stack } from './support';
import { RustMultiArchImage } from '../../src';
import { caseDir } from '../support/shared';

function repositories(template: Template) {
  return Object.entries(template.findResources('AWS::ECR::Repository')).map(([id, r]) => ({
    id: id.replace(/[0-9A-F]{8}$/, ''), deletion: r.DeletionPolicy, emptyOnDelete: r.Properties.EmptyOnDelete,
  }));
}

describe('repository removal', () => {
  test('DESTROY empties and destroys the image repository and the cache repository, so the stack delete succeeds', () => {
    // GIVEN a new repository that leaves with the stack
    const s = stack();
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), repositoryOptions: { removalPolicy: RemovalPolicy.DESTROY } });
    // THEN both repositories are emptied on delete
    expect(repositories(Template.fromStack(s.stack))).toEqual([
      { id: 'ApiRepository', deletion: 'Delete', emptyOnDelete: true },
      { id: 'ApiCacheRepository', deletion: 'Delete', emptyOnDelete: true },
    ]);
  });

  test('by default both repositories are retained and never emptied', () => {
    const s = stack();
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27') });
    expect(repositories(Template.fromStack(s.stack))).toEqual([
      { id: 'ApiRepository', deletion: 'Retain', emptyOnDelete: undefined },
      { id: 'ApiCacheRepository', deletion: 'Retain', emptyOnDelete: undefined },
    ]);
  });

  test('with a given repository (retained by its owner), the cache repository is retained', () => {
    const s = stack();
    const repository = new Repository(s.stack, 'Shared', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), repository });
    Template.fromStack(s.stack).hasResource('AWS::ECR::Repository', {
      Properties: Match.objectLike({ LifecyclePolicy: Match.anyValue(), EmptyOnDelete: Match.absent() }), DeletionPolicy: 'Retain',
    });
  });
});
