import { CpuArchitecture, HealthCheck, LogDriver, PortMapping, Secret } from 'aws-cdk-lib/aws-ecs';

/** How the Rust service's container runs; everything the image's plan knows is filled in from it. */
export interface RustContainerOptions {
  /**
   * Name of the container (the name `imagedefinitions.json` refers to).
   *
   * @default 'app'
   */
  readonly containerName?: string;
  /**
   * CPU architecture the task runs on. For a Fargate task definition it must agree with the task's
   * `runtimePlatform`; for EC2 it becomes a placement constraint on `attribute:ecs.cpu-architecture`.
   *
   * @default - the task definition's `runtimePlatform.cpuArchitecture`, else ARM64 when the image has an arm64 variant, else X86_64
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Port mappings.
   *
   * @default - one TCP mapping per port of the image's `ports`
   */
  readonly portMappings?: PortMapping[];
  /**
   * Environment variables, added to (and overriding) the image's `environment`.
   *
   * @default - the image's `environment`
   */
  readonly environment?: Record<string, string>;
  /**
   * Secrets exposed to the container as environment variables.
   *
   * @default - none
   */
  readonly secrets?: Record<string, Secret>;
  /**
   * Container health check.
   *
   * @default - the image's `healthCheck` (ECS does not read the image's HEALTHCHECK)
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Log driver.
   *
   * @default - awslogs with the container name as stream prefix
   */
  readonly logging?: LogDriver;
  /**
   * Arguments passed to the binary (the image's entry point).
   *
   * @default - none
   */
  readonly command?: string[];
  /**
   * CPU units reserved for the container.
   *
   * @default - no reservation
   */
  readonly cpu?: number;
  /**
   * Hard memory limit in MiB.
   *
   * @default - the task's memory
   */
  readonly memoryLimitMiB?: number;
  /**
   * Mount the root file system read-only (a static Rust binary seldom writes outside a volume).
   *
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
}
