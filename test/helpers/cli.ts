import { spawn } from 'node:child_process';
import { cliPath } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Run Node with these arguments (a script and its own), collecting both streams. */
export function runNode(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Run the built `statuslint` bin as a user would. */
export const runCli = (args: readonly string[], options: RunOptions = {}): Promise<CliRun> =>
  runNode([cliPath, ...args], { ...options, env: { NO_COLOR: '1', ...options.env } });
