/**
 * Edits for fixes and suggestions, written in the code's own terms: the same quote style, and
 * `Reasons.NotFound` rather than `'NotFound'` when the value came from such a constant.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SentResponse } from './responses.js';
import { memberName, type Property, type Resolver, unwrap } from './values.js';

export type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** A property this file may edit: written in the object itself, with a value expression. */
export function editable(property: Property | undefined): property is Property & { node: TSESTree.Node; property: TSESTree.Property } {
  return !!property && !property.inherited && !!property.node && !!property.property;
}

/** Source text for `value`, matching how `original` was written. */
export function valueText(resolver: Resolver, original: TSESTree.Node, value: string | number): string {
  const node = unwrap(original);
  const viaMember = node.type === 'MemberExpression' ? memberAlternative(resolver, node, value) : undefined;
  if (viaMember) return viaMember;
  if (typeof value === 'number') return String(value);
  return quote(value, quoteOf(resolver, original));
}

export function quote(value: string, mark: string): string {
  if (mark === '`') return `\`${value.replace(/[`\\$]/g, (c) => `\\${c}`)}\``;
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(mark, 'g'), `\\${mark}`);
  return `${mark}${escaped}${mark}`;
}

/** The quote used by the literal, or by the nearest string literal of its object, else a single quote. */
export function quoteOf(resolver: Resolver, node: TSESTree.Node): string {
  const own = quoteMark(resolver, node);
  if (own) return own;
  const object = node.parent?.type === 'Property' ? node.parent.parent : node.parent;
  if (object?.type === 'ObjectExpression') {
    for (const member of object.properties) {
      const mark = member.type === 'Property' ? quoteMark(resolver, member.value) : undefined;
      if (mark) return mark;
    }
  }
  return "'";
}

function quoteMark(resolver: Resolver, node: TSESTree.Node): string | undefined {
  if (node.type === 'TemplateLiteral') return '`';
  if (node.type === 'Literal' && typeof node.value === 'string') {
    const first = resolver.text(node)[0];
    return first === '"' || first === "'" ? first : undefined;
  }
  return undefined;
}

/** `Reasons.AlreadyExists` → `Reasons.NotFound` when `Reasons` has such a member; `HttpStatus.X` and `StatusCodes.X` likewise. */
function memberAlternative(resolver: Resolver, node: TSESTree.MemberExpression, value: string | number): string | undefined {
  const target = unwrap(node.object);
  const prefix = resolver.text(node.object);
  if (target.type === 'Identifier') {
    const members = resolver.enumEntries(target);
    if (members) {
      const match = members.find(([, v]) => (v.kind === 'string' || v.kind === 'number') && v.value === value);
      return match ? `${prefix}.${match[0]}` : undefined;
    }
  }
  const object = resolver.object(target);
  if (!object || memberName(node) === undefined) return undefined;
  for (const [key, property] of object.properties) {
    const candidate = resolver.valueOf(property);
    if ((candidate.kind === 'string' || candidate.kind === 'number') && candidate.value === value) {
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}.${key}` : `${prefix}[${quote(key, "'")}]`;
    }
  }
  return undefined;
}

/** Replace a property's value; a shorthand `{ reason }` becomes `{ reason: 'NotFound' }`. */
export function replaceValue(resolver: Resolver, fixer: Fixer, property: Property & { node: TSESTree.Node; property: TSESTree.Property }, value: string | number): Fix {
  const text = valueText(resolver, property.node, value);
  if (property.property.shorthand) return fixer.replaceText(property.property, `${property.key}: ${text}`);
  return fixer.replaceText(property.node, text);
}

/** Add `key: value` right after `after`, on its own line when the object is laid out one property per line. */
export function insertPropertyAfter(resolver: Resolver, fixer: Fixer, after: TSESTree.Node, text: string): Fix {
  const object = after.parent;
  const sourceCode = resolver.sourceCode;
  if (object?.type === 'ObjectExpression' && object.loc.start.line !== object.loc.end.line && after.loc.start.line !== object.loc.start.line) {
    const line = sourceCode.lines[after.loc.start.line - 1] ?? '';
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    return fixer.insertTextAfter(after, `,\n${indent}${text}`);
  }
  return fixer.insertTextAfter(after, `, ${text}`);
}

/** Add a property at the start of an object literal. */
export function insertPropertyFirst(resolver: Resolver, fixer: Fixer, object: TSESTree.ObjectExpression, text: string): Fix {
  const first = object.properties[0];
  if (!first) return fixer.replaceText(object, `{ ${text} }`);
  const multiline = object.loc.start.line !== first.loc.start.line;
  if (multiline) {
    const indent = /^\s*/.exec(resolver.sourceCode.lines[first.loc.start.line - 1] ?? '')?.[0] ?? '';
    return fixer.insertTextBefore(first, `${text},\n${indent}`);
  }
  return fixer.insertTextBefore(first, `${text}, `);
}

/** A fix that makes the response send `value` instead, when the code says where its status is. */
export function statusEdit(resolver: Resolver, response: SentResponse, value: number): ((fixer: Fixer) => Fix) | undefined {
  const status = response.status;
  if (!status) return undefined;
  const node = status.node;
  if (node) {
    const parent = node.parent;
    if (parent?.type === 'Property' && parent.shorthand) return (fixer) => fixer.replaceText(parent, `${resolver.text(parent.key)}: ${value}`);
    return (fixer) => fixer.replaceText(node, valueText(resolver, node, value));
  }
  const slot = response.statusSlot;
  if (!status.implicit || !slot) return undefined;
  if ('after' in slot) return (fixer) => fixer.insertTextAfter(slot.after, `, { status: ${value} }`);
  return (fixer) => insertPropertyFirst(resolver, fixer, slot.object, `status: ${value}`);
}

/**
 * A property written in the very object literal a response sends. A suggestion may edit it there;
 * a constant shared by several handlers is left alone.
 */
export function editableInBody(property: Property | undefined, body: TSESTree.Node | undefined): property is Property & { node: TSESTree.Node; property: TSESTree.Property } {
  return editable(property) && !!body && property.property.parent === unwrap(body);
}
