import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { FileSystem, IgnoreMode } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';

/**
 * The build's source: the project's context folder filtered by the rendered .dockerignore, with
 * the rendered Dockerfile and .dockerignore written in, uploaded as one S3 asset. CodeBuild builds
 * exactly what was synthesized.
 */

/** Where the rendered Dockerfile sits in the source. */
export const DOCKERFILE_PATH = '.rust-multiarch/Dockerfile';

/** Where the rendered toolchain Dockerfile sits in the source, when the toolchain image is on. */
export const TOOLCHAIN_DOCKERFILE_PATH = '.rust-multiarch/toolchain.Dockerfile';

/** Never part of the source, whatever the .dockerignore says. */
const ALWAYS_EXCLUDED = ['target', '**/target', 'cdk.out', '**/cdk.out', 'node_modules', '**/node_modules', '.git'];

export interface SourceAssetProps {
  readonly contextDir: string;
  readonly dockerfile: string;
  readonly dockerignore: string;
  readonly toolchainDockerfile?: string;
}

export interface SourceAsset {
  readonly asset: Asset;
  /** Fingerprint of the staged folder (files, Dockerfile, .dockerignore). */
  readonly fingerprint: string;
}

/** Stages the filtered context with the rendered files and makes it an asset. */
export function sourceAsset(scope: Construct, props: SourceAssetProps): SourceAsset {
  if (!fs.existsSync(props.contextDir) || !fs.statSync(props.contextDir).isDirectory()) {
    throw new Error(`The build context '${props.contextDir}' is not a folder; check the construct's \`path\`.`);
  }
  const patterns = props.dockerignore.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const staging = FileSystem.mkdtemp('rust-multiarch-source-');
  FileSystem.copyDirectory(props.contextDir, staging, { exclude: [...patterns, ...ALWAYS_EXCLUDED], ignoreMode: IgnoreMode.DOCKER });
  fs.mkdirSync(path.join(staging, path.dirname(DOCKERFILE_PATH)), { recursive: true });
  fs.writeFileSync(path.join(staging, DOCKERFILE_PATH), props.dockerfile);
  fs.writeFileSync(path.join(staging, '.dockerignore'), props.dockerignore);
  if (props.toolchainDockerfile !== undefined) {
    fs.writeFileSync(path.join(staging, TOOLCHAIN_DOCKERFILE_PATH), props.toolchainDockerfile);
  }
  const fingerprint = FileSystem.fingerprint(staging);
  return { asset: new Asset(scope, 'Source', { path: staging, assetHash: fingerprint }), fingerprint };
}

/** The tag prefix of the toolchain image: a hash of its Dockerfile. */
export function toolchainTag(toolchainDockerfile: string): string {
  return `toolchain-${crypto.createHash('sha256').update(toolchainDockerfile).digest('hex').slice(0, 24)}`;
}

/** The index tag: a hash of the staged source and every build setting that changes the image. */
export function imageTag(fingerprint: string, settings: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(fingerprint).update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}
