/** Bad input from the user (a file, a flag, a profile): the CLI reports it in one line and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** Where the problem is, e.g. `events.har:12:4` or `--profile`. */
  readonly where: string | undefined;
  constructor(message: string, where?: string) {
    super(message);
    this.where = where;
  }
  /** `where: message`, the one line a user sees. */
  toLine(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

/** The target (an API server, a document URL) did not answer: the CLI reports it in one line and exits 3. */
export class UnreachableError extends Error {
  override readonly name: string = 'UnreachableError';
}
