import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Platform } from '../../src/plan/options';
import { createImageBuild, ImageBuild, RenderedBuild } from '../../src/image/image-build';
import { RustMultiArchImageProps } from '../../src/image/rust-multi-arch-image-props';

/**
 * Test scaffolding until the reader and the plan land: a context folder and a rendered build as the
 * renderers would hand them to the construct.
 */
export function scaffoldContext(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-context-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, 'target', 'release'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n');
  fs.writeFileSync(path.join(dir, 'Cargo.lock'), 'version = 4\n');
  fs.writeFileSync(path.join(dir, 'src', 'main.rs'), 'fn main() {}\n');
  fs.writeFileSync(path.join(dir, 'target', 'release', 'svc'), 'binary');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not part of the build');
  return dir;
}

export function rendered(overrides: Partial<RenderedBuild> = {}): RenderedBuild {
  return {
    contextDir: scaffoldContext(),
    dockerfile: 'FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/rust:1.91 AS build\nFROM scratch\n',
    dockerignore: '*\n!Cargo.toml\n!Cargo.lock\n!src\n',
    platforms: [Platform.LINUX_AMD64, Platform.LINUX_ARM64],
    registryMirror: 'public.ecr.aws/docker/library',
    warnings: [],
    compression: 'gzip',
    ...overrides,
  };
}

/** A construct standing in for RustMultiArchImage: the same children, from a scaffolded rendering. */
export class ScaffoldImage extends Construct {
  public readonly build: ImageBuild;
  constructor(scope: Construct, id: string, props: Partial<RustMultiArchImageProps> = {}, render: Partial<RenderedBuild> = {}) {
    super(scope, id);
    this.build = createImageBuild(this, { path: '.', ...props }, rendered(render));
  }
}

export function stack(region = 'eu-west-1'): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'Test', { env: { account: '123456789012', region } }) };
}
