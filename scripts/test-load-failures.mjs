// A node:test reporter that names every suite whose own code threw (a `describe` body that fails
// while its tests are being collected, e.g. on a missing file). Node's summary counts tests only, so
// such a suite leaves "fail 0" in the summary while the run exits 1; this makes it impossible to miss.
// Plain JavaScript: Node loads reporters before any --import hook, so TypeScript is not an option here.

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* loadFailures(source) {
  const failed = [];
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { details, name, file } = event.data;
    if (details?.type !== 'suite' || details.error?.failureType !== 'testCodeFailure') continue;
    const cause = details.error.cause instanceof Error ? details.error.cause.message : details.error.message;
    failed.push(`  ${file ?? '?'}: suite "${name}": ${String(cause).split('\n')[0]}`);
  }
  if (failed.length > 0) {
    yield `\n✖ ${failed.length} suite${failed.length === 1 ? '' : 's'} failed while loading, so their tests did not run and are not counted in the summary:\n${failed.join('\n')}\n`;
  }
}
