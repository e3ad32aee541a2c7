// What a build tells whoever watches it: the stage it is in and, where it counts, how far along it
// is. The stages call this one callback and never print; the command line draws it (cli/progress.ts).

/** The build's stages as a watcher sees them, in the order they come. */
export type Stage = 'reading' | 'markdown' | 'pictures' | 'pages' | 'feeds' | 'finishing';

export interface ProgressEvent {
  stage: Stage;
  /** Items of this stage done so far (stories, pages). */
  done: number;
  /** Items of this stage in all, when known before it ends. */
  total?: number;
}

export type Progress = (event: ProgressEvent) => void;
