// Where a command writes, and the exit codes it ends with.

export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3, busy: 75, SIGINT: 130, SIGTERM: 143 } as const;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
  /**
   * Where a build shows how far it is (standard error): a terminal, redrawn in place, or a CI log,
   * a line a stage. Absent, nothing is shown.
   */
  status?: { terminal: boolean; write: (text: string) => void };
  /** The clock of the progress display, in milliseconds. */
  clock?: () => number;
}
