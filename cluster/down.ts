// `npm run cluster:down`: stop what `cluster:up` started (recorded in <state>/pids.json).
import { defaultStateDir, stopRecordedCluster } from './index.js';

const stateDir = defaultStateDir();
try {
  const stopped = await stopRecordedCluster(stateDir, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(
    stopped.length > 0 ? `cluster down: stopped ${stopped.join(' and ')}\n` : `cluster down: nothing was running in ${stateDir}\n`,
  );
} catch (err) {
  process.stderr.write(`cluster:down failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
