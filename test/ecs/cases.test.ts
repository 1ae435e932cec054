import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Schedule } from 'aws-cdk-lib/aws-applicationautoscaling';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { Cluster, Ec2TaskDefinition, FargateService } from 'aws-cdk-lib/aws-ecs';
import { ApplicationLoadBalancedFargateService, ScheduledFargateTask } from 'aws-cdk-lib/aws-ecs-patterns';
import { Architecture, DockerImageFunction } from 'aws-cdk-lib/aws-lambda';
import { caseImage, PushedImage, testStack } from './support';
import { RustContainer } from '../../src/ecs/rust-container';
import { RustFargateTaskDefinition } from '../../src/ecs/rust-fargate-task-definition';
import { Platform } from '../../src/plan/option-values';
import { caseDir } from '../support/shared';

/** Every task definition of the template, by logical id. */
function taskDefinitions(template: Template): Record<string, { [key: string]: any }> {
  return template.findResources('AWS::ECS::TaskDefinition');
}

describe('case B31: requested ARM64 silently dropped by an ECS pattern', () => {
  test('ApplicationLoadBalancedFargateService gets the task definition, and every task definition is ARM64', () => {
    // GIVEN the B31 image (amd64 + arm64) and a cluster
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', { ports: [8080] });
    const cluster = new Cluster(stack, 'Cluster', { vpc: new Vpc(stack, 'Vpc', { maxAzs: 2 }) });

    // WHEN the pattern receives the task definition, not pattern-level runtimePlatform
    const taskDefinition = new RustFargateTaskDefinition(stack, 'Task', { image });
    new ApplicationLoadBalancedFargateService(stack, 'Service', { cluster, taskDefinition });

    // THEN
    const defs = Object.values(taskDefinitions(Template.fromStack(stack)));
    expect(defs).toHaveLength(1);
    expect(defs.map((d) => d.Properties.RuntimePlatform)).toEqual([{ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }]);
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Protocol: 'HTTP', TargetType: 'ip' });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      LoadBalancers: [{ ContainerName: 'app', ContainerPort: 8080, TargetGroupArn: Match.anyValue() }],
    });
  });

  test('ScheduledFargateTask (the pattern of the case) gets the task definition, and every task definition is ARM64', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const cluster = new Cluster(stack, 'Cluster', { vpc: new Vpc(stack, 'Vpc', { maxAzs: 2 }) });

    // WHEN
    const taskDefinition = new RustFargateTaskDefinition(stack, 'Task', { image });
    new ScheduledFargateTask(stack, 'Scheduled', {
      cluster,
      schedule: Schedule.expression('rate(15 minutes)'),
      scheduledFargateTaskDefinitionOptions: { taskDefinition },
    });

    // THEN
    const defs = Object.values(taskDefinitions(Template.fromStack(stack)));
    expect(defs).toHaveLength(1);
    expect(defs.map((d) => d.Properties.RuntimePlatform)).toEqual([{ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' }]);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ EcsParameters: Match.objectLike({ LaunchType: 'FARGATE', TaskDefinitionArn: { Ref: Match.stringLikeRegexp('^Task') } }) })],
    });
  });

  test('EC2 capacity: the task is constrained to arm64 container instances', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN
    const taskDefinition = new Ec2TaskDefinition(stack, 'Task');
    new RustContainer(stack, 'App', { taskDefinition, image, memoryLimitMiB: 256 });

    // THEN
    const defs = Object.values(taskDefinitions(Template.fromStack(stack)));
    expect(defs.map((d) => d.Properties.PlacementConstraints)).toEqual([[{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == arm64' }]]);
  });
});

describe('case B32: new image pushed, service keeps running the old one', () => {
  function synthB32(dir: string): Template {
    const { stack } = testStack();
    const image = caseImage(stack, 'B32', { path: dir });
    const taskDefinition = new RustFargateTaskDefinition(stack, 'Task', { image });
    const cluster = new Cluster(stack, 'Cluster', { vpc: new Vpc(stack, 'Vpc', { maxAzs: 2 }) });
    new FargateService(stack, 'Service', { cluster, taskDefinition });
    return Template.fromStack(stack);
  }

  function copyOfCase(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'b32-'));
    fs.cpSync(caseDir('B32'), dir, { recursive: true });
    return dir;
  }

  test('the task definition names the index digest, a deploy-time value of the build, never a tag', () => {
    // GIVEN / WHEN
    const template = synthB32(caseDir('B32'));

    // THEN
    const [def] = Object.values(taskDefinitions(template));
    const image = def.Properties.ContainerDefinitions[0].Image['Fn::Join'][1];
    expect(image.slice(-2)).toEqual(['@', { 'Fn::GetAtt': [expect.stringMatching(/^Image/), 'ImageDigest'] }]);
    expect(JSON.stringify(def)).not.toMatch(/:latest|ImageTag/);
  });

  test('an unchanged source leaves the task definition and the build trigger as they were: no roll', () => {
    // GIVEN two synths of the same source
    const first = synthB32(caseDir('B32'));
    const second = synthB32(caseDir('B32'));

    // THEN
    expect(taskDefinitions(second)).toEqual(taskDefinitions(first));
    expect(second.findResources('Custom::RustMultiArchImage')).toEqual(first.findResources('Custom::RustMultiArchImage'));
  });

  test('a changed source changes the build trigger, so a new digest reaches the task definition: a roll', () => {
    // GIVEN the case, and a copy whose main.rs changed
    const dir = copyOfCase();
    const before = synthB32(dir);
    fs.appendFileSync(path.join(dir, 'src', 'main.rs'), '\n// a change\n');

    // WHEN
    const after = synthB32(dir);
    fs.rmSync(dir, { recursive: true, force: true });

    // THEN the trigger's ImageTag (the content hash) differs, so CloudFormation updates it and its ImageDigest output
    const tagOf = (t: Template) => Object.values(t.findResources('Custom::RustMultiArchImage'))[0].Properties.ImageTag;
    expect(tagOf(before)).toMatch(/^[0-9a-f]{32}$/);
    expect(tagOf(after)).toMatch(/^[0-9a-f]{32}$/);
    expect(tagOf(after)).not.toBe(tagOf(before));
  });

  test('an image carried by the mutable tag latest gets a warning and is still pinned by digest', () => {
    // GIVEN an image pushed elsewhere under `latest`
    const { stack } = testStack();
    const digest = `sha256:${'ab'.repeat(32)}`;
    const image = new PushedImage(stack, 'Pushed', { tag: 'latest', digest, platforms: [Platform.LINUX_AMD64, Platform.LINUX_ARM64] });

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Service/Task/app', Match.stringLikeRegexp(
      "^The image Service/Pushed carries the mutable tag 'latest'\\. The container is pinned to the image's digest instead, so pushing a new image under that tag alone never rolls the service; .*\\[ack: cdk-rust-multiarch:ecs:mutable-image-tag\\]$",
    ));
    const [def] = Object.values(taskDefinitions(Template.fromStack(stack)));
    const image_ = JSON.stringify(def.Properties.ContainerDefinitions[0].Image);
    expect(image_).toContain(`/svc@${digest}`);
    expect(image_).not.toContain('latest');
  });

  test('an image with a content-hash tag gets no warning', () => {
    // GIVEN
    const { stack } = testStack();
    const image = new PushedImage(stack, 'Pushed', { tag: 'c0ffee'.repeat(5) + 'ab', digest: `sha256:${'cd'.repeat(32)}`, platforms: [Platform.LINUX_ARM64] });

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('mutable tag'));
  });
});

