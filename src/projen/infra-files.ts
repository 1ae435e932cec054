/**
 * Adds the `infra/` CDK app to a Rust service project: its user-owned files, its development
 * dependencies and the `infra:synth` task.
 */
import * as fs from 'fs';
import { Project, SampleFile, javascript } from 'projen';
import { INFRA_OUTDIR, InfraAppProps, infraCdkJson, infraMainTs, infraTsconfig } from './infra-app';

/** Writes infra/main.ts, infra/cdk.json and infra/tsconfig.json once and adds the task and deps. */
export function addInfraApp(project: Project, pkg: javascript.NodePackage, props: InfraAppProps): void {
  new SampleFile(project, 'infra/main.ts', { contents: infraMainTs(props) });
  new SampleFile(project, 'infra/cdk.json', { contents: json(infraCdkJson()) });
  new SampleFile(project, 'infra/tsconfig.json', { contents: json(infraTsconfig()) });
  pkg.addDevDeps(`aws-cdk-lib@^${installedVersion('aws-cdk-lib')}`, `constructs@^${installedVersion('constructs')}`,
    `@types/node@^${installedVersion('@types/node').split('.')[0]}`);
  project.gitignore.exclude(`/${INFRA_OUTDIR}/`);
  project.addTask('infra:synth', {
    description: `Synthesize the CDK app in infra/ into ${INFRA_OUTDIR} (ts-node, no CDK CLI needed)`,
    env: { CDK_OUTDIR: INFRA_OUTDIR },
    exec: 'ts-node --project infra/tsconfig.json infra/main.ts',
  });
}

function json(obj: unknown): string {
  return `${JSON.stringify(obj, undefined, 2)}\n`;
}

/** The version of a package this library runs with, so the app gets the CDK line it was tested on. */
function installedVersion(name: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf-8')).version;
}
