/**
 * Adds the `infra/` CDK app to a Rust service project: its user-owned files, its development
 * dependencies and the `infra:synth` task.
 */
import { Project, SampleFile, javascript } from 'projen';
import { INFRA_OUTDIR, InfraAppProps, infraCdkJson, infraMainTs, infraTsconfig } from './infra-app';
import { INFRA_CDK_RANGE, INFRA_CONSTRUCTS_RANGE, INFRA_NODE_TYPES_RANGE } from './infra-versions';

/** Writes infra/main.ts, infra/cdk.json and infra/tsconfig.json once and adds the task and deps. */
export function addInfraApp(project: Project, pkg: javascript.NodePackage, props: InfraAppProps): void {
  new SampleFile(project, 'infra/main.ts', { contents: infraMainTs(props) });
  new SampleFile(project, 'infra/cdk.json', { contents: json(infraCdkJson()) });
  new SampleFile(project, 'infra/tsconfig.json', { contents: json(infraTsconfig()) });
  pkg.addDevDeps(`aws-cdk-lib@${INFRA_CDK_RANGE}`, `constructs@${INFRA_CONSTRUCTS_RANGE}`,
    `@types/node@${INFRA_NODE_TYPES_RANGE}`);
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
