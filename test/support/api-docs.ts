import * as path from 'path';
import * as ts from 'typescript';

/**
 * Reads a jsii entry point with the TypeScript compiler API and lists what would make the public API
 * badly documented or not jsii-clean: every class, interface and enum exported from the entry point
 * (and every one of this repository's types their members use) is walked, and each problem is one
 * line `Type.member: what is wrong`.
 */
export function apiDocProblems(entry: string): string[] {
  const root = path.dirname(path.resolve(entry));
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) {
    throw new Error(`Cannot read the module ${entry}: the file is missing or exports nothing.`);
  }

  const exported = new Set<ts.Symbol>();
  for (const s of checker.getExportsOfModule(moduleSymbol)) {
    exported.add(is(s.flags, ts.SymbolFlags.Alias) ? checker.getAliasedSymbol(s) : s);
  }

  const problems: string[] = [];
  const seen = new Set<ts.Symbol>();
  const queue = [...exported];
  const ownDeclaration = (s: ts.Symbol | undefined): ApiType | undefined =>
    s?.declarations?.filter(isApiType).find((d) => isOwnFile(d.getSourceFile(), root));

  // A type of this repository used by a public member is public too: jsii needs it exported.
  const visitUsedType = (type: ts.Type, where: string) => {
    for (const used of namedTypesIn(checker, type)) {
      const decl = ownDeclaration(used);
      if (!decl) continue;
      if (!exported.has(used)) {
        problems.push(`${where}: uses ${used.name}, which is not exported from ${path.basename(entry)}`);
      }
      queue.push(used);
    }
  };

  while (queue.length > 0) {
    const symbol = queue.shift()!;
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    const decl = ownDeclaration(symbol);
    if (!decl) continue;
    const typeName = symbol.name;

    if (!hasSummary(decl)) problems.push(`${typeName}: no doc comment`);
    if (ts.isEnumDeclaration(decl)) {
      for (const m of decl.members) {
        if (!hasSummary(m)) problems.push(`${typeName}.${m.name.getText()}: no doc comment`);
      }
      continue;
    }
    if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
      for (const clause of decl.heritageClauses ?? []) {
        for (const t of clause.types) visitUsedType(checker.getTypeAtLocation(t), typeName);
      }
    }

    for (const member of apiMembers(checker, decl)) {
      const where = `${typeName}.${member.name}`;
      if (!member.documented) problems.push(`${where}: no doc comment`);
      if (member.kind === 'property') {
        if (member.optional && !member.hasDefault) problems.push(`${where}: optional without a @default tag`);
        const bad = jsiiTypeProblem(checker, member.type);
        if (bad) problems.push(`${where}: typed as ${bad} (${checker.typeToString(member.type)})`);
      }
      for (const p of member.parameters) {
        const bad = jsiiTypeProblem(checker, p.type);
        if (bad) problems.push(`${where}(${p.name}): typed as ${bad} (${checker.typeToString(p.type)})`);
        visitUsedType(p.type, `${where}(${p.name})`);
      }
      if (member.kind === 'method') {
        const bad = jsiiTypeProblem(checker, member.type);
        if (bad) problems.push(`${where}(): returns ${bad} (${checker.typeToString(member.type)})`);
      }
      visitUsedType(member.type, where);
    }
  }
  return problems;
}

/** One public member as jsii sees it. */
interface ApiMember {
  readonly name: string;
  readonly kind: 'property' | 'method' | 'constructor';
  readonly documented: boolean;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  /** The property type, or the return type of a method. */
  readonly type: ts.Type;
  readonly parameters: { readonly name: string; readonly type: ts.Type }[];
}

function apiMembers(checker: ts.TypeChecker, decl: ts.ClassDeclaration | ts.InterfaceDeclaration): ApiMember[] {
  const members: ApiMember[] = [];
  const property = (node: ts.PropertyDeclaration | ts.PropertySignature | ts.ParameterDeclaration | ts.GetAccessorDeclaration) => {
    const type = checker.getTypeAtLocation(node);
    const undefinedAllowed = type.isUnion() && type.types.some((t) => is(t.flags, ts.TypeFlags.Undefined));
    members.push({
      name: node.name.getText(),
      kind: 'property',
      documented: hasSummary(node),
      optional: !ts.isGetAccessor(node) && (node.questionToken !== undefined || undefinedAllowed),
      hasDefault: ts.getJSDocTags(node).some((t) => t.tagName.text === 'default' && commentText(t.comment).trim() !== ''),
      type,
      parameters: [],
    });
  };
  const callable = (node: ts.MethodDeclaration | ts.MethodSignature | ts.ConstructorDeclaration) => {
    const signature = checker.getSignatureFromDeclaration(node)!;
    members.push({
      name: ts.isConstructorDeclaration(node) ? 'constructor' : node.name.getText(),
      kind: ts.isConstructorDeclaration(node) ? 'constructor' : 'method',
      // jsii documents a constructor through its class.
      documented: ts.isConstructorDeclaration(node) || hasSummary(node),
      optional: false,
      hasDefault: false,
      type: checker.getReturnTypeOfSignature(signature),
      parameters: signature.parameters.map((p) => ({ name: p.name, type: checker.getTypeOfSymbolAtLocation(p, node) })),
    });
  };

  for (const m of decl.members) {
    if (ts.isConstructorDeclaration(m)) {
      // A parameter property is a public property even when the constructor is private.
      for (const p of m.parameters) {
        if (ts.isParameterPropertyDeclaration(p, m) && isPublicApi(p)) property(p);
      }
      if (isPublicApi(m)) callable(m);
    } else if (!isPublicApi(m)) {
      continue;
    } else if (ts.isPropertyDeclaration(m) || ts.isPropertySignature(m) || ts.isGetAccessor(m)) {
      property(m);
    } else if (ts.isMethodDeclaration(m) || ts.isMethodSignature(m)) {
      callable(m);
    }
  }
  return members;
}

