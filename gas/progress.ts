/**
 * Progress of a long server call, for the wizard: the run writes its stage to the user's properties
 * and the sidebar polls it with a second google.script.run call while the first is under way. A
 * token set by the caller tells this run's progress from a previous one's.
 */
const KEY = 'shnor.progress';

export interface Progress {
  /** What is being done, in Russian. */
  step: string;
  /** Share done, 0–1. */
  done: number;
  /** The token of the run this belongs to ('' for runs from the menu). */
  token: string;
}

let currentToken = '';

/** Marks the progress reports that follow as belonging to the run with this token. */
export function startProgress(token: string): void {
  currentToken = token;
}

export function reportProgress(step: string, done: number): void {
  const p: Progress = { step, done, token: currentToken };
  PropertiesService.getUserProperties().setProperty(KEY, JSON.stringify(p));
}

export function readProgress(): Progress | null {
  const text = PropertiesService.getUserProperties().getProperty(KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Progress;
  } catch {
    return null;
  }
}
