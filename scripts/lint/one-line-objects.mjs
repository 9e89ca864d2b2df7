/**
 * A local rule for the project's own code: an object literal written on one line that is longer than
 * a reader takes in at a glance is broken up, one property a line. Short ones stay inline. The fix
 * keeps each property's text as written (nested literals are judged on their own, in a later pass).
 */
const MAX_ONE_LINE_OBJECT = 160;

/** The whitespace a line starts with. */
const indentOf = (line) => /^\s*/.exec(line)[0];

export default {
  meta: {
    type: 'layout',
    fixable: 'whitespace',
    docs: { description: 'Break up long one-line object literals' },
    schema: [],
    messages: { tooLong: 'This object literal is {{length}} characters on one line (at most {{max}}): put one property a line.' },
  },
  create(context) {
    const source = context.sourceCode;
    return {
      ObjectExpression(node) {
        if (node.loc.start.line !== node.loc.end.line || node.properties.length < 2) return;
        const length = node.range[1] - node.range[0];
        if (length <= MAX_ONE_LINE_OBJECT) return;
        // Comments inside would not survive the rewrite: report without a fix.
        const hasComments = source.getCommentsInside(node).length > 0;
        context.report({
          node,
          messageId: 'tooLong',
          data: { length: String(length), max: String(MAX_ONE_LINE_OBJECT) },
          ...(hasComments
            ? {}
            : {
                fix(fixer) {
                  const indent = indentOf(source.lines[node.loc.start.line - 1]);
                  const inner = `${indent}  `;
                  const properties = node.properties.map((property) => `${inner}${source.getText(property)},`);
                  return fixer.replaceText(node, `{\n${properties.join('\n')}\n${indent}}`);
                },
              }),
        });
      },
    };
  },
};
