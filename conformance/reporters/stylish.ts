import { styleText } from 'node:util';
import { countFindings, findingsOfItem } from '../results.js';
import { defineReporter } from './reporter.js';

type Style = Parameters<typeof styleText>[0];

export default defineReporter({
  name: 'stylish',
  extension: 'txt',
  render(results, { color }) {
    const paint = (style: Style, text: string): string => (color ? styleText(style, text) : text);
    const lines: string[] = [];
    let failingItems = 0;
    for (const item of results.items) {
      const findings = findingsOfItem(item);
      if (findings.length === 0 && !item.error) continue;
      failingItems++;
      lines.push(paint('underline', [item.location, item.title].filter(Boolean).join('  ')));
      if (item.error) lines.push(`  ${paint('red', 'error')}  ${item.error}`);
      for (const finding of findings) {
        const level = finding.level === 'MUST' ? paint('red', 'MUST  ') : paint('yellow', 'SHOULD');
        lines.push(`  ${level}  ${paint('dim', finding.pointer || '/')}  ${finding.message}  ${paint('dim', finding.checkId)}`);
        if (finding.hint) lines.push(`          ${paint('dim', `hint: ${finding.hint}`)}`);
      }
      lines.push('');
    }
    const counts = countFindings(results);
    const total = counts.MUST + counts.SHOULD;
    const checked = `${results.items.length} response${results.items.length === 1 ? '' : 's'}`;
    if (total === 0 && failingItems === 0) {
      lines.push(paint('green', `✔ no problems in ${checked} (profile ${results.profile})`));
    } else {
      lines.push(
        paint(
          counts.MUST > 0 ? 'red' : 'yellow',
          `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.MUST} MUST, ${counts.SHOULD} SHOULD) in ${failingItems} of ${checked} (profile ${results.profile})`,
        ),
      );
    }
    return `${lines.join('\n')}\n`;
  },
});
