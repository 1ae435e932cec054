import * as fs from 'fs';
import * as path from 'path';
import { CommandSpec, ParsedArgs, UsageError, parseArgs } from './args';
import { BUILD_OPTION_HELP, BUILD_OPTION_SPEC, buildOptionsOf } from './build-options';
import { inFlagTerms } from './flags';
import { outputPathOf } from './output';
import { formatPlan, planJson } from './plan-report';
import { formatReport, projectReport, warningView } from './report';
import { rustOptionIgnored } from './rust-option';
import { readCargoProject } from '../cargo';
import type { CargoProject, Diagnostic } from '../cargo/model';
import { planBuild, planDirectory, readOptionsOf } from '../plan';
import type { BuildPlan } from '../plan/model';
import type { RustBuildOptions } from '../plan/options';
import { renderDockerfile, renderDockerignore, renderToolchainDockerfile } from '../render';

/** Where a command writes; injected so tests run the CLI in-process. */
export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

const COMMANDS: Record<string, CommandSpec> = {
  'plan': { ...BUILD_OPTION_SPEC, flags: [...BUILD_OPTION_SPEC.flags, 'json'] },
  'dockerfile': { ...BUILD_OPTION_SPEC, values: [...BUILD_OPTION_SPEC.values, 'output'], shorts: { o: 'output' } },
  'dockerignore': { ...BUILD_OPTION_SPEC, values: [...BUILD_OPTION_SPEC.values, 'output'], shorts: { o: 'output' } },
  'toolchain-dockerfile': { ...BUILD_OPTION_SPEC, values: [...BUILD_OPTION_SPEC.values, 'output'], shorts: { o: 'output' } },
};

const HELP = `Usage: cdk-rust-multiarch <command> [dir] [options]

Commands:
  plan [dir]                  What the Rust project in dir (default: .) holds and how it will be built
  dockerfile [dir]            The cross-compile Dockerfile (amd64 + arm64, no emulated stage)
  dockerignore [dir]          The .dockerignore that keeps the context to what the build needs
  toolchain-dockerfile [dir]  The Dockerfile of the reusable toolchain image (TOOLCHAIN_IMAGE)

Output:
  --json                      plan: machine-readable output
  -o, --output FILE           dockerfile, dockerignore, toolchain-dockerfile: write FILE instead of stdout
  -h, --help                  This help

${BUILD_OPTION_HELP}`;

/**
 * Runs one CLI invocation and returns the exit code: 0 on success, 1 when the project cannot be
 * built as asked, 2 on a usage mistake. Errors are one line on stderr, never a stack trace.
 */
export function run(argv: string[], io: CliIo): number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, COMMANDS);
  } catch (e) {
    io.err(`cdk-rust-multiarch: ${errorText(e)} (see --help)\n`);
    return 2;
  }
  if (args.command === 'help' || args.flags.has('help')) {
    io.out(HELP);
    return 0;
  }
  if (args.command === 'version') {
    io.out(`${packageVersion()}\n`);
    return 0;
  }

  try {
    const dir = path.resolve(io.cwd, args.positionals[0] ?? '.');
    const options = buildOptionsOf(args);
    const output = args.values.output === undefined ? undefined : outputPathOf(io.cwd, args.values.output);
    if (args.command === 'plan') {
      io.out(planCommand(dir, options, args.flags.has('json'), io.cwd));
      return 0;
    }
    const { project, plan } = planDirectory(dir, options);
    const text = RENDERERS[args.command](plan);
    // The file goes to stdout; what the user should know about it goes to stderr, one line each.
    for (const w of withRustOption(plan.warnings, options, project)) io.err(`cdk-rust-multiarch: warning: ${w.id}: ${inFlagTerms(w.message.replace(/\s*\n\s*/g, ' '))}\n`);
    if (output !== undefined) {
      fs.writeFileSync(output, text);
    } else {
      io.out(text);
    }
    return 0;
  } catch (e) {
    const text = e instanceof UsageError ? `${errorText(e)} (see --help)` : inFlagTerms(errorText(e));
    io.err(`cdk-rust-multiarch: ${text}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

const RENDERERS: Record<string, (plan: BuildPlan) => string> = {
  'dockerfile': renderDockerfile,
  'dockerignore': renderDockerignore,
  'toolchain-dockerfile': renderToolchainDockerfile,
};

/**
 * `plan`: the project report, then the plan. When no binary can be chosen yet (several candidates),
 * the report still shows everything found, with `binary: null` and the reason as a warning.
 */
function planCommand(dir: string, options: RustBuildOptions, json: boolean, cwd: string): string {
  const project = readCargoProject(dir, { ...readOptionsOf(options), lenientSelection: true });
  const report = projectReport(project, cwd);
  const plan = project.selection.binary ? planBuild(project, options) : undefined;
  // Without a plan, the reader's warnings already hold cargo:no-binary-selected (lenientSelection), with its file.
  const warnings = withRustOption(plan ? plan.warnings : project.warnings, options, project);
  // Without a toolchain pin in the project, the channel that will be installed is the plan's default.
  const toolchain = plan && report.toolchain.channel === null
    ? { ...report.toolchain, channel: plan.toolchain.channel, source: plan.toolchain.source }
    : report.toolchain;
  const full = { ...report, toolchain, warnings: warnings.map((w) => ({ ...warningView(w, cwd), message: inFlagTerms(w.message) })) };
  if (json) return JSON.stringify({ ...full, plan: plan ? planJson(plan, cwd) : null }, undefined, 2) + '\n';
  return formatReport(full) + (plan ? formatPlan(plan) : '');
}

function withRustOption(warnings: Diagnostic[], options: RustBuildOptions, project: CargoProject): Diagnostic[] {
  const ignored = rustOptionIgnored(options.toolVersions?.rust, project);
  return ignored ? [...warnings, ignored] : warnings;
}

/** One line, whatever was thrown: the message only, folded onto one line. */
function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function packageVersion(): string {
  // lib/cli/run.js and src/cli/run.ts both sit two levels below package.json.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, '..', '..', 'package.json')).version;
}
