/**
 * The project's own modules, read for what they export: `errorResponse` in
 * `import { errorResponse } from './errors.js'` or `const { errorResponse } = require('../lib/errors')`.
 * Real handlers import their error helpers (issue #19), and a helper whose body ESLint never shows
 * the file being linted would leave every call unjudged.
 *
 * Bounded on every side: only relative specifiers, only files inside the project (ESLint's working
 * directory) and outside `node_modules`, only files under a size cap; each file is parsed once per
 * version (path, size and modification time) and a few dozen are kept. A file that cannot be read
 * or parsed exports nothing; it never stops the lint of the file that imports it.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, parse as parsePath, relative, resolve, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Where a file comes from, and how it was parsed: its relative imports are read the same way. */
export interface FileOrigin {
  path: string;
  /** The project: no import is followed out of it. */
  root: string;
  languageOptions: { parser?: unknown; parserOptions?: Record<string, unknown>; ecmaVersion?: unknown; sourceType?: unknown };
}

export interface ProjectModule {
  sourceCode: SourceCode;
  origin: FileOrigin;
  /** What it exports, by name (`default` for `export default` and `module.exports = …`). */
  exports: ReadonlyMap<string, TSESTree.Node>;
}

// Helper modules are small; a generated bundle is not one.
const MAX_BYTES = 256 * 1024;
// Modules are read for the helpers and constants handlers import; a large project imports a few
// hundred, most from many files (a few MiB of syntax trees at most).
const MAX_MODULES = 256;
// `./errors.js` in TypeScript sources names `./errors.ts`.
const TYPESCRIPT_FOR = new Map([['.js', ['.ts', '.tsx']], ['.mjs', ['.mts']], ['.cjs', ['.cts']], ['.jsx', ['.tsx']]]);
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
// Read with type information the module is not needed: it would build a TypeScript program per file.
const TYPED_PARSER_OPTIONS = ['project', 'projectService', 'programs', 'EXPERIMENTAL_useProjectService'];

interface CachedModule {
  size: number;
  modified: number;
  module: ProjectModule | undefined;
}

const modules = new Map<string, CachedModule>();

/** The module `specifier` names from the file of `origin`, or undefined when it is not one to read. */
export function readModule(origin: FileOrigin | undefined, specifier: string): ProjectModule | undefined {
  if (!origin || !(specifier.startsWith('./') || specifier.startsWith('../'))) return undefined;
  try {
    const path = locate(origin, specifier);
    return path ? load(origin, path) : undefined;
  } catch {
    return undefined;
  }
}

function locate(origin: FileOrigin, specifier: string): string | undefined {
  if (!isAbsolute(origin.path)) return undefined;
  const base = resolve(dirname(origin.path), specifier);
  const extension = extname(base);
  const stem = base.slice(0, base.length - extension.length);
  const candidates = [
    ...(TYPESCRIPT_FOR.get(extension) ?? []).map((ts) => stem + ts),
    ...(EXTENSIONS.includes(extension) ? [base] : []),
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => `${base}${sep}index${e}`),
  ];
  const root = realpathSync(origin.root);
  // ESLint run from `/` (an editor with no folder open) has no project to stay inside.
  if (parsePath(root).root === root) return undefined;
  for (const candidate of candidates) {
    let real: string;
    try {
      if (!statSync(candidate).isFile()) continue;
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    const inside = relative(root, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('node_modules')) return undefined;
    return real;
  }
  return undefined;
}

function load(origin: FileOrigin, path: string): ProjectModule | undefined {
  const stat = statSync(path);
  const cached = modules.get(path);
  if (cached && cached.size === stat.size && cached.modified === stat.mtimeMs) {
    // Most recently used last: the oldest is the one to drop.
    modules.delete(path);
    modules.set(path, cached);
    return cached.module;
  }
  const sourceCode = stat.size > MAX_BYTES ? undefined : parse(origin, path, readFileSync(path, 'utf8'));
  const module = sourceCode ? { sourceCode, origin: { ...origin, path }, exports: exportsOf(sourceCode.ast) } : undefined;
  modules.set(path, { size: stat.size, modified: stat.mtimeMs, module });
  if (modules.size > MAX_MODULES) modules.delete(modules.keys().next().value as string);
  return module;
}

