import * as fs from 'fs';
import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { Compatibility, TaskDefinition } from 'aws-cdk-lib/aws-ecs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, DockerImageFunction } from 'aws-cdk-lib/aws-lambda';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { buildspecOf, commandsOf, stack, tempProject } from './support';
import { BuildStrategy, Platform, RustMultiArchImage, RustMultiArchImageProps } from '../../src';
import { cfnLint } from '../support/cfn-lint';
import { nagFindings } from '../support/nag';
import { caseDir, corpus } from '../support/shared';

function synth(
  props: Partial<RustMultiArchImageProps> & { path: string }, region?: string, consumers?: (image: RustMultiArchImage, scope: Stack) => void,
) {
  const s = stack(region);
  const image = new RustMultiArchImage(s.stack, 'Api', props);
  consumers?.(image, s.stack);
  return { ...s, image, template: Template.fromStack(s.stack) };
}

const PROJECT_ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiProject'), 'Arn'] };
const PULL_PUSH = [
  'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:PutImage',
];
const REPO_ARN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiRepository'), 'Arn'] };

describe('RustMultiArchImage on vladkens__ghstats (NATIVE, defaults)', () => {
  const { app, template } = synth({ path: corpus('vladkens__ghstats') });
  const buildspec = buildspecOf(template);

  test('creates the repositories, one batch project, the trigger and nothing else', () => {
    template.resourceCountIs('AWS::ECR::Repository', 2);
    template.resourceCountIs('AWS::CodeBuild::Project', 1);
    template.resourceCountIs('Custom::RustMultiArchImage', 1);
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.resourceCountIs('AWS::IAM::Role', 8);
  });

  test('the image repository scans on push, is retained, and only expires untagged images', () => {
    template.hasResource('AWS::ECR::Repository', {
      Properties: {
        ImageScanningConfiguration: { ScanOnPush: true },
        ImageTagMutability: 'MUTABLE',
        LifecyclePolicy: {
          LifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, description: 'Expire untagged images (per-arch images and indexes are always tagged)', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 14, countUnit: 'days' }, action: { type: 'expire' } }] }),
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the cache repository is mutable and drops replaced cache manifests after a day', () => {
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'MUTABLE',
      ImageScanningConfiguration: Match.absent(),
      LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"tagStatus":"untagged","countType":"sinceImagePushed","countNumber":1,') },
    });
  });

  test('the project runs batch builds, privileged, bounded in builds, compute types and time (B24)', () => {
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Source: { Type: 'S3', Location: Match.stringLikeRegexp('^cdk-hnb659fds-assets-123456789012-eu-west-1/[0-9a-f]{64}\\.zip$') },
      Environment: { PrivilegedMode: true, Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0' },
      TimeoutInMinutes: 50,
      BuildBatchConfig: {
        ServiceRole: Match.anyValue(),
        TimeoutInMins: 50,
        Restrictions: { MaximumBuildsAllowed: 3, ComputeTypesAllowed: ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_LARGE'] },
      },
    });
  });

  test('the build graph puts amd64 on LINUX_CONTAINER, arm64 on ARM_CONTAINER, both privileged, and the index after them (B24)', () => {
    expect(buildspec.batch['build-graph'].map((n) => [n.identifier, n.env.type, n.env.image, n.env['compute-type'], n.env['privileged-mode'], n['depend-on']])).toEqual([
      ['build_amd64', 'LINUX_CONTAINER', 'aws/codebuild/standard:7.0', 'BUILD_GENERAL1_LARGE', true, undefined],
      ['build_arm64', 'ARM_CONTAINER', 'aws/codebuild/amazonlinux2-aarch64-standard:3.0', 'BUILD_GENERAL1_LARGE', true, undefined],
      ['image_index', 'LINUX_CONTAINER', 'aws/codebuild/standard:7.0', 'BUILD_GENERAL1_SMALL', true, ['build_amd64', 'build_arm64']],
    ]);
    expect(buildspec.env.variables.IMAGE_TAG).toMatch(/^[0-9a-f]{32}$/);
    expect(buildspec.env.variables.DOCKERFILE).toBe('.rust-multiarch/Dockerfile');
    expect(buildspec.env.variables.BUILDKIT_IMAGE).toBe('public.ecr.aws/vend/moby/buildkit:v0.29.0');
  });

  test('the buildspec checks buildx before the first build, and never sets up emulation (B22, B23)', () => {
    const commands = commandsOf(buildspec);
    const check = commands.findIndex((c) => c.startsWith('if docker buildx version;'));
    const firstBuild = commands.findIndex((c) => c.includes('docker buildx build'));
    expect(check).toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(firstBuild);
    expect(commands.join('\n')).not.toMatch(/binfmt|qemu/i);
  });

  test('the project role may push to the image and cache repositories and read digests, nothing more on ECR', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^ApiProjectRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: PULL_PUSH, Effect: 'Allow', Resource: REPO_ARN },
          { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
          { Action: 'ecr:DescribeImages', Effect: 'Allow', Resource: REPO_ARN },
          { Action: PULL_PUSH, Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiCacheRepository'), 'Arn'] } },
        ]),
      },
    });
  });

  test('the trigger handlers may only start and read this project and look up this repository', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('OnEventServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: 'codebuild:StartBuildBatch', Effect: 'Allow', Resource: PROJECT_ARN },
          { Action: 'ecr:DescribeImages', Effect: 'Allow', Resource: REPO_ARN },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('IsCompleteServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: ['codebuild:BatchGetBuildBatches', 'codebuild:BatchGetBuilds'], Effect: 'Allow', Resource: PROJECT_ARN },
          { Action: 'ecr:DescribeImages', Effect: 'Allow', Resource: REPO_ARN },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('BatchServiceRoleDefaultPolicy'),
      PolicyDocument: { Statement: [{ Action: ['codebuild:StartBuild', 'codebuild:StopBuild', 'codebuild:RetryBuild'], Effect: 'Allow', Resource: PROJECT_ARN }] },
    });
  });

  test('the custom resource carries the project, repository and tag, and waits for the build roles', () => {
    template.hasResource('Custom::RustMultiArchImage', {
      Properties: {
        ServiceToken: Match.anyValue(),
        ProjectName: { Ref: Match.stringLikeRegexp('^ApiProject') },
        RepositoryName: { Ref: Match.stringLikeRegexp('^ApiRepository') },
        RepositoryUri: Match.anyValue(),
        ImageTag: buildspec.env.variables.IMAGE_TAG,
      },
      DependsOn: [Match.stringLikeRegexp('^ApiProjectBatchServiceRoleDefaultPolicy'), Match.stringLikeRegexp('^ApiProjectRoleDefaultPolicy')],
    });
    // one hour in all: isComplete every 30 s, 120 times
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0];
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain('\\"IntervalSeconds\\":30,\\"MaxAttempts\\":120');
  });

  test('every function runs on Node 22 or 24', () => {
    const runtimes = Object.values(template.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Runtime);
    expect(runtimes.filter((r) => !/^nodejs(22|24)\.x$/.test(r))).toEqual([]);
  });

  test('cfn-lint finds nothing and cdk-nag AwsSolutions has no unacknowledged finding', () => {
    expect(cfnLint(template.toJSON())).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('RustMultiArchImage', () => {
  test('CROSS builds every platform on one x86 node', () => {
    const { template } = synth({ path: caseDir('B22'), strategy: BuildStrategy.CROSS });
    expect(buildspecOf(template).batch['build-graph'].map((n) => [n.identifier, n.env.type, n.env.variables])).toEqual([
      ['build_cross', 'LINUX_CONTAINER', { HOST_ARCH: 'amd64', HOST_MACHINE: 'x86_64', BUILD_AMD64: 'true', BUILD_ARM64: 'true', ASSEMBLE_INDEX: 'true' }],
    ]);
    template.hasResourceProperties('AWS::CodeBuild::Project', { BuildBatchConfig: { Restrictions: { MaximumBuildsAllowed: 1, ComputeTypesAllowed: ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_LARGE'] } } });
  });

  test('B23: a CodeBuild image not known to ship buildx gets a warning, and the install phase still checks buildx', () => {
    const { stack: s, template } = synth({ path: caseDir('B23'), amd64BuildImage: 'aws/codebuild/standard:6.0' });
    Annotations.fromStack(s).hasWarning('/Test/Api', Match.stringLikeRegexp(
      "^amd64BuildImage 'aws/codebuild/standard:6.0' is not known to ship docker buildx; the build installs buildx v0.32.0 when it is missing.*cdk-rust-multiarch:image:build-image-without-buildx",
    ));
    const b = buildspecOf(template);
    expect(b.batch['build-graph'][0].env.image).toBe('aws/codebuild/standard:6.0');
    expect(b.phases.install.commands[1]).toMatch(/^if docker buildx version; then/);
  });

  test('B24: an ARM compute type ARM_CONTAINER accepts passes; the arm64 node is ARM_CONTAINER', () => {
    const { template } = synth({ path: caseDir('B24'), arm64ComputeType: ComputeType.LARGE });
    expect(buildspecOf(template).batch['build-graph'][1].env).toMatchObject({ 'type': 'ARM_CONTAINER', 'compute-type': 'BUILD_GENERAL1_LARGE', 'privileged-mode': true });
  });

  test('B24: fails in a region without ARM_CONTAINER, and CROSS builds there', () => {
    expect(() => synth({ path: caseDir('B24') }, 'eu-north-1')).toThrow(
      /^RustMultiArchImage Test\/Api: Region eu-north-1 is not one where CodeBuild lists ARM_CONTAINER .* Use strategy BuildStrategy.CROSS/,
    );
    const { template } = synth({ path: caseDir('B24'), strategy: BuildStrategy.CROSS }, 'eu-north-1');
    template.resourceCountIs('AWS::CodeBuild::Project', 1);
  });

  test('B24: fails on a compute type without Docker, and on an aarch64 image for the amd64 build', () => {
    expect(() => synth({ path: caseDir('B24'), arm64ComputeType: ComputeType.LAMBDA_1GB })).toThrow(
      /arm64ComputeType 'BUILD_LAMBDA_1GB' cannot run a Docker build on ARM_CONTAINER: use one of BUILD_GENERAL1_SMALL, .*BUILD_GENERAL1_2XLARGE\./,
    );
    expect(() => synth({ path: caseDir('B24'), amd64BuildImage: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0' })).toThrow(
      /amd64BuildImage 'aws\/codebuild\/amazonlinux2-aarch64-standard:3.0' is an aarch64 image; the amd64 build runs on LINUX_CONTAINER/,
    );
  });

  test('B27: attestations are off by default and Lambda gets the plain per-arch image', () => {
    const { template: t } = synth({ path: caseDir('B27'), platforms: [Platform.LINUX_AMD64] }, undefined, (image, s) => {
      new DockerImageFunction(s, 'Fn', { code: image.toLambdaCode(Platform.LINUX_AMD64), architecture: Architecture.X86_64 });
    });
    const template = t;
    const build = commandsOf(buildspecOf(template)).find((c) => c.includes('docker buildx build'));
    expect(build).toContain('--provenance=false --sbom=false');
    t.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      Code: { ImageUri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ImageTag'] }, '-amd64'])] } },
    });
  });

  test('B27: fails to give Lambda code when attestations are on', () => {
    const { image } = synth({ path: caseDir('B27'), platforms: [Platform.LINUX_AMD64], attestations: true });
    expect(() => image.toLambdaCode(Platform.LINUX_AMD64)).toThrow(/^RustMultiArchImage Test\/Api: toLambdaCode is refused because attestations are on/);
  });

  test('fails to give an image for a platform that is not built', () => {
    const { image } = synth({ path: caseDir('B27'), platforms: [Platform.LINUX_AMD64] });
    expect(() => image.imageUriFor(Platform.LINUX_ARM64)).toThrow(/^The image has no linux\/arm64 variant: it is built for linux\/amd64\./);
  });

  test('B28: an immutable image repository keeps the registry cache in the mutable cache repository', () => {
    const { template } = synth({ path: caseDir('B28'), repositoryOptions: { immutableTags: true } });
    template.hasResourceProperties('AWS::ECR::Repository', { ImageTagMutability: 'IMMUTABLE', ImageScanningConfiguration: { ScanOnPush: true } });
    template.hasResourceProperties('AWS::ECR::Repository', { ImageTagMutability: 'MUTABLE' });
    const project = Object.values(template.findResources('AWS::CodeBuild::Project'))[0];
    const join = JSON.stringify(project.Properties.Source.BuildSpec);
    expect(join).toMatch(/CACHE_REPO\\": \\"",\{"Fn::Select":\[4,\{"Fn::Split":\[":",\{"Fn::GetAtt":\["ApiCacheRepository/);
    const build = commandsOf(buildspecOf(template)).find((c) => c.includes('docker buildx build'));
    expect(build).toContain('--cache-to "type=registry,ref=$CACHE_REPO:buildcache-${arch}'.replace('${arch}', 'amd64'));
    expect(build).toContain(',mode=max,image-manifest=true,oci-mediatypes=true"');
  });

  test('without cache there is no cache repository and no cache flag', () => {
    const { template } = synth({ path: caseDir('B28'), cache: false });
    template.resourceCountIs('AWS::ECR::Repository', 1);
    expect(commandsOf(buildspecOf(template)).join('\n')).not.toContain('--cache-');
  });

  test('B32: ECS references the index by digest, and the execution role may pull it', () => {
    const { template: t } = synth({ path: caseDir('B32') }, undefined, (image, s) => {
      const task = new TaskDefinition(s, 'Task', { compatibility: Compatibility.FARGATE, cpu: '256', memoryMiB: '512' });
      task.addContainer('app', { image: image.toEcsImage() });
    });
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Image: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ImageUri'] } })],
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^TaskExecutionRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: REPO_ARN })]) },
    });
    expect(JSON.stringify(t.toJSON())).not.toMatch(/:latest/);
  });

  test('the source asset holds the filtered project with the rendered Dockerfile and .dockerignore', () => {
    const dir = tempProject();
    const { app, image } = synth({ path: dir });
    const asset = image.node.findChild('Source') as Asset;
    const staged = path.join(app.synth().directory, asset.assetPath);
    const files = (fs.readdirSync(staged, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
    // the rendered .dockerignore drops outputs and tooling folders and keeps everything else
    expect(files.filter((f) => /^(target|node_modules|cdk\.out)(\/|$)/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['.dockerignore', '.rust-multiarch/Dockerfile', 'Cargo.lock', 'Cargo.toml', 'notes/todo.txt', 'src/main.rs']));
    expect(fs.readFileSync(path.join(staged, '.dockerignore'), 'utf8')).toMatch(/^\*\*\/target\/$/m);
    expect(fs.readFileSync(path.join(staged, '.rust-multiarch/Dockerfile'), 'utf8')).toMatch(/^# syntax=/);
  });

  test('with toolchainImage, the toolchain Dockerfile travels in the source and the build passes its image', () => {
    // GIVEN / WHEN
    const { app, image, template } = synth({ path: tempProject(), toolchainImage: true });
    // THEN
    const b = buildspecOf(template);
    expect(b.env.variables.TOOLCHAIN_TAG).toMatch(/^toolchain-[0-9a-f]{24}$/);
    expect(b.env.variables.TOOLCHAIN_DOCKERFILE).toBe('.rust-multiarch/toolchain.Dockerfile');
    expect(commandsOf(b).filter((c) => c.includes('docker buildx build')).map((c) => c.includes('TOOLCHAIN_IMAGE='))).toEqual([false, true, true]);
    const staged = path.join(app.synth().directory, (image.node.findChild('Source') as Asset).assetPath);
    expect(fs.readFileSync(path.join(staged, '.rust-multiarch/toolchain.Dockerfile'), 'utf8')).toMatch(/AS toolchain$/m);
  });

  test('plan warnings become acknowledgeable CDK warnings with the file they point at', () => {
    // GIVEN a case without Cargo.lock
    const { stack: s } = synth({ path: caseDir('B27') });
    // THEN
    Annotations.fromStack(s).hasWarning('/Test/Api', Match.stringLikeRegexp(
      `^${caseDir('B27', 'Cargo.toml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*\\[ack: cdk-rust-multiarch:cargo:no-lockfile\\]$`,
    ));
  });

  test('the index tag stays for the same source and changes with it', () => {
    const dir = tempProject();
    const tagOf = () => buildspecOf(synth({ path: dir }).template).env.variables.IMAGE_TAG;
    const first = tagOf();
    expect(tagOf()).toBe(first);
    fs.writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() { println!("v2"); }\n');
    expect(tagOf()).not.toBe(first);
  });

  test('build secrets come from Secrets Manager as BuildKit secrets the project role may read', () => {
    const s = stack();
    const secret = new Secret(s.stack, 'Token');
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B27'), buildSecrets: [{ id: 'cargo-token', secret, jsonField: 'token' }] });
    const t = Template.fromStack(s.stack);
    const project = Object.values(t.findResources('AWS::CodeBuild::Project'))[0];
    expect(JSON.stringify(project.Properties.Source.BuildSpec)).toMatch(/secrets-manager\\": \{\\n +\\"BUILD_SECRET_CARGO_TOKEN\\": \\"",\{"Ref":"Token[0-9A-F]+"\},":token\\"/);
    expect(commandsOf(buildspecOf(t)).find((c) => c.includes('docker buildx build'))).toContain('--secret id=cargo-token,env=BUILD_SECRET_CARGO_TOKEN');
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^ApiProjectRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: Match.stringLikeRegexp('^Token') } })]) },
    });
  });

  test('a KMS key encrypts both repositories and the project; VPC settings reach the project; all lint and nag clean', () => {
    const s = stack();
    const key = new Key(s.stack, 'Key', { enableKeyRotation: true });
    const vpc = Vpc.fromVpcAttributes(s.stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
    new RustMultiArchImage(s.stack, 'Api', { path: caseDir('B28'), repositoryOptions: { encryptionKey: key, immutableTags: true }, vpc, buildTimeout: Duration.minutes(40) });
    const t = Template.fromStack(s.stack);
    t.resourcePropertiesCountIs('AWS::ECR::Repository', { EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } } }, 2);
    t.hasResourceProperties('AWS::CodeBuild::Project', {
      EncryptionKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      VpcConfig: { VpcId: 'vpc-0123456789abcdef0', Subnets: ['subnet-0123456789abcdef0'], SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiProjectSecurityGroup'), 'GroupId'] }] },
      TimeoutInMinutes: 40,
    });
    expect(cfnLint(t.toJSON())).toEqual([]);
    expect(nagFindings(s.app)).toEqual([]);
  });

  test('fails on repository together with repositoryOptions, a too long timeout and a repeated secret id', () => {
    const s = stack();
    const other = new RustMultiArchImage(s.stack, 'Other', { path: caseDir('B27') });
    const secret = new Secret(s.stack, 'S');
    expect(() => new RustMultiArchImage(s.stack, 'Api', {
      path: caseDir('B27'),
      repository: other.repository,
      repositoryOptions: { immutableTags: true },
      buildTimeout: Duration.minutes(56),
      buildSecrets: [{ id: 'a', secret }, { id: 'a', secret }],
    })).toThrow(new RegExp(
      '^RustMultiArchImage Test/Api: repositoryOptions only configure a new repository; .* ' +
      'buildTimeout is 56 minutes \\(56 minutes\\); give whole minutes from 5 minutes .* ' +
      "buildSecrets has the id 'a' twice",
    ));
  });

  test('two images in a stack share one trigger, each limited to its own project and repository', () => {
    const s = stack();
    new RustMultiArchImage(s.stack, 'A', { path: caseDir('B27') });
    new RustMultiArchImage(s.stack, 'B', { path: caseDir('B28') });
    const t = Template.fromStack(s.stack);
    t.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    t.resourceCountIs('Custom::RustMultiArchImage', 2);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('OnEventServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: 'codebuild:StartBuildBatch', Effect: 'Allow', Resource: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^AProject'), 'Arn'] }, { 'Fn::GetAtt': [Match.stringLikeRegexp('^BProject'), 'Arn'] }] },
          { Action: 'ecr:DescribeImages', Effect: 'Allow', Resource: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ARepository'), 'Arn'] }, { 'Fn::GetAtt': [Match.stringLikeRegexp('^BRepository'), 'Arn'] }] },
        ],
      },
    });
    expect(cfnLint(t.toJSON())).toEqual([]);
    expect(nagFindings(s.app)).toEqual([]);
  });
});
