import * as fs from 'fs';
import * as path from 'path';
import { CargoError } from './errors';
import { isInside } from './files';

/**
 * Refuses a symbolic link, on the way to something the build reads, that leads outside the build
 * context. Docker sends a link as a link, not its target, so such a path would be missing (or
 * dangling) inside the build even though it reads fine here. Links that stay inside the context
 * (`.dockerignore -> .gitignore`, a member folder linked to another folder of the repository) are fine.
 *
 * @param contextDir the build context, as the reader computed it (the folder holding every crate)
 * @param paths absolute paths of the crates and files the build reads
 */
export function checkLinksInside(contextDir: string, paths: string[]): void {
  const realContext = realOrSelf(contextDir);
  for (const p of paths) {
    if (!isInside(contextDir, p)) continue;
    let at = contextDir;
    for (const part of path.relative(contextDir, p).split(path.sep).filter((s) => s !== '')) {
      at = path.join(at, part);
      if (!isLink(at)) continue;
      const real = realOrSelf(at);
      if (isInside(realContext, real)) continue;
      throw new CargoError(at,
        `this symbolic link points to ${fs.readlinkSync(at)} (${real}), outside the build context ${contextDir}. ` +
        'Docker copies the link, not its target, so the build would not see it. ' +
        'Replace the link with the real folder or file, or move what it points to inside the project.');
    }
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
