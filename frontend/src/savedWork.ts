// Work that outlives the tab. The session id lives in sessionStorage (one kernel per tab, a reload
// keeps it); the work itself is kept in localStorage as the session's scenario (files and steps,
// without outputs: the replay makes those again), rewritten shortly after each change. A new tab,
// or the page opened again after the tab was closed, replays the last work kept there into a
// session of its own, so the files, the terminal, dmesg and the kernel's state come back exactly.
import type { Scenario, Step } from './scenario';

const WORK_KEY = 'kplay.work';

export interface SavedWork {
  savedAt: number;
  scenario: Scenario;
}

export interface WorkStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The work kept in `storage`, or null if there is none (or it is damaged). */
export function loadWork(storage: WorkStorage | null): SavedWork | null {
  try {
    const raw = storage?.getItem(WORK_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SavedWork;
    if (!parsed || typeof parsed.savedAt !== 'number' || parsed.scenario?.version !== 1) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** Keeps `scenario` as the work; false if the storage refused it (full, or disabled). */
export function saveWork(storage: WorkStorage | null, scenario: Scenario, now = Date.now()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(WORK_KEY, JSON.stringify({ savedAt: now, scenario } satisfies SavedWork));
    return true;
  } catch {
    return false;
  }
}

/** True if the scenario holds anything worth bringing back (a file or a step that did something). */
export function worthRestoring(scenario: Scenario): boolean {
  return Object.keys(scenario.files ?? {}).length > 0 || (scenario.steps ?? []).some((s) => s.type !== 'wait');
}

/** How many commands the work replays (builds, command lines, Ctrl-C, reboots), for the notice. */
export function commandCount(steps: Step[]): number {
  return steps.filter((s) => s.type === 'build' || s.type === 'exec' || s.type === 'signal' || s.type === 'reboot').length;
}

/** localStorage if the page may use it. */
export function localWorkStorage(): WorkStorage | null {
  try {
    const s = window.localStorage;
    s.getItem(WORK_KEY);
    return s;
  } catch {
    return null;
  }
}
