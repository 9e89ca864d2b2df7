/**
 * Where code sends an HTTP response, and what it sends: the status (when knowable), the body
 * expression and the headers attached to it. Understands Express, Node's `http`, Fastify, Koa,
 * Hono, the Fetch API (`Response`, Next.js `NextResponse`) and NestJS exceptions.
 *
 * The status of `res.json(body)` is whatever was set before; it is read from the call chain
 * (`res.status(404).json(...)`) or from earlier statements of the same block and the blocks around
 * it (`res.statusCode = 404; ...; res.end(...)`). A status set inside a branch makes it unknowable.
 *
 * Express middleware passes errors on with `next(err)`. When the file registers an error handler
 * (`app.use((err, req, res, next) => …)`), the call sends what that handler sends for the error
 * (see helpers.ts); otherwise Express and the handlers written for it send `err.status` (or
 * `err.statusCode`), so `next({ status: 404, ... })` counts as sending the object with that status.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { nestExceptionStatus } from './nest.js';
import { isHttpStatus } from './bodies.js';
import { memberName, readerOf, type Resolver, unwrap } from './values.js';

export type Framework = 'express' | 'fastify' | 'node' | 'koa' | 'hono' | 'fetch' | 'nest';

export interface HttpStatus {
  value: number;
  /** The expression that gives the status, when a suggestion may replace it. */
  node?: TSESTree.Node;
  /** No status was written: the API's default (200 for a new `Response`). */
  implicit?: boolean;
}

export interface SentResponse {
  /** Where to report when no finer node applies. */
  node: TSESTree.Node;
  framework: Framework;
  /** Undefined when the status cannot be known statically. */
  status: HttpStatus | undefined;
  /** The body's expression (`x` of `JSON.stringify(x)`), when there is one. */
  body: TSESTree.Node | undefined;
  /** Header sets attached to this response: objects, `Headers`, pair arrays or `[name]` of `set(name, value)`. */
  headers: HeaderSource[];
  /** Headers were set in a way that cannot be read (a variable name, a branch). */
  headersOpaque: boolean;
  /** Where a status may be written when the response relies on the default one. */
  statusSlot?: { after: TSESTree.Node } | { object: TSESTree.ObjectExpression };
  /** Earlier statements not yet read for headers: only retry-after needs them, and rarely. */
  unreadSiblings?: { anchor: TSESTree.Node; receiver: TSESTree.Node };
}

export type HeaderSource = { kind: 'name'; node: TSESTree.Node } | { kind: 'set'; node: TSESTree.Node };

const SENDERS = new Set(['json', 'send', 'end', 'sendStatus']);
const STATUS_METHODS = new Set(['status', 'code']);
const HEADER_METHODS = new Set(['set', 'header', 'setHeader', 'append', 'headers', 'setHeaders']);
const FETCH_CLASSES = new Set(['Response', 'NextResponse']);
// Express's name for the function that passes control, and errors, to the next middleware.
const NEXT = 'next';
// The fields of an error Express reads its status from, in the order it reads them.
const ERROR_STATUS_FIELDS = ['status', 'statusCode'];

/** The response sent by this node, if it sends one. Cheap to call on every call, `new` and assignment. */
export function responseAt(given: Resolver, node: TSESTree.Node): SentResponse | undefined {
  // Most calls in a file send nothing: turn them away before touching any cache.
  if (!mightSend(node)) return undefined;
  // A rule may ask about a node of an imported helper with the resolver of the file it lints.
  const resolver = readerOf(given, node);
  // Several rules ask about the same node: the file's resolver remembers the answer.
  const cache = resolver.memo as Map<TSESTree.Node, SentResponse | null>;
  let cached = cache.get(node);
  if (cached === undefined) {
    try {
      cached = recognize(resolver, node) ?? null;
    } catch {
      // A shape we did not foresee is no reason to stop linting the file.
      cached = null;
    }
    cache.set(node, cached);
  }
  return cached ?? undefined;
}

