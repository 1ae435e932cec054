/**
 * The one builder for the shell lines of the Dockerfile: commands are arrays joined here, and the
 * per-architecture selection is written once and reused by every RUN that needs the triple.
 */
import { quote } from './shell';
import type { BuildPlan } from '../plan/model';

/** A RUN instruction from commands, one per continued line, joined with `&&`. */
export function run(commands: string[], mounts: string[] = []): string {
  const body = commands.join(' \\\n    && ');
  if (mounts.length === 0) return `RUN ${body}`;
  return `RUN ${mounts.map((m) => `--mount=${m}`).join(' ')} \\\n    ${body}`;
}

/**
 * `case "$TARGETARCH"` that sets `triple` (the zigbuild target, glibc suffix included), `artifact`
 * (the plain triple, the folder of the output) and exports the per-architecture environment. Only the
 * planned architectures are accepted; any other fails the build at once.
 */
export function selectTarget(plan: BuildPlan, common: Record<string, string>): string {
  const arms = plan.platforms.map((p) => {
    const exports = Object.entries(plan.env[p.arch])
      .filter(([k, v]) => common[k] !== v)
      .map(([k, v]) => `; export ${k}=${quote(v)}`)
      .join('');
    return `${p.arch}) triple=${p.triple}; artifact=${p.artifactTriple}${exports} ;;`;
  });
  const planned = plan.platforms.map((p) => p.platform).join(', ');
  return `case "$TARGETARCH" in ${arms.join(' ')} *) echo "TARGETARCH $TARGETARCH is not one of the planned platforms (${planned})" >&2; exit 1 ;; esac`;
}

/** Environment whose value is the same on every planned architecture: written once as ENV. */
export function commonEnv(plan: BuildPlan): Record<string, string> {
  const envs = plan.platforms.map((p) => plan.env[p.arch]);
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(envs[0] ?? {})) {
    if (envs.every((e) => e[k] === v)) result[k] = v;
  }
  return result;
}

/**
 * A Dockerfile ENV/LABEL value, double-quoted with `\`, `"` and `$` escaped. A line break would end
 * the instruction and turn the rest of the value into Dockerfile syntax, so it is refused.
 */
export function dockerfileValue(value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new Error(`The value ${JSON.stringify(value)} for an ENV or LABEL line holds a line break; a Dockerfile instruction is one line. Remove the line break.`);
  }
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** A COPY of project paths in JSON form, so spaces and shell characters in a folder name stay literal. */
export function copyJson(source: string, destination: string, from?: string): string {
  return `COPY ${from ? `--from=${from} ` : ''}${JSON.stringify([source, destination]).replace(/","/g, '", "')}`;
}

/** Exec-form JSON array. */
export function execForm(argv: string[]): string {
  return JSON.stringify(argv);
}
