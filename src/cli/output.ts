import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './args';

/**
 * Checks an `--output` path before any work is done and returns it absolute. A symbolic link is
 * refused: in projects where `.dockerignore` links to `.gitignore`, writing through the link would
 * silently replace the other file.
 *
 * @throws UsageError for an empty path; Error for a link, a missing folder or a folder at the path
 */
export function outputPathOf(cwd: string, output: string): string {
  if (output.trim() === '') throw new UsageError('--output: give a file path (got an empty string)');
  const file = path.resolve(cwd, output);
  const stat = lstatOrUndefined(file);
  if (stat?.isSymbolicLink()) {
    throw new Error(`--output: ${file} is a symbolic link to ${fs.readlinkSync(file)}; writing would replace the link's target. ` +
      'Remove the link first, or choose another --output path.');
  }
  if (stat?.isDirectory()) {
    throw new Error(`--output: ${file} is a folder; give a file path such as ${path.join(file, 'Dockerfile')}.`);
  }
  const parent = path.dirname(file);
  if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) {
    throw new Error(`--output: the folder ${parent} does not exist; create it first (mkdir -p ${parent}) or choose another --output path.`);
  }
  return file;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}