function mightSend(node: TSESTree.Node): boolean {
  if (node.type === 'CallExpression') {
    const callee = node.callee;
    if (callee.type === 'Identifier') return callee.name === NEXT && node.arguments.length === 1;
    if (callee.type !== 'MemberExpression') return false;
    const property = callee.property;
    return !callee.computed && property.type === 'Identifier' ? SENDERS.has(property.name) : callee.computed;
  }
  if (node.type === 'NewExpression') return node.callee.type === 'Identifier' && (FETCH_CLASSES.has(node.callee.name) || node.callee.name.endsWith('Exception'));
  if (node.type === 'AssignmentExpression') {
    const left = node.left;
    return left.type === 'MemberExpression' && !left.computed && left.property.type === 'Identifier' && left.property.name === 'body';
  }
  return false;
}

function recognize(resolver: Resolver, node: TSESTree.Node): SentResponse | undefined {
  if (node.type === 'CallExpression') return fromCall(resolver, node);
  if (node.type === 'NewExpression') return fromNew(resolver, node);
  if (node.type === 'AssignmentExpression') return fromKoaBody(resolver, node);
  return undefined;
}

function argument(node: TSESTree.CallExpression | TSESTree.NewExpression, index: number): TSESTree.Expression | undefined {
  const value = node.arguments[index];
  return value && value.type !== 'SpreadElement' ? value : undefined;
}

function fromCall(resolver: Resolver, call: TSESTree.CallExpression): SentResponse | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return fromNext(resolver, call);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = memberName(callee);
  if (name === undefined || !SENDERS.has(name)) return undefined;
  const target = unwrap(callee.object);

  // Response.json(body, init), NextResponse.json(body, init)
  if (name === 'json' && target.type === 'Identifier' && FETCH_CLASSES.has(target.name)) {
    return fromInit(resolver, call, 'fetch', argument(call, 0), argument(call, 1), call.arguments.length > 1);
  }
  // Hono: c.json(body, status, headers) or c.json(body, init)
  if (name === 'json' && call.arguments.length >= 2) {
    const second = argument(call, 1);
    if (!second) return undefined;
    const secondValue = resolver.value(second);
    if (secondValue.kind === 'object') return fromInit(resolver, call, 'hono', argument(call, 0), second, true);
    const third = argument(call, 2);
    return {
      node: call,
      framework: 'hono',
      status: statusFrom(resolver, second),
      body: argument(call, 0),
      headers: third ? [{ kind: 'set', node: third }] : [],
      headersOpaque: call.arguments.length > 2 && !third,
    };
  }

  const facts: ChainFacts = { status: undefined, headers: [], headersOpaque: false };
  const root = readChain(resolver, target, facts);

  if (name === 'sendStatus') {
    const status = statusFrom(resolver, argument(call, 0));
    return {
      node: call,
      framework: 'express',
      status,
      body: undefined,
      headers: facts.headers,
      headersOpaque: facts.headersOpaque,
      unreadSiblings: { anchor: call, receiver: root },
    };
  }

  const first = argument(call, 0);
  let body: TSESTree.Node | undefined;
  if (name === 'end') {
    body = resolver.jsonArgument(first);
  } else {
    if (!first) return undefined;
    body = resolver.jsonArgument(first) ?? first;
  }
  // The status set in the chain is the one sent; only without one do earlier statements matter,
  // and not for a body nothing can be known about (`res.json(pod)`): no rule would use the status.
  const opaqueBody = body !== undefined && resolver.value(body).kind === 'unknown';
  const siblingStatus = facts.status === undefined && !opaqueBody ? readSiblings(resolver, call, resolver.text(root), facts, true) : undefined;
  const status = facts.status ?? (siblingStatus === 'ambiguous' ? undefined : siblingStatus);
  // `stream.end()` is no response; `res.end()` after a status is one.
  if (name === 'end' && !body && !status && siblingStatus !== 'ambiguous' && !facts.sawStatusWrite) return undefined;
  const framework: Framework = facts.framework ?? (name === 'end' ? 'node' : 'express');
  return {
    node: call,
    framework,
    status,
    body,
    headers: facts.headers,
    headersOpaque: facts.headersOpaque,
    ...(facts.status !== undefined ? { unreadSiblings: { anchor: call, receiver: root } } : {}),
  };
}

/**
 * Express: `next({ status: 404, ... })` in a middleware whose parameter `next` is, in a file that
 * registers no error handler. The handler elsewhere chooses the body's fields, so the headers sent
 * are unknowable; the status and the error's own fields are what the code states.
 */
