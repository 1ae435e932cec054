/**
 * A problem in the Rust project itself (a manifest, the lock file, a toolchain or config file) that
 * stops the reading. The message names the file (and line when known), the value found and the fix.
 */
export class CargoError extends Error {
  /** Absolute path of the file at fault. */
  public readonly file: string;
  /** 1-based line in `file`, when known. */
  public readonly line?: number;

  /**
   * @param file absolute path of the file at fault
   * @param message what is wrong and how to fix it (the file and line are prefixed here)
   * @param line 1-based line, when known
   */
  constructor(file: string, message: string, line?: number) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
    this.name = 'CargoError';
    this.file = file;
    this.line = line;
  }
}
