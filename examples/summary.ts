/**
 * Prints what the example app synthesized: per stack, its resources by type, and for every
 * RustMultiArchImage the Dockerfile in its source asset, the CodeBuild build graph and the tags the
 * image will carry. Reads only the cloud assembly on disk.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

export function printSummary(assembly: CloudAssembly, out: (line: string) => void = console.log): void {
  out(`Synthesized to ${path.relative(process.cwd(), assembly.directory)}/`);
  for (const stack of assembly.stacks) {
    const resources = Object.values(stack.template.Resources ?? {}) as Resource[];
    out('');
    out(`stack ${stack.stackName} (${resources.length} resources, template ${path.relative(process.cwd(), stack.templateFullPath)})`);
    for (const [type, count] of countByType(resources)) out(`  ${String(count).padStart(3)} ${type}`);

    for (const trigger of resources.filter((r) => r.Properties?.ImageTag !== undefined)) {
      const tag = String(trigger.Properties!.ImageTag);
      out(`  image tags: index ${tag}, per-arch ${tag}-amd64 / ${tag}-arm64`);
    }
    for (const project of resources.filter((r) => r.Type === 'AWS::CodeBuild::Project')) {
      const graph = buildGraph(project);
      if (graph.length > 0) out(`  build graph: ${graph.join('; ')}`);
    }
    for (const message of stack.messages.filter((m) => m.level === 'warning' || m.level === 'error')) {
      out(`  ${message.level}: ${message.id}: ${String(message.entry.data).split('\n')[0]}`);
    }
  }

  for (const dockerfile of findDockerfiles(assembly.directory)) {
    const text = fs.readFileSync(dockerfile, 'utf8');
    const froms = text.split('\n').filter((l) => l.startsWith('FROM '));
    out('');
    out(`Dockerfile ${path.relative(process.cwd(), dockerfile)} (${text.split('\n').length} lines)`);
    for (const line of froms) out(`  ${line}`);
  }
}

function countByType(resources: Resource[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

/** `identifier (env type, depends on ...)` for each node of a batch buildspec. */
function buildGraph(project: Resource): string[] {
  const source = flatten(project.Properties?.Source?.BuildSpec);
  if (source === undefined) return [];
  let spec: any;
  try {
    spec = JSON.parse(source);
  } catch {
    return [];
  }
  const nodes: any[] = spec?.batch?.['build-graph'] ?? [];
  return nodes.map((n) => {
    const deps: string[] = n['depend-on'] ?? [];
    return `${n.identifier} (${n.env?.type ?? 'project default'}${deps.length ? `, after ${deps.join(' + ')}` : ''})`;
  });
}

/** A template string, with deploy-time values (Fn::Join parts that are intrinsics) shown as `<deploy-time>`. */
function flatten(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join) return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : '<deploy-time>')).join(join[0]);
}

function findDockerfiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith('asset.')) continue;
    const dockerfile = path.join(dir, entry.name, '.rust-multiarch', 'Dockerfile');
    if (fs.existsSync(dockerfile)) found.push(dockerfile);
  }
  return found.sort();
}
