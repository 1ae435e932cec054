import type { IConstruct } from 'constructs';
import { FileBase, IResolver } from 'projen';

/** A `#`-commented text file whose content is computed when projen synthesizes it. */
export class GeneratedTextFile extends FileBase {
  private readonly render: () => string;

  /**
   * @param scope the component or project that owns the file
   * @param filePath path relative to the project root
   * @param render returns the content, without the generated-file marker
   */
  public constructor(scope: IConstruct, filePath: string, render: () => string) {
    super(scope, filePath, { marker: true });
    this.render = render;
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    const content = this.render();
    return this.marker ? withMarker(content, `# ${this.marker}`) : content;
  }
}

/**
 * Puts the marker comment first, after any Dockerfile parser directives (`# syntax=...`,
 * `# escape=...`, `# check=...`): those stop being directives once a comment precedes them.
 */
function withMarker(content: string, marker: string): string {
  const lines = content.split('\n');
  let directives = 0;
  while (directives < lines.length && /^#\s*[a-z]+\s*=/i.test(lines[directives])) {
    directives++;
  }
  return [...lines.slice(0, directives), marker, ...lines.slice(directives)].join('\n');
}
