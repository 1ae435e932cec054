import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * cfn-lint's findings (errors, warnings and informational) on a synthesized template, one per line;
 * empty when clean. Throws when cfn-lint is missing: a missing tool fails the suite.
 */
export function cfnLint(template: unknown): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  const file = path.join(dir, 'template.json');
  try {
    fs.writeFileSync(file, JSON.stringify(template, undefined, 1));
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', file], { encoding: 'utf8' });
    if (result.error) {
      throw new Error(`cfn-lint could not run (${result.error.message}): run .ci/run (it installs the test tools).`);
    }
    return `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() !== '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
