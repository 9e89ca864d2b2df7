/**
 * What a test file needs beyond Node and the project's npm dependencies, declared in a `// needs: …`
 * line of its own: `cluster` (the Go-built etcd and kube-apiserver), `chromium`, `npm` (packing and
 * installing the package), `python` (a venv of PyPI packages, e.g. FastAPI run by uvicorn). `npm run
 * test:unit` runs every file that declares none; a test (test/unit/test-needs.test.ts) checks the
 * declarations against what each file imports.
 */
export const NEEDS = ['cluster', 'chromium', 'npm', 'python'] as const;
export type Need = (typeof NEEDS)[number];

export function needsOf(source: string): Need[] {
  const line = /^\/\/ needs: (.+)$/m.exec(source)?.[1] ?? '';
  return line
    .split(',')
    .map((word) => word.trim())
    .filter((word): word is Need => (NEEDS as readonly string[]).includes(word));
}
