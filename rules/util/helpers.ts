/**
 * Helpers of the file's own: `errorResponse(res, 'INVALID_REQUEST', 'Bad input', 403)` sends what
 * `errorResponse` sends with its parameters bound to the call's arguments. Real handlers write most
 * errors through such helpers (issue #19), whose bodies alone say nothing statically: the status and
 * the code are parameters. Each call is evaluated as if inlined, helpers calling helpers a few
 * levels deep, and what is found is reported at the call.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { responseAt, type SentResponse } from './responses.js';
import { Resolver, unwrap } from './values.js';

// Deep enough for a handler → `sendError` → `respond`; shallow enough that no file can make it slow.
const MAX_DEPTH = 3;
// Nodes of one helper's body looked at, at most: helpers are short.
const MAX_NODES = 500;

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export interface InlinedResponse {
  response: SentResponse;
  /** Reads the helper's body with its parameters bound: the response's nodes are the helper's. */
  resolver: Resolver;
}

// Several rules ask about the same call.
const cache = new WeakMap<TSESTree.CallExpression, InlinedResponse[]>();

/** The responses sent by the local function `call` calls, evaluated with its arguments; none when it calls no such function. */
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

function inline(resolver: Resolver, call: TSESTree.CallExpression, depth: number): InlinedResponse[] {
  if (depth >= MAX_DEPTH || call.callee.type !== 'Identifier' || call.arguments.length === 0) return [];
  const fn = localFunction(resolver, call.callee);
  if (!fn) return [];
  // The caller's own bindings stay: a value passed down reads the parameters of the helper that passed it.
  const parameters = new Map<TSESLint.Scope.Variable, { node: TSESTree.Node; resolver: Resolver }>(resolver.parameters);
  let known = false;
  fn.params.forEach((parameter, index) => {
    const argument = call.arguments[index];
    if (parameter.type !== 'Identifier' || !argument || argument.type === 'SpreadElement') return;
    const variable = resolver.variable(parameter);
    if (!variable) return;
    parameters.set(variable, { node: argument, resolver });
    // Only a call that passes something known can tell more than the helper's own body does.
    if (resolver.value(argument).kind !== 'unknown') known = true;
  });
  if (!known) return [];
  const inlined = new Resolver(resolver.sourceCode, parameters, resolver.inlineDepth + 1);
  const found: InlinedResponse[] = [];
  const keys = resolver.sourceCode.visitorKeys;
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

/** `function f() {}` or `const f = () => …` of this file, defined once. */
function localFunction(resolver: Resolver, callee: TSESTree.Identifier): FunctionNode | undefined {
  const variable = resolver.variable(callee);
  if (!variable || variable.defs.length !== 1) return undefined;
  const definition = variable.defs[0];
  let fn: TSESTree.Node | null | undefined;
  if (definition?.type === 'FunctionName') fn = definition.node;
  else if (definition?.type === 'Variable' && definition.parent.kind === 'const' && definition.node.id.type === 'Identifier') fn = definition.node.init;
  if (!fn) return undefined;
  fn = unwrap(fn);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  return fn.generator ? undefined : fn;
}
