import * as path from 'path';
import { CommandSpec, ParsedArgs, UsageError, parseArgs } from './args';
import { formatReport, projectReport } from './report';
import { readCargoProject } from '../cargo';
import type { ReadOptions } from '../cargo/model';

/** Where a command writes; injected so tests run the CLI in-process. */
export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

const SELECTION: CommandSpec = {
  values: ['binary', 'package'],
  lists: ['features'],
  flags: ['json', 'no-default-features', 'all-features', 'require-lockfile'],
  maxPositionals: 1,
};

const COMMANDS: Record<string, CommandSpec> = {
  plan: SELECTION,
};

const HELP = `Usage: cdk-rust-multiarch <command> [dir] [options]

Commands:
  plan [dir]            Read the Rust project in dir (default: .) and show what will be built

Options:
  --binary NAME         The binary to build (default: the only candidate)
  --package NAME        The package that owns it (cargo -p)
  --features A,B        Features to enable (repeatable)
  --no-default-features Build without the package's default features
  --all-features        Build with every feature
  --require-lockfile    Fail when there is no Cargo.lock
  --json                Machine-readable output
  -h, --help            This help
`;

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
    const project = readCargoProject(dir, readOptions(args));
    const report = projectReport(project, io.cwd);
    io.out(args.flags.has('json') ? JSON.stringify(report, undefined, 2) + '\n' : formatReport(report));
    return 0;
  } catch (e) {
    io.err(`cdk-rust-multiarch: ${errorText(e)}${e instanceof UsageError ? ' (see --help)' : ''}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

function readOptions(args: ParsedArgs): ReadOptions {
  if (args.flags.has('all-features') && args.flags.has('no-default-features')) {
    throw new UsageError('--all-features and --no-default-features exclude each other; choose one');
  }
  return {
    binary: args.values.binary,
    package: args.values.package,
    features: args.lists.features,
    noDefaultFeatures: args.flags.has('no-default-features'),
    allFeatures: args.flags.has('all-features'),
    requireLockfile: args.flags.has('require-lockfile'),
  };
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
