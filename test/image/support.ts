import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Buildspec } from '../../src/render/buildspec';

/** An app with one stack in a fixed account and region. */
export function stack(region = 'eu-west-1'): { app: App; stack: Stack } {
  const app = new App();
  return { app, stack: new Stack(app, 'Test', { env: { account: '123456789012', region } }) };
}

/**
 * The buildspec of the (only) CodeBuild project, parsed back into an object; deploy-time values
 * (repository URIs and names) read as `<token>`.
 */
export function buildspecOf(template: Template): Buildspec {
  const projects = Object.values(template.findResources('AWS::CodeBuild::Project'));
  if (projects.length !== 1) {
    throw new Error(`Expected one CodeBuild project, found ${projects.length}`);
  }
  const spec = projects[0].Properties.Source.BuildSpec;
  const text = typeof spec === 'string' ? spec
    : (spec['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : '<token>')).join('');
  return JSON.parse(text);
}

/** Every phase command of a buildspec, in order. */
export function commandsOf(b: Buildspec): string[] {
  return [...b.phases.install.commands, ...b.phases.pre_build.commands, ...b.phases.build.commands];
}

/** A throwaway Rust project with build output, tooling folders and an unrelated file beside it. */
export function tempProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-project-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('Cargo.toml', '[package]\nname = "svc"\nversion = "0.1.0"\nedition = "2021"\n');
  write('Cargo.lock', 'version = 4\n\n[[package]]\nname = "svc"\nversion = "0.1.0"\n');
  write('src/main.rs', 'fn main() {}\n');
  write('target/release/svc', 'binary');
  write('node_modules/x/index.js', '');
  write('cdk.out/manifest.json', '{}');
  write('notes/todo.txt', 'not part of the build');
  return dir;
}
