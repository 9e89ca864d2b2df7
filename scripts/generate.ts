import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../schemas/index.js';
import { generatedFiles } from './generated-files.js';

/** Files whose checked-in content differs from what the catalog generates. */
export function driftedFiles(): string[] {
  const root = packageRoot();
  return generatedFiles()
    .filter((file) => {
      try {
        return readFileSync(join(root, file.path), 'utf8') !== file.content;
      } catch {
        return true;
      }
    })
    .map((file) => file.path);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = packageRoot();
  if (process.argv.includes('--check')) {
    const drifted = driftedFiles();
    if (drifted.length > 0) {
      process.stderr.write(`generated files are out of date (run npm run generate):\n${drifted.map((p) => `  ${p}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stdout.write('generated files are up to date\n');
  } else {
    for (const file of generatedFiles()) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
      process.stdout.write(`wrote ${file.path}\n`);
    }
  }
}
