/**
 * Helpers: `errorResponse(res, 'INVALID_REQUEST', 'Bad input', 403)` sends what `errorResponse`
 * sends with its parameters bound to the call's arguments. Real handlers write most errors through
 * such helpers (issue #19), whose bodies alone say nothing statically: the status and the code are
 * parameters. A helper is a function of the file's own or one the project exports and the file
 * imports by a relative path (modules.ts). Each call is evaluated as if inlined, helpers calling
 * helpers a few levels deep, and what is found is reported at the call.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { errorHandlerOf, isNextCall, responseAt, type SentResponse } from './responses.js';
import { bindParameters, Resolver, type Value } from './values.js';

// Deep enough for a handler → `sendError` → `respond`; shallow enough that no file can make it slow.
const MAX_DEPTH = 3;
// Nodes of one helper's body looked at, at most: helpers are short.
const MAX_NODES = 500;

export interface InlinedResponse {
  response: SentResponse;
  /** Reads the helper's body with its parameters bound: the response's nodes are the helper's. */
  resolver: Resolver;
}

// Several rules ask about the same call.
const cache = new WeakMap<TSESTree.CallExpression, InlinedResponse[]>();

/** The responses sent by the helper `call` calls, evaluated with its arguments; none when it calls no helper statuslint can read. */
export function inlinedResponses(resolver: Resolver, call: TSESTree.CallExpression): InlinedResponse[] {
  let found = cache.get(call);
  if (!found) {
    try {
      found = inline(resolver, call, 0);
    } catch {
      // Half-written code on a keystroke: nothing found, never a crash.
      found = [];
    }
    cache.set(call, found);
  }
  return found;
}

// Members of an object argument looked at for a known value: options objects are small.
const MAX_MEMBERS = 8;

/** A known value, or an object with a known value among its first members: `{ status: 429 }`, not `{ req, id }`. */
function tellsSomething(resolver: Resolver, value: Value): boolean {
  if (value.kind !== 'object') return value.kind !== 'unknown' && value.kind !== 'undefined';
  let looked = 0;
  for (const property of value.object.properties.values()) {
    if (looked++ >= MAX_MEMBERS) break;
    const member = resolver.valueOf(property);
    if (member.kind === 'string' || member.kind === 'number' || member.kind === 'boolean' || member.kind === 'object') return true;
  }
  return false;
}

function inline(resolver: Resolver, call: TSESTree.CallExpression, depth: number): InlinedResponse[] {
  if (depth >= MAX_DEPTH || call.arguments.length === 0) return [];
  if (call.callee.type !== 'Identifier' && call.callee.type !== 'MemberExpression') return [];
  // Only a call that passes something known can tell more than the helper's own body does.
  const passesKnown = (): boolean => call.arguments.some((argument) => argument.type !== 'SpreadElement' && tellsSomething(resolver, resolver.value(argument)));
  // Most calls name no helper (`db.find(id)`, `log(x)`), which the callee's binding tells cheaply.
  // Reading an imported module costs more than evaluating the arguments: asked last.
  if (resolver.importedFrom(call.callee) !== undefined && !passesKnown()) return [];
  // `next(err)` runs the file's error handler with the error.
  const helper = isNextCall(resolver, call) ? errorHandlerOf(resolver) : resolver.calledFunction(call.callee);
  if (!helper || !passesKnown()) return [];
  const { fn, home } = helper;
  // The caller's own bindings stay: a value passed down reads the parameters of the helper that passed it.
  const inlined = new Resolver(home.sourceCode, bindParameters(resolver, fn, call.arguments, home), resolver.inlineDepth + 1, home.origin);
  const found: InlinedResponse[] = [];
  const keys = home.sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [fn.body];
  let budget = MAX_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!node) break;
    // A function inside the helper runs at another time, if at all.
    if (node !== fn.body && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')) continue;
    if (node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'AssignmentExpression') {
      const response = responseAt(inlined, node);
      if (response) found.push({ response, resolver: inlined });
      else if (node.type === 'CallExpression') found.push(...inline(inlined, node, depth + 1));
    }
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
  return found;
}

/**
 * The listeners a rule judges every response with: `check` gets each response a node sends, directly
 * or through a helper the call evaluates as if inlined (then `call` is where to report it).
 */
export function responseListeners(resolver: Resolver, check: (response: SentResponse, resolver: Resolver, call?: TSESTree.CallExpression) => void) {
  function onResponse(node: TSESTree.Node): void {
    const response = responseAt(resolver, node);
    if (response) check(response, resolver);
    else if (node.type === 'CallExpression') for (const inlined of inlinedResponses(resolver, node)) check(inlined.response, inlined.resolver, node);
  }
  return { CallExpression: onResponse, NewExpression: onResponse, AssignmentExpression: onResponse };
}
