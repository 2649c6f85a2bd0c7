// The Download menu: what a learner takes home from the session, each a real file the server names
// and types (README, "Downloads"): the sources as a zip of a module directory with a Makefile that
// builds on a real machine, each built .ko, and the session as a scenario file. "Open a scenario
// file…" is the way back: it replays a downloaded (or hand-written) scenario, as a link would.
import { DropdownMenu } from './menu';
import type { Scenario } from './scenario';

export interface Download {
  label: string;
  url: string;
  testid: string;
}

/** The downloads of session `id` with these built modules, under the server at `base`. */
export function downloads(base: string, id: string, artifacts: string[]): Download[] {
  const session = `${base}/api/sessions/${encodeURIComponent(id)}`;
  return [
    { label: 'Sources (.zip with a Makefile)', url: `${session}/sources.zip`, testid: 'download-sources' },
    ...artifacts.map((name) => ({
      label: `${name} (${name.endsWith('.ko') ? 'built module' : 'built program'})`,
      url: `${session}/download/${encodeURIComponent(name)}`,
      testid: `download-${name}`,
    })),
    { label: 'Session (scenario .json)', url: `${session}/scenario.json`, testid: 'download-scenario' },
  ];
}

/** A scenario file's text as a scenario, or an error that says what is wrong with it. */
export function readScenarioFile(text: string): Scenario {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('this is not a scenario file (not JSON)');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('this is not a scenario file (not a JSON object)');
  const version = (parsed as { version?: unknown }).version;
  if (version !== 1) throw new Error(`this scenario file has version ${JSON.stringify(version ?? null)}; this kplay reads version 1`);
  return parsed as Scenario;
}

export interface DownloadActions {
  /** Saves pending edits and returns the session id, or null if there is no session. */
  prepare: () => Promise<string | null>;
  /** What the session's builds made (the .ko files and programs), known once prepare() resolved. */
  artifacts: () => string[];
  /** Replays a scenario read from a file. */
  open: (scenario: Scenario) => void;
  /** Says what went wrong. */
  error: (message: string) => void;
}

/** The toolbar's Download button and its menu. */
export class DownloadMenu {
  private readonly menu: HTMLElement;
  private readonly file: HTMLInputElement;
  private readonly dropdown: DropdownMenu;

  constructor(private readonly button: HTMLButtonElement, private readonly actions: DownloadActions, private readonly base = '') {
    this.menu = document.createElement('div');
    this.menu.className = 'menu';
    this.menu.id = 'download-menu';
    this.menu.dataset.testid = 'download-menu';
    this.menu.setAttribute('role', 'menu');
    this.menu.hidden = true;
    this.file = document.createElement('input');
    this.file.type = 'file';
    this.file.accept = '.json,application/json';
    this.file.hidden = true;
    this.file.dataset.testid = 'open-scenario-file';
    this.file.addEventListener('change', () => void this.readFile());
    button.after(this.menu, this.file);
    this.dropdown = new DropdownMenu(button, this.menu);
    button.addEventListener('click', () => (this.menu.hidden ? this.show() : this.dropdown.hide()));
  }

  private show(): void {
    this.menu.replaceChildren();
    const base = this.base;
    const fill = (id: string | null) => {
      const items = id ? downloads(base, id, this.actions.artifacts()) : [];
      for (const d of items) this.menu.append(this.dropdown.item(d.label, d.testid, () => void this.fetch(d)));
      this.menu.append(this.dropdown.item('Open a scenario file…', 'open-scenario', () => this.file.click()));
    };
    fill(null);
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    // The session id may change when pending edits are saved (an evicted session is replaced).
    void this.actions.prepare().then((id) => {
      this.menu.replaceChildren();
      fill(id);
      (this.menu.querySelector('button') as HTMLButtonElement | null)?.focus();
    }).catch((error) => this.actions.error(String(error?.message ?? error)));
  }

  /** Saves pending edits first, then lets the browser download the server's file under its own name. */
  private async fetch(d: Download): Promise<void> {
    try {
      await this.actions.prepare();
      const a = document.createElement('a');
      a.href = d.url;
      a.download = '';
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (error) {
      this.actions.error(String((error as Error)?.message ?? error));
    }
  }

  private async readFile(): Promise<void> {
    const file = this.file.files?.[0];
    this.file.value = '';
    if (!file) return;
    try {
      this.actions.open(readScenarioFile(await file.text()));
    } catch (error) {
      this.actions.error(`${file.name}: ${String((error as Error)?.message ?? error)}`);
    }
  }
}
