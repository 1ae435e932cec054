import * as fs from 'fs';
import * as path from 'path';
import { CargoError } from './errors';

/**
 * The file-access layer of one read: every file is read and checked once (UTF-8, symlink loops),
 * and every answer is cached so that a 70-member workspace does not stat the same folder twice.
 */
export class ProjectFiles {
  private readonly texts = new Map<string, string>();
  private readonly stats = new Map<string, fs.Stats | undefined>();
  private readonly listings = new Map<string, string[]>();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** The text of a file, or a CargoError naming the file when it is unreadable or not UTF-8. */
  public read(file: string): string {
    const cached = this.texts.get(file);
    if (cached !== undefined) return cached;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (e) {
      throw new CargoError(file, `cannot read the file (${describe(e)}). ${fixFor(e)}`);
    }
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      const line = firstBadLine(bytes);
      throw new CargoError(file, 'the file is not valid UTF-8, which cargo requires. Re-save it as UTF-8.', line);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.texts.set(file, text);
    return text;
  }

  /** Whether a regular file exists (symlinks followed). A symlink loop is an error naming the path. */
  public isFile(file: string): boolean {
    return this.stat(file)?.isFile() ?? false;
  }

  public isDir(dir: string): boolean {
    return this.stat(dir)?.isDirectory() ?? false;
  }

  /** Entry names of a folder (empty when it does not exist). */
  public list(dir: string): string[] {
    const cached = this.listings.get(dir);
    if (cached) return cached;
    let names: string[] = [];
    if (this.isDir(dir)) {
      try {
        names = fs.readdirSync(dir).sort();
      } catch (e) {
        throw new CargoError(dir, `cannot list the folder (${describe(e)}). ${fixFor(e)}`);
      }
    }
    this.listings.set(dir, names);
    return names;
  }

  private stat(p: string): fs.Stats | undefined {
    if (this.stats.has(p)) return this.stats.get(p);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') {
        throw new CargoError(p, 'this path is a symbolic link loop (it points back to itself). Fix or remove the link.');
      }
      if (code === 'EACCES') {
        throw new CargoError(p, 'permission denied while checking this path. Make it readable by the user running the build.');
      }
      st = undefined;
    }
    this.stats.set(p, st);
    return st;
  }
}

/** Forward-slash relative path from `from` to `to` (`.` for the same folder). */
export function relPath(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** Whether `inner` is `outer` or below it. */
export function isInside(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message;
}

function fixFor(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ELOOP': return 'It is a symbolic link loop: fix or remove the link.';
    case 'EACCES': return 'Make it readable by the user running the build.';
    case 'EISDIR': return 'A folder has the name of the expected file: rename it.';
    default: return 'Check that the file exists and is readable.';
  }
}

function firstBadLine(bytes: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
