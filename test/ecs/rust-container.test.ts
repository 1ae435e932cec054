import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Ec2TaskDefinition, FargateTaskDefinition, CpuArchitecture, OperatingSystemFamily } from 'aws-cdk-lib/aws-ecs';
import { caseImage, testStack } from './support';
import { RustMultiArchImage } from '../../src';
import { RustContainer } from '../../src/ecs/rust-container';
import { Platform } from '../../src/plan/option-values';
import { cfnLint } from '../support/cfn-lint';
import { nagFindings } from '../support/nag';
import { caseDir } from '../support/shared';

describe('RustContainer', () => {
  test('gives a plain FargateTaskDefinition without runtimePlatform the default architecture', () => {
    // GIVEN a FargateTaskDefinition as users write it, no runtimePlatform
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new FargateTaskDefinition(stack, 'Task');

    // WHEN
    const container = new RustContainer(stack, 'App', { taskDefinition, image });

    // THEN the template states the architecture the image was checked against
    expect(container.cpuArchitecture).toBe(CpuArchitecture.ARM64);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [Match.objectLike({ Name: 'app' })],
    });
  });

  test('keeps the architecture a FargateTaskDefinition declares', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', {
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.LINUX },
    });

    // WHEN
    new RustContainer(stack, 'App', { taskDefinition, image });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('fills in the architecture of a FargateTaskDefinition whose runtimePlatform names only the OS', () => {
    // GIVEN a runtimePlatform without cpuArchitecture: Fargate would run the arm64-only image on X86_64
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', { platforms: [Platform.LINUX_ARM64] });
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', {
      runtimePlatform: { operatingSystemFamily: OperatingSystemFamily.LINUX },
    });

    // WHEN
    const container = new RustContainer(stack, 'App', { taskDefinition, image });

    // THEN
    expect(container.cpuArchitecture).toBe(CpuArchitecture.ARM64);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('fills in the architecture asked for and the OS of a FargateTaskDefinition whose runtimePlatform is empty', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', { runtimePlatform: {} });

    // WHEN
    new RustContainer(stack, 'App', { taskDefinition, image, cpuArchitecture: CpuArchitecture.X86_64 });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('fails on a FargateTaskDefinition whose runtimePlatform names only the OS for an image without that architecture', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', { platforms: [Platform.LINUX_ARM64] });
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', {
      runtimePlatform: { operatingSystemFamily: OperatingSystemFamily.LINUX },
    });

    // WHEN / THEN
    expect(() => new RustContainer(stack, 'App', { taskDefinition, image, cpuArchitecture: CpuArchitecture.X86_64 })).toThrow(
      /^RustContainer Service\/App: the task runs on X86_64 \(linux\/amd64\) but the image Service\/Image is built for linux\/arm64 only\./,
    );
  });

  test('fails on a FargateTaskDefinition whose runtimePlatform is Windows', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', {
      cpu: 1024,
      memoryLimitMiB: 2048,
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.WINDOWS_SERVER_2022_CORE },
    });

    // WHEN / THEN
    expect(() => new RustContainer(stack, 'App', { taskDefinition, image })).toThrow(
      /^RustContainer Service\/App: the task definition's runtimePlatform\.operatingSystemFamily is WINDOWS_SERVER_2022_CORE; Rust images are Linux images, use OperatingSystemFamily\.LINUX\.$/,
    );
  });

  test('fails on a FargateTaskDefinition declaring ARM64 for an amd64-only image', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B27');
    const taskDefinition = new FargateTaskDefinition(stack, 'Task', { runtimePlatform: { cpuArchitecture: CpuArchitecture.ARM64 } });

    // WHEN / THEN
    expect(() => new RustContainer(stack, 'App', { taskDefinition, image })).toThrow(
      /^RustContainer Service\/App: the task runs on ARM64 \(linux\/arm64\) but the image Service\/Image is built for linux\/amd64 only\./,
    );
  });

  test('keeps EC2 tasks on arm64 container instances with a placement constraint', () => {
    // GIVEN an EC2 task definition (no runtimePlatform there)
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new Ec2TaskDefinition(stack, 'Task');

    // WHEN
    new RustContainer(stack, 'App', { taskDefinition, image, memoryLimitMiB: 256 });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['EC2'],
      RuntimePlatform: Match.absent(),
      PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == arm64' }],
      ContainerDefinitions: [Match.objectLike({ Memory: 256 })],
    });
  });

  test('keeps EC2 tasks on x86_64 container instances when asked', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');
    const taskDefinition = new Ec2TaskDefinition(stack, 'Task');

    // WHEN
    new RustContainer(stack, 'App', { taskDefinition, image, memoryLimitMiB: 256, cpuArchitecture: CpuArchitecture.X86_64 });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.cpu-architecture == x86_64' }],
    });
  });

  test('Fargate and EC2 task definitions with Rust containers pass cfn-lint and cdk-nag', () => {
    // GIVEN
    const { app, stack } = testStack();
    const image = caseImage(stack, 'B31', { ports: [8080], environment: { RUST_LOG: 'info' }, healthCheck: { command: ['/usr/local/bin/svc', 'health'] } });

    // WHEN
    new RustContainer(stack, 'FargateApp', { taskDefinition: new FargateTaskDefinition(stack, 'FargateTask'), image });
    new RustContainer(stack, 'Ec2App', { taskDefinition: new Ec2TaskDefinition(stack, 'Ec2Task'), image, memoryLimitMiB: 256 });

    // THEN
    expect(cfnLint(Template.fromStack(stack).toJSON())).toEqual([]);
    expect(nagFindings(app)).toEqual([]);
  });

  test('fails on EC2 when the asked architecture was not built', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B27');
    const taskDefinition = new Ec2TaskDefinition(stack, 'Task');

    // WHEN / THEN
    expect(() => new RustContainer(stack, 'App', { taskDefinition, image, memoryLimitMiB: 256, cpuArchitecture: CpuArchitecture.ARM64 })).toThrow(
      /the task runs on ARM64 \(linux\/arm64\) but the image Service\/Image is built for linux\/amd64 only/,
    );
  });
});

describe('RustContainer across stacks', () => {
  test('warns when the image lives in another top-level stack, as toEcsImage does', () => {
    // GIVEN the image in stack Images and the task definition in stack Services
    const app = new App();
    const env = { account: '123456789012', region: 'eu-west-1' };
    const images = new Stack(app, 'Images', { env });
    const services = new Stack(app, 'Services', { env });
    const image = new RustMultiArchImage(images, 'Api', { path: caseDir('B27') });
    const taskDefinition = new FargateTaskDefinition(services, 'Task', { cpu: 256, memoryLimitMiB: 512 });

    // WHEN
    new RustContainer(services, 'Web', { taskDefinition, image });

    // THEN
    Annotations.fromStack(services).hasWarning('/Services/Web', Match.stringLikeRegexp(
      '^The container Services/Web uses the image Images/Api of stack Images from stack Services\\..*cross-stack-reference'));
  });
});
