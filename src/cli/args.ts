/**
 * Command-line parsing for `cdk-rust-multiarch`. Small on purpose: a handful of commands sharing one
 * set of build options, so no parser dependency.
 */

/** A usage mistake: printed as one line with the hint to run `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly command: string;
  /** Positional arguments after the command. */
  readonly positionals: string[];
  /** Options given once (`--binary api`), by long name. */
  readonly values: Record<string, string>;
  /** Options that may repeat or take a comma list (`--features a,b --features c`). */
  readonly lists: Record<string, string[]>;
  /** Boolean flags (`--json`). */
  readonly flags: Set<string>;
}

/** What one command accepts. */
export interface CommandSpec {
  readonly values: string[];
  readonly lists: string[];
  /** Repeatable options whose values are kept whole (no comma split), e.g. `--env K=a,b`; read from `lists`. */
  readonly repeated?: string[];
  readonly flags: string[];
  /** Single-letter forms of options (`o` for `output`, so `-o FILE`). */
  readonly shorts?: Record<string, string>;
  readonly maxPositionals: number;
}

/**
 * Parses `argv` (without `node` and the script) for the command found first.
 *
 * @throws UsageError for an unknown option, a missing value or too many arguments
 */
export function parseArgs(argv: string[], specs: Record<string, CommandSpec>): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help', positionals: [], values: {}, lists: {}, flags: new Set() };
  }
  if (command === '--version' || command === '-V') {
    return { command: 'version', positionals: [], values: {}, lists: {}, flags: new Set() };
  }
  const spec = specs[command];
  if (!spec) {
    throw new UsageError(`unknown command '${command}'; commands: ${Object.keys(specs).join(', ')}`);
  }

  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const flags = new Set<string>();

  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = arg.indexOf('=');
    const given = eq === -1 ? arg.slice(long ? 2 : 1) : arg.slice(long ? 2 : 1, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const name = long ? given : spec.shorts?.[given];
    if (name === undefined) {
      const shorts = Object.entries(spec.shorts ?? {}).map(([s, l]) => `-${s} (--${l})`);
      throw new UsageError(`unknown option ${arg} for '${command}'; options are spelled --name${shorts.length ? `, or ${shorts.join(', ')}` : ''}`);
    }

    if (spec.flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value (got '${inline}')`);
      flags.add(name);
      continue;
    }
    const repeated = spec.repeated?.includes(name) ?? false;
    if (!spec.values.includes(name) && !spec.lists.includes(name) && !repeated) {
      throw new UsageError(`unknown option --${name} for '${command}'`);
    }
    const value = inline ?? rest[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`option --${name} needs a value`);
    }
    const items = spec.lists.includes(name) ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [value.trim()];
    if (items.length === 0 || items[0] === '') {
      throw new UsageError(`option --${name} needs a value (got ${value === '' ? 'an empty string' : `'${value}'`})`);
    }
    if (repeated) {
      lists[name] = [...(lists[name] ?? []), value];
    } else if (spec.lists.includes(name)) {
      lists[name] = [...(lists[name] ?? []), ...items];
    } else {
      if (name in values) throw new UsageError(`option --${name} given twice ('${values[name]}' and '${value}')`);
      values[name] = value;
    }
  }

  if (positionals.length > spec.maxPositionals) {
    throw new UsageError(`'${command}' takes at most ${spec.maxPositionals} argument(s); got: ${positionals.join(' ')}`);
  }
  return { command, positionals, values, lists, flags };
}
