import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ARM_CONTAINER_REGIONS, checkBuildHost } from './build-environments';
import { BuildStrategy } from './build-strategy';
import { RustMultiArchImageProps } from './rust-multi-arch-image-props';
import type { ArchName } from '../render/buildspec';

/**
 * The synth-time checks of a `RustMultiArchImage`'s props: every problem that would otherwise fail
 * the deploy (or silently build something else) is one sentence of a single error.
 */

/** CodeBuild's shortest build timeout, and the longest batch the one-hour custom resource can wait for. */
export const MIN_BUILD_TIMEOUT = Duration.minutes(5);
export const MAX_BUILD_TIMEOUT = Duration.minutes(55);

/**
 * Props whose values may be deploy-time tokens: CloudFormation resolves them. Every other string or
 * number (paths, versions, ports, compute types, secret ids) shapes the Dockerfile, the buildspec or
 * the tag, which are written at synth.
 */
const DEPLOY_TIME_PROPS = ['repository', 'vpc', 'subnetSelection', 'securityGroups', 'repositoryOptions.encryptionKey',
  'repositoryOptions.repositoryName', 'buildSecrets.secret', 'buildSecrets.jsonField'];

/** The environment variable that carries a build secret into the build (`BUILD_SECRET_<ID>`). */
export function secretEnvVar(id: string): string {
  return `BUILD_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Refuses a token where the value must be known at synth; runs before the project is read. */
export function checkKnownAtSynth(scope: Construct, props: RustMultiArchImageProps): void {
  const found = unresolvedPaths(props, '');
  if (props.buildTimeout?.isUnresolved()) {
    found.push('buildTimeout');
  }
  if (found.length > 0) {
    throw new Error(
      `RustMultiArchImage ${scope.node.path}: ${found.join(', ')} ${found.length === 1 ? 'is a token' : 'are tokens'}, but ` +
      `${found.length === 1 ? 'it' : 'they'} must be known at synthesis: the project is read and the Dockerfile, buildspec and ` +
      'image tag are written then. Pass plain values (a CfnParameter or an attribute of another resource cannot be used here).',
    );
  }
}

/** Throws one error with every problem of the props; warns about checks that could not run. */
export function validate(
  scope: Construct, props: RustMultiArchImageProps, timeout: Duration, strategy: BuildStrategy, usedHosts: ArchName[],
  hosts: Record<ArchName, { image: string; computeType: string }>,
): void {
  const errors: string[] = [];
  if (props.repository && props.repositoryOptions) {
    errors.push('repositoryOptions only configure a new repository; remove them, or remove `repository` to let the construct create one.');
  }
  errors.push(...timeoutErrors(timeout));
  if ((props.subnetSelection || props.securityGroups) && !props.vpc) {
    errors.push('subnetSelection and securityGroups need `vpc`; pass the VPC the builds should run in.');
  }
  errors.push(...secretErrors(props));
  for (const arch of usedHosts) {
    errors.push(...checkBuildHost(arch, hosts[arch].image, hosts[arch].computeType));
  }
  errors.push(...regionErrors(scope, props, strategy, usedHosts));
  errors.push(...repositoryEnvErrors(scope, props));
  if (errors.length > 0) {
    throw new Error(`RustMultiArchImage ${scope.node.path}: ${errors.join(' ')}`);
  }
}

function timeoutErrors(timeout: Duration): string[] {
  if (timeout.isUnresolved()) {
    return [];
  }
  const minutes = timeout.toMinutes({ integral: false });
  const range = `from ${MIN_BUILD_TIMEOUT.toMinutes()} minutes (CodeBuild's shortest build timeout) to ${MAX_BUILD_TIMEOUT.toMinutes()} ` +
    '(what fits in the one hour CloudFormation waits for the build)';
  if (!Number.isInteger(minutes) || minutes < MIN_BUILD_TIMEOUT.toMinutes() || minutes > MAX_BUILD_TIMEOUT.toMinutes()) {
    return [`buildTimeout is ${timeout.toHumanString()} (${minutes} minutes); give whole minutes ${range}.`];
  }
  return [];
}

/** Two secret ids must not share an id, nor the environment variable derived from it. */
function secretErrors(props: RustMultiArchImageProps): string[] {
  const errors: string[] = [];
  const byEnvVar = new Map<string, string>();
  for (const { id } of props.buildSecrets ?? []) {
    const envVar = secretEnvVar(id);
    const first = byEnvVar.get(envVar);
    if (first === id) {
      errors.push(`buildSecrets has the id '${id}' twice; each BuildKit secret id must be unique.`);
    } else if (first !== undefined) {
      errors.push(
        `buildSecrets ids '${first}' and '${id}' both pass through the environment variable ${envVar} (ids differing only in case or ` +
        'punctuation), so one secret would replace the other; rename one so they differ in letters or digits.',
      );
    } else {
      byEnvVar.set(envVar, id);
    }
  }
  return errors;
}

function regionErrors(scope: Construct, props: RustMultiArchImageProps, strategy: BuildStrategy, usedHosts: ArchName[]): string[] {
  const region = Stack.of(scope).region;
  if (strategy !== BuildStrategy.NATIVE || !usedHosts.includes('arm64') || props.allowUnlistedArmRegion) {
    return [];
  }
  if (Token.isUnresolved(region)) {
    Annotations.of(scope).addWarningV2('cdk-rust-multiarch:image:arm-region-unknown',
      `The stack has no region, so whether CodeBuild offers ARM_CONTAINER there could not be checked (it does in ${ARM_CONTAINER_REGIONS.join(', ')}). ` +
      'Set the stack\'s env region, or use strategy BuildStrategy.CROSS to build on x86 only.');
    return [];
  }
  if (ARM_CONTAINER_REGIONS.includes(region)) {
    return [];
  }
  return [
    `Region ${region} is not one where CodeBuild lists ARM_CONTAINER (${ARM_CONTAINER_REGIONS.join(', ')}), so the arm64 build could not start. ` +
    'Use strategy BuildStrategy.CROSS (one x86 host builds both platforms), or set allowUnlistedArmRegion if the region has ARM builds now.',
  ];
}

/** The build pushes from the stack's account and region: a repository elsewhere is refused when both are known. */
function repositoryEnvErrors(scope: Construct, props: RustMultiArchImageProps): string[] {
  const repository = props.repository;
  if (!repository) {
    return [];
  }
  const stack = Stack.of(scope);
  const differs = (a: string, b: string) => !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
  if (!differs(repository.env.account, stack.account) && !differs(repository.env.region, stack.region)) {
    return [];
  }
  return [
    `repository ${repository.repositoryArn} is in account ${repository.env.account}, region ${repository.env.region}, but the stack ` +
    `${stack.stackName} is in account ${stack.account}, region ${stack.region}: the build and its trigger run in the stack's account ` +
    'and region and cannot push there. Create the image in a stack of that account and region, or push here and replicate ' +
    'the repository with ECR replication.',
  ];
}

/** Paths of the unresolved strings and numbers in plain objects and arrays, outside the deploy-time props. */
function unresolvedPaths(value: unknown, path: string): string[] {
  const generic = path.replace(/\[\d+\]/g, '');
  if (DEPLOY_TIME_PROPS.includes(generic)) {
    return [];
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return Token.isUnresolved(value) ? [path] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => unresolvedPaths(v, `${path}[${i}]`));
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([k, v]) => unresolvedPaths(v, path ? `${path}.${k}` : k));
  }
  return [];
}
