/**
 * One synthesis measured in its own process (spawned by bench/run.ts), so peak memory belongs to one
 * configuration only. Usage: synth-app.ts <rust|docker-asset> <images>. Prints one JSON line.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { DockerImageAsset, Platform as AssetPlatform } from 'aws-cdk-lib/aws-ecr-assets';
import { RustMultiArchImage } from '../src';

const [kind, countArg] = process.argv.slice(2);
const count = Number(countArg);
const EXAMPLE = path.resolve(__dirname, '..', 'examples', 'hello-api');

// DockerImageAsset needs a Dockerfile in its folder: give it the one our CLI renders for the example,
// so both apps stage the same source.
function dockerAssetDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-asset-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planDirectory } = require('../src/plan');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderDockerfile } = require('../src/render');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), renderDockerfile(planDirectory(dir).plan));
  return dir;
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const assetDir = kind === 'docker-asset' ? dockerAssetDir() : EXAMPLE;

const start = performance.now();
const app = new App({ outdir });
const stack = new Stack(app, 'Bench', { env: { account: '111111111111', region: 'eu-west-1' } });
// Assets alone add no resource; one inert resource keeps both templates valid.
new CfnWaitConditionHandle(stack, 'Anchor');
for (let i = 0; i < count; i++) {
  if (kind === 'rust') {
    new RustMultiArchImage(stack, `Image${i}`, { path: EXAMPLE });
  } else {
    new DockerImageAsset(stack, `Image${i}`, { directory: assetDir, platform: AssetPlatform.LINUX_ARM64 });
  }
}
app.synth();
const ms = performance.now() - start;

fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ kind, count, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
