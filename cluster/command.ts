// Runs a command to completion and hands back what it printed (kubectl, openssl, build.sh --print-bin-dir).
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CommandOptions {
  cwd?: string;
  /** written to the command's stdin */
  input?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Resolves with the exit code for any exit, non-zero included; rejects only when the command cannot start. */
export function runCommand(file: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const errCode: unknown = err ? (err as { code?: unknown }).code : 0;
        // A string code (ENOENT and the like) means it never ran; a number is its exit code.
        if (typeof errCode === 'string') {
          reject(err);
          return;
        }
        if (err?.killed) stderr += `\n(${path.basename(file)} killed after ${timeoutMs} ms)`;
        resolve({ stdout, stderr, code: typeof errCode === 'number' ? errCode : 1 });
      },
    );
    // Always close stdin: a command that reads it would otherwise wait for input forever.
    child.stdin?.end(options.input);
  });
}

/** Its stdout, or an error naming the command and its stderr when it exits non-zero. */
export async function runCommandOrThrow(file: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}
