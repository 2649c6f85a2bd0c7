// Scenarios in the page: the types of the server's scenario JSON and replay timeline (README, "Scenario
// format"), the full-link codec (the scenario deflated into the URL fragment, so a link needs no server
// storage), and the pure functions the timeline uses to show the terminal, dmesg and files as they were
// after any step: each comes from the replay's frames, never from asking the server again.
import type { KmsgRecord } from './kmsg';

export type Step =
  | { type: 'write'; name: string; text: string }
  | { type: 'delete'; name: string }
  | { type: 'build'; output?: string; ok?: boolean }
  | { type: 'exec'; command: string; interruptAfterNanos?: number; output?: string; exitCode?: number; cwd?: string }
  | { type: 'signal'; signal: number; output?: string; exitCode?: number }
  | { type: 'input'; text: string; output?: string; exitCode?: number }
  | { type: 'wait'; nanos: number; output?: string }
  | { type: 'reboot'; cmdline?: string; kernel?: 'stock' | 'built' };

export interface Scenario {
  version: 1;
  title?: string;
  description?: string;
  files: Record<string, string>;
  steps: Step[];
  dmesg?: string;
  /** Boot parameters after "console=ttyS0 panic=1" for the first kernel. */
  cmdline?: string;
}

/** What one event did in a replay: frame 0 is the boot, then the files (as writes), then each step. */
export interface Frame {
  type: 'boot' | Step['type'];
  name?: string;
  command?: string;
  signal?: number;
  output?: string;
  exitCode?: number | null;
  running?: boolean;
  /** The shell's working directory afterwards. */
  cwd?: string;
  cmdline?: string;
  kernel?: string;
  records: KmsgRecord[];
}

export interface Difference {
  step: number;
  what: string;
  expected: string | null;
  actual: string | null;
}

export interface Replay {
  identical: boolean | null;
  differences: Difference[];
  frames: Frame[];
}

/** POST /api/sessions's answer when it replayed a scenario or a link. */
export interface Replayed {
  id: string;
  kernel: string | null;
  scenario: Scenario;
  replay: Replay;
}

const FRAGMENT_KEY = 's=';

/** The scenario as a URL fragment value: deflate-raw, then base64url. */
export async function encodeFragment(scenario: Scenario): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'));
  return FRAGMENT_KEY + toBase64Url(packed);
}

/** The scenario in a `#s=...` fragment, or null if the fragment holds none. Throws on a damaged one. */
export async function decodeFragment(hash: string): Promise<Scenario | null> {
  const value = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!value.startsWith(FRAGMENT_KEY)) return null;
  const packed = fromBase64Url(value.slice(FRAGMENT_KEY.length));
  const bytes = await pipe(packed, new DecompressionStream('deflate-raw'));
  return JSON.parse(new TextDecoder().decode(bytes)) as Scenario;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A step of the timeline: a frame the user can pick (the boot, and each command, build, Ctrl-C or reboot). */
export interface Mark {
  frame: number;
  label: string;
}

export function marks(frames: Frame[]): Mark[] {
  const out: Mark[] = [];
  frames.forEach((f, i) => {
    if (f.type === 'boot') out.push({ frame: i, label: 'boot' });
    else if (f.type === 'build') out.push({ frame: i, label: 'make' });
    else if (f.type === 'exec') out.push({ frame: i, label: f.command ?? '' });
    else if (f.type === 'signal') out.push({ frame: i, label: f.signal === 2 ? '^C' : `kill -${f.signal}` });
    else if (f.type === 'reboot') {
      const what = [f.kernel === 'stock' ? 'stock kernel' : '', f.cmdline !== undefined ? f.cmdline || 'no parameters' : ''].filter(Boolean);
      out.push({ frame: i, label: what.length ? `reboot (${what.join(', ')})` : 'reboot' });
    }
  });
  return out;
}

/** The frame the current kernel booted in, as of frame `upTo` (a reboot starts the terminal and dmesg over). */
function lastBoot(frames: Frame[], upTo: number): number {
  for (let i = Math.min(upTo, frames.length - 1); i > 0; i--) if (frames[i].type === 'reboot') return i;
  return 0;
}

