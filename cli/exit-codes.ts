/** Exit codes, the same for every command. */
export const EXIT = {
  /** Clean: no findings at the failing level (`probe`: conformant). */
  ok: 0,
  /** Findings (`probe`: not conformant). */
  findings: 1,
  /**
   * Usage, input or output error: a bad flag, a missing or malformed file, a bad profile, a report
   * that cannot be written (a full disk, an unwritable `-o` file). A reader that closes standard
   * output early (`| head`) is none: the command keeps its own exit code.
   */
  usage: 2,
  /** The target did not answer. */
  unreachable: 3,
} as const;
