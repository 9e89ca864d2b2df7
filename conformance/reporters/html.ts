import { RECOVERY_MEANING } from '../../schemas/types.js';
import type { Finding } from '../findings.js';
import { findingsOfItem, type ResultItem, type Results } from '../results.js';
import {
  adviceFor,
  type CheckSummaryRow,
  type ComplianceSummary,
  compareDirect,
  formatRate,
  type GroupSummaryRow,
  type ItemOutcome,
  notRunByReason,
  outcomeOf,
  passRate,
  reasonResourceMatrix,
  summarize,
  type Tally,
} from '../summary.js';
import { visible } from '../untrusted.js';
import { diagnosticNotes } from '../diagnostics.js';
import { policyNotes, policySummary, type SuppressedGroup } from '../policy/summary.js';
import { curlCommand } from '../curl.js';
import { describeRun, errorLabel, interruptedScope, escapeHtml as esc, escapeHtmlLines, formatDuration, formatTime, plural, prettyBody } from './format.js';
import { defineReporter } from './reporter.js';
import { digestOf } from '../run-digest.js';

/**
 * One self-contained HTML file: no request leaves the page (a Content-Security-Policy forbids any),
 * styles and the little script are inline, charts are SVG drawn here. It reads top-down: the verdict
 * with its rule, pass-rate charts per check and per group-version, the reason × resource matrix, then
 * every response with findings, each expandable to its findings, the catalog's recovery advice, the
 * request and the response. It works without its script (details are native) and prints expanded.
 */

/**
 * A self-contained page's head: a Content-Security-Policy that lets it load nothing (inline style,
 * and inline script only for a page that has some), so a report opened from a CI artifact cannot reach out.
 */
