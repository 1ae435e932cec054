import { App, Stack } from 'aws-cdk-lib';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { IRustImage, RustContainerDefaults } from '../../src/ecs/rust-image';
import { RustMultiArchImage } from '../../src/image/rust-multi-arch-image';
import { RustMultiArchImageProps } from '../../src/image/rust-multi-arch-image-props';
import { Platform } from '../../src/plan/option-values';
import { optionsFromCaseProps } from '../support/case-options';
import { caseDir, caseProps } from '../support/shared';

/** An app with one stack in an ARM CodeBuild region, the way the ECS and pipeline tests build them. */
export function testStack(id = 'Service'): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, id, { env: { account: '123456789012', region: 'eu-west-1' } }) };
}

/** A RustMultiArchImage of a shared case, with the case's build options (binary, platforms, runtime base, ...). */
export function caseImage(scope: Construct, name: string, props: Partial<RustMultiArchImageProps> = {}): RustMultiArchImage {
  return new RustMultiArchImage(scope, 'Image', { path: caseDir(name), ...optionsFromCaseProps(caseProps(name)), ...props });
}

/**
 * An image built elsewhere and pushed under a fixed tag (the shape case B32 starts from): the ECS
 * wiring must still pin the digest and warn about the tag.
 */
export class PushedImage extends Construct implements IRustImage {
  public readonly platforms: Platform[];
  public readonly repository;
  public readonly imageTag: string;
  public readonly imageDigest: string;
  public readonly containerDefaults: RustContainerDefaults;

  constructor(scope: Construct, id: string, props: { tag: string; digest: string; platforms: Platform[]; defaults?: RustContainerDefaults }) {
    super(scope, id);
    this.repository = Repository.fromRepositoryName(this, 'Repository', 'svc');
    this.platforms = props.platforms;
    this.imageTag = props.tag;
    this.imageDigest = props.digest;
    this.containerDefaults = props.defaults ?? { ports: [], environment: {} };
  }
}
