/** Exit codes, the same for every command. */
export const EXIT = {
  /** Clean: no findings at the failing level (`probe`: conformant). */
  ok: 0,
  /** Findings (`probe`: not conformant). */
  findings: 1,
  /** Usage or input error: a bad flag, a missing or malformed file, a bad profile. */
  usage: 2,
  /** The target did not answer. */
  unreachable: 3,
} as const;
