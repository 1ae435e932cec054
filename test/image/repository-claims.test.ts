import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { stack } from './support';
import { BuildStrategy, RustMultiArchImage } from '../../src';
import { caseDir } from '../support/shared';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const SAME_TAG = /^RustMultiArchImage (\S+): it pushes the same tag [0-9a-f]+ to the same repository( shared)? as RustMultiArchImage (\S+) \(same source and build settings\), so their deploys would build and push the same tags at once and one digest could replace the other\. Give each image its own repository, or create the image once and use that construct for both consumers\.$/;

describe('two images of an app in one repository', () => {
  test('fails when two images of the same source push to the same repository construct, naming both', () => {
    // GIVEN one existing repository and two images of the same project
    const s = stack();
    const repository = Repository.fromRepositoryName(s.stack, 'R', 'shared');
    new RustMultiArchImage(s.stack, 'A', { path: caseDir('B27'), repository });
    // WHEN / THEN the second one is refused (the strategy does not change the tag)
    expect(() => new RustMultiArchImage(s.stack, 'B', { path: caseDir('B27'), repository, strategy: BuildStrategy.CROSS }))
      .toThrow(new RegExp(SAME_TAG.source.replace('(\\S+)', 'Test/B').replace('(\\S+)', 'Test/A')));
  });

  test('fails when the repository is the same by name, from another stack of the app', () => {
    const app = new App();
    const one = new Stack(app, 'One', { env: ENV });
    const two = new Stack(app, 'Two', { env: ENV });
    new RustMultiArchImage(one, 'Api', { path: caseDir('B27'), repository: Repository.fromRepositoryName(one, 'R', 'shared') });
    expect(() => new RustMultiArchImage(two, 'Api', { path: caseDir('B27'), repository: Repository.fromRepositoryName(two, 'R', 'shared') }))
      .toThrow(/^RustMultiArchImage Two\/Api: it pushes the same tag [0-9a-f]+ to the same repository shared as RustMultiArchImage One\/Api /);
  });

  test('different projects may share a repository, and the same project may go to two repositories', () => {
    const s = stack();
    const repository = Repository.fromRepositoryName(s.stack, 'R', 'shared');
    new RustMultiArchImage(s.stack, 'A', { path: caseDir('B27'), repository });
    new RustMultiArchImage(s.stack, 'B', { path: caseDir('B28'), repository });
    new RustMultiArchImage(s.stack, 'C', { path: caseDir('B27') });
    new RustMultiArchImage(s.stack, 'D', { path: caseDir('B27') });
    Template.fromStack(s.stack).resourceCountIs('Custom::RustMultiArchImage', 4);
  });
});
