import { CpuArchitecture, OperatingSystemFamily } from 'aws-cdk-lib/aws-ecs';
import { IRustImage } from './rust-image';
import { Platform } from '../plan/option-values';

/**
 * The link between ECS CPU architectures and the image's platforms: which platform a task runs,
 * which architecture is the default, and the EC2 instance attribute that selects it.
 */

const PLATFORM_OF_CPU: Record<string, Platform> = {
  [CpuArchitecture.ARM64._cpuArchitecture]: Platform.LINUX_ARM64,
  [CpuArchitecture.X86_64._cpuArchitecture]: Platform.LINUX_AMD64,
};

/** Value of the `ecs.cpu-architecture` container instance attribute per ECS CPU architecture. */
const INSTANCE_ATTRIBUTE: Record<string, string> = {
  [CpuArchitecture.ARM64._cpuArchitecture]: 'arm64',
  [CpuArchitecture.X86_64._cpuArchitecture]: 'x86_64',
};

/** ARM64 when the image has an arm64 variant (Graviton costs less per vCPU), else X86_64. */
export function defaultCpuArchitecture(image: IRustImage): CpuArchitecture {
  return image.platforms.some((p) => p.docker === Platform.LINUX_ARM64.docker) ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64;
}

/**
 * Checks that the image has a variant for `cpu`.
 *
 * @throws naming the architecture asked for, the platforms built, and both ways out
 */
export function checkArchitecture(where: string, image: IRustImage, cpu: CpuArchitecture): Platform {
  const platform = PLATFORM_OF_CPU[cpu._cpuArchitecture];
  if (!platform) {
    throw new Error(
      `${where}: cpuArchitecture ${cpu._cpuArchitecture} is not one this library builds images for; use CpuArchitecture.ARM64 or CpuArchitecture.X86_64.`,
    );
  }
  const built = image.platforms.map((p) => p.docker);
  if (!built.includes(platform.docker)) {
    throw new Error(
      `${where}: the task runs on ${cpu._cpuArchitecture} (${platform.docker}) but the image ${image.node.path} is built for ${built.join(', ')} only. ` +
      `Add Platform.${platform === Platform.LINUX_ARM64 ? 'LINUX_ARM64' : 'LINUX_AMD64'} to the image's \`platforms\`, or run the task on ` +
      `${built.map((d) => cpuNameOf(d)).join(' or ')}.`,
    );
  }
  return platform;
}

/** Fails unless the task's operating system family, when it names one, is Linux. */
export function checkLinux(where: string, operatingSystemFamily: string | undefined): void {
  if (operatingSystemFamily !== undefined && operatingSystemFamily !== OperatingSystemFamily.LINUX._operatingSystemFamily) {
    throw new Error(
      `${where}: the task definition's runtimePlatform.operatingSystemFamily is ${operatingSystemFamily}; ` +
      'Rust images are Linux images, use OperatingSystemFamily.LINUX.',
    );
  }
}

/** The `memberOf` expression that keeps EC2 tasks on container instances of `cpu`. */
export function instanceArchitectureExpression(cpu: CpuArchitecture): string {
  return `attribute:ecs.cpu-architecture == ${INSTANCE_ATTRIBUTE[cpu._cpuArchitecture]}`;
}

function cpuNameOf(docker: string): string {
  return docker === Platform.LINUX_ARM64.docker ? 'CpuArchitecture.ARM64' : 'CpuArchitecture.X86_64';
}
