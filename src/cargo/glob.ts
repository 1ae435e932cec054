import * as path from 'path';
import { ProjectFiles } from './files';

/**
 * Expands a workspace member pattern (`crates/*`, `lib/common/*`, `tools/[ab]*`) relative to `root`
 * into absolute folders. Only `*`, `?` and `[...]` within one path segment are special, as in the
 * patterns cargo accepts in `members`.
 */
export function expandGlob(files: ProjectFiles, root: string, pattern: string): string[] {
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  let current = [root];
  for (const seg of segments) {
    const next: string[] = [];
    if (!isGlob(seg)) {
      for (const dir of current) next.push(seg === '..' ? path.dirname(dir) : path.join(dir, seg));
    } else {
      const re = segmentRegex(seg);
      for (const dir of current) {
        for (const name of files.list(dir)) {
          if (re.test(name)) next.push(path.join(dir, name));
        }
      }
    }
    current = next;
  }
  return current;
}

export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') {re += '[^/]*';} else if (c === '?') {re += '[^/]';} else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
      } else {
        let cls = seg.slice(i + 1, end);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else {re += c.replace(/[.+^${}()|\\]/g, '\\$&');}
  }
  return new RegExp(`^${re}$`);
}
