import { DockerfileParser, From, Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

/** One stage of a parsed Dockerfile. */
export interface Stage {
  readonly name?: string;
  readonly from: From;
  readonly instructions: Instruction[];
}

/** Split a Dockerfile into stages. */
export function stages(text: string): Stage[] {
  const df = DockerfileParser.parse(text);
  const result: { name?: string; from: From; instructions: Instruction[] }[] = [];
  for (const ins of df.getInstructions()) {
    if (ins.getKeyword() === 'FROM') {
      const from = ins as From;
      result.push({ name: from.getBuildStage() ?? undefined, from, instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1].instructions.push(ins);
    }
  }
  return result;
}

/**
 * Every structural problem of a rendered Dockerfile, as sentences (empty when it is fine):
 * dockerfile-utils diagnostics, stages that run cargo/rustup/zig off $BUILDPLATFORM, RUN in the
 * runtime stage, COPY --from naming no earlier stage, unpinned or unqualified Docker Hub images.
 */
export function dockerfileProblems(text: string): string[] {
  const problems = validate(text).map((d) => `dockerfile-utils: ${d.message} (line ${d.range.start.line + 1})`);
  const all = stages(text);
  const names = new Set<string>();
  for (const s of all) {
    const runs = s.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    const platform = s.from.getPlatformFlag()?.getValue();
    if (runs.some((r) => /\b(cargo|rustup|zig|ziglang)\b/.test(r)) && platform !== '$BUILDPLATFORM') {
      problems.push(`stage ${s.name} runs cargo/rustup/zig but is not on $BUILDPLATFORM`);
    }
    if (s.name === 'runtime' && runs.length > 0) problems.push('runtime stage has a RUN');
    for (const i of s.instructions.filter((x) => x.getKeyword() === 'COPY')) {
      const from = /--from=(\S+)/.exec(i.getArgumentsContent() ?? '')?.[1];
      if (from && !names.has(from)) problems.push(`COPY --from=${from} names no earlier stage`);
    }
    const image = s.from.getImage() ?? '';
    if (image !== 'scratch' && !image.startsWith('${')) {
      const tag = s.from.getImageTag();
      if (!s.from.getImageDigest() && (!tag || tag === 'latest')) problems.push(`FROM ${image} is not pinned`);
      if (!s.from.getRegistry()) problems.push(`FROM ${image} is an unqualified Docker Hub reference`);
    }
    if (s.name) names.add(s.name);
  }
  const syntax = /^# syntax=(\S+)/m.exec(text)?.[1];
  if (syntax && !/^[^/]+\.[^/]+\//.test(syntax)) problems.push(`# syntax=${syntax} is an unqualified Docker Hub reference`);
  return problems;
}

/** The lines of a stage's instructions, as rendered (continuations joined). */
export function stageLines(text: string, name: string): string[] {
  const s = stages(text).find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return [s.from, ...s.instructions].map((i) => i.getTextContent());
}