function fromNext(resolver: Resolver, call: TSESTree.CallExpression): SentResponse | undefined {
  if (!isNextCall(resolver, call) || errorHandlerOf(resolver)) return undefined;
  const error = argument(call, 0);
  const object = error ? resolver.object(error) : undefined;
  if (!object) return undefined;
  for (const key of ERROR_STATUS_FIELDS) {
    const property = object.properties.get(key);
    if (!property) continue;
    const value = resolver.valueOf(property);
    if (value.kind !== 'number' || !isHttpStatus(value.value) || value.value < 400) return undefined;
    const written = property.node && !property.inherited && property.property?.parent === unwrap(error as TSESTree.Node);
    return { node: call, framework: 'express', status: { value: value.value, ...(written ? { node: property.node } : {}) }, body: error, headers: [], headersOpaque: true };
  }
  return undefined;
}

/** `next(x)` with the `next` a middleware is given. */
export function isNextCall(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return callee.type === 'Identifier' && callee.name === NEXT && call.arguments.length === 1 && resolver.variable(callee)?.defs[0]?.type === 'Parameter';
}

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
export interface ErrorHandler {
  fn: FunctionNode;
  home: Resolver;
}

const errorHandlers = new WeakMap<object, ErrorHandler | null>();

/**
 * The Express error handler the file registers at top level, `app.use((err, req, res, next) => …)`
 * or `app.use(errorHandler)` of the file or imported: the first, which Express calls first.
 */
export function errorHandlerOf(resolver: Resolver): ErrorHandler | undefined {
  const program = resolver.sourceCode.ast;
  let handler = errorHandlers.get(program);
  if (handler === undefined) {
    handler = null;
    for (const statement of program.body) {
      const call = statement.type === 'ExpressionStatement' ? unwrap(statement.expression) : undefined;
      if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || memberName(call.callee) !== 'use') continue;
      for (const given of call.arguments) {
        const found = given.type === 'ArrowFunctionExpression' || given.type === 'FunctionExpression' ? { fn: given, home: resolver } : resolver.calledFunction(given);
        // Express tells an error handler from other middleware by its four parameters.
        if (found?.fn.params.length === 4) handler = found;
        if (handler) break;
      }
      if (handler) break;
    }
    errorHandlers.set(program, handler);
  }
  return handler ?? undefined;
}

/** `Response.json(body, init)`, `new Response(text, init)`, `c.json(body, init)`. */
function fromInit(
  resolver: Resolver,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  framework: Framework,
  body: TSESTree.Node | undefined,
  init: TSESTree.Node | undefined,
  initWritten: boolean,
): SentResponse {
  if (!init) {
    const last = node.arguments[node.arguments.length - 1];
    return {
      node,
      framework,
      status: initWritten ? undefined : { value: 200, implicit: true },
      body,
      headers: [],
      headersOpaque: initWritten,
      ...(!initWritten && last && node.arguments.length === 1 ? { statusSlot: { after: last } } : {}),
    };
  }
  const object = resolver.object(init);
  if (!object) return { node, framework, status: undefined, body, headers: [], headersOpaque: true };
  const statusProperty = object.properties.get('status');
  const headersProperty = object.properties.get('headers');
  let status: HttpStatus | undefined;
  if (statusProperty) {
    const value = resolver.valueOf(statusProperty);
    if (value.kind === 'number' && isHttpStatus(value.value)) {
      status = { value: value.value, ...(statusProperty.node && !statusProperty.inherited ? { node: statusProperty.node } : {}) };
    }
  } else if (object.complete) {
    status = { value: 200, implicit: true };
  }
  const initLiteral = unwrap(init);
  return {
    node,
    framework,
    status,
    body,
    ...(status?.implicit && initLiteral.type === 'ObjectExpression' ? { statusSlot: { object: initLiteral } } : {}),
    headers: headersProperty?.node ? [{ kind: 'set', node: headersProperty.node }] : [],
    headersOpaque: (!!headersProperty && !headersProperty.node) || (!headersProperty && !object.complete),
  };
}

