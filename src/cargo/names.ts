import { CargoError } from './errors';

const XID_START = /^[\p{XID_Start}_]$/u;
const XID_CONTINUE = /^[\p{XID_Continue}-]$/u;

/**
 * Checks `package.name` the way cargo does when it loads a manifest: the first character a Unicode
 * XID start character or `_` (not a digit), the others XID continue characters or `-`. So
 * `héllo-wörld` is accepted and `a.b+c` refused, as by cargo.
 *
 * @param file the manifest, for the error
 * @param text the manifest's text, to find the line of the key
 */
export function checkPackageName(file: string, text: string, name: string): void {
  const chars = [...name];
  const bad = /^\d$/.test(chars[0]) ? chars[0] : chars.find((c, i) => !(i === 0 ? XID_START : XID_CONTINUE).test(c));
  if (bad === undefined) return;
  const why = /^\d$/.test(chars[0]) && bad === chars[0]
    ? 'a package name cannot start with a digit'
    : `"${bad}" is not allowed in a package name (letters, digits, '_' and '-' are; the first character is a letter or '_')`;
  throw new CargoError(file, `\`package.name\` is "${name}", which cargo rejects: ${why}. Rename the package in \`package.name\`.`, nameLine(text));
}

/** 1-based line of `name =` in the `[package]` table, when found. */
function nameLine(text: string): number | undefined {
  const lines = text.split('\n');
  let inPackage = false;
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[([^\]]*)\]/.exec(lines[i]);
    if (header) inPackage = header[1].trim() === 'package';
    else if (inPackage && /^\s*name\s*=/.test(lines[i])) return i + 1;
  }
  return undefined;
}
