import { CpuArchitecture, FargateTaskDefinition, FargateTaskDefinitionProps, OperatingSystemFamily } from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { checkArchitecture, checkLinux, defaultCpuArchitecture } from './architecture';
import { RustContainer } from './rust-container';
import { RustContainerOptions } from './rust-container-options';
import { IRustImage } from './rust-image';

/** Properties of a `RustFargateTaskDefinition`. */
export interface RustFargateTaskDefinitionProps extends FargateTaskDefinitionProps {
  /** The built image the task runs. */
  readonly image: IRustImage;
  /**
   * The Rust container's settings.
   *
   * @default - container `app` with the image's ports, environment and health check
   */
  readonly container?: RustContainerOptions;
}

/**
 * A Fargate task definition that runs a Rust image on an architecture it was built for.
 *
 * Its `runtimePlatform` is always written out (Linux, ARM64 when the image has an arm64 variant
 * unless `runtimePlatform.cpuArchitecture` says otherwise) and checked against the image's platforms;
 * the container pins the image's index digest. Hand it to aws-ecs-patterns with `taskDefinition`,
 * never the pattern's own `runtimePlatform` (patterns have dropped it: case B31).
 *
 * @example
 * const taskDefinition = new RustFargateTaskDefinition(this, 'Task', { image, cpu: 512, memoryLimitMiB: 1024 });
 * new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Service', { cluster, taskDefinition });
 */
export class RustFargateTaskDefinition extends FargateTaskDefinition {
  /** The Rust service's container. */
  public readonly container: RustContainer;
  /** The architecture the task runs on. */
  public readonly cpuArchitecture: CpuArchitecture;

  constructor(scope: Construct, id: string, props: RustFargateTaskDefinitionProps) {
    const where = `RustFargateTaskDefinition ${scope.node.path}/${id}`;
    const requested = props.runtimePlatform?.cpuArchitecture ?? props.container?.cpuArchitecture;
    const cpuArchitecture = requested ?? defaultCpuArchitecture(props.image);
    checkArchitecture(where, props.image, cpuArchitecture);
    checkLinux(where, props.runtimePlatform?.operatingSystemFamily?._operatingSystemFamily);

    super(scope, id, { ...props, runtimePlatform: { cpuArchitecture, operatingSystemFamily: OperatingSystemFamily.LINUX } });
    this.cpuArchitecture = cpuArchitecture;
    const options = props.container ?? {};
    this.container = new RustContainer(this, options.containerName ?? 'app', { ...options, taskDefinition: this, image: props.image });
  }
}