/**
 * One piece of the terminal: a command after a prompt (null for a Ctrl-C) and its output, keys typed
 * for a running job (their echo and what it printed), or output a job printed while time passed.
 */
export interface Entry {
  command: string | null;
  output: string;
  kind?: 'command' | 'input' | 'late';
  running?: boolean;
  cwd?: string;
}

/** The terminal's commands after frame `upTo`, since the last reboot. */
export function transcript(frames: Frame[], upTo: number): Entry[] {
  const entries: Entry[] = [];
  for (let i = lastBoot(frames, upTo) + 1; i <= upTo && i < frames.length; i++) {
    const f = frames[i];
    const after = { ...(f.running === true ? { running: true } : {}), ...(f.cwd ? { cwd: f.cwd } : {}) };
    if (f.type === 'build') entries.push({ command: 'make', output: f.output ?? '' });
    else if (f.type === 'exec') entries.push({ command: f.command ?? '', output: f.output ?? '', ...after });
    else if (f.type === 'signal') entries.push({ command: null, output: f.output ?? '', ...after });
    else if (f.type === 'input') entries.push({ command: null, kind: 'input', output: f.output ?? '', ...after });
    else if (f.type === 'wait' && f.output) entries.push({ command: null, kind: 'late', output: f.output });
  }
  return entries;
}

/** The dmesg pane's records after frame `upTo`: this boot's, up to then. */
export function records(frames: Frame[], upTo: number): KmsgRecord[] {
  const out: KmsgRecord[] = [];
  for (let i = lastBoot(frames, upTo); i <= upTo && i < frames.length; i++) out.push(...frames[i].records);
  return out;
}

/** The files in /root after frame `upTo`. */
export function filesAt(scenario: Scenario, upTo: number): Record<string, string> {
  const files: Record<string, string> = { ...scenario.files };
  const first = 1 + Object.keys(scenario.files).length;
  for (let i = first; i <= upTo && i - first < scenario.steps.length; i++) {
    const step = scenario.steps[i - first];
    if (step.type === 'write') files[step.name] = step.text;
    else if (step.type === 'delete') delete files[step.name];
  }
  return files;
}

/** The scenario up to and including frame `upTo` (what "Continue from here" replays). */
export function prefix(scenario: Scenario, upTo: number): Scenario {
  const first = 1 + Object.keys(scenario.files).length;
  const { dmesg: _recordedAtTheEnd, ...rest } = scenario;
  return { ...rest, steps: scenario.steps.slice(0, Math.max(0, upTo - first + 1)) };
}

/** The terminal of a recorded scenario after its last step (since its last reboot), from the steps' outputs. */
export function stepsTranscript(steps: Step[]): Entry[] {
  let entries: Entry[] = [];
  for (const step of steps) {
    if (step.type === 'reboot') entries = [];
    else if (step.type === 'build') entries.push({ command: 'make', output: step.output ?? '' });
    else if (step.type === 'exec') {
      // a recorded step names the shell's directory afterwards unless it is /root
      entries.push({ command: step.command, output: step.output ?? '', ...stillRunning(step), ...(step.output !== undefined ? { cwd: step.cwd ?? '/root' } : {}) });
    }
    else if (step.type === 'signal') entries.push({ command: null, output: step.output ?? '', ...stillRunning(step) });
    else if (step.type === 'input') entries.push({ command: null, kind: 'input', output: step.output ?? '', ...stillRunning(step) });
    else if (step.type === 'wait' && step.output) entries.push({ command: null, kind: 'late', output: step.output });
  }
  return entries;
}

/** `{running: true}` for a recorded step whose job was still running after it (output recorded, no exit status). */
function stillRunning(step: { output?: string; exitCode?: number | null }): { running?: true } {
  return step.output !== undefined && (step.exitCode === undefined || step.exitCode === null) ? { running: true } : {};
}
