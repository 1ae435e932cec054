import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CpuArchitecture, HealthCheck, OperatingSystemFamily, Protocol } from 'aws-cdk-lib/aws-ecs';
import { caseImage, testStack } from './support';
import { RustFargateTaskDefinition } from '../../src/ecs/rust-fargate-task-definition';

/** The image reference a digest-pinned container must carry: `<repository uri>@<deploy-time digest>`. */
const PINNED_IMAGE = {
  'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('^ImageRepository') }, '@', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Image'), 'ImageDigest'] }])],
};

describe('RustFargateTaskDefinition', () => {
  test('runs on ARM64 Linux by default when the image has an arm64 variant, pinned to the index digest', () => {
    // GIVEN an image built for amd64 and arm64
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN
    const task = new RustFargateTaskDefinition(stack, 'Task', { image, cpu: 512, memoryLimitMiB: 1024 });

    // THEN
    expect(task.cpuArchitecture).toBe(CpuArchitecture.ARM64);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECS::TaskDefinition', 1);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      Cpu: '512',
      Memory: '1024',
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [{
        Name: 'app',
        Essential: true,
        Image: PINNED_IMAGE,
        PortMappings: Match.absent(),
        Environment: Match.absent(),
        HealthCheck: Match.absent(),
        LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-stream-prefix': 'app' }) },
      }],
    });
  });

  test('the execution role may pull from the image repository only, plus the registry login', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN
    const template = Template.fromStack(stack);
    const roleRef = template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ecs-tasks.amazonaws.com' } }] } } });
    const execRole = Object.keys(roleRef).find((k) => k.startsWith('TaskExecutionRole'));
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: execRole }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ImageRepository'), 'Arn'] } },
          { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
        ]),
      },
    });
  });

  test('ports, environment and health check flow from the image options', () => {
    // GIVEN an image whose options name a port, an environment and a health check
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', {
      ports: [8080],
      environment: { RUST_LOG: 'info' },
      healthCheck: { command: ['/usr/local/bin/svc', 'health'], intervalSeconds: 10, retries: 5 },
    });

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
        Environment: [{ Name: 'RUST_LOG', Value: 'info' }],
        HealthCheck: { Command: ['CMD', '/usr/local/bin/svc', 'health'], Interval: 10, Timeout: 5, Retries: 5, StartPeriod: 0 },
      })],
    });
  });

  test('container options override the image options; environment entries merge', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', { ports: [8080], environment: { RUST_LOG: 'info', MODE: 'a' }, healthCheck: { command: ['/svc', 'health'] } });
    const healthCheck: HealthCheck = { command: ['CMD', '/svc', 'ready'], interval: Duration.seconds(20) };

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', {
      image,
      container: { containerName: 'api', portMappings: [{ containerPort: 9000, protocol: Protocol.TCP }], environment: { MODE: 'b' }, healthCheck, command: ['--serve'] },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'api',
        Command: ['--serve'],
        PortMappings: [{ ContainerPort: 9000, Protocol: 'tcp' }],
        Environment: [{ Name: 'RUST_LOG', Value: 'info' }, { Name: 'MODE', Value: 'b' }],
        HealthCheck: Match.objectLike({ Command: ['CMD', '/svc', 'ready'], Interval: 20 }),
      })],
    });
  });

  test('runtimePlatform X86_64 is honoured when the image has an amd64 variant', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN
    new RustFargateTaskDefinition(stack, 'Task', { image, runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64 } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('defaults to X86_64 when only amd64 was built (B27)', () => {
    // GIVEN the B27 image: linux/amd64 only
    const { stack } = testStack();
    const image = caseImage(stack, 'B27');

    // WHEN
    const task = new RustFargateTaskDefinition(stack, 'Task', { image });

    // THEN
    expect(task.cpuArchitecture).toBe(CpuArchitecture.X86_64);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
      ContainerDefinitions: [Match.objectLike({ Image: PINNED_IMAGE })],
    });
  });

  test('fails to synthesize an ARM64 task for an image built for amd64 only, naming both', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B27');

    // WHEN / THEN
    expect(() => new RustFargateTaskDefinition(stack, 'Task', { image, runtimePlatform: { cpuArchitecture: CpuArchitecture.ARM64 } })).toThrow(
      /^RustFargateTaskDefinition Service\/Task: the task runs on ARM64 \(linux\/arm64\) but the image Service\/Image is built for linux\/amd64 only\. Add Platform\.LINUX_ARM64 to the image's `platforms`, or run the task on CpuArchitecture\.X86_64\.$/,
    );
  });

  test('fails for a Windows runtime platform', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN / THEN
    expect(() => new RustFargateTaskDefinition(stack, 'Task', {
      image,
      cpu: 1024,
      memoryLimitMiB: 2048,
      runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64, operatingSystemFamily: OperatingSystemFamily.WINDOWS_SERVER_2022_CORE },
    })).toThrow(/runtimePlatform\.operatingSystemFamily is WINDOWS_SERVER_2022_CORE; Rust images are Linux images, use OperatingSystemFamily\.LINUX\./);
  });

  test('fails when the container architecture contradicts the runtime platform', () => {
    // GIVEN
    const { stack } = testStack();
    const image = caseImage(stack, 'B31');

    // WHEN / THEN
    expect(() => new RustFargateTaskDefinition(stack, 'Task', {
      image, runtimePlatform: { cpuArchitecture: CpuArchitecture.X86_64 }, container: { cpuArchitecture: CpuArchitecture.ARM64 },
    })).toThrow(/cpuArchitecture is ARM64 but the task definition's runtimePlatform\.cpuArchitecture is X86_64; remove `cpuArchitecture` or make them agree\./);
  });

  test('fails for an image health check ECS cannot take', () => {
    // GIVEN an interval of 2 seconds (ECS: 5 to 300)
    const { stack } = testStack();
    const image = caseImage(stack, 'B31', { healthCheck: { command: ['/svc', 'health'], intervalSeconds: 2 } });

    // WHEN / THEN
    expect(() => new RustFargateTaskDefinition(stack, 'Task', { image })).toThrow(
      /the image's healthCheck\.intervalSeconds is 2; ECS accepts 5 to 300\. Change it on the image, or pass `healthCheck` here\./,
    );
  });
});
