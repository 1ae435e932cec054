import { IRepository } from 'aws-cdk-lib/aws-ecr';
import { IConstruct } from 'constructs';
import { Platform } from '../plan/option-values';
import { HealthCheckOptions } from '../plan/options';

/**
 * What the image's build plan says about running the service, for the ECS wiring to repeat in the
 * container definition (ECS ignores the image's `EXPOSE` and `HEALTHCHECK`).
 */
export interface RustContainerDefaults {
  /** Ports the service listens on (the image's `ports`). */
  readonly ports: number[];
  /** Environment the user gave the image (`environment`). */
  readonly environment: Record<string, string>;
  /**
   * The image's health check, with its defaults filled in.
   *
   * @default - none
   */
  readonly healthCheck?: HealthCheckOptions;
}

/**
 * A built multi-arch image of a Rust service, as the ECS wiring needs it. `RustMultiArchImage`
 * implements it; an image built elsewhere can too, provided its digest is a deploy-time value that
 * changes with every build.
 */
export interface IRustImage extends IConstruct {
  /** The platforms of the image index. */
  readonly platforms: Platform[];
  /** The repository holding the image. */
  readonly repository: IRepository;
  /** Tag of the image index (a content hash for `RustMultiArchImage`). */
  readonly imageTag: string;
  /** Digest (`sha256:...`) of the image index. */
  readonly imageDigest: string;
  /** Ports, environment and health check from the image's build options (empty when it has none). */
  readonly containerDefaults: RustContainerDefaults;
}
