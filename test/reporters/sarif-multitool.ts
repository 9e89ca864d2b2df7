/**
 * Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux, a self-contained .NET binary)
 * validating a SARIF log with the rules GitHub code scanning applies (`--rule-kind "Sarif;Ghas"`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Why the Multitool cannot run here, or undefined: the package ships a Linux x64 binary only. */
export const multitoolSkip: string | false = process.platform === 'linux' && process.arch === 'x64' ? false : 'the SARIF Multitool npm package ships a Linux x64 binary only';

export interface MultitoolProblem {
  ruleId: string;
  level: string;
  message: string;
}

/** The Multitool's errors and warnings about a SARIF log (its notes left out). */
export function multitoolProblems(sarifText: string): MultitoolProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'statuslint-multitool-'));
  try {
    const input = join(dir, 'report.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarifText);
    const binary = require('@microsoft/sarif-multitool-linux') as string;
    // Without libicu, .NET runs with invariant globalization; the rules do not depend on culture.
    const run = spawnSync(binary, ['validate', '--rule-kind', 'Sarif;Ghas', '--output', output, input], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    if (run.error) throw new Error(`SARIF Multitool did not start (${run.error.message}): its package's postinstall makes it executable; run npm ci without --ignore-scripts`);
    if (run.status !== 0) throw new Error(`SARIF Multitool exited with ${run.status}: ${run.stdout}${run.stderr}`);
    const log = JSON.parse(readFileSync(output, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }> }> };
    return (log.runs[0]?.results ?? [])
      .map((result) => ({
        ruleId: result.ruleId,
        level: result.level ?? 'warning',
        message: result.message.text ?? `${result.message.id ?? ''} ${(result.message.arguments ?? []).join(' | ')}`,
      }))
      .filter((problem) => problem.level === 'error' || problem.level === 'warning');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
