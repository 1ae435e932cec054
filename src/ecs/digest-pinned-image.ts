import { ContainerDefinition, ContainerImage, ContainerImageConfig } from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { IRustImage } from './rust-image';
import { warnIfCrossStack } from '../image/cross-stack';

/**
 * The image of a Rust container, referenced as `repository@sha256:<index digest>`. The digest is a
 * deploy-time value of the image build, so a new build changes the task definition (and ECS rolls
 * the service) while an unchanged image leaves the task definition as it is (case B32). The task's
 * execution role may pull from the repository.
 */
export class DigestPinnedImage extends ContainerImage {
  constructor(private readonly image: IRustImage) {
    super();
  }

  public bind(_scope: Construct, containerDefinition: ContainerDefinition): ContainerImageConfig {
    warnIfCrossStack(this.image, containerDefinition, `The container ${containerDefinition.node.path}`);
    this.image.repository.grantPull(containerDefinition.taskDefinition.obtainExecutionRole());
    return { imageName: this.image.repository.repositoryUriForDigest(this.image.imageDigest) };
  }
}
