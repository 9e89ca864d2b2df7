// Progress lines from start-up and stop; callers pass their own to prefix or collect them.
export type Log = (line: string) => void;

export const defaultLog: Log = (line) => {
  process.stderr.write(`[cluster] ${line}\n`);
};
