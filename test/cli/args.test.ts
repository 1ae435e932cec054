import { CommandSpec, UsageError, parseArgs } from '../../src/cli/args';

const SPEC: Record<string, CommandSpec> = {
  plan: { values: ['binary', 'package'], lists: ['features'], flags: ['json'], maxPositionals: 1 },
};

describe('parseArgs', () => {
  test('reads the command, a positional, values, repeated lists and flags', () => {
    // WHEN
    const args = parseArgs(['plan', 'api', '--binary', 'server', '--features=a,b', '--features', 'c', '--json'], SPEC);

    // THEN
    expect(args.command).toBe('plan');
    expect(args.positionals).toEqual(['api']);
    expect(args.values).toEqual({ binary: 'server' });
    expect(args.lists).toEqual({ features: ['a', 'b', 'c'] });
    expect([...args.flags]).toEqual(['json']);
  });

  test('no command, --help and help all mean help', () => {
    expect(parseArgs([], SPEC).command).toBe('help');
    expect(parseArgs(['--help'], SPEC).command).toBe('help');
    expect(parseArgs(['help'], SPEC).command).toBe('help');
    expect(parseArgs(['plan', '-h'], SPEC).flags.has('help')).toBe(true);
  });

  test('fails on an unknown command, naming the known ones', () => {
    expect(() => parseArgs(['build'], SPEC)).toThrow(new UsageError("unknown command 'build'; commands: plan"));
  });

  test('reads a declared short option and fails on any other single-dash option', () => {
    const spec: Record<string, CommandSpec> = { dockerfile: { values: ['output'], lists: [], flags: [], shorts: { o: 'output' }, maxPositionals: 1 } };
    expect(parseArgs(['dockerfile', '-o', 'Dockerfile'], spec).values).toEqual({ output: 'Dockerfile' });
    expect(() => parseArgs(['dockerfile', '-x'], spec)).toThrow(new UsageError("unknown option -x for 'dockerfile'; options are spelled --name, or -o (--output)"));
    expect(() => parseArgs(['plan', '-x'], SPEC)).toThrow(new UsageError("unknown option -x for 'plan'; options are spelled --name"));
  });

  test('fails on an unknown option', () => {
    expect(() => parseArgs(['plan', '--bin', 'x'], SPEC)).toThrow("unknown option --bin for 'plan'");
  });

  test('fails when a value is missing or replaced by the next option', () => {
    expect(() => parseArgs(['plan', '--binary'], SPEC)).toThrow('option --binary needs a value');
    expect(() => parseArgs(['plan', '--binary', '--json'], SPEC)).toThrow('option --binary needs a value');
  });

  test('fails when a single-valued option is given twice, showing both values', () => {
    expect(() => parseArgs(['plan', '--binary', 'a', '--binary', 'b'], SPEC)).toThrow("option --binary given twice ('a' and 'b')");
  });

  test('fails when a flag is given a value', () => {
    expect(() => parseArgs(['plan', '--json=yes'], SPEC)).toThrow("option --json takes no value (got 'yes')");
  });

  test('fails on too many positionals', () => {
    expect(() => parseArgs(['plan', 'a', 'b'], SPEC)).toThrow("'plan' takes at most 1 argument(s); got: a b");
  });
});
