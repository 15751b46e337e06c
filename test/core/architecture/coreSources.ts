/**
 * Reads src/core with the TypeScript compiler API for the architecture checks: the modules each file
 * imports, and the state it keeps at module level.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const CORE = path.resolve(__dirname, '../../../src/core');

/** Every .ts file under `root`, as paths relative to it with '/' separators, sorted. */
export function sourceFiles(root = CORE): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/**
 * The relative modules a file imports or re-exports, type-only ones included (they tie the layers
 * together as much as any other), and those it loads with import() or require().
 */
export function importedSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) specifiers.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.'));
}

/**
 * The file (relative to the root, like `files`) that `specifier`, imported from `from`, names, if it
 * is one of `files`: `./x` is `x.ts` or `x/index.ts`.
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate;
  return undefined;
}

/** Import graph of the files: file → the files it imports. */
export function importGraph(texts: ReadonlyMap<string, string>): Map<string, string[]> {
  const files = new Set(texts.keys());
  const graph = new Map<string, string[]>();
  for (const [file, text] of texts) {
    const targets = importedSpecifiers(parse(file, text))
      .map((s) => resolveImport(file, s, files))
      .filter((t): t is string => t !== undefined && t !== file);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Folder-level edges: for an import between files in folders that are not nested in each other, an
 * edge between the two sibling folders under their deepest common folder ('search' → 'bibliography';
 * 'bibliography/store' → 'bibliography/formats'). Imports between a folder and its own subfolders
 * (lint/lintDocument → lint/rules) are the folder's own business; file cycles are checked apart.
 */
export function folderGraph(graph: ReadonlyMap<string, readonly string[]>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const a = path.posix.dirname(from).split('/').filter((p) => p !== '.');
    for (const to of targets) {
      const b = path.posix.dirname(to).split('/').filter((p) => p !== '.');
      let common = 0;
      while (common < a.length && common < b.length && a[common] === b[common]) common++;
      if (common === a.length || common === b.length) continue; // the same folder, or one inside the other
      const source = a.slice(0, common + 1).join('/');
      const target = b.slice(0, common + 1).join('/');
      if (!folders.has(source)) folders.set(source, new Set());
      folders.get(source)!.add(target);
    }
  }
  return folders;
}

/**
 * The cycles of a directed graph, one per strongly connected component with more than one node (or
 * a node that reaches itself), each printed as a path `a → b → … → a`. Sorted, so failures read the same.
 */
export function cycles(graph: ReadonlyMap<string, Iterable<string>>): string[] {
  const nodes = new Set<string>(graph.keys());
  for (const targets of graph.values()) for (const t of targets) nodes.add(t);
  const edges = (n: string): string[] => [...(graph.get(n) ?? [])].sort();
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges(v).includes(v)) components.push(component);
    }
  };
  for (const n of [...nodes].sort()) if (!index.has(n)) connect(n);
  return components.map((component) => cyclePath(component, edges)).sort();
}

/** One cycle through the component, from its first node (breadth-first, so the shortest). */
function cyclePath(component: readonly string[], edges: (n: string) => string[]): string {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of edges(node)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start].join(' → ');
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return `${start} → ${start}`;
}

/** Constructors whose instances are mutable containers. */
const MUTABLE_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Array', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]);
/** Containers with a read-only type: a Map or Set typed ReadonlyMap / ReadonlySet cannot be changed through the constant. */
const READONLY_TYPES: Readonly<Record<string, string>> = { Map: 'ReadonlyMap', Set: 'ReadonlySet' };
/** Methods that change the array, map or set they are called on. */
const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** One piece of module-level state: a file's top-level variable or class static, and why it counts. */
export interface ModuleState {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly why: string;
}

/**
 * The module-level mutable state of a file: top-level `let`/`var`; top-level constants (and class
 * statics) holding a new mutable container (Map, Set, WeakMap, FinalizationRegistry, typed arrays…)
 * unless typed ReadonlyMap / ReadonlySet or an empty typed array; array and object literals the file
 * changes (assigns into, deletes from, or calls a mutating method on); statics that are not readonly.
 * (A constant made by a call, e.g. `once(() => require(…))`, is not seen: those are lazily loaded
 * modules, whose only state is Node's own module cache.)
 */
export function moduleState(file: string, text: string): ModuleState[] {
  const source = parse(file, text);
  const found: ModuleState[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const mutated = mutatedNames(source);
  const check = (name: string, node: ts.Node, initializer: ts.Expression | undefined, type: ts.TypeNode | undefined): void => {
    const why = mutableInitializer(initializer, type, mutated.has(name));
    if (why) found.push({ file, name, line: lineOf(node), why });
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(source);
        if (!constant) found.push({ file, name, line: lineOf(declaration), why: 'a top-level let/var' });
        else check(name, declaration, declaration.initializer, declaration.type);
      }
    } else if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        if (!ts.isPropertyDeclaration(member) || !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const name = `${statement.name?.text ?? '(class)'}.${member.name.getText(source)}`;
        if (!member.modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword)) found.push({ file, name, line: lineOf(member), why: 'a static property that is not readonly' });
        else check(name, member, member.initializer, member.type);
      }
    }
  }
  return found;
}

function mutableInitializer(initializer: ts.Expression | undefined, type: ts.TypeNode | undefined, mutatedInFile: boolean): string | undefined {
  let expression = initializer;
  while (expression && (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isParenthesizedExpression(expression))) expression = expression.expression;
  if (!expression) return undefined;
  if (ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) && MUTABLE_CONSTRUCTORS.has(expression.expression.text)) {
    const constructor = expression.expression.text;
    const readonlyType = READONLY_TYPES[constructor];
    if (readonlyType && type && ts.isTypeReferenceNode(type) && type.typeName.getText() === readonlyType) return undefined;
    const [length] = expression.arguments ?? [];
    if (constructor.endsWith('Array') && expression.arguments?.length === 1 && length && ts.isNumericLiteral(length) && length.text === '0') return undefined;
    return `a new ${constructor}${readonlyType ? ` (type it ${readonlyType} if it is never changed)` : ''}`;
  }
  if ((ts.isArrayLiteralExpression(expression) || ts.isObjectLiteralExpression(expression)) && mutatedInFile) return 'a literal the file changes';
  return undefined;
}

/** Names whose value the file changes: `x.a = …`, `x[i] = …`, `x.a++`, `delete x.a`, `x.push(…)`, `x.a.set(…)`. */
function mutatedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const rootOf = (node: ts.Expression): string | undefined => {
    let at: ts.Expression = node;
    while (ts.isPropertyAccessExpression(at) || ts.isElementAccessExpression(at) || ts.isNonNullExpression(at) || ts.isParenthesizedExpression(at)) at = at.expression;
    return ts.isIdentifier(at) && at !== node ? at.text : undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const root = rootOf(node.left);
      if (root) names.add(root);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      const root = rootOf(node.operand);
      if (root) names.add(root);
    } else if (ts.isDeleteExpression(node)) {
      const root = rootOf(node.expression);
      if (root) names.add(root);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text)) {
      const target = node.expression.expression;
      const root = ts.isIdentifier(target) ? target.text : rootOf(target);
      if (root) names.add(root);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}