/** Not private, not `#private`, not `_`-prefixed and not `@internal`: jsii exposes it (protected too). */
function isPublicApi(node: ts.ClassElement | ts.TypeElement | ts.ParameterDeclaration): boolean {
  if (hasModifier(node, ts.SyntaxKind.PrivateKeyword)) return false;
  if (node.name && (ts.isPrivateIdentifier(node.name) || node.name.getText().startsWith('_'))) return false;
  return !ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

type ApiType = ts.ClassDeclaration | ts.InterfaceDeclaration | ts.EnumDeclaration;

function isApiType(d: ts.Declaration): d is ApiType {
  return ts.isClassDeclaration(d) || ts.isInterfaceDeclaration(d) || ts.isEnumDeclaration(d);
}

function isOwnFile(file: ts.SourceFile, root: string): boolean {
  return !file.isDeclarationFile && path.resolve(file.fileName).startsWith(root + path.sep);
}

/** True when the node has a doc comment with a summary (tags alone, like a lone `@param`, do not count). */
function hasSummary(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).some((d) => ts.isJSDoc(d) && commentText(d.comment).trim() !== '');
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  if (comment === undefined) return '';
  return typeof comment === 'string' ? comment : comment.map((c) => c.text).join('');
}

/**
 * What jsii rejects in a member type, or undefined: `any`, a union (beyond `| undefined` of an optional
 * member), a string literal or a union of them, also inside arrays and maps.
 */
function jsiiTypeProblem(checker: ts.TypeChecker, type: ts.Type): string | undefined {
  if (is(type.flags, ts.TypeFlags.Any)) return '`any`';
  if (is(type.flags, ts.TypeFlags.StringLiteral)) return 'a string literal';
  if (type.isUnion() && !is(type.flags, ts.TypeFlags.EnumLiteral)) {
    const rest = type.types.filter((t) => !is(t.flags, ts.TypeFlags.Undefined) && !is(t.flags, ts.TypeFlags.Null) && !is(t.flags, ts.TypeFlags.Void));
    if (rest.length > 0 && rest.every((t) => is(t.flags, ts.TypeFlags.BooleanLiteral))) return undefined;
    if (rest.length > 0 && rest.every((t) => is(t.flags, ts.TypeFlags.EnumLiteral))) return undefined;
    if (rest.length === 1) return jsiiTypeProblem(checker, rest[0]);
    if (rest.every((t) => is(t.flags, ts.TypeFlags.StringLiteral))) return 'a string-literal union';
    return 'a union';
  }
  for (const inner of containedTypes(checker, type)) {
    const bad = jsiiTypeProblem(checker, inner);
    if (bad) return bad;
  }
  return undefined;
}

/** Element types of arrays and value types of string-keyed maps. */
function containedTypes(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  if (checker.isArrayType(type)) return [...checker.getTypeArguments(type as ts.TypeReference)];
  if (is(type.flags, ts.TypeFlags.Object) && !type.getSymbol()?.declarations?.some(isApiType)) {
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) return [index.type];
  }
  return [];
}

/** The named classes, interfaces and enums a type is made of (through unions, arrays and maps). */
function namedTypesIn(checker: ts.TypeChecker, type: ts.Type): ts.Symbol[] {
  if (type.isUnion()) return type.types.flatMap((t) => namedTypesIn(checker, t));
  const contained = containedTypes(checker, type);
  if (contained.length > 0) return contained.flatMap((t) => namedTypesIn(checker, t));
  const symbol = (is(type.flags, ts.TypeFlags.EnumLiteral) ? checker.getBaseTypeOfLiteralType(type) : type).getSymbol();
  return symbol?.declarations?.some(isApiType) ? [symbol] : [];
}

/** Whether a compiler flag set (symbol or type flags) contains the flag. */
function is(flags: number, flag: number): boolean {
  // The compiler API reports kinds as bit sets; there is no other way to read them.
  // eslint-disable-next-line no-bitwise
  return (flags & flag) !== 0;
}
