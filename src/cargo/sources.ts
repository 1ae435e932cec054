import * as path from 'path';
import { ProjectFiles, isInside, relPath } from './files';
import { Diagnostic } from './model';

/**
 * Answers "does this source file exist" and "what is in this folder" for target discovery. It asks
 * the disk, unless a file list stands in for the sources: `ReadOptions.fileList`, or a `TREE.txt`
 * listing at the workspace root whose sources are not on disk (the manifest-only corpus).
 */
export class SourceView {
  /** Build the view for a workspace root. */
  public static create(files: ProjectFiles, root: string, fileList: string[] | undefined, warnings: Diagnostic[]): SourceView {
    if (fileList) return new SourceView(files, root, fileList);
    const tree = path.join(root, 'TREE.txt');
    if (files.isFile(tree)) {
      const listed = files.read(tree).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
      const firstSource = listed.find((l) => l.endsWith('.rs'));
      if (firstSource && !files.isFile(path.join(root, firstSource))) {
        warnings.push({
          id: 'cargo:tree-listing',
          message: `the Rust sources are not on disk, so binaries were discovered from the listing in ${tree}. ` +
            'Run the build from a full checkout so that the listed files are present.',
          location: { file: tree },
        });
        return new SourceView(files, root, listed);
      }
    }
    return new SourceView(files, root, undefined);
  }

  private readonly listed?: Set<string>;
  private readonly children?: Map<string, Set<string>>;

  private constructor(private readonly files: ProjectFiles, private readonly root: string, list: string[] | undefined) {
    if (!list) return;
    this.listed = new Set();
    this.children = new Map();
    for (const raw of list) {
      const rel = raw.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
      this.listed.add(rel);
      // One pass over the parts, growing the prefix (re-joining it per level was quadratic in the depth).
      const parts = rel.split('/');
      let parent = '.';
      for (let i = 0; i < parts.length; i++) {
        let set = this.children.get(parent);
        if (!set) this.children.set(parent, set = new Set());
        set.add(parts[i]);
        const prefix = i === 0 ? parts[0] : `${parent}/${parts[i]}`;
        if (i < parts.length - 1) this.listed.add(prefix);
        parent = prefix;
      }
    }
  }

  /** Whether `dir/rel` is a file (or listed path). */
  public hasFile(dir: string, rel: string): boolean {
    const abs = path.resolve(dir, rel);
    if (this.listed && isInside(this.root, abs)) return this.listed.has(relPath(this.root, abs)) && !this.children!.has(relPath(this.root, abs));
    return this.files.isFile(abs);
  }

  /** Entry names of a folder, sorted. */
  public list(dir: string): string[] {
    if (this.children && isInside(this.root, dir)) return [...(this.children.get(relPath(this.root, dir)) ?? [])].sort();
    return this.files.list(dir);
  }

  /** Whether `dir` is a folder. */
  public isDir(dir: string): boolean {
    if (this.children && isInside(this.root, dir)) return this.children.has(relPath(this.root, dir));
    return this.files.isDir(dir);
  }
}
