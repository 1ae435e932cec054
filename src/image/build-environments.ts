import { ComputeType } from 'aws-cdk-lib/aws-codebuild';

/**
 * What the library knows about CodeBuild hosts for Docker builds: the images that ship buildx, the
 * compute types a Docker build can use, and the regions that offer ARM_CONTAINER.
 */

/** Default CodeBuild image per architecture. */
export const DEFAULT_BUILD_IMAGES = {
  amd64: 'aws/codebuild/standard:7.0',
  arm64: 'aws/codebuild/amazonlinux2-aarch64-standard:3.0',
} as const;

/**
 * CodeBuild images known to ship Docker with buildx (B23). Others still work, since the install
 * phase adds a pinned buildx when it is missing, but they get a warning.
 */
export const IMAGES_WITH_BUILDX = [
  'aws/codebuild/standard:7.0',
  'aws/codebuild/amazonlinux2-aarch64-standard:3.0',
];

/**
 * On-demand compute types that run privileged Docker builds, on both LINUX_CONTAINER and
 * ARM_CONTAINER. Lambda compute has no Docker daemon.
 */
export const DOCKER_COMPUTE_TYPES: string[] = [
  ComputeType.SMALL, ComputeType.MEDIUM, ComputeType.LARGE, ComputeType.X_LARGE, ComputeType.X2_LARGE,
];

/**
 * Regions where the CodeBuild API reference lists the ARM_CONTAINER environment type
 * (ProjectEnvironment.type). A region missing here may have gained ARM builds since: use
 * `BuildStrategy.CROSS` there, or `allowUnlistedArmRegion`.
 */
export const ARM_CONTAINER_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1',
  'ap-south-1', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1',
];

const X86_IMAGE = /^aws\/codebuild\/(standard:|amazonlinux2?-x86_64-)/;
const ARM_IMAGE = /^aws\/codebuild\/amazonlinux2?-aarch64-/;

/** Problems with a build host choice: thrown by the construct, since each one fails the deploy. */
export function checkBuildHost(arch: 'amd64' | 'arm64', image: string, computeType: string): string[] {
  const errors: string[] = [];
  const prop = `${arch}ComputeType`;
  if (!DOCKER_COMPUTE_TYPES.includes(computeType)) {
    errors.push(
      `${prop} '${computeType}' cannot run a Docker build on ${arch === 'arm64' ? 'ARM_CONTAINER' : 'LINUX_CONTAINER'}: ` +
      `use one of ${DOCKER_COMPUTE_TYPES.join(', ')}.`,
    );
  }
  if (arch === 'amd64' && ARM_IMAGE.test(image)) {
    errors.push(`amd64BuildImage '${image}' is an aarch64 image; the amd64 build runs on LINUX_CONTAINER and needs an x86_64 image such as ${DEFAULT_BUILD_IMAGES.amd64}.`);
  }
  if (arch === 'arm64' && X86_IMAGE.test(image)) {
    errors.push(`arm64BuildImage '${image}' is an x86_64 image; the arm64 build runs on ARM_CONTAINER and needs an aarch64 image such as ${DEFAULT_BUILD_IMAGES.arm64}.`);
  }
  return errors;
}
