import { Annotations, Duration, Token, Validations } from 'aws-cdk-lib';
import {
  CfnTaskDefinition, ContainerDefinition, CpuArchitecture, HealthCheck, LogDrivers, OperatingSystemFamily, PlacementConstraint,
  PortMapping, Protocol, TaskDefinition,
} from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { checkArchitecture, checkLinux, defaultCpuArchitecture, instanceArchitectureExpression } from './architecture';
import { DigestPinnedImage } from './digest-pinned-image';
import { RustContainerOptions } from './rust-container-options';
import { IRustImage } from './rust-image';
import { HealthCheckOptions } from '../plan/options';

/** Properties of a `RustContainer`. */
export interface RustContainerProps extends RustContainerOptions {
  /** The task definition the container belongs to (Fargate, EC2 or both). */
  readonly taskDefinition: TaskDefinition;
  /** The built image. */
  readonly image: IRustImage;
}

/** Tags that are moved to new images, so a task that names them does not say which image it runs. */
const MUTABLE_TAGS = ['latest', 'main', 'master', 'stable', 'edge', 'nightly', 'dev', 'develop', 'staging', 'prod', 'production'];

/**
 * The container of a Rust service built by `RustMultiArchImage`, added to any ECS task definition.
 *
 * - The image is pinned by the index digest of the build, never by a tag.
 * - The task runs on an architecture the image was built for: on Fargate the task's
 *   `runtimePlatform` is checked (and its architecture and OS filled in when the task definition
 *   leaves them out), on EC2 a placement
 *   constraint on `attribute:ecs.cpu-architecture` keeps tasks on matching instances.
 * - Ports, environment and health check come from the image's options unless given here.
 *
 * @example
 * const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
 *   runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
 * });
 * new RustContainer(this, 'App', { taskDefinition, image });
 */
export class RustContainer extends ContainerDefinition {
  /** The architecture the container's task runs on. */
  public readonly cpuArchitecture: CpuArchitecture;

  constructor(scope: Construct, id: string, props: RustContainerProps) {
    // validate and resolve before the container joins the task definition
    const where = `RustContainer ${scope.node.path}/${id}`;
    const cpuArchitecture = resolveArchitecture(where, props);
    checkArchitecture(where, props.image, cpuArchitecture);
    const defaults = props.image.containerDefaults;
    const containerName = props.containerName ?? 'app';
    const environment = { ...defaults.environment, ...(props.environment ?? {}) };
    const imageHealthCheck = defaults.healthCheck && ecsHealthCheck(where, defaults.healthCheck);

    super(scope, id, {
      taskDefinition: props.taskDefinition,
      image: new DigestPinnedImage(props.image),
      containerName,
      portMappings: props.portMappings ?? defaults.ports.map((containerPort): PortMapping => ({ containerPort, protocol: Protocol.TCP })),
      environment: Object.keys(environment).length > 0 ? environment : undefined,
      secrets: props.secrets,
      healthCheck: props.healthCheck ?? imageHealthCheck,
      logging: props.logging ?? LogDrivers.awsLogs({ streamPrefix: containerName }),
      command: props.command,
      cpu: props.cpu,
      memoryLimitMiB: props.memoryLimitMiB,
      readonlyRootFilesystem: props.readonlyRootFilesystem,
      essential: true,
    });
    this.cpuArchitecture = cpuArchitecture;

    // keep the task on the architecture
    const task = props.taskDefinition;
    if (task.isFargateCompatible) {
      // fill in what the task leaves out: without cpuArchitecture Fargate runs X86_64, whatever the image
      const cfn = task.node.defaultChild as CfnTaskDefinition;
      const platform = cfn.runtimePlatform as CfnTaskDefinition.RuntimePlatformProperty | undefined;
      if (!Token.isUnresolved(platform) && (!platform?.cpuArchitecture || !platform.operatingSystemFamily)) {
        cfn.runtimePlatform = {
          ...platform,
          cpuArchitecture: platform?.cpuArchitecture ?? cpuArchitecture._cpuArchitecture,
          operatingSystemFamily: platform?.operatingSystemFamily ?? OperatingSystemFamily.LINUX._operatingSystemFamily,
        };
      }
    } else {
      task.addPlacementConstraint(PlacementConstraint.memberOf(instanceArchitectureExpression(cpuArchitecture)));
    }

    // advice and acknowledged findings
    const tag = props.image.imageTag;
    if (!Token.isUnresolved(tag) && MUTABLE_TAGS.includes(tag)) {
      Annotations.of(this).addWarningV2('cdk-rust-multiarch:ecs:mutable-image-tag',
        `The image ${props.image.node.path} carries the mutable tag '${tag}'. The container is pinned to the image's digest instead, ` +
        'so pushing a new image under that tag alone never rolls the service; build with RustMultiArchImage (its tag is a content hash) ' +
        'or deploy again after each push so the new digest reaches the task definition.');
    }
    Validations.of(task.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken has no resource-level permissions; pulls are limited to the image repository.',
    });
    if (Object.keys(environment).length > 0) {
      Validations.of(task).acknowledge({
        id: 'AwsSolutions-ECS2',
        reason: 'The environment holds the non-secret settings given to the image (`environment`); secrets go through `secrets`.',
      });
    }
  }
}

function resolveArchitecture(where: string, props: RustContainerProps): CpuArchitecture {
  const task = props.taskDefinition;
  const platform = (task.node.defaultChild as CfnTaskDefinition).runtimePlatform as CfnTaskDefinition.RuntimePlatformProperty | undefined;
  const declared = task.isFargateCompatible && platform?.cpuArchitecture ? CpuArchitecture.of(platform.cpuArchitecture) : undefined;
  const os = task.isFargateCompatible ? platform?.operatingSystemFamily : undefined;
  checkLinux(where, os);
  if (declared && props.cpuArchitecture && declared._cpuArchitecture !== props.cpuArchitecture._cpuArchitecture) {
    throw new Error(
      `${where}: cpuArchitecture is ${props.cpuArchitecture._cpuArchitecture} but the task definition's runtimePlatform.cpuArchitecture is ` +
      `${declared._cpuArchitecture}; remove \`cpuArchitecture\` or make them agree.`,
    );
  }
  return declared ?? props.cpuArchitecture ?? defaultCpuArchitecture(props.image);
}

/** The ECS form of the image's health check (exec form, no shell: scratch images have none). */
function ecsHealthCheck(where: string, check: HealthCheckOptions): HealthCheck {
  const limits: [string, number | undefined, number, number][] = [
    ['intervalSeconds', check.intervalSeconds, 5, 300],
    ['timeoutSeconds', check.timeoutSeconds, 2, 60],
    ['retries', check.retries, 1, 10],
    ['startPeriodSeconds', check.startPeriodSeconds, 0, 300],
  ];
  for (const [name, value, min, max] of limits) {
    if (value !== undefined && (value < min || value > max)) {
      throw new Error(`${where}: the image's healthCheck.${name} is ${value}; ECS accepts ${min} to ${max}. Change it on the image, or pass \`healthCheck\` here.`);
    }
  }
  return {
    command: ['CMD', ...check.command],
    interval: check.intervalSeconds === undefined ? undefined : Duration.seconds(check.intervalSeconds),
    timeout: check.timeoutSeconds === undefined ? undefined : Duration.seconds(check.timeoutSeconds),
    retries: check.retries,
    startPeriod: check.startPeriodSeconds === undefined ? undefined : Duration.seconds(check.startPeriodSeconds),
  };
}