function fromNew(resolver: Resolver, node: TSESTree.NewExpression): SentResponse | undefined {
  const callee = node.callee;
  if (callee.type !== 'Identifier') return undefined;
  if (FETCH_CLASSES.has(callee.name)) {
    const first = argument(node, 0);
    const body = resolver.jsonArgument(first) ?? (first && resolver.value(first).kind === 'object' ? first : undefined);
    return fromInit(resolver, node, 'fetch', body, argument(node, 1), node.arguments.length > 1);
  }
  if (callee.name === 'HttpException') {
    const body = argument(node, 0);
    return { node, framework: 'nest', status: statusFrom(resolver, argument(node, 1)), body, headers: [], headersOpaque: false };
  }
  if (callee.name.endsWith('Exception')) {
    const imported = resolver.importSource(callee);
    const value = imported?.source === '@nestjs/common' ? nestExceptionStatus(imported.imported) : undefined;
    if (value === undefined) return undefined;
    const first = argument(node, 0);
    const body = first && resolver.value(first).kind === 'object' ? first : undefined;
    return { node, framework: 'nest', status: { value }, body, headers: [], headersOpaque: false };
  }
  return undefined;
}

/** Koa: `ctx.body = body`, its status set before or after it in the same block. */
function fromKoaBody(resolver: Resolver, node: TSESTree.AssignmentExpression): SentResponse | undefined {
  if (node.operator !== '=' || node.left.type !== 'MemberExpression' || memberName(node.left) !== 'body') return undefined;
  const receiverNode = unwrap(node.left.object);
  if (receiverNode.type !== 'Identifier' && receiverNode.type !== 'MemberExpression' && receiverNode.type !== 'ThisExpression') return undefined;
  const facts: ChainFacts = { status: undefined, headers: [], headersOpaque: false };
  // A body nothing can be known about needs no status (see fromCall).
  if (resolver.value(node.right).kind === 'unknown') return { node, framework: 'koa', status: undefined, body: node.right, headers: [], headersOpaque: true };
  const receiver = resolver.text(receiverNode);
  let status = readSiblings(resolver, node, receiver, facts, true);
  if (status === undefined) status = readFollowingStatus(resolver, node, receiver);
  return {
    node,
    framework: 'koa',
    status: status === 'ambiguous' ? undefined : status,
    body: node.right,
    headers: facts.headers,
    headersOpaque: facts.headersOpaque,
  };
}

function statusFrom(resolver: Resolver, node: TSESTree.Node | undefined): HttpStatus | undefined {
  if (!node) return undefined;
  const value = resolver.number(node);
  return isHttpStatus(value) ? { value, node } : undefined;
}

interface ChainFacts {
  status: HttpStatus | undefined;
  headers: HeaderSource[];
  headersOpaque: boolean;
  framework?: Framework;
  /** A status was written in a way we could not read. */
  sawStatusWrite?: boolean;
}

/**
 * Read what a chain of calls sets on its receiver and return the receiver. Read from the send
 * inward, `res.status(404).set(h)` gives `set`, then `status`, then `res`: nearest to the send first.
 */
function readChain(resolver: Resolver, start: TSESTree.Node, facts: ChainFacts): TSESTree.Node {
  let current = start;
  for (let guard = 0; guard < 32; guard++) {
    if (current.type !== 'CallExpression' || current.callee.type !== 'MemberExpression') break;
    const name = memberName(current.callee);
    if (name === undefined) break;
    if (STATUS_METHODS.has(name) || name === 'writeHead') {
      if (facts.status === undefined) {
        facts.status = statusFrom(resolver, argument(current, 0));
        if (!facts.status) facts.sawStatusWrite = true;
        if (name === 'code') facts.framework ??= 'fastify';
        if (name === 'writeHead') facts.framework ??= 'node';
      }
      if (name === 'writeHead') addHeaderArguments(current, 1, facts);
    } else if (HEADER_METHODS.has(name)) {
      addHeaderArguments(current, 0, facts);
    }
    current = unwrap(current.callee.object);
  }
  return current;
}