export function pageHead({ title, version, css, scripts }: { title: string; version: string; css: string; scripts: boolean }): string {
  const policy = `default-src 'none'; style-src 'unsafe-inline'${scripts ? "; script-src 'unsafe-inline'; img-src data:" : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="generator" content="statuslint ${esc(version)}">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}

export const CSS = `
:root { color-scheme: light; --pass: #1a7f37; --must: #cf222e; --should: #b35900; --error: #8250df; --skip: #d0d7de;
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 0 24px 48px; }
code, pre { font-family: var(--mono); font-size: 12.5px; }
code { background: var(--soft); border: 1px solid #e6eaef; border-radius: 4px; padding: 0 4px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; margin: 4px 0 0; }
h2 { font-size: 19px; margin: 36px 0 4px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 4px; }
.lead { color: var(--muted); margin: 4px 0 12px; }
.banner { display: grid; grid-template-columns: auto 1fr; gap: 8px 20px; align-items: center; padding: 26px 32px 22px; color: #fff; }
.banner.fail { background: linear-gradient(120deg, #a40e26, #cf222e); }
.banner.pass { background: linear-gradient(120deg, #116329, #1a7f37); }
.mark { font-size: 52px; line-height: 1; width: 72px; height: 72px; display: grid; place-items: center; border-radius: 50%; background: rgba(255,255,255,.16); }
.banner h1 { margin: 0; font-size: 30px; letter-spacing: -.01em; }
.eyebrow { margin: 0 0 2px; text-transform: uppercase; font-size: 12px; letter-spacing: .08em; opacity: .85; }
.rule { margin: 6px 0 0; max-width: 820px; opacity: .95; }
.kpis { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; margin: 14px 0 0; }
.kpis div { background: rgba(255,255,255,.14); border-radius: 8px; padding: 10px 14px; }
.kpis dt { font-size: 12px; opacity: .9; }
.kpis dd { margin: 0; font-size: 24px; font-weight: 650; }
.kpis small { display: block; font-size: 13px; font-weight: 500; opacity: .9; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 26px; padding: 12px 32px; background: var(--soft); border-bottom: 1px solid var(--line); color: var(--muted); }
.facts b { color: var(--ink); font-weight: 600; }
nav.toc { margin: 16px 0 0; display: flex; gap: 18px; flex-wrap: wrap; }
nav.toc a { color: #0969da; text-decoration: none; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg.chart text.num { fill: var(--muted); }
svg.chart text.mono { font-family: var(--mono); font-size: 11.5px; }
.legend { display: flex; gap: 16px; color: var(--muted); font-size: 12px; margin: 4px 0 8px; flex-wrap: wrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.bg-pass { background: var(--pass); } .bg-must { background: var(--must); } .bg-should { background: var(--should); } .bg-error { background: var(--error); } .bg-skip { background: var(--skip); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #fff; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.matrix-wrap { overflow: auto; max-height: 640px; border: 1px solid var(--line); border-radius: 8px; }
table.matrix { width: auto; }
table.matrix th, table.matrix td { border: 1px solid #eef1f4; text-align: center; padding: 4px 5px; }
table.matrix thead th { position: sticky; top: 0; z-index: 1; background: #fff; vertical-align: bottom; font-size: 11.5px; line-height: 1.25; min-width: 54px; max-width: 92px; }
table.matrix th.res { text-align: left; position: sticky; left: 0; background: #fff; z-index: 1; font-weight: 500; color: var(--ink); font-size: 13px; }
table.matrix th small, .muted { color: var(--muted); font-weight: 400; }
td.cell a, td.cell span { display: block; min-width: 40px; border-radius: 4px; font-weight: 700; text-decoration: none; color: #fff; line-height: 24px; }
td.cell.pass span { background: #dafbe1; color: var(--pass); }
td.cell.must a { background: var(--must); } td.cell.should a { background: var(--should); } td.cell.error a { background: var(--error); }
td.cell.none { color: #c4cbd3; }
.tag { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px; padding: 0 7px; line-height: 18px; border: 1px solid; vertical-align: 1px; }
.tag.agg { color: #0969da; border-color: #b6d5f5; background: #eef6ff; }
.tag.direct { color: #6639ba; border-color: #d8c7f5; background: #f6f1ff; }
.badge { display: inline-block; min-width: 58px; text-align: center; font-size: 11px; font-weight: 700; letter-spacing: .03em; border-radius: 4px; padding: 1px 6px; color: #fff; }
.badge.must { background: var(--must); } .badge.should { background: var(--should); } .badge.error { background: var(--error); } .badge.pass { background: var(--pass); }
.toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 10px 0 12px; }
.toolbar button { font: inherit; font-size: 13px; border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.toolbar .spacer { flex: 1; }
details.item { border: 1px solid var(--line); border-left: 5px solid var(--should); border-radius: 8px; margin: 8px 0; background: #fff; }
details.item.must { border-left-color: var(--must); } details.item.error { border-left-color: var(--error); }
details.item > summary { cursor: pointer; padding: 10px 14px 10px 34px; display: block; list-style: none; position: relative; }
details.item > summary::-webkit-details-marker { display: none; }
details.item > summary::before { content: "▸"; color: var(--muted); position: absolute; left: 14px; top: 10px; }
details.item[open] > summary::before { content: "▾"; }
summary .badge { margin-right: 8px; }
details.item[open] > summary { border-bottom: 1px solid var(--line); background: var(--soft); border-radius: 8px 8px 0 0; }
summary .title { font-weight: 600; }
summary .meta { display: block; color: var(--muted); font-size: 12.5px; margin-top: 3px; }
summary .counts { float: right; white-space: nowrap; margin-left: 12px; }
.item-body { padding: 6px 18px 16px; }
ol.findings { list-style: none; padding: 0; margin: 8px 0; }
ol.findings li { border-bottom: 1px dashed var(--line); padding: 8px 0; }
ol.findings li:last-child { border-bottom: 0; }
.f-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.f-head .check { font-weight: 600; }
.msg { margin: 4px 0; }
.er { margin: 4px 0; font-size: 13px; color: var(--muted); }
.er code { color: var(--ink); }
.hint { margin: 4px 0; color: #1a4d2e; }
.hint::before { content: "Fix: "; font-weight: 600; }
.advice { background: #f0f7ff; border: 1px solid #c8e1ff; border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.advice h4 { margin-top: 0; color: #0550ae; text-transform: none; letter-spacing: 0; font-size: 13px; }
.advice p { margin: 4px 0; }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.note { color: var(--should); font-size: 12.5px; margin: 4px 0 0; }
.hidden-by-filter { display: none; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--line); padding-top: 12px; }
@media (max-width: 860px) { .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } .exchange { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  .toolbar, nav.toc { display: none; }
  .matrix-wrap { max-height: none; overflow: visible; border: 0; }
  table.matrix thead th, table.matrix th.res { position: static; }
  pre { max-height: none; overflow: visible; }
  .advice, ol.findings li, details.item > summary, svg.chart, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .hidden-by-filter { display: block; }
}
`;

/** Filters, expand/collapse, open the response a link points at, and print everything expanded. */
const SCRIPT = `
(function () {
  'use strict';
  var items = Array.prototype.slice.call(document.querySelectorAll('details.item'));
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === 'DETAILS') { target.classList.remove('hidden-by-filter'); target.open = true; target.scrollIntoView({ block: 'start' }); }
  }
  document.querySelectorAll('[data-filter]').forEach(function (button) {
    button.addEventListener('click', function () {
      var filter = button.getAttribute('data-filter');
      document.querySelectorAll('[data-filter]').forEach(function (b) { b.setAttribute('aria-pressed', String(b === button)); });
      items.forEach(function (item) { item.classList.toggle('hidden-by-filter', filter !== 'all' && !item.classList.contains(filter)); });
    });
  });
  document.querySelectorAll('[data-expand]').forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-expand') === 'open';
      items.forEach(function (item) { if (!item.classList.contains('hidden-by-filter')) item.open = open; });
    });
  });
  var openBeforePrint = [];
  window.addEventListener('beforeprint', function () { openBeforePrint = items.map(function (item) { return item.open; }); items.forEach(function (item) { item.open = true; }); });
  window.addEventListener('afterprint', function () { items.forEach(function (item, i) { item.open = openBeforePrint[i] === true; }); });
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
`;

/** Text with `code spans` as <code>, the way every finding message writes them. */
export const rich = (text: string): string =>
  esc(text)
    .split('`')
    .map((part, i, parts) => (i % 2 === 1 && i < parts.length - 1 ? `<code>${part}</code>` : i % 2 === 1 ? `\`${part}` : part))
    .join('');

const LEVEL_CLASS: Record<ItemOutcome, string> = { must: 'must', should: 'should', error: 'error', pass: 'pass' };
const OUTCOME_LABEL: Record<ItemOutcome, string> = { must: 'MUST', should: 'SHOULD', error: 'NO ANSWER', pass: 'PASS' };

function anchorIds(results: Results): Map<ResultItem, string> {
  const ids = new Map<ResultItem, string>();
  const used = new Set<string>();
  for (const item of results.items) {
    const base = `r-${item.id.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(item, id);
  }
  return ids;
}

function rateText(tally: Tally): string {
  return passRate(tally) === undefined ? 'none ran' : `${formatRate(tally)} <small>${tally.passed} of ${tally.passed + tally.failed}</small>`;
}

function banner(results: Results, summary: ComplianceSummary): string {
  const { verdict } = summary;
  const ok = verdict.verdict === 'conformant';
  const findings = summary.findings.MUST + summary.findings.SHOULD;
  const why = verdict.why ? `<p class="rule"><strong>Why:</strong> ${esc(verdict.why)}</p>` : '';
  return `<header class="banner ${ok ? 'pass' : 'fail'}" role="banner">
  <div class="mark" aria-hidden="true">${ok ? '✔' : verdict.verdict === 'nothing-checked' ? '∅' : '✖'}</div>
  <div>
    <p class="eyebrow">statuslint ${esc(results.command)} · compliance report</p>
    <h1 id="verdict">${esc(verdict.label.charAt(0).toUpperCase() + verdict.label.slice(1))}</h1>
    ${why}<p class="rule"><strong>Verdict rule:</strong> ${esc(summary.verdict.rule)}</p>
  </div>
  <dl class="kpis">
    <div><dt>MUST checks passed</dt><dd>${rateText(summary.levels.MUST)}</dd></div>
    <div><dt>SHOULD checks passed</dt><dd>${rateText(summary.levels.SHOULD)}</dd></div>
    <div><dt>Responses with findings</dt><dd>${summary.failedResponses} <small>of ${summary.responses}</small></dd></div>
    <div><dt>Findings</dt><dd>${findings} <small>${summary.findings.MUST} MUST · ${summary.findings.SHOULD} SHOULD${summary.errors > 0 ? ` · ${summary.errors} ${results.command === 'probe' ? 'without answer' : 'not judged'}` : ''}</small></dd></div>
  </dl>
</header>`;
}

function facts(results: Results, summary: ComplianceSummary): string {
  const parts: string[] = [];
  parts.push(`<span>${results.command === 'probe' ? 'Target' : 'Input'} <b>${esc(describeRun(results))}</b></span>`);
  if (results.target?.context) parts.push(`<span>Context <b>${esc(results.target.context)}</b></span>`);
  if (results.direct) parts.push(`<span>Direct <b>${esc(results.direct.server)}</b></span>`);
  parts.push(`<span>Profile <b>${esc(results.profile)}</b></span>`);
  parts.push(`<span>Started <b>${esc(formatTime(results.startedAt))}</b></span>`);
  parts.push(`<span>Took <b>${esc(formatDuration(summary.durationMs))}</b></span>`);
  parts.push(`<span>statuslint <b>${esc(results.tool.version)}</b></span>`);
  if (results.discovery) {
    const gvs = results.discovery.groupVersions;
    const aggregated = gvs.filter((g) => g.aggregated);
    parts.push(
      `<span>Discovered <b>${plural(gvs.length, 'group-version')}</b>, <b>${plural(gvs.reduce((n, g) => n + g.resources, 0), 'resource')}</b>${aggregated.length > 0 ? `, <b>${aggregated.length}</b> from aggregated API servers` : ''}</span>`,
    );
  }
  if (results.api) {
    parts.push(`<span>OpenAPI <b>${esc(results.api.document)}</b>, <b>${plural(results.api.operations, 'operation')}</b></span>`);
  }
  for (const group of notRunByReason(results)) parts.push(`<span><b>${plural(group.count, 'probe')}</b> not run (${esc(group.probeIds.join(', '))}): ${esc(group.reason)}</span>`);
  if (results.interrupted) parts.push(`<span><b>Interrupted:</b> only ${esc(interruptedScope(results))} are reported</span>`);
  for (const note of [...diagnosticNotes(results), ...policyNotes(results)]) parts.push(note.failing ? `<span><b>✖ ${esc(note.text)}</b></span>` : `<span>${esc(note.text)}</span>`);
  if (results.throwawayNamespace) {
    const ns = results.throwawayNamespace;
    parts.push(`<span>Throwaway namespace <b>${esc(ns.name)}</b> ${ns.deleted ? 'deleted' : `<b>not deleted</b>${ns.note ? ` (${esc(ns.note)})` : ''}`}</span>`);
  }
  return `<div class="facts">${parts.join('\n')}</div>`;
}

const CHART_WIDTH = 960;
const ROW = 26;

/** One horizontal bar: passed, then failed, of the checks that ran; the width is the pass rate. */
function bar(x: number, y: number, width: number, height: number, tally: Tally, failClass: 'must' | 'should', label: string): string {
  const ran = tally.passed + tally.failed;
  if (ran === 0) return `<rect class="bar-none" x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="#eef1f4"><title>${esc(label)}: no check ran</title></rect>`;
  // A single failure among thousands still shows.
  const passWidth = Math.min(Math.round(((width * tally.passed) / ran) * 10) / 10, tally.failed > 0 ? width - 3 : width);
  const title = `<title>${esc(label)}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped</title>`;
  return (
    `<g>${title}<rect class="bar-track" x="${x}" y="${y}" width="${width}" height="${height}" rx="3" fill="#eef1f4"/>` +
    (tally.passed > 0 ? `<rect class="bar-pass" x="${x}" y="${y}" width="${passWidth}" height="${height}" rx="3" fill="#1a7f37"/>` : '') +
    (tally.failed > 0 ? `<rect class="bar-fail bar-${failClass}" x="${x + passWidth}" y="${y}" width="${Math.round((width - passWidth) * 10) / 10}" height="${height}" rx="3" fill="${failClass === 'must' ? '#cf222e' : '#b35900'}"/>` : '') +
    `</g>`
  );
}

function checkChart(rows: readonly CheckSummaryRow[]): string {
  const labelWidth = 250;
  const barWidth = 470;
  const height = rows.length * ROW + 8;
  const body = rows
    .map((row, i) => {
      const y = i * ROW + 4;
      const tally = { passed: row.passed, failed: row.failed, skipped: row.skipped };
      const level = row.level === 'MUST' ? 'must' : 'should';
      const counts = passRate(tally) === undefined ? `applied to no response (${row.skipped} skipped)` : `${formatRate(tally)}  ·  ${row.passed} ✓  ${row.failed} ✗  ${row.skipped} skipped`;
      return (
        `<text class="mono" x="0" y="${y + 15}">${esc(row.checkId)}</text>` +
        `<text class="num" x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${row.level}</text>` +
        bar(labelWidth, y + 3, barWidth, ROW - 10, tally, level, row.checkId) +
        `<text class="num" x="${labelWidth + barWidth + 12}" y="${y + 15}">${esc(counts)}</text>`
      );
    })
    .join('\n');
  return `<svg id="check-chart" class="chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Pass rate per check">${body}</svg>`;
}

function groupChart(rows: readonly GroupSummaryRow[]): string {
  const labelWidth = 300;
  const barWidth = 330;
  const pairHeight = 2 * ROW - 6;
  const height = rows.length * pairHeight + 8;
  const body = rows
    .map((row, i) => {
      const y = i * pairHeight + 4;
      const label = `${row.label}${row.aggregated ? '  (aggregated)' : ''}`;
      if (row.responses === 0) {
        const why = row.error ? `not read: ${row.error}` : 'not probed: no probe applies to its resources';
        return `<text class="mono" x="0" y="${y + 20}">${esc(label)}</text><text class="num" x="${labelWidth}" y="${y + 20}">${esc(why.length > 90 ? `${why.slice(0, 89)}…` : why)}</text>`;
      }
      const line = (level: 'MUST' | 'SHOULD', offset: number): string => {
        const tally = row.levels[level];
        const text = passRate(tally) === undefined ? 'none ran' : `${formatRate(tally)}  ·  ${tally.passed} ✓  ${tally.failed} ✗`;
        return (
          `<text class="num" x="${labelWidth - 8}" y="${y + offset + 13}" text-anchor="end">${level}</text>` +
          bar(labelWidth, y + offset + 3, barWidth, 13, tally, level === 'MUST' ? 'must' : 'should', `${row.label} ${level}`) +
          `<text class="num" x="${labelWidth + barWidth + 12}" y="${y + offset + 13}">${esc(text)}</text>`
        );
      };
      return `<text class="${row.kind === 'group-version' || row.kind === 'file' || row.kind === 'path' || row.kind === 'document' ? 'mono' : ''}" x="0" y="${y + 20}">${esc(label.length > 40 ? `${label.slice(0, 39)}…` : label)}</text>${line('MUST', 0)}${line('SHOULD', 19)}`;
    })
    .join('\n');
  return `<svg id="group-chart" class="chart" viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="Pass rate per group-version">${body}</svg>`;
}

function matrixSection(results: Results, anchors: Map<ResultItem, string>): string {
  const matrix = reasonResourceMatrix(results);
  if (matrix.rows.length === 0) return '';
  const head = matrix.columns.map((c) => `<th scope="col">${esc(c.label).replace(/([a-z])([A-Z])/g, '$1<wbr>$2')}${c.status !== undefined && c.kind !== 'status' ? `<br><small>${c.status}</small>` : ''}</th>`).join('');
  const body = matrix.rows
    .map((row) => {
      const tags = `${row.aggregated ? ' <span class="tag agg">aggregated</span>' : ''}${row.via === 'direct' ? ' <span class="tag direct">direct</span>' : ''}`;
      const cells = matrix.columns
        .map((column) => {
          const cell = row.cells.get(column.key);
          if (!cell) return '<td class="cell none" title="not probed">·</td>';
          // Line breaks of the tooltip are the reporter's own, written as references; the model's parts are one line each.
          const title = [`${row.label} · ${column.label}`, ...cell.items.map((i) => `${i.probeId}: ${OUTCOME_LABEL[outcomeOf(i)].toLowerCase()}`)].map(esc).join('&#10;');
          if (cell.outcome === 'pass') return `<td class="cell pass" title="${title}"><span>✓</span></td>`;
          const first = cell.items.find((i) => outcomeOf(i) === cell.outcome) ?? cell.items[0]!;
          const symbol = cell.outcome === 'must' ? '✖' : cell.outcome === 'error' ? '?' : '▲';
          return `<td class="cell ${cell.outcome}" title="${title}"><a href="#${esc(anchors.get(first)!)}">${symbol}</a></td>`;
        })
        .join('');
      // The group-version is written under the name: `deployments`, not `deployments.apps`.
      const group = row.groupVersion?.includes('/') ? row.groupVersion.slice(0, row.groupVersion.indexOf('/')) : '';
      const name = group && row.label.endsWith(`.${group}`) ? row.label.slice(0, -group.length - 1) : row.label;
      return `<tr><th scope="row" class="res">${esc(name)}${tags}<br><small>${esc(row.groupVersion ?? 'whole server')}</small></th>${cells}</tr>`;
    })
    .join('\n');
  return `<section id="matrix">
<h2>Reasons × resources</h2>
<p class="lead">Each probe asks a resource for one error; a column is the reason the conventions give that error. A cell shows the worst of the resource's answers: <span class="swatch bg-pass"></span>as the conventions say, <span class="swatch bg-should"></span>▲ a SHOULD finding, <span class="swatch bg-must"></span>✖ a MUST finding, <span class="swatch bg-error"></span>? no answer. Select a cell to open the response.</p>
<div class="matrix-wrap"><table class="matrix"><thead><tr><th class="res" scope="col">Resource</th>${head}</tr></thead><tbody>
${body}
</tbody></table></div>
</section>`;
}

function findingHtml(finding: Finding, titles: ReadonlyMap<string, string>): string {
  const level = finding.level === 'MUST' ? 'must' : 'should';
  const er =
    finding.expected !== undefined || finding.received !== undefined
      ? `<p class="er">${[finding.expected !== undefined ? `expected <code>${esc(finding.expected)}</code>` : '', finding.received !== undefined ? `received <code>${esc(finding.received)}</code>` : ''].filter(Boolean).join(' · ')}</p>`
      : '';
  return `<li class="finding ${level}">
  <div class="f-head"><span class="badge ${level}">${finding.level}</span><code class="check">${esc(finding.checkId)}</code><span class="muted">${rich(titles.get(finding.checkId) ?? '')}</span><span class="muted">at <code>${esc(finding.pointer === '' ? '(body)' : finding.pointer)}</code></span></div>
  <p class="msg">${rich(finding.message)}</p>${er}${finding.hint ? `\n  <p class="hint">${rich(finding.hint)}</p>` : ''}
</li>`;
}

/** One line per header: a name or value cannot add lines of its own. */
function headersText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${visible(name)}: ${visible(value)}`)
    .join('\n');
}

function exchangeHtml(item: ResultItem, results: Results): string {
  const request = item.request
    ? `<div><h4>Request</h4><pre>${escapeHtmlLines(`${visible(item.request.method)} ${visible(item.request.path)}\n${headersText(item.request.headers)}${item.request.body !== undefined ? `\n\n${prettyBody(item.request.body)}` : ''}`)}</pre>${item.request.truncated ? '<p class="note">The request body was cut when recorded.</p>' : ''}</div>`
    : '<div><h4>Request</h4><p class="muted">Not recorded: the response was read from a file.</p></div>';
  const response = item.response
    ? `<div><h4>Response · HTTP ${item.response.status}</h4><pre>${escapeHtmlLines(`${headersText(item.response.headers)}${item.response.body !== undefined && item.response.body !== '' ? `\n\n${prettyBody(item.response.body)}` : ''}`)}</pre>${item.response.truncated ? `<p class="note">The body was cut when recorded${item.response.bodyBytes ? ` (${item.response.bodyBytes} bytes in all)` : ''}.</p>` : ''}</div>`
    : `<div><h4>Response</h4><p class="muted">${esc(item.error ?? 'none')}</p></div>`;
  return `<div class="exchange">${request}${response}</div>${reproduceHtml(item, results)}`;
}

/** The request again as a `curl` command, to copy (probe results only). */
function reproduceHtml(item: ResultItem, results: Results): string {
  const curl = curlCommand(results, item);
  if (!curl) return '';
  const command = 'command' in curl ? `<pre class="curl"><code>${esc(curl.command)}</code></pre>` : '';
  return `<div class="reproduce"><h4>Reproduce</h4>${command}${curl.note ? `<p class="note">${esc(curl.note)}</p>` : ''}</div>`;
}

function adviceHtml(item: ResultItem, results: Results): string {
  const advice = adviceFor(item, results);
  if (!advice) return '';
  const { entry } = advice;
  const status = entry.httpStatus !== null && !advice.code.startsWith('HTTP') ? ` · HTTP ${entry.httpStatus}` : '';
  return `<aside class="advice"><h4>Catalog: ${esc(advice.code === '' ? '(empty reason)' : advice.code)}${status} · recovery <code>${esc(entry.recovery)}</code></h4>
  <p><strong>${esc(entry.title)}.</strong> ${rich(entry.description)}</p>
  <p><strong>What a client does:</strong> ${rich(entry.advice)} <span class="muted">${rich(RECOVERY_MEANING[entry.recovery] ?? '')}</span></p>
</aside>`;
}

function itemHtml(item: ResultItem, results: Results, id: string, titles: ReadonlyMap<string, string>): string {
  const outcome = outcomeOf(item);
  const findings = findingsOfItem(item);
  const must = findings.filter((f) => f.level === 'MUST').length;
  const should = findings.length - must;
  const counts = item.error ? errorLabel(item) : [must > 0 ? `${must} MUST` : '', should > 0 ? `${should} SHOULD` : ''].filter(Boolean).join(' · ');
  const tags = `${item.aggregated ? ' <span class="tag agg">aggregated</span>' : ''}${item.via === 'direct' ? ' <span class="tag direct">direct</span>' : ''}`;
  const status = item.response ? ` · HTTP ${item.response.status}` : '';
  return `<details class="item ${LEVEL_CLASS[outcome]}" id="${esc(id)}">
<summary><span class="counts muted">${counts}</span><span class="badge ${LEVEL_CLASS[outcome]}">${outcome === 'error' ? errorLabel(item).toUpperCase() : OUTCOME_LABEL[outcome]}</span><span class="title">${esc(item.title)}</span>${tags}
<span class="meta"><code>${esc(item.location)}</code>${status}${item.groupVersion ? ` · ${esc(item.groupVersion)}` : ''}${item.probeId ? ` · probe <code>${esc(item.probeId)}</code>` : ''}</span></summary>
<div class="item-body">
${item.error ? `<p class="msg"><span class="badge error">${errorLabel(item).toUpperCase()}</span> ${esc(item.error)}</p>` : ''}
<ol class="findings">
${findings.map((f) => findingHtml(f, titles)).join('\n')}
</ol>
${adviceHtml(item, results)}
${exchangeHtml(item, results)}
</div>
</details>`;
}


/**
 * Responses listed one by one, of those with findings and of those without: a run of a million
 * responses would make a page of hundreds of megabytes that no browser opens. The most severe come
 * first, the counts cover every response, and the rest are named as left out (`--format json` has them).
 */
export const LISTED_RESPONSES = 1000;

const leftOut = (count: number, what: string): string =>
  count > 0 ? `<p class="note">${plural(count, 'more response')} ${what} not listed here, to keep this page small enough to open: \`--format json\` has every response.</p>` : '';

/** The failures section in pieces, one per response: a large run has hundreds of thousands. */
function* failuresSection(results: Results, anchors: Map<ResultItem, string>, titles: ReadonlyMap<string, string>): Generator<string> {
  // The digest keeps the first responses of each outcome: the most severe first, in the order met, as a stable sort of them all gives.
  const digest = digestOf(results);
  const failing = [...digest.kept.error, ...digest.kept.must, ...digest.kept.should];
  const failingCount = digest.outcomes.error + digest.outcomes.must + digest.outcomes.should;
  const passing = digest.kept.pass;
  const passingCount = digest.outcomes.pass;
  const counts = { must: digest.outcomes.must, should: digest.outcomes.should, error: digest.outcomes.error };
  function* passingList(): Generator<string> {
    if (passingCount === 0) return;
    yield `<details class="passing"><summary>${plural(passingCount, 'response')} without findings</summary><table><thead><tr><th>Response</th><th>Request</th><th class="n">Status</th></tr></thead><tbody>`;
    const listed = Math.min(passing.length, LISTED_RESPONSES);
    for (let i = 0; i < listed; i++) {
      const item = passing[i]!;
      yield `<tr id="${esc(anchors.get(item)!)}"><td>${esc(item.title)}</td><td><code>${esc(item.location)}</code></td><td class="n">${item.response?.status ?? ''}</td></tr>`;
    }
    yield `</tbody></table>${leftOut(passingCount - listed, 'without findings are')}</details>`;
  }
  if (failingCount === 0) {
    yield '<section id="failures"><h2>Failures</h2><p class="lead">No response has a finding.</p>';
    yield* passingList();
    yield '</section>';
    return;
  }
  yield `<section id="failures">
<h2>Failures <span class="muted">(${plural(failingCount, 'response')})</span></h2>
<p class="lead">Most severe first. Open one to see its findings, what the catalog advises, and the request and response as recorded (credentials redacted).</p>
<div class="toolbar" role="toolbar">
  <button type="button" data-filter="all" aria-pressed="true">All ${failingCount}</button>
  <button type="button" data-filter="must" aria-pressed="false">MUST ${counts.must}</button>
  <button type="button" data-filter="should" aria-pressed="false">SHOULD ${counts.should}</button>
  ${counts.error > 0 ? `<button type="button" data-filter="error" aria-pressed="false">No answer ${counts.error}</button>` : ''}
  <span class="spacer"></span>
  <button type="button" data-expand="open">Expand all</button>
  <button type="button" data-expand="close">Collapse all</button>
</div>
`;
  const listed = Math.min(failing.length, LISTED_RESPONSES);
  for (let i = 0; i < listed; i++) yield `${i === 0 ? '' : '\n'}${itemHtml(failing[i]!, results, anchors.get(failing[i]!)!, titles)}`;
  yield `\n${leftOut(failingCount - listed, 'with findings are')}\n`;
  yield* passingList();
  yield '\n</section>';
}

function checksTable(rows: readonly CheckSummaryRow[]): string {
  return `<table class="checks"><thead><tr><th>Check</th><th>Level</th><th class="n">Passed</th><th class="n">Failed</th><th class="n">Skipped</th><th class="n">Pass rate</th></tr></thead><tbody>
${rows
  .map(
    (row) =>
      `<tr><td><code>${esc(row.checkId)}</code> ${rich(row.title === row.checkId ? '' : row.title)}${row.description ? `<br><span class="muted">${rich(row.description)}</span>` : ''}</td><td>${row.level}</td><td class="n">${row.passed}</td><td class="n">${row.failed}</td><td class="n">${row.skipped}</td><td class="n">${formatRate({ passed: row.passed, failed: row.failed, skipped: row.skipped })}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

function groupsTable(rows: readonly GroupSummaryRow[]): string {
  const documents = rows.some((r) => r.kind === 'document');
  return `<table class="groups"><thead><tr><th>${documents ? 'Document' : rows.some((r) => r.kind === 'file') ? 'File' : rows.some((r) => r.kind === 'path') ? 'Path' : 'Group-version'}</th><th>Served by</th><th class="n">Resources</th><th class="n">${documents ? 'Operations' : 'Responses'}</th><th class="n">MUST passed</th><th class="n">SHOULD passed</th></tr></thead><tbody>
${rows
  .map((row) => {
    const aggregated = `<span class="tag agg">aggregated</span> ${row.service ? `<code>${esc(row.service)}</code>` : ''}`;
    // spec: a cluster's documents say only which an aggregated server serves.
    const servedBy = row.kind === 'group-version' ? (row.aggregated ? aggregated : 'main API server') : row.kind === 'document' && row.aggregated ? aggregated : '';
    const responses = row.kind === 'document' ? (row.errors > 0 && row.operations === 0 ? '<span class="muted">not read</span>' : String(row.operations)) : row.responses === 0 ? `<span class="muted">${row.error ? `not read: ${esc(row.error)}` : 'not probed'}</span>` : `${row.responses}${row.errors > 0 ? ` <span class="muted">(${row.errors} unanswered)</span>` : ''}`;
    return `<tr><td>${row.kind === 'group-version' || row.kind === 'file' || row.kind === 'path' || row.kind === 'document' ? `<code>${esc(row.label)}</code>` : esc(row.label)}${row.via === 'direct' ? ' <span class="tag direct">direct</span>' : ''}</td><td>${servedBy}</td><td class="n">${row.kind === 'group-version' ? row.resources : ''}</td><td class="n">${responses}</td><td class="n">${formatRate(row.levels.MUST)}</td><td class="n">${formatRate(row.levels.SHOULD)}</td></tr>`;
  })
  .join('\n')}
</tbody></table>`;
}

function directSection(results: Results): string {
  const rows = compareDirect(results);
  if (rows.length === 0) return '';
  const side = (s?: { status?: number; failed: string[] }): string => (s ? `${s.status ?? 'no answer'} ${s.failed.length > 0 ? s.failed.map((f) => `<code>${esc(f)}</code>`).join(' ') : '✓'}` : '–');
  return `<section id="direct"><h2>Through the aggregator and direct</h2>
<p class="lead">The same probes sent to the aggregated API server through kube-apiserver and at its own address (${esc(results.direct?.server ?? '')}). A difference means the aggregator changes the error.</p>
<table><thead><tr><th>Probe</th><th>Resource</th><th>Through the aggregator</th><th>Direct</th></tr></thead><tbody>
${rows.map((r) => `<tr><td><code>${esc(r.probeId)}</code></td><td>${esc(r.resource)}</td><td>${side(r.aggregator)}</td><td>${side(r.direct)}</td></tr>`).join('\n')}
</tbody></table></section>`;
}

const APART_WORD: Readonly<Record<SuppressedGroup['kind'], string>> = { known: 'known', waived: 'waived', inherited: 'inherited' };

/** Findings the policy set apart, each group with why and every subject, and the baseline's entries fixed since. */
function apartSection(results: Results): string {
  if (!results.policy) return '';
  const { groups, baseline } = policySummary(results);
  const fixed = baseline?.fixedEntries ?? [];
  if (groups.length === 0 && fixed.length === 0) return '';
  const rows = groups.map(
    (g) =>
      `<tr><td>${APART_WORD[g.kind]}</td><td>${esc(g.level)}</td><td><code>${esc(g.checkId)}</code></td><td>${g.kind === 'known' ? esc(g.reason) : `<b>${esc(g.by)}</b>: ${esc(g.reason)}`}</td><td>${g.count}: ${g.subjects.map((subject) => `<code>${esc(subject)}</code>`).join(', ')}</td></tr>`,
  );
  const fixedList = fixed.length > 0 ? `<h3>Fixed since the baseline</h3><ul>${fixed.map((e) => `<li><code>${esc(e.checkId)}</code> on <code>${esc(e.subject)}</code>${e.probeId ? ` (<code>${esc(e.probeId)}</code>)` : ''}</li>`).join('')}</ul>` : '';
  return `<section id="apart"><h2>Reported apart</h2>
<p class="lead">Known (in the baseline), waived and inherited findings do not fail the run.</p>
${rows.length > 0 ? `<table><thead><tr><th>Set apart</th><th>Level</th><th>Check</th><th>Why</th><th>Responses</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>` : ''}
${fixedList}</section>`;
}

/** The page, from the finished run: its summaries cover every response, the responses it lists are the first of each outcome. */
function* htmlPage(results: Results): Generator<string> {
  {
    const summary = summarize(results);
    const anchors = anchorIds(results);
    const titles = new Map(summary.checks.map((c) => [c.checkId, c.title === c.checkId ? '' : c.title]));
    const groups = summary.groups.filter((g) => g.responses > 0 || g.kind === 'group-version');
    const matrix = matrixSection(results, anchors);
    const problems = results.discovery?.problems ?? [];
    const title = `statuslint: ${summary.verdict.label} · ${describeRun(results)}`;
    yield `${pageHead({ title, version: results.tool.version, css: CSS, scripts: true })}
<body>
${banner(results, summary)}
${facts(results, summary)}
<main>
<nav class="toc" aria-label="Contents"><a href="#charts">Pass rates</a>${matrix ? '<a href="#matrix">Reasons × resources</a>' : ''}<a href="#failures">Failures</a>${results.policy ? '<a href="#apart">Reported apart</a>' : ''}<a href="#checks">Checks</a></nav>
<section id="charts">
<h2>Pass rate per check</h2>
<p class="lead">The share of responses each check passed, of those it applied to (skips, where a check does not apply, are counted apart).</p>
<div class="legend"><span><span class="swatch bg-pass"></span>passed</span><span><span class="swatch bg-must"></span>failed, MUST</span><span><span class="swatch bg-should"></span>failed, SHOULD</span></div>
${checkChart(summary.checks)}
<h2>Pass rate per ${results.api ? 'path' : results.command === 'probe' ? 'group-version' : results.command === 'spec' ? 'document' : 'file'}</h2>
<p class="lead">MUST and SHOULD checks of every ${results.command === 'spec' ? 'operation and document-wide check of the document' : 'response about the group-version'}${results.discovery?.groupVersions.some((g) => g.aggregated) ? '; aggregated API servers are marked' : ''}.</p>
${groupChart(groups)}
${groupsTable(groups)}
${problems.length > 0 ? `<h3>Discovery problems</h3><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
</section>
${matrix}
${directSection(results)}
`;
    yield* failuresSection(results, anchors, titles);
    yield `
${apartSection(results)}
<section id="checks">
<h2>Checks</h2>
${checksTable(summary.checks)}
</section>
<footer>Generated by statuslint ${esc(results.tool.version)} from a results model of schema version ${results.schemaVersion}. ${esc(summary.verdict.rule)} Pass rates count the checks that ran; a skipped check (not applicable to the response) counts neither way.</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
  }
}

export default defineReporter({
  name: 'html',
  extension: 'html',
  description: 'one self-contained HTML page: verdict, charts, reason × resource matrix, every failure with its exchange',
  // Written when the run is over, from its digest: a run of a million responses makes a page a browser opens.
  open: () => ({ start: () => [], item: () => [], end: (results) => htmlPage(results) }),
});
