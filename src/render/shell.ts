/**
 * Small builders for one-line POSIX/bash commands. Every shell line the library emits (the CodeBuild
 * buildspec) is assembled from these, so quoting is decided in one place and every line stays a
 * single line that shellcheck can read on its own. The Dockerfile's RUN lines quote their words with
 * the same `quote`.
 */

/** A shell word that is emitted as written: a variable expansion or an already-quoted string. */
export class Raw {
  constructor(public readonly text: string) {}
}

/** A word emitted unquoted because it is made of shell-safe characters or is a `Raw` word. */
export type Word = string | Raw;

/** A word written as is (for expansions such as `"$IMAGE_REPO:$IMAGE_TAG-amd64"`). */
export function raw(text: string): Raw {
  return new Raw(text);
}

/** A double-quoted word with `$VAR` expansions kept, for values built from environment variables. */
export function dq(text: string): Raw {
  if (/["`\\\n]/.test(text)) {
    throw new Error(`Cannot double-quote ${JSON.stringify(text)} for the buildspec: it holds a quote, backtick, backslash or newline.`);
  }
  return new Raw(`"${text}"`);
}

/**
 * Quotes a literal word for POSIX sh: bare when it only has safe characters, else single-quoted.
 * A newline would end a buildspec command or a Dockerfile instruction, so it is refused.
 */
export function quote(word: string): string {
  if (word.includes('\n')) {
    throw new Error(
      `A shell word of the buildspec or the Dockerfile must be one line; received ${JSON.stringify(word)}. ` +
      'Remove the newline from the value (a path, name or build environment value) it comes from.',
    );
  }
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) {
    return word;
  }
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** One simple command from its words. */
export function cmd(...words: Word[]): string {
  return words.map((w) => (w instanceof Raw ? w.text : quote(w))).join(' ');
}

/** `if <conditions joined with &&>; then <body>; fi` on one line; the body's failure fails the line. */
export function when(conditions: string[], ...body: string[]): string {
  if (conditions.length === 0) {
    throw new Error('A conditional buildspec command needs at least one condition.');
  }
  return `if ${conditions.join(' && ')}; then ${body.join('; ')}; fi`;
}

/** `if <condition>; then <body>; else <otherwise>; fi` on one line. */
export function ifElse(condition: string, body: string[], otherwise: string[]): string {
  return `if ${condition}; then ${body.join('; ')}; else ${otherwise.join('; ')}; fi`;
}

/** A command that prints a message to stderr and fails. */
export function fail(message: string): string {
  return `{ ${cmd('echo', message)} >&2; false; }`;
}
