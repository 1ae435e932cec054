import { App, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { buildspecOf, stack } from './support';
import { BuildStrategy, RustMultiArchImage } from '../../src';
import { caseDir } from '../support/shared';

describe('build secrets', () => {
  test('fails on two ids that differ only in case or punctuation, naming both ids and the variable', () => {
    // GIVEN two secrets whose ids map to the same environment variable
    const s = stack();
    const a = new Secret(s.stack, 'A');
    const b = new Secret(s.stack, 'B');
    // WHEN / THEN the construct refuses them
    expect(() => new RustMultiArchImage(s.stack, 'Api', {
      path: caseDir('B27'),
      buildSecrets: [{ id: 'git-token', secret: a }, { id: 'git_token', secret: b }, { id: 'GIT-TOKEN', secret: b }],
    })).toThrow(new RegExp(
      "^RustMultiArchImage Test/Api: buildSecrets ids 'git-token' and 'git_token' both pass through the environment variable " +
      'BUILD_SECRET_GIT_TOKEN \\(ids differing only in case or punctuation\\), so one secret would replace the other; ' +
      "rename one so they differ in letters or digits\\. buildSecrets ids 'git-token' and 'GIT-TOKEN' both pass",
    ));
  });

  test('distinct ids each get their own variable', () => {
    // GIVEN two secrets with distinct ids
    const s = stack();
    const a = new Secret(s.stack, 'A');
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), buildSecrets: [{ id: 'git-token', secret: a }, { id: 'npm', secret: a }] });
    // THEN both reach the buildspec under their own names
    const env = buildspecOf(Template.fromStack(s.stack)).env as { 'secrets-manager': Record<string, string> };
    expect(Object.keys(env['secrets-manager'])).toEqual(['BUILD_SECRET_GIT_TOKEN', 'BUILD_SECRET_NPM']);
  });
});

describe('buildTimeout', () => {
  test.each([
    [Duration.minutes(4), '4 minutes \\(4 minutes\\)'],
    [Duration.seconds(90), '1 minute 30 seconds \\(1.5 minutes\\)'],
    [Duration.minutes(56), '56 minutes \\(56 minutes\\)'],
  ])('fails outside 5 to 55 whole minutes: %s', (timeout, shown) => {
    const s = stack();
    expect(() => new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), buildTimeout: timeout })).toThrow(new RegExp(
      `^RustMultiArchImage Test/Api: buildTimeout is ${shown}; give whole minutes from 5 minutes \\(CodeBuild's shortest build timeout\\) ` +
      'to 55 \\(what fits in the one hour CloudFormation waits for the build\\)\\.$',
    ));
  });

  test('5 and 55 minutes are accepted', () => {
    const s = stack();
    new RustMultiArchImage(s.stack, 'A', { path: caseDir('B27'), buildTimeout: Duration.minutes(5) });
    new RustMultiArchImage(s.stack, 'B', { path: caseDir('B28'), buildTimeout: Duration.minutes(55) });
    const template = Template.fromStack(s.stack);
    template.hasResourceProperties('AWS::CodeBuild::Project', { TimeoutInMinutes: 5, BuildBatchConfig: Match.objectLike({ TimeoutInMins: 5 }) });
    template.hasResourceProperties('AWS::CodeBuild::Project', { TimeoutInMinutes: 55, BuildBatchConfig: Match.objectLike({ TimeoutInMins: 55 }) });
  });
});

describe('an existing repository in another account or region', () => {
  test('fails naming the repository ARN, both environments and the fix', () => {
    // GIVEN a repository of another account and region
    const s = stack();
    const arn = 'arn:aws:ecr:us-east-1:210987654321:repository/shared';
    const repository = Repository.fromRepositoryArn(s.stack, 'R', arn);
    // WHEN / THEN
    expect(() => new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), repository })).toThrow(new RegExp(
      '^RustMultiArchImage Test/Api: repository arn:aws:ecr:us-east-1:210987654321:repository/shared is in account 210987654321, ' +
      'region us-east-1, but the stack Test is in account 123456789012, region eu-west-1: the build and its trigger run in the ' +
      "stack's account and region and cannot push there\\. Create the image in a stack of that account and region, or push here " +
      'and replicate the repository with ECR replication\\.$',
    ));
  });

  test('a repository of the same account and region, and any repository in an env-agnostic stack, pass', () => {
    const s = stack();
    const same = Repository.fromRepositoryArn(s.stack, 'R', 'arn:aws:ecr:eu-west-1:123456789012:repository/shared');
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), repository: same });
    const agnostic = new Stack(new App(), 'Agnostic');
    const other = Repository.fromRepositoryArn(agnostic, 'R', 'arn:aws:ecr:us-east-1:210987654321:repository/shared');
    expect(() => new RustMultiArchImage(agnostic, 'Api', { path: caseDir('B27'), repository: other, strategy: BuildStrategy.CROSS })).not.toThrow();
  });
});

describe('values needed at synth', () => {
  test('fails on a token path, compute type, port and timeout, naming each prop', () => {
    // GIVEN props holding deploy-time tokens
    const s = stack();
    const port = new CfnParameter(s.stack, 'Port', { type: 'Number', default: 8080 });
    const compute = new CfnParameter(s.stack, 'Compute', { default: 'BUILD_GENERAL1_LARGE' });
    // WHEN / THEN the construct names them before reading the project
    expect(() => new RustMultiArchImage(s.stack, 'Api', {
      path: Lazy.string({ produce: () => caseDir('B27') }),
      arm64ComputeType: compute.valueAsString as ComputeType,
      ports: [8080, port.valueAsNumber],
      buildTimeout: Duration.minutes(port.valueAsNumber),
    })).toThrow(new RegExp(
      '^RustMultiArchImage Test/Api: path, arm64ComputeType, ports\\[1\\], buildTimeout are tokens, but they must be known at ' +
      'synthesis: the project is read and the Dockerfile, buildspec and image tag are written then\\.',
    ));
  });

  test('deploy-time props may be tokens', () => {
    const s = stack();
    const name = new CfnParameter(s.stack, 'Name');
    const secret = new Secret(s.stack, 'S');
    expect(() => new RustMultiArchImage(s.stack, 'Api', {
      path: caseDir('B27'), repositoryOptions: { repositoryName: name.valueAsString }, buildSecrets: [{ id: 'npm', secret, jsonField: name.valueAsString }],
    })).not.toThrow();
  });

  test('an env-agnostic stack with NATIVE gets a warning that the ARM region check could not run; CROSS does not', () => {
    // GIVEN stacks without a region
    const app = new App();
    const native = new Stack(app, 'Native');
    const cross = new Stack(app, 'Cross');
    new RustMultiArchImage(native, 'Api', { path: caseDir('B27') });
    new RustMultiArchImage(cross, 'Api', { path: caseDir('B27'), strategy: BuildStrategy.CROSS });
    // THEN
    Annotations.fromStack(native).hasWarning('/Native/Api', Match.stringLikeRegexp(
      '^The stack has no region, so whether CodeBuild offers ARM_CONTAINER there could not be checked .* \\[ack: cdk-rust-multiarch:image:arm-region-unknown\\]$'));
    Annotations.fromStack(cross).hasNoWarning('*', Match.stringLikeRegexp('ARM_CONTAINER'));
  });
});