function addHeaderArguments(call: TSESTree.CallExpression, from: number, facts: ChainFacts): void {
  const args = call.arguments.slice(from);
  if (args.some((a) => a.type === 'SpreadElement')) {
    facts.headersOpaque = true;
    return;
  }
  // writeHead(status, reasonPhrase, headers)
  const usable = from === 1 && args.length === 2 ? args.slice(1) : args;
  const first = usable[0];
  if (!first) return;
  if (usable.length >= 2 && from === 0) facts.headers.push({ kind: 'name', node: first });
  else facts.headers.push({ kind: 'set', node: first });
}

type StatementList = TSESTree.Node[];

function statementListOf(node: TSESTree.Node): StatementList | undefined {
  if (node.type === 'BlockStatement' || node.type === 'Program' || node.type === 'StaticBlock') return node.body;
  if (node.type === 'SwitchCase') return node.consequent;
  return undefined;
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/**
 * Walk back over the statements before `anchor`, block by block up to its function, reading what
 * was set on `receiver`. Returns the status found, `ambiguous` when a branch may have set one.
 */
function readSiblings(
  resolver: Resolver,
  anchor: TSESTree.Node,
  receiver: string,
  facts: ChainFacts,
  wantStatus: boolean,
): HttpStatus | 'ambiguous' | undefined {
  let status: HttpStatus | 'ambiguous' | undefined;
  let child: TSESTree.Node = anchor;
  for (let parent = anchor.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(parent)) break;
    const list = statementListOf(parent);
    if (!list) continue;
    const index = list.indexOf(child);
    for (let i = index - 1; i >= 0; i--) {
      const statement = list[i];
      if (!statement || !mentions(resolver, statement, receiver)) continue;
      const found = readStatement(resolver, statement, receiver, facts);
      if (wantStatus && status === undefined && found !== undefined) status = found;
    }
  }
  return wantStatus ? status : undefined;
}

/** Koa lets the status follow the body: `ctx.body = b; ctx.status = 404`. */
function readFollowingStatus(resolver: Resolver, anchor: TSESTree.Node, receiver: string): HttpStatus | 'ambiguous' | undefined {
  const statement = anchor.parent;
  const list = statement?.parent ? statementListOf(statement.parent) : undefined;
  if (!statement || !list) return undefined;
  const scratch: ChainFacts = { status: undefined, headers: [], headersOpaque: false };
  for (let i = list.indexOf(statement) + 1; i < list.length; i++) {
    const next = list[i];
    if (!next || !mentions(resolver, next, receiver)) continue;
    const found = readStatement(resolver, next, receiver, scratch);
    if (found !== undefined) return found;
  }
  return undefined;
}

function mentions(resolver: Resolver, node: TSESTree.Node, receiver: string): boolean {
  const at = resolver.sourceCode.text.indexOf(receiver, node.range[0]);
  return at !== -1 && at < node.range[1];
}

/** What one earlier statement sets on the receiver: a status, headers, or `ambiguous` from a branch. */
function readStatement(resolver: Resolver, statement: TSESTree.Node, receiver: string, facts: ChainFacts): HttpStatus | 'ambiguous' | undefined {
  if (statement.type === 'ExpressionStatement') return readExpression(resolver, statement.expression, receiver, facts);
  if (statement.type === 'VariableDeclaration' || isFunction(statement) || statement.type === 'ReturnStatement') return undefined;
  // A compound statement: anything it sets on the receiver may or may not have happened, except in
  // a branch that returns or throws (`if (!pod) { res.status(404); return res.json(...); }`).
  let status: 'ambiguous' | undefined;
  const parts = statement.type === 'IfStatement' ? [statement.test, statement.consequent, statement.alternate].filter((p) => p && !exits(p)) : [statement];
  for (const part of parts) {
    if (!part) continue;
    walk(resolver, part, (node) => {
      const scratch: ChainFacts = { status: undefined, headers: [], headersOpaque: false };
      if (readExpression(resolver, node, receiver, scratch) !== undefined || scratch.sawStatusWrite) status = 'ambiguous';
      if (scratch.headers.length > 0 || scratch.headersOpaque) facts.headersOpaque = true;
    });
  }
  return status;
}

/** A statement after which control never reaches the next one: it ends in `return` or `throw`. */
function exits(statement: TSESTree.Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body[statement.body.length - 1];
    return !!last && exits(last);
  }
  if (statement.type === 'IfStatement') return !!statement.alternate && exits(statement.consequent) && exits(statement.alternate);
  return false;
}

