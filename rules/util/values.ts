/**
 * Static evaluation: what a source expression is known to be, without running it.
 *
 * Values resolve through literals, template literals, `const` bindings (and `let`/`var` never
 * reassigned), `as const` objects, TypeScript enums, object spreads of such constants, `Object.freeze`,
 * small local factory functions and the status constants of well-known packages (`HttpStatus`,
 * `StatusCodes`, `http.STATUS_CODES`: status-constants.ts); with type information, single literal types too. Anything else
 * is `unknown`, and rules stay silent about unknown values rather than guess.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type FileOrigin, type ProjectModule, readModule } from './modules.js';
import { type Constant, type ConstantTable, knownExport } from './status-constants.js';

export type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** A member a whole object literal does not have: `err.status` of `{ message }`. */
  | { kind: 'undefined' }
  | { kind: 'object'; object: ObjectValue }
  | { kind: 'unknown' };

export interface Property {
  key: string;
  /** The value's expression; absent for getters and for values read from types. */
  node?: TSESTree.Node;
  /** The property as written, to report on and to fix; absent for values read from types. */
  property?: TSESTree.Property;
  /** Taken from a spread: written elsewhere and maybe shared, so never edited from here. */
  inherited: boolean;
  /** The value read from type information, when there is no expression. */
  typed?: () => Value;
  /** The resolver that read the object, when its parameters are bound (a helper's body, see helpers.ts): its values are read there. */
  owner?: Resolver;
}

export interface ObjectValue {
  properties: ReadonlyMap<string, Property>;
  /** False when a spread, a computed key or a type left keys unknown: "missing" cannot be judged. */
  complete: boolean;
  /** The object literal, when the object is written as one. */
  node?: TSESTree.ObjectExpression;
  /** What the body helpers found out about this object, kept for the next rule that asks (see bodies.ts). */
  fields?: Map<string, unknown>;
  shapes?: { status?: boolean; problem?: boolean };
}

const inheritedCopies = new WeakMap<Property, Property>();

/** The same property seen through a spread; one copy however many objects spread it. */
function inheritedCopy(property: Property): Property {
  let copy = inheritedCopies.get(property);
  if (!copy) inheritedCopies.set(property, (copy = { ...property, inherited: true }));
  return copy;
}

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;
type Checker = ReturnType<NonNullable<NonNullable<SourceCode['parserServices']>['program']>['getTypeChecker']>;
type TsType = ReturnType<Checker['getTypeAtLocation']>;

const UNKNOWN: Value = { kind: 'unknown' };
const ABSENT: Value = { kind: 'undefined' };
// Deep enough for `details.causes[0].reason` through a few constants; shallow enough for any input.
const MAX_DEPTH = 24;
// Factories calling factories: a few calls deep, never endless.
const MAX_INLINE_DEPTH = 3;

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** Strip what changes types but not values: `as const`, `satisfies`, `!`, `<T>x`, `a?.b`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The name of a property key written as `name`, `'name'` or `0`. */
export function staticKey(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of `x.name` or `x['name']`. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return staticKey(node.property, node.computed);
}

export class Resolver {
  private readonly cache = new Map<TSESTree.Node, Value>();
  private readonly texts = new Map<TSESTree.Node, string>();
  private readonly variables = new Map<TSESTree.Identifier, Variable | undefined>();
  private depth = 0;
  private checker: Checker | null | undefined;
  /** For helpers that analyse this file once for several rules (see responses.ts). */
  readonly memo = new Map<TSESTree.Node, unknown>();

  /**
   * @param parameters A helper's parameters bound to the arguments of one call of it, each read by
   * the caller's resolver: the helper evaluated as if inlined at that call (see helpers.ts).
   */
  constructor(
    readonly sourceCode: SourceCode,
    readonly parameters?: ReadonlyMap<Variable, Binding>,
    /** How many calls deep this resolver reads: bounded, so that a function calling itself ends. */
    readonly inlineDepth = 0,
    /** The file being read, for following its relative imports (see modules.ts); absent in tests of single snippets. */
    readonly origin?: FileOrigin,
  ) {}

