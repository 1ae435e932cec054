import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A shell line with what shellcheck said about it (empty when clean). */
export interface ShellcheckFinding {
  readonly line: string;
  readonly output: string;
}

/**
 * Runs shellcheck (as bash) on each line separately, in one shellcheck process. Throws when
 * shellcheck is not installed: a missing tool must fail the suite, never skip it.
 */
export function shellcheckLines(lines: string[]): ShellcheckFinding[] {
  const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error('shellcheck is not installed, so the buildspec shell cannot be checked: run .ci/run (it installs the test tools).');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shellcheck-'));
  try {
    const files = lines.map((line, i) => {
      const file = path.join(dir, `line-${i}.sh`);
      fs.writeFileSync(file, `#!/usr/bin/env bash\n${line}\n`);
      return file;
    });
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '--format=gcc', ...files], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`.split('\n');
    return lines.map((line, i) => ({
      line,
      output: output.filter((o) => o.startsWith(`${files[i]}:`)).join('\n'),
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
