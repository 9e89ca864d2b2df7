import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared reference documents live beside the clone: `../shared/seeds`. */
export const seedsDir = join(repoRoot, '..', 'shared', 'seeds');
export const cliPath = join(repoRoot, 'dist', 'cli', 'main.js');
export const fixture = (...parts: string[]): string => join(repoRoot, 'test', 'fixtures', ...parts);