  value(node: TSESTree.Node): Value {
    const cached = this.cache.get(node);
    if (cached) return cached;
    const home = foreignHome(this, node);
    if (home) return home.value(node);
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    // Unknown while being computed: a constant defined through itself resolves to nothing.
    this.cache.set(node, UNKNOWN);
    this.depth += 1;
    let result: Value;
    try {
      result = this.compute(node);
      if (result.kind === 'unknown') result = this.fromType(node);
    } catch {
      // Rules run on every keystroke over half-written code: an unforeseen shape is unknown, never a crash.
      result = UNKNOWN;
    } finally {
      this.depth -= 1;
    }
    this.cache.set(node, result);
    return result;
  }

  valueOf(property: Property | undefined): Value {
    if (!property) return UNKNOWN;
    if (property.owner && property.owner !== this && property.node) return property.owner.value(property.node);
    if (property.node) return this.value(property.node);
    return property.typed?.() ?? UNKNOWN;
  }

  string(node: TSESTree.Node | undefined): string | undefined {
    if (!node) return undefined;
    const value = this.value(node);
    return value.kind === 'string' ? value.value : undefined;
  }

  number(node: TSESTree.Node | undefined): number | undefined {
    if (!node) return undefined;
    const value = this.value(node);
    return value.kind === 'number' ? value.value : undefined;
  }

  object(node: TSESTree.Node | undefined): ObjectValue | undefined {
    if (!node) return undefined;
    const value = this.value(node);
    return value.kind === 'object' ? value.object : undefined;
  }

  /** The source text of a node, remembered: receivers are compared by text. */
  text(node: TSESTree.Node): string {
    const home = foreignHome(this, node);
    if (home) return home.text(node);
    let text = this.texts.get(node);
    if (text === undefined) this.texts.set(node, (text = this.sourceCode.getText(node)));
    return text;
  }

