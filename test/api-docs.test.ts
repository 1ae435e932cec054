import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { apiDocProblems } from './support/api-docs';

// The compiler reads the whole public API and aws-cdk-lib's types behind it.
jest.setTimeout(180_000);

describe('the public API (src/index.ts)', () => {
  test('documents every type and member, gives every optional property a @default and stays jsii-clean', () => {
    // GIVEN the jsii entry point
    const entry = path.join(__dirname, '..', 'src', 'index.ts');

    // WHEN every exported class, interface and enum is walked
    const problems = apiDocProblems(entry);

    // THEN nothing is missing (the list names each problem as Type.member)
    expect(problems).toEqual([]);
  });
});

describe('apiDocProblems', () => {
  test('fails a module with undocumented members, optional props without @default and non-jsii types', () => {
    // GIVEN a module with one mistake of each kind next to members that are fine
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-'));
    const entry = path.join(dir, 'index.ts');
    fs.writeFileSync(entry, [
      '/** Fine. */',
      'export interface Fine {',
      '  /**',
      '   * Size.',
      '   *',
      '   * @default 1',
      '   */',
      '  readonly size?: number;',
      '  /**',
      '   * Flag.',
      '   *',
      '   * @default false',
      '   */',
      '  readonly flag?: boolean;',
      '  /** Required, so no default. */',
      '  readonly name: string;',
      '}',
      'export interface Bare {',
      '  readonly b: string;',
      '}',
      '/** Props. */',
      'export interface Props {',
      '  /** No default. */',
      '  readonly timeout?: number;',
      '  /**',
      '   * Mode.',
      '   *',
      '   * @default \'a\'',
      '   */',
      '  readonly mode?: \'a\' | \'b\';',
      '  /**',
      '   * Anything.',
      '   *',
      '   * @default - nothing',
      '   */',
      '  readonly anything?: any;',
      '  /** Either. */',
      '  readonly either: string | number;',
      '  /** Tags. */',
      '  readonly tags: Record<string, \'x\' | \'y\'>;',
      '  /** Hidden. */',
      '  readonly hidden: Hidden;',
      '  /** Colour, an enum: a union to the compiler, fine for jsii. */',
      '  readonly colour: Colour;',
      '}',
      '/** Colours. */',
      'export enum Colour {',
      '  /** Red. */',
      '  RED = \'red\',',
      '  GREEN = \'green\',',
      '}',
      '/** Not exported. */',
      'interface Hidden {',
      '  /** Hidden value. */',
      '  readonly value: string;',
      '}',
      '/** A class. */',
      'export class Thing {',
      '  public readonly count: number = 1;',
      '  /** @internal */',
      '  public readonly _secret = 1;',
      '  private readonly local = 2;',
      '  /** Named. */',
      '  constructor(public readonly label: string) {}',
      '  public run(): void { void this.local; }',
      '  /** Picks a kind. */',
      '  public pick(kind: \'a\' | \'b\'): void { void kind; }',
      '}',
      '',
    ].join('\n'));

    // WHEN it is checked
    const problems = apiDocProblems(entry);
    fs.rmSync(dir, { recursive: true, force: true });

    // THEN each mistake is listed once, and nothing that is fine
    expect(problems).toEqual([
      'Bare: no doc comment',
      'Bare.b: no doc comment',
      'Props.timeout: optional without a @default tag',
      'Props.mode: typed as a string-literal union ("a" | "b" | undefined)',
      'Props.anything: typed as `any` (any)',
      'Props.either: typed as a union (string | number)',
      'Props.tags: typed as a string-literal union (Record<string, "x" | "y">)',
      'Props.hidden: uses Hidden, which is not exported from index.ts',
      'Colour.GREEN: no doc comment',
      'Thing.count: no doc comment',
      'Thing.label: no doc comment',
      'Thing.run: no doc comment',
      'Thing.pick(kind): typed as a string-literal union ("a" | "b")',
    ]);
  });
});