describe('cases B22 and B27, ECS part', () => {
  test('B22: the ARM64 task runs the arm64 variant that was built on an ARM CodeBuild host, never under QEMU', () => {
    // GIVEN the B22 image (debian-slim runtime, ring)
    const { stack } = testStack();
    const image = caseImage(stack, 'B22');

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN the task is ARM64, and the image's arm64 node runs on ARM_CONTAINER
    const template = Template.fromStack(stack);
    expect(image._build.rendered.dockerfile).toMatch(/^FROM public\.ecr\.aws\/docker\/library\/debian:bookworm-\d+-slim AS runtime$/m);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' } });
    const [project] = Object.values(template.findResources('AWS::CodeBuild::Project'));
    const buildspec = JSON.stringify(project.Properties.Source.BuildSpec);
    expect(buildspec).toMatch(/\\"identifier\\": \\"build_arm64\\",\\n\s+\\"env\\": \{\\n\s+\\"type\\": \\"ARM_CONTAINER\\"/);
    expect(buildspec).not.toMatch(/binfmt|qemu/);
  });

  test('B27: the ECS task pins the index digest while Lambda gets the plain per-arch image', () => {
    // GIVEN the B27 image (amd64 only) with an ECS and a Lambda consumer
    const { stack } = testStack();
    const image = caseImage(stack, 'B27');

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });
    new DockerImageFunction(stack, 'Function', { code: image.toLambdaCode(Platform.LINUX_AMD64), architecture: Architecture.X86_64 });

    // THEN
    const [def] = Object.values(taskDefinitions(Template.fromStack(stack)));
    expect(def.Properties.RuntimePlatform).toEqual({ CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' });
    expect(def.Properties.ContainerDefinitions[0].Image['Fn::Join'][1].slice(-2)).toEqual(['@', { 'Fn::GetAtt': [expect.stringMatching(/^Image/), 'ImageDigest'] }]);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      Architectures: ['x86_64'],
      Code: { ImageUri: { 'Fn::Join': ['', Match.arrayWith([':', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Image'), 'ImageTag'] }, '-amd64'])] } },
    });
  });
});