function readExpression(resolver: Resolver, expression: TSESTree.Node, receiver: string, facts: ChainFacts): HttpStatus | 'ambiguous' | undefined {
  const node = unwrap(expression.type === 'AwaitExpression' ? expression.argument : expression);
  if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
    const name = memberName(node.left);
    if ((name === 'statusCode' || name === 'status') && resolver.text(unwrap(node.left.object)) === receiver) {
      const status = statusFrom(resolver, node.right);
      if (!status) facts.sawStatusWrite = true;
      return status ?? 'ambiguous';
    }
    return undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const chain: ChainFacts = { status: undefined, headers: [], headersOpaque: false };
  const root = readChain(resolver, node, chain);
  if (resolver.text(root) !== receiver) return undefined;
  facts.headers.push(...chain.headers);
  if (chain.headersOpaque) facts.headersOpaque = true;
  if (chain.sawStatusWrite) facts.sawStatusWrite = true;
  return chain.status ?? (chain.sawStatusWrite ? 'ambiguous' : undefined);
}

function walk(resolver: Resolver, root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const keys = resolver.sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [root];
  let budget = 2000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node !== root && isFunction(node)) continue;
    if (node.type === 'AssignmentExpression' || node.type === 'CallExpression') visit(node);
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

/** The function a node is in (with its decorators, for NestJS `@Header()`), or the statement at top level. */
export function enclosingScopeNode(node: TSESTree.Node): TSESTree.Node {
  let last: TSESTree.Node = node;
  for (let current = node.parent; current; last = current, current = current.parent) {
    if (isFunction(current)) {
      const owner = current.parent;
      return owner && (owner.type === 'MethodDefinition' || owner.type === 'Property') ? owner : current;
    }
    if (current.type === 'Program') return last;
  }
  return last;
}

/** Whether a `Retry-After` header is attached to the response: `present`, `absent`, or `unknown` when headers cannot be read. */
export function retryAfterHeader(resolver: Resolver, response: SentResponse): 'present' | 'absent' | 'unknown' {
  const pending = response.unreadSiblings;
  if (pending) {
    const facts: ChainFacts = { status: undefined, headers: response.headers, headersOpaque: response.headersOpaque };
    readSiblings(resolver, pending.anchor, resolver.text(pending.receiver), facts, false);
    response.headersOpaque = facts.headersOpaque;
    delete response.unreadSiblings;
  }
  let unknown = response.headersOpaque;
  for (const source of response.headers) {
    const found = source.kind === 'name' ? headerName(resolver, source.node) : headerSet(resolver, source.node, 0);
    if (found === 'present') return 'present';
    if (found === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'absent';
}

const isRetryAfter = (name: string): boolean => name.toLowerCase() === 'retry-after';

function headerName(resolver: Resolver, node: TSESTree.Node): 'present' | 'absent' | 'unknown' {
  const name = resolver.string(node);
  if (name === undefined) return 'unknown';
  return isRetryAfter(name) ? 'present' : 'absent';
}

function headerSet(resolver: Resolver, node: TSESTree.Node, depth: number): 'present' | 'absent' | 'unknown' {
  const inner = unwrap(node);
  if (depth > 3) return 'unknown';
  // new Headers(init)
  if (inner.type === 'NewExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'Headers') {
    const init = argument(inner, 0);
    return init ? headerSet(resolver, init, depth + 1) : 'absent';
  }
  // [['Retry-After', '30'], ...]
  if (inner.type === 'ArrayExpression') {
    let unknown = false;
    for (const pair of inner.elements) {
      if (pair?.type !== 'ArrayExpression' || !pair.elements[0] || pair.elements[0].type === 'SpreadElement') {
        unknown = true;
        continue;
      }
      const found = headerName(resolver, pair.elements[0]);
      if (found === 'present') return 'present';
      if (found === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'absent';
  }
  const object = resolver.object(inner);
  if (!object) return 'unknown';
  for (const key of object.properties.keys()) if (isRetryAfter(key)) return 'present';
  return object.complete ? 'absent' : 'unknown';
}
