import { styleText } from 'node:util';
import { countFindings, findingsOfItem } from '../results.js';
import { compareDirect, formatRate, summarize, summarizeProbes, verdictOf } from '../summary.js';
import { defineReporter } from './reporter.js';

type Style = Parameters<typeof styleText>[0];

export default defineReporter({
  name: 'stylish',
  extension: 'txt',
  description: 'readable terminal output (colour on a terminal, none with NO_COLOR)',
  render(results, { color }) {
    // `color` already says whether the destination takes colour; styleText must not second-guess it from stdout.
    const paint = (style: Style, text: string): string => (color ? styleText(style, text, { validateStream: false }) : text);
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
        // Where the document says it (spec), as ESLint's stylish puts line:column first.
        const position = finding.line !== undefined ? `${paint('dim', `${finding.line}:${finding.column ?? 1}`)}  ` : '';
        lines.push(`  ${position}${level}  ${paint('dim', finding.pointer || '/')}  ${finding.message}  ${paint('dim', finding.checkId)}`);
        if (finding.hint) lines.push(`          ${paint('dim', `hint: ${finding.hint}`)}`);
      }
      lines.push('');
    }
    if (results.command === 'probe') {
      const rows = summarizeProbes(results);
      const width = Math.max(...rows.map((r) => r.probeId.length), 5);
      lines.push(paint('bold', `${'probe'.padEnd(width)}  ran  MUST fail  SHOULD fail  errors`));
      for (const row of rows) {
        const must = row.failed.MUST > 0 ? paint('red', String(row.failed.MUST).padStart(9)) : String(row.failed.MUST).padStart(9);
        const should = row.failed.SHOULD > 0 ? paint('yellow', String(row.failed.SHOULD).padStart(11)) : String(row.failed.SHOULD).padStart(11);
        lines.push(`${row.probeId.padEnd(width)}  ${String(row.ran).padStart(3)}  ${must}  ${should}  ${String(row.errors).padStart(6)}`);
      }
      lines.push('');
      const comparison = compareDirect(results);
      if (comparison.length > 0) {
        lines.push(paint('bold', `aggregated vs direct (${results.direct?.server ?? ''})`));
        const cell = (side?: { status?: number; failed: string[] }): string => (side ? `${side.status ?? 'error'} ${side.failed.length > 0 ? side.failed.join(',') : 'ok'}` : '-');
        const probeWidth = Math.max(...comparison.map((r) => `${r.probeId} ${r.resource}`.length));
        const aggWidth = Math.max(10, ...comparison.map((r) => cell(r.aggregator).length));
        lines.push(paint('bold', `${'probe'.padEnd(probeWidth)}  ${'aggregator'.padEnd(aggWidth)}  direct`));
        for (const row of comparison) {
          const differs = cell(row.aggregator) !== cell(row.direct);
          const line = `${`${row.probeId} ${row.resource}`.padEnd(probeWidth)}  ${cell(row.aggregator).padEnd(aggWidth)}  ${cell(row.direct)}`;
          lines.push(differs ? paint('yellow', line) : line);
        }
        lines.push('');
      }
      if (results.target) lines.push(`target ${results.target.server}${results.target.version ? ` (${results.target.version})` : ''}${results.target.context ? `, context ${results.target.context}` : ''}`);
      const aggregated = results.discovery?.groupVersions.filter((g) => g.aggregated) ?? [];
      if (aggregated.length > 0) lines.push(`aggregated API servers: ${aggregated.map((g) => `${g.groupVersion} (${g.service})`).join(', ')}`);
      if (results.api) {
        lines.push(`openapi ${results.api.document} (${results.api.operations} operation${results.api.operations === 1 ? '' : 's'})`);
        const notRun = results.api.notRun ?? [];
        if (notRun.length > 0) lines.push(paint('dim', `not run: ${notRun.length} probe${notRun.length === 1 ? '' : 's'} (${[...new Set(notRun.map((n) => n.probeId))].join(', ')}) that need --allow-writes, against a test instance`));
      }
      if (results.interrupted) lines.push(paint('yellow', 'interrupted: only the probes that ran are reported'));
      const { levels } = summarize(results);
      lines.push(`checks passed: MUST ${formatRate(levels.MUST)} (${levels.MUST.passed}/${levels.MUST.passed + levels.MUST.failed}), SHOULD ${formatRate(levels.SHOULD)} (${levels.SHOULD.passed}/${levels.SHOULD.passed + levels.SHOULD.failed})`);
      const verdict = verdictOf(results);
      lines.push(verdict.conformant ? paint('green', '✔ conformant') : paint('red', '✖ not conformant'), paint('dim', verdict.rule));
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