  /** `x` in `JSON.stringify(x)`, directly or through a constant. */
  jsonArgument(node: TSESTree.Node | undefined, depth = 0): TSESTree.Node | undefined {
    if (!node || depth > 4) return undefined;
    const inner = unwrap(node);
    if (inner.type === 'CallExpression' && isMember(inner.callee, 'JSON', 'stringify')) {
      const argument = inner.arguments[0];
      return argument && argument.type !== 'SpreadElement' ? argument : undefined;
    }
    if (inner.type === 'Identifier') {
      const init = this.constantInit(inner);
      return init ? this.jsonArgument(init, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The variable an identifier refers to, shadowing included. */
  variable(identifier: TSESTree.Identifier): Variable | undefined {
    if (this.variables.has(identifier)) return this.variables.get(identifier);
    const home = foreignHome(this, identifier);
    if (home) return home.variable(identifier);
    const variable = this.findVariable(identifier);
    this.variables.set(identifier, variable);
    return variable;
  }

  private findVariable(identifier: TSESTree.Identifier): Variable | undefined {
    let scope: TSESLint.Scope.Scope | null;
    try {
      scope = this.sourceCode.getScope(identifier);
    } catch {
      return undefined;
    }
    // Walking out from the innermost scope finds the binding that shadows all others.
    for (; scope; scope = scope.upper) {
      const variable = scope.set.get(identifier.name);
      if (variable) return variable;
    }
    return undefined;
  }

  /** The module an imported identifier comes from, e.g. `@nestjs/common`. */
  importSource(identifier: TSESTree.Identifier): { source: string; imported: string } | undefined {
    const definition = this.variable(identifier)?.defs[0];
    if (definition?.type !== 'ImportBinding' || definition.parent.type !== 'ImportDeclaration') return undefined;
    const specifier = definition.node;
    const imported =
      specifier.type === 'ImportSpecifier'
        ? specifier.imported.type === 'Identifier'
          ? specifier.imported.name
          : String(specifier.imported.value)
        : specifier.type === 'ImportDefaultSpecifier'
          ? 'default'
          : '*';
    return { source: String(definition.parent.source.value), imported };
  }

  /** True when a `const` object is only a base for others (`{ ...base, reason }`): it is partial by design. */
  isSpreadBase(object: TSESTree.ObjectExpression): boolean {
    let node: TSESTree.Node = object;
    while (node.parent && (isTypeWrapper(node.parent) || isFreezeCall(node.parent))) node = node.parent;
    const declarator = node.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== node || declarator.id.type !== 'Identifier') return false;
    const variable = this.variable(declarator.id);
    return !!variable?.references.some((reference) => {
      let use: TSESTree.Node = reference.identifier;
      while (use.parent && isTypeWrapper(use.parent)) use = use.parent;
      const parent = use.parent;
      return parent?.type === 'SpreadElement' || (parent?.type === 'CallExpression' && isMember(parent.callee, 'Object', 'assign') && parent.arguments[0] !== use);
    });
  }

  private compute(node: TSESTree.Node): Value {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return { kind: 'string', value: node.value };
        if (typeof node.value === 'number') return { kind: 'number', value: node.value };
        if (typeof node.value === 'boolean') return { kind: 'boolean', value: node.value };
        if (node.value === null && !('regex' in node) && !('bigint' in node)) return { kind: 'null' };
        return UNKNOWN;
      case 'TemplateLiteral':
        return this.template(node);
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        return this.value(node.expression);
      case 'ObjectExpression':
        return { kind: 'object', object: this.objectLiteral(node) };
      case 'Identifier':
        return this.identifier(node);
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression':
        return this.call(node);
      case 'NewExpression':
        return this.construct(node);
      case 'LogicalExpression':
        return this.logical(node);
      case 'UnaryExpression':
        if (node.operator === '-') {
          const operand = this.value(node.argument);
          if (operand.kind === 'number') return { kind: 'number', value: -operand.value };
        }
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** `err.status || 500`: the left side when it is known to be kept, the right when known to be passed over. */
  private logical(node: TSESTree.LogicalExpression): Value {
    const left = this.value(node.left);
    if (left.kind === 'unknown') return UNKNOWN;
    const nullish = left.kind === 'null' || left.kind === 'undefined';
    const falsy = nullish || (left.kind === 'boolean' && !left.value) || ((left.kind === 'number' || left.kind === 'string') && !left.value);
    if (node.operator === '??') return nullish ? this.value(node.right) : left;
    if (node.operator === '||') return falsy ? this.value(node.right) : left;
    return falsy ? left : this.value(node.right);
  }

  private template(node: TSESTree.TemplateLiteral): Value {
    let text = node.quasis[0]?.value.cooked;
    if (text === undefined || text === null) return UNKNOWN;
    for (let i = 0; i < node.expressions.length; i++) {
      const expression = node.expressions[i];
      const part = expression ? this.value(expression) : UNKNOWN;
      if (part.kind !== 'string' && part.kind !== 'number') return UNKNOWN;
      const next = node.quasis[i + 1]?.value.cooked;
      if (next === undefined || next === null) return UNKNOWN;
      text += String(part.value) + next;
    }
    return { kind: 'string', value: text };
  }

  private objectLiteral(node: TSESTree.ObjectExpression): ObjectValue {
    const properties = new Map<string, Property>();
    let complete = true;
    for (const member of node.properties) {
      if (member.type === 'SpreadElement') {
        const spread = this.object(member.argument);
        // What an unknown spread holds may override any key before it: forget them rather than guess.
        if (!spread || !spread.complete) {
          properties.clear();
          complete = false;
        }
        for (const [key, property] of spread?.properties ?? []) properties.set(key, property.inherited ? property : inheritedCopy(property));
        continue;
      }
      const key = member.computed ? this.computedKey(member.key) : staticKey(member.key, false);
      if (key === undefined) {
        properties.clear();
        complete = false;
        continue;
      }
      const plain = member.kind === 'init' && !member.method;
      properties.set(key, { key, ...(plain ? { node: member.value } : {}), property: member, inherited: false, ...(this.parameters ? { owner: this } : {}) });
    }
    return { properties, complete, node };
  }

  private computedKey(key: TSESTree.Node): string | undefined {
    const value = this.value(key);
    return value.kind === 'string' || value.kind === 'number' ? String(value.value) : undefined;
  }

  private identifier(node: TSESTree.Identifier): Value {
    const variable = this.variable(node);
    if (!variable || variable.defs.length !== 1) return UNKNOWN;
    const definition = variable.defs[0];
    const bound = definition?.type === 'Parameter' ? this.parameters?.get(variable) : undefined;
    if (bound) return bound.resolver.value(bound.node);
    if (definition?.type === 'ImportBinding') {
      const imported = this.importSource(node);
      if (!imported) return UNKNOWN;
      const known = knownExport(imported.source, imported.imported);
      if (known !== undefined) return constantValue(known);
      const module = moduleValue(this, imported.source);
      if (imported.imported === '*' || module.kind !== 'object') return module;
      return this.valueOf(module.object.properties.get(imported.imported));
    }
    if (definition?.type !== 'Variable') return UNKNOWN;
    const declarator = definition.node;
    if (!declarator.init || !isConstant(variable, definition.parent)) return UNKNOWN;
    if (declarator.id.type === 'Identifier') return this.value(declarator.init);
    if (declarator.id.type === 'ObjectPattern') {
      // `const { NotFound } = Reasons`
      for (const pattern of declarator.id.properties) {
        if (pattern.type === 'Property' && pattern.value.type === 'Identifier' && pattern.value.name === variable.name) {
          const key = pattern.computed ? this.computedKey(pattern.key) : staticKey(pattern.key, false);
          const source = key === undefined ? undefined : this.object(declarator.init);
          return source && key !== undefined ? this.valueOf(source.properties.get(key)) : UNKNOWN;
        }
      }
    }
    return UNKNOWN;
  }

  /** The initializer of a constant, for following `const body = JSON.stringify(x)`. */
  private constantInit(node: TSESTree.Identifier): TSESTree.Expression | undefined {
    const variable = this.variable(node);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || definition?.type !== 'Variable' || definition.node.id.type !== 'Identifier') return undefined;
    return isConstant(variable, definition.parent) ? definition.node.init ?? undefined : undefined;
  }

  private member(node: TSESTree.MemberExpression): Value {
    const key = node.computed ? this.computedKey(node.property) : memberName(node);
    if (key === undefined) return UNKNOWN;
    const target = unwrap(node.object);
    if (target.type === 'Identifier') {
      const members = this.enumEntries(target);
      if (members) return members.find(([name]) => name === key)?.[1] ?? UNKNOWN;
    }
    const object = this.object(target);
    if (!object) return UNKNOWN;
    const property = object.properties.get(key);
    // Absent from a whole literal, and no member every object has (`constructor`): `undefined`.
    if (!property && object.complete && object.node && !(key in Object.prototype)) return ABSENT;
    return this.valueOf(property);
  }

  /** The members of the enum an identifier names, with their values; undefined when it names no enum. */
  enumEntries(identifier: TSESTree.Identifier): Array<[string, Value]> | undefined {
    const declarations = this.variable(identifier)?.defs.filter((d) => d.type === 'TSEnumName') ?? [];
    if (declarations.length === 0) return undefined;
    const entries: Array<[string, Value]> = [];
    for (const definition of declarations) {
      let next: number | undefined = 0;
      for (const member of (definition.node as TSESTree.TSEnumDeclaration).body.members) {
        const name = member.id.type === 'Identifier' ? member.id.name : String(member.id.value);
        const value: Value = member.initializer ? this.value(member.initializer) : next === undefined ? UNKNOWN : { kind: 'number', value: next };
        next = value.kind === 'number' ? value.value + 1 : undefined;
        entries.push([name, value.kind === 'string' || value.kind === 'number' ? value : UNKNOWN]);
      }
    }
    return entries;
  }

  private call(node: TSESTree.CallExpression): Value {
    const first = node.arguments[0];
    if (isMember(node.callee, 'Object', 'freeze')) return first && first.type !== 'SpreadElement' ? this.value(first) : UNKNOWN;
    // `require('http-status-codes')`, unless `require` is a binding of the file's own.
    const source = this.requireSource(node);
    if (source !== undefined) {
      const known = knownExport(source, '*');
      return known === undefined ? moduleValue(this, source) : constantValue(known);
    }
    const factory = this.factoryResult(node.callee);
    if (!factory) return UNKNOWN;
    const { fn, home, returned } = factory;
    if (node.arguments.length === 0 || this.inlineDepth >= MAX_INLINE_DEPTH) return this.value(returned);
    // Evaluated as if inlined: `problem(404, 'Not Found')` with the factory's parameters bound to the arguments.
    return new Resolver(home.sourceCode, bindParameters(this, fn, node.arguments, home), this.inlineDepth + 1, home.origin).value(returned);
  }

  /** `'./errors'` of `require('./errors')`, when `require` is Node's. */
  requireSource(node: TSESTree.Node): string | undefined {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require' || this.variable(node.callee)?.defs.length) return undefined;
    const first = node.arguments[0];
    return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined;
  }

  /**
   * What a small factory returns: `const notFound = (name) => ({ ... })`, or a function whose body is
   * declarations then one `return`, of this file or imported from the project. Called with
   * arguments, its parameters are bound to them.
   */
  private factoryResult(callee: TSESTree.Node): { fn: FunctionNode; home: Resolver; returned: TSESTree.Node } | undefined {
    const found = this.calledFunction(callee);
    if (!found || found.fn.async) return undefined;
    const { fn, home } = found;
    if (fn.body.type !== 'BlockStatement') return { fn, home, returned: fn.body };
    const statements = fn.body.body;
    const last = statements[statements.length - 1];
    if (last?.type !== 'ReturnStatement' || !last.argument) return undefined;
    return statements.slice(0, -1).every((s) => s.type === 'VariableDeclaration') ? { fn, home, returned: last.argument } : undefined;
  }

  /**
   * The function a callee names, with the resolver of its file: a function of this file defined once
   * (`function f() {}`, `const f = () => …`), or one the project exports (`import { f } from './errors'`,
   * `const { f } = require('./errors')`, `errors.f` of `import * as errors` or `require`).
   */
  calledFunction(callee: TSESTree.Node): { fn: FunctionNode; home: Resolver } | undefined {
    const found = this.definitionOf(callee, 0);
    return found ? asFunction(found.node, found.home) : undefined;
  }

  /** The class `new` names, found as `calledFunction` finds functions. */
  constructedClass(callee: TSESTree.Node): { node: TSESTree.ClassDeclaration | TSESTree.ClassExpression; home: Resolver } | undefined {
    const found = this.definitionOf(callee, 0);
    const node = found && unwrap(found.node);
    return node && (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && found ? { node, home: found.home } : undefined;
  }

  /** The expression or declaration a callee's binding is defined by, in this file or a project module. */
  private definitionOf(callee: TSESTree.Node, depth: number): { node: TSESTree.Node; home: Resolver } | undefined {
    if (depth > 2) return undefined;
    const target = unwrap(callee);
    if (target.type === 'MemberExpression') {
      const name = memberName(target);
      const object = unwrap(target.object);
      if (name === undefined || object.type !== 'Identifier') return undefined;
      return this.exported(this.moduleOf(object), name, depth);
    }
    if (target.type !== 'Identifier') return undefined;
    const variable = this.variable(target);
    if (!variable || variable.defs.length !== 1) return undefined;
    const definition = variable.defs[0];
    if (definition?.type === 'FunctionName' || definition?.type === 'ClassName') return { node: definition.node, home: this };
    if (definition?.type === 'ImportBinding') {
      const imported = this.importSource(target);
      if (!imported || imported.imported === '*') return undefined;
      return this.exported(projectModule(this, imported.source), imported.imported, depth);
    }
    if (definition?.type !== 'Variable' || !definition.node.init || !isConstant(variable, definition.parent)) return undefined;
    const init = unwrap(definition.node.init);
    const id = definition.node.id;
    if (id.type === 'Identifier') {
      // `const send = require('./send')`, `const send = require('./errors').send`
      const required = this.requireSource(init);
      if (required !== undefined) return this.exported(projectModule(this, required), 'default', depth);
      if (init.type === 'MemberExpression') {
        const name = memberName(init);
        const source = this.requireSource(unwrap(init.object));
        if (name !== undefined && source !== undefined) return this.exported(projectModule(this, source), name, depth);
      }
      return { node: init, home: this };
    }
    // `const { send } = require('./errors')`
    const source = this.requireSource(init);
    if (id.type !== 'ObjectPattern' || source === undefined) return undefined;
    for (const pattern of id.properties) {
      if (pattern.type === 'Property' && !pattern.computed && pattern.value.type === 'Identifier' && pattern.value.name === variable.name) {
        const key = staticKey(pattern.key, false);
        return key === undefined ? undefined : this.exported(projectModule(this, source), key, depth);
      }
    }
    return undefined;
  }

  /**
   * The relative specifier of the module a callee's binding comes from (`./errors` of
   * `import { f } from './errors'`, `const { f } = require('./errors')`, `errors.f`), told from the
   * binding alone: the module is not read.
   */
  importedFrom(callee: TSESTree.Node): string | undefined {
    const target = unwrap(callee);
    const identifier = target.type === 'MemberExpression' ? unwrap(target.object) : target;
    if (identifier.type !== 'Identifier') return undefined;
    const definition = this.variable(identifier)?.defs[0];
    let source: string | undefined;
    if (definition?.type === 'ImportBinding') source = this.importSource(identifier)?.source;
    else if (definition?.type === 'Variable' && definition.node.init) {
      const init = unwrap(definition.node.init);
      source = this.requireSource(init.type === 'MemberExpression' ? unwrap(init.object) : init);
    }
    return source !== undefined && (source.startsWith('./') || source.startsWith('../')) ? source : undefined;
  }

  /** The project module an identifier stands for: `import * as errors`, `import errors`, `const errors = require('./errors')`. */
  private moduleOf(identifier: TSESTree.Identifier): { module: ProjectModule; resolver: Resolver } | undefined {
    const variable = this.variable(identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type === 'ImportBinding') {
      const imported = this.importSource(identifier);
      return imported && (imported.imported === '*' || imported.imported === 'default') ? projectModule(this, imported.source) : undefined;
    }
    if (definition?.type !== 'Variable' || definition.node.id.type !== 'Identifier' || !definition.node.init || !variable || !isConstant(variable, definition.parent)) return undefined;
    const source = this.requireSource(unwrap(definition.node.init));
    return source === undefined ? undefined : projectModule(this, source);
  }

  private exported(found: { module: ProjectModule; resolver: Resolver } | undefined, name: string, depth: number): { node: TSESTree.Node; home: Resolver } | undefined {
    const node = found?.module.exports.get(name);
    if (!found || !node) return undefined;
    const inner = unwrap(node);
    // `export { send }`, `module.exports = { send }`: a binding of the module's own.
    if (inner.type === 'Identifier') return found.resolver.definitionOf(inner, depth + 1);
    return { node: inner, home: found.resolver };
  }

  /**
   * An instance of a class of the project, as its constructor leaves it: `new AppError('forbidden',
   * 'Not Admin', 401)` has the fields its constructor assigns (`this.status = status`) and its class
   * fields, and the `message` given to `Error`. Never whole: a class adds what the code cannot see.
   */
  private construct(node: TSESTree.NewExpression): Value {
    if (this.inlineDepth >= MAX_INLINE_DEPTH) return UNKNOWN;
    const found = this.constructedClass(node.callee);
    if (!found) return UNKNOWN;
    const { node: declaration, home } = found;
    const constructor = declaration.body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
    const fn = constructor?.value.type === 'FunctionExpression' ? constructor.value : undefined;
    const inside = new Resolver(home.sourceCode, fn ? bindParameters(this, fn, node.arguments, home) : new Map(this.parameters), this.inlineDepth + 1, home.origin);
    const properties = new Map<string, Property>();
    const set = (key: string | undefined, value: TSESTree.Node | null | undefined): void => {
      if (key !== undefined && value) properties.set(key, { key, node: value, inherited: true, owner: inside });
    };
    for (const member of declaration.body.body) {
      if (member.type === 'PropertyDefinition' && !member.static && !member.computed) set(staticKey(member.key, false), member.value);
    }
    for (const statement of fn?.body.body ?? []) {
      if (statement.type !== 'ExpressionStatement') continue;
      const expression = statement.expression;
      // `super(message)` of a class extending `Error`.
      if (expression.type === 'CallExpression' && expression.callee.type === 'Super' && declaration.superClass?.type === 'Identifier' && declaration.superClass.name === 'Error') {
        const message = expression.arguments[0];
        if (message && message.type !== 'SpreadElement') set('message', message);
      }
      if (expression.type === 'AssignmentExpression' && expression.operator === '=' && expression.left.type === 'MemberExpression' && expression.left.object.type === 'ThisExpression') {
        set(memberName(expression.left), expression.right);
      }
    }
    return properties.size > 0 ? { kind: 'object', object: { properties, complete: false } } : UNKNOWN;
  }

  private fromType(node: TSESTree.Node): Value {
    if (node.type !== 'Identifier' && node.type !== 'MemberExpression' && node.type !== 'CallExpression') return UNKNOWN;
    const services = this.sourceCode.parserServices;
    if (this.checker === undefined) this.checker = services?.program?.getTypeChecker() ?? null;
    const map = services?.esTreeNodeToTSNodeMap;
    if (!this.checker || !map) return UNKNOWN;
    try {
      const tsNode = map.get(node);
      return tsNode ? typeValue(this.checker, this.checker.getTypeAtLocation(tsNode), tsNode, 0) : UNKNOWN;
    } catch {
      return UNKNOWN;
    }
  }
}

function typeValue(checker: Checker, type: TsType, at: Parameters<Checker['getTypeAtLocation']>[0], depth: number): Value {
  if (type.isStringLiteral()) return { kind: 'string', value: type.value };
  if (type.isNumberLiteral()) return { kind: 'number', value: type.value };
  if (depth > 3) return UNKNOWN;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return UNKNOWN;
  const symbols = type.getProperties();
  // Only anonymous object types (`__object` for literals, `__type` for type literals): class
  // instances and library interfaces are not response bodies.
  const name = type.getSymbol()?.getName();
  if (symbols.length === 0 || symbols.length > 64 || (name !== '__object' && name !== '__type')) return UNKNOWN;
  const properties = new Map<string, Property>();
  for (const symbol of symbols) {
    let memo: Value | undefined;
    properties.set(symbol.name, {
      key: symbol.name,
      inherited: true,
      typed: () => (memo ??= typeValue(checker, checker.getTypeOfSymbolAtLocation(symbol, at), at, depth + 1)),
    });
  }
  // Optional and index-signature members make "missing" unknowable.
  return { kind: 'object', object: { properties, complete: false } };
}

const constantTables = new WeakMap<ConstantTable, Value>();

/**
 * A package's constant as a value. A table is an incomplete object, so that no rule takes it for a
 * body it could judge whole; each is built once, however many files read it.
 */
function constantValue(constant: Constant | undefined): Value {
  if (constant === undefined) return UNKNOWN;
  if (typeof constant === 'number') return { kind: 'number', value: constant };
  if (typeof constant === 'string') return { kind: 'string', value: constant };
  let value = constantTables.get(constant);
  if (!value) {
    const properties = new Map<string, Property>();
    for (const [key, member] of constant) properties.set(key, { key, inherited: true, typed: () => constantValue(member) });
    constantTables.set(constant, (value = { kind: 'object', object: { properties, complete: false } }));
  }
  return value;
}

/** A function that runs when called and returns once: not a generator. */
function asFunction(node: TSESTree.Node, home: Resolver): { fn: FunctionNode; home: Resolver } | undefined {
  const fn = unwrap(node);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  return fn.generator ? undefined : { fn, home };
}

function isConstant(variable: Variable, declaration: TSESTree.Node): boolean {
  if (declaration.type !== 'VariableDeclaration') return false;
  if (declaration.kind === 'const') return true;
  if (declaration.kind === 'await using' || declaration.kind === 'using') return false;
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

export function isMember(node: TSESTree.Node, object: string, property: string): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === object &&
    memberName(node) === property
  );
}

function isTypeWrapper(node: TSESTree.Node): boolean {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSTypeAssertion' || node.type === 'TSNonNullExpression';
}

function isFreezeCall(node: TSESTree.Node): boolean {
  return node.type === 'CallExpression' && isMember(node.callee, 'Object', 'freeze');
}

const resolvers = new WeakMap<object, Resolver>();

/** One resolver per file, shared by every statuslint rule linting it. */
export function resolverFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Resolver {
  const sourceCode = context.sourceCode;
  let resolver = resolvers.get(sourceCode);
  if (!resolver) {
    const origin: FileOrigin = { path: context.physicalFilename, root: context.cwd, languageOptions: context.languageOptions as FileOrigin['languageOptions'] };
    resolvers.set(sourceCode, (resolver = new Resolver(sourceCode, undefined, 0, origin)));
  }
  return resolver;
}

/** A parameter bound to what one call passes for it, read by the resolver that reads that call. */
export interface Binding {
  node: TSESTree.Node;
  resolver: Resolver;
}

const moduleResolvers = new WeakMap<ProjectModule, Resolver>();

/**
 * The project module a relative specifier names, read from the file `from` reads (see modules.ts),
 * with the resolver that reads it.
 */
export function projectModule(from: Resolver, specifier: string): { module: ProjectModule; resolver: Resolver } | undefined {
  const module = readModule(from.origin, specifier);
  if (!module) return undefined;
  let resolver = moduleResolvers.get(module);
  if (!resolver) {
    moduleResolvers.set(module, (resolver = new Resolver(module.sourceCode, undefined, 0, module.origin)));
    adoptNodes(resolver);
  }
  return { module, resolver };
}

/** What a project module exports, as an object whose members its own resolver reads (`require('./errors')`). */
function moduleValue(from: Resolver, specifier: string): Value {
  const found = projectModule(from, specifier);
  if (!found) return UNKNOWN;
  const properties = new Map<string, Property>();
  for (const [key, node] of found.module.exports) properties.set(key, { key, node, inherited: true, owner: found.resolver });
  return { kind: 'object', object: { properties, complete: false } };
}

// The nodes of files read for their exports (modules.ts), each with its file's resolver: a rule
// may hand such a node to the resolver of the file it lints, which must not read it in the wrong file.
const homes = new WeakMap<TSESTree.Node, Resolver>();

/** Registers every node of a file read for its exports with that file's resolver. */
export function adoptNodes(resolver: Resolver): void {
  const keys = resolver.sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [resolver.sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    homes.set(node, resolver);
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** The resolver to read a node with: `resolver`, or the resolver of the project module the node belongs to. */
export function readerOf(resolver: Resolver, node: TSESTree.Node): Resolver {
  return foreignHome(resolver, node) ?? resolver;
}

/** The resolver of the file a node belongs to, when that is not the file `resolver` reads. */
function foreignHome(resolver: Resolver, node: TSESTree.Node): Resolver | undefined {
  const home = homes.get(node);
  return home && home.sourceCode !== resolver.sourceCode ? home : undefined;
}

/**
 * A function's parameters bound to a call's arguments: plain names (`status`), names with a
 * default (`status = 500`) and destructured options (`{ status = 500 }`, as in `send(res, body, { status: 429 })`).
 * `caller` reads the arguments; `callee` reads defaults, in the function's own file.
 */
export function bindParameters(
  caller: Resolver,
  fn: FunctionNode,
  args: readonly TSESTree.CallExpressionArgument[],
  callee: Resolver,
): Map<Variable, Binding> {
  const parameters = new Map<Variable, Binding>(caller.parameters);
  for (let index = 0; index < fn.params.length; index++) {
    const argument = args[index];
    if (args.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) break;
    bindPattern(caller, callee, fn.params[index] as TSESTree.Parameter, argument && argument.type !== 'SpreadElement' ? { node: argument, resolver: caller } : undefined, parameters);
  }
  return parameters;
}

function bindPattern(caller: Resolver, callee: Resolver, pattern: TSESTree.Node, given: Binding | undefined, into: Map<Variable, Binding>): void {
  if (pattern.type === 'TSParameterProperty') {
    bindPattern(caller, callee, pattern.parameter, given, into);
  } else if (pattern.type === 'Identifier') {
    const variable = callee.variable(pattern);
    if (variable && given) into.set(variable, given);
  } else if (pattern.type === 'AssignmentPattern') {
    // The default applies when nothing, or `undefined`, is passed.
    const passed = given && !(given.node.type === 'Identifier' && given.node.name === 'undefined') ? given : undefined;
    bindPattern(caller, callee, pattern.left, passed ?? { node: pattern.right, resolver: callee }, into);
  } else if (pattern.type === 'ObjectPattern') {
    const object = given ? given.resolver.object(given.node) : undefined;
    for (const member of pattern.properties) {
      if (member.type !== 'Property') continue;
      const key = member.computed ? undefined : staticKey(member.key, false);
      const property = key === undefined ? undefined : object?.properties.get(key);
      const inner: Binding | undefined =
        property?.node && given ? { node: property.node, resolver: property.owner ?? given.resolver } : undefined;
      // A key the object is known not to have takes the default; an unknown object binds nothing.
      if (inner || (object?.complete && property === undefined)) bindPattern(caller, callee, member.value, inner, into);
    }
  }
}
