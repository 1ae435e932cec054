import * as fs from 'fs';
import * as path from 'path';

/**
 * The shared fixtures (../shared beside the checkout, as in CI). Tests read the real Rust projects of
 * the corpus and the bug-report cases from there; nothing of it is copied into this repository.
 */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const CASES_DIR = path.join(SHARED_DIR, 'cases');

if (!fs.existsSync(path.join(CORPUS_DIR, 'INDEX.md'))) {
  throw new Error(
    `The shared fixtures are missing: expected ${CORPUS_DIR}/INDEX.md. ` +
    'Check out ../shared beside this repository (CI lays it there).',
  );
}

/** Absolute path of a corpus project, e.g. `corpus('vladkens__ghstats')`. */
export function corpus(name: string): string {
  return path.join(CORPUS_DIR, name);
}

/** Absolute path inside a case folder, e.g. `caseDir('B09')`. */
export function caseDir(name: string, ...rest: string[]): string {
  return path.join(CASES_DIR, name, ...rest);
}

/** The props.json (or a named variant) of a case. */
export function caseProps(name: string, file = 'props.json'): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(caseDir(name, file), 'utf8'));
}
