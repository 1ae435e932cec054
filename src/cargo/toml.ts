import * as TOML from '@iarna/toml';
import { CargoError } from './errors';
import { ProjectFiles } from './files';

/** A parsed TOML table. */
export type TomlTable = Record<string, unknown>;

/** Parses a TOML file once per read; a syntax error becomes a CargoError with the file and line. */
export class TomlReader {
  private readonly parsed = new Map<string, TomlTable>();

  constructor(public readonly files: ProjectFiles) {}

  public parse(file: string): TomlTable {
    const cached = this.parsed.get(file);
    if (cached) return cached;
    const text = this.files.read(file);
    let table: TomlTable;
    try {
      table = TOML.parse(text) as TomlTable;
    } catch (e) {
      const err = e as { line?: number; col?: number; message?: string };
      const reason = (err.message ?? String(e)).split('\n')[0].replace(/ at row \d+, col \d+, pos \d+:?$/, '');
      const line = typeof err.line === 'number' ? err.line + 1 : undefined;
      const col = typeof err.col === 'number' ? `, column ${err.col + 1}` : '';
      throw new CargoError(file, `invalid TOML${col}: ${reason}. Fix the syntax (cargo would reject this file too).`, line);
    }
    this.parsed.set(file, table);
    return table;
  }
}

/** Helpers to read untyped TOML values with a type check that names the file and key. */
export function asTable(v: unknown): TomlTable | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as TomlTable) : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function asStringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** A string value or a CargoError naming the key and what was found. */
export function expectString(file: string, key: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    throw new CargoError(file, `\`${key}\` must be a string, found ${JSON.stringify(v)}. Write it as \`${key} = "..."\`.`);
  }
  return v;
}

export function expectStringArray(file: string, key: string, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const arr = asStringArray(v);
  if (!arr) {
    throw new CargoError(file, `\`${key}\` must be an array of strings, found ${JSON.stringify(v)}. Write it as \`${key} = ["..."]\`.`);
  }
  return arr;
}