type LinterClass = new (options: { cwd: string }) => {
  verify(text: string, config: unknown[], options: { filename: string }): Array<{ fatal?: boolean }>;
};

let linterClass: LinterClass | null | undefined;

/**
 * Parsed as ESLint parses the file that imports it: the same parser and options, through ESLint's
 * own `Linter`, which gives the scopes the resolver reads. ESLint is the plugin's peer and is loaded
 * already whenever a rule runs; it is looked up only when a module is first read.
 */
function parse(origin: FileOrigin, path: string, text: string): SourceCode | undefined {
  if (linterClass === undefined) {
    try {
      linterClass = (createRequire(import.meta.url)('eslint') as { Linter: LinterClass }).Linter;
    } catch {
      linterClass = null;
    }
  }
  if (!linterClass) return undefined;
  const { parser, parserOptions, ecmaVersion, sourceType } = origin.languageOptions;
  const untyped = Object.fromEntries(Object.entries(parserOptions ?? {}).filter(([key]) => !TYPED_PARSER_OPTIONS.includes(key)));
  const extension = extname(path);
  let captured: SourceCode | undefined;
  const capture = {
    meta: { type: 'problem', schema: [] },
    create(context: { sourceCode: SourceCode }) {
      captured = context.sourceCode;
      return {};
    },
  };
  const messages = new linterClass({ cwd: origin.root }).verify(
    text,
    [
      {
        files: [`**/*${extension}`],
        languageOptions: {
          ...(parser ? { parser } : {}),
          ...(ecmaVersion !== undefined ? { ecmaVersion } : {}),
          sourceType: extension === '.cjs' ? 'commonjs' : extension === '.mjs' ? 'module' : sourceType ?? 'module',
          parserOptions: untyped,
        },
        plugins: { statuslint: { rules: { read: capture } } },
        rules: { 'statuslint/read': 'error' },
      },
    ],
    { filename: path },
  );
  return captured && !messages.some((m) => m.fatal) ? captured : undefined;
}

/**
 * What a module exports, by name: the expression or function declaration in the module. ES exports
 * and CommonJS assignments at top level; `module.exports = { a, b }` exports `a` and `b` by name too,
 * as `require('./x').a` reads them.
 */
function exportsOf(ast: TSESTree.Program): Map<string, TSESTree.Node> {
  const found = new Map<string, TSESTree.Node>();
  for (const statement of ast.body) {
    if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id) found.set(declaration.id.name, declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier' && declarator.init) found.set(declarator.id.name, declarator.init);
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        if (specifier.local.type === 'Identifier') found.set(exported, specifier.local);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      found.set('default', statement.declaration);
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      addCommonJsExport(statement.expression, found);
    }
  }
  return found;
}

const isModuleExports = (node: TSESTree.Node): boolean =>
  node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'module' && node.property.type === 'Identifier' && node.property.name === 'exports';

/** `module.exports = …`, `exports.name = …`, `module.exports.name = …`. */
function addCommonJsExport(assignment: TSESTree.AssignmentExpression, found: Map<string, TSESTree.Node>): void {
  const target = assignment.left;
  if (assignment.operator !== '=' || target.type !== 'MemberExpression') return;
  if (isModuleExports(target)) {
    found.set('default', assignment.right);
    if (assignment.right.type !== 'ObjectExpression') return;
    for (const member of assignment.right.properties) {
      if (member.type !== 'Property' || member.computed || member.kind !== 'init') continue;
      const key = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : undefined;
      if (key !== undefined) found.set(key, member.value);
    }
    return;
  }
  const onExports = (target.object.type === 'Identifier' && target.object.name === 'exports') || isModuleExports(target.object);
  if (onExports && !target.computed && target.property.type === 'Identifier') found.set(target.property.name, assignment.right);
}
