// Embedding: kplay inside another site's <iframe> (/embed/ID, /embed#s=..., or /embed for a fresh
// kernel). The page then runs compact: the query string chooses the panes (?panes=editor,terminal,dmesg)
// and whether the reader may edit (?readonly=1). No cookies are involved and the session id lives in the
// page's memory only, so it works cross-origin. The host page talks to it with postMessage:
//   kplay -> host  {type: 'kplay:ready', session, kernel}      once a session is up (again after a reset)
//                  {type: 'kplay:result', command, exitCode, output, killed, running}   each command
//                  {type: 'kplay:build', ok, output, artifacts}                          each build
//                  {type: 'kplay:dmesg', record: {seq, level, ts, text}}                 each log record
//                  {type: 'kplay:lesson', step, steps, title, done: true}                a lesson step turned green
//                  {type: 'kplay:error', message}                                        a refused request
//   host -> kplay  {type: 'kplay:files', files: {name: text}}   replace or add files in the editor and session
//                  {type: 'kplay:exec', command}                run a command as if typed ("make" builds)
//                  {type: 'kplay:reset'}                        start over from what the embed was opened with
import type { SessionStore } from './api';

export const PANES = ['editor', 'terminal', 'dmesg', 'modules'] as const;
export type Pane = (typeof PANES)[number];

export interface EmbedOptions {
  panes: Pane[];
  readOnly: boolean;
}

/** True when the page was opened as an embed (/embed, /embed/ID). */
export function isEmbed(path: string): boolean {
  return path === '/embed' || path.startsWith('/embed/');
}

/** The panes and mode a query string asks for; all panes and editable by default. */
export function embedOptions(search: string): EmbedOptions {
  const query = new URLSearchParams(search);
  const asked = (query.get('panes') ?? '').split(',').map((p) => p.trim()).filter((p): p is Pane => (PANES as readonly string[]).includes(p));
  const readOnly = ['1', 'true', 'yes'].includes((query.get('readonly') ?? '').toLowerCase());
  return { panes: asked.length ? asked : [...PANES], readOnly };
}

/** A session store in page memory: an embed keeps its session id in the page, not in storage. */
export function memoryStore(): SessionStore {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

export type HostMessage =
  | { type: 'kplay:files'; files: Record<string, string> }
  | { type: 'kplay:exec'; command: string }
  | { type: 'kplay:reset' };

/** A message from the host page, or null if it is not one of ours (or is malformed). */
export function hostMessage(data: unknown): HostMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'kplay:exec' && typeof m.command === 'string') return { type: 'kplay:exec', command: m.command };
  if (m.type === 'kplay:reset') return { type: 'kplay:reset' };
  if (m.type === 'kplay:files' && m.files && typeof m.files === 'object') {
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(m.files as Record<string, unknown>)) if (typeof text === 'string') files[name] = text;
    return { type: 'kplay:files', files };
  }
  return null;
}

/** Sends to the host page, if there is one (any origin: what kplay shows is no secret of the host's). */
export function toHost(message: Record<string, unknown> & { type: string }): void {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}
