// kplay's page: lays out the panes and wires them to one session (one simulated kernel per tab).
// Buttons are shortcuts for shell commands (make, insmod, rmmod, reboot) and show up in the terminal as
// if typed; the dmesg pane follows the kernel log live; the modules pane is redrawn after each action.
// #app carries data-busy="true" while an action runs, which the browser test waits on.
import '@xterm/xterm/css/xterm.css';
import './style.css';
import hello3 from './samples/hello-3.c?raw';
import { SessionClient, type CommandResult } from './api';
import { DmesgPane } from './dmesgPane';
import { Editor } from './editor';
import { KmsgStream } from './kmsgStream';
import { ModulesPane } from './modulesPane';
import { ShellTerminal, ttyEcho } from './terminal';
import { layout } from './layout';
import { nextStep } from './coach';
import type { ModuleRow } from './api';
import { decodeFragment, filesAt, prefix, records, stepsTranscript, transcript, type Replayed, type Scenario } from './scenario';
import { DownloadMenu } from './downloads';
import { BootDialog, kernelLabel } from './bootDialog';
import { RebootMenu } from './rebootMenu';
import { commandCount, loadWork, localWorkStorage, saveWork, worthRestoring, type SavedWork } from './savedWork';
import { ShareDialog, shareLinks } from './shareDialog';
import { Timeline } from './timeline';
import { parseLesson } from './lesson';
import { LessonPanel } from './lessonPanel';
import { GalleryDialog, plainText, type GalleryEntry } from './gallery';
import { embedOptions, hostMessage, isEmbed, memoryStore, toHost } from './embed';

const SAVE_DELAY_MS = 400;
const JOB_POLL_MS = 1000;

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
app.id = 'app';
const ui = layout(app);

/** Set when the page runs inside another site's iframe (/embed...): compact, session id in memory. */
const embed = isEmbed(location.pathname) ? embedOptions(location.search) : null;
if (embed) {
  app.classList.add('embed');
  app.dataset.panes = embed.panes.join(' ');
  if (embed.readOnly) app.dataset.readonly = 'true';
}

const client = new SessionClient((input, init) => fetch(input, init), embed ? memoryStore() : window.sessionStorage);
/** Where the tab's work is kept for a new tab (never in an embed: that is the host page's business). */
const workStorage = embed ? null : localWorkStorage();
const dmesg = new DmesgPane(ui.dmesg, ui.oopsCount);
const modules = new ModulesPane(ui.modules);
const stream = new KmsgStream({
  record: (record) => {
    dmesg.append(record);
    observeLesson();
    if (embed) toHost({ type: 'kplay:dmesg', record });
  },
  status: (status) => {
    ui.dmesgStatus.textContent = status;
    ui.dmesgStatus.dataset.status = status;
  },
  failing: () => void refresh(),
  rebooted: () => {
    dmesg.clear();
    void refresh();
  },
  terminal: (text) => terminal.write(text),
});

let runningPid: number | null = null;
/** The ▾ of the Reboot button (set once the menu exists). */
let rebootMenuButton: HTMLButtonElement | null = null;
/** The panic() reason while the kernel is dead, else null. */
let panicked: string | null = null;
const DEAD_TITLE = 'the kernel panicked: nothing runs on it until you press Reboot';
let lastBuild: { ok: boolean; errors: number; artifacts: string[] } | null = null;
let lastModules: ModuleRow[] = [];
let busyCount = 0;

const terminal = new ShellTerminal(ui.terminal, {
  line: async (line) => {
    leaveReplay();
    if (line.trim() === 'make' && terminal.directory === '/root') {
      // The module directory's make is the build endpoint (kbuild), as the Build button is (in ~/linux it is the kernel's).
      await busy(build);
      return;
    }
    await busy(async () => {
      await flushSaves();
      await show(await client.exec(line), line);
    });
  },
  interrupt: () => {
    void client.signal('INT').then((result) => {
      if (result?.output) terminal.write(result.output);
      if (result && !result.running) jobEnded();
    }).catch(() => undefined);
  },
  typed: (text) => {
    // In order, one at a time: the server's tty takes the keys as they were typed.
    typing = typing.then(async () => {
      const result = await client.input(text);
      // The page already echoed the keys as they were typed: the server's echo of them is not shown twice.
      const echo = ttyEcho(text.replace(/\x04/g, ''));
      terminal.write(result.output.startsWith(echo) ? result.output.slice(echo.length) : result.output);
      terminal.setCwd(result.cwd);
      lastCommand = { command: lastCommand?.command ?? '', output: (lastCommand?.output ?? '') + result.output, exitCode: result.exitCode };
      observeLesson();
      if (!result.running) jobEnded();
    }).catch((error) => terminal.write(`kplay: ${String(error?.message ?? error)}\n`));
  },
});

/** The keys typed for the running job, sent in order. */
let typing: Promise<void> = Promise.resolve();

// Editor: the tab's files, saved to the session shortly after each change and before each build.
const pendingSaves = new Map<string, number>();
const saving = new Set<Promise<void>>();

function save(name: string, text: string): void {
  leaveReplay();
  keepWork();
  client.remember(name, text);
  window.clearTimeout(pendingSaves.get(name));
  pendingSaves.set(name, window.setTimeout(() => {
    pendingSaves.delete(name);
    track(client.putFile(name, editor.text(name)));
  }, SAVE_DELAY_MS));
}

function track(promise: Promise<void>): void {
  const tracked = promise.catch((error) => terminal.write(`kplay: saving failed: ${String(error?.message ?? error)}\n`));
  saving.add(tracked);
  void tracked.finally(() => saving.delete(tracked));
}

async function flushSaves(): Promise<void> {
  for (const [name, timer] of pendingSaves) {
    window.clearTimeout(timer);
    pendingSaves.delete(name);
    track(client.putFile(name, editor.text(name)));
  }
  await Promise.all(saving);
}

const editor = new Editor(ui.editor, ui.tabs, {
  change: (name, text) => {
    save(name, text);
    updateCommands();
  },
  created: (name, text) => {
    save(name, text);
    updateCommands();
  },
  build: () => ui.build.click(),
  save: () => void flushSaves(),
  closed: (name) => {
    window.clearTimeout(pendingSaves.get(name));
    pendingSaves.delete(name);
    void client.deleteFile(name);
    updateCommands();
  },
});

/** The module the buttons act on: the open .c file's, or the first .c file's. */
function moduleSource(): string {
  const active = editor.active;
  if (active.endsWith('.c') && !active.startsWith('linux/')) return active;
  return editor.names().find((n) => n.endsWith('.c') && !n.startsWith('linux/')) ?? 'hello-3.c';
}

function koName(): string {
  return moduleSource().replace(/\.c$/, '.ko');
}

function moduleName(): string {
  return moduleSource().replace(/\.c$/, '').replace(/-/g, '_');
}

function insmodCommand(): string {
  const params = ui.params.value.trim();
  return `insmod ${koName()}${params ? ' ' + params : ''}`;
}

function updateCommands(): void {
  ui.insmodTarget.textContent = koName();
  ui.rmmodTarget.textContent = moduleName();
  ui.insmod.title = panicked !== null ? DEAD_TITLE : insmodCommand();
  ui.rmmod.title = panicked !== null ? DEAD_TITLE : `rmmod ${moduleName()}`;
  const story = replayed?.scenario.description;
  ui.hint.textContent = panicked !== null ? 'The kernel panicked: press Reboot for a fresh kernel (your files are kept).'
    : story ? plainText(story) : nextStep({ build: lastBuild, module: moduleName(), ko: koName(), modules: lastModules });
}

/** Marks the page busy (buttons disabled, #app[data-busy]) while `action` runs. */
async function busy<T>(action: () => Promise<T>): Promise<T> {
  busyCount++;
  setBusy();
  try {
    return await action();
  } finally {
    busyCount--;
    setBusy();
  }
}

function setBusy(): void {
  const isBusy = busyCount > 0;
  app.dataset.busy = String(isBusy);
  for (const button of [ui.build, ui.insmod, ui.rmmod]) button.disabled = isBusy || viewingPast || panicked !== null;
  // Reboot stays available while the page only waits for a running job: it is the way out of one that never ends.
  const rebootOff = (isBusy && runningPid === null) || viewingPast;
  ui.share.disabled = isBusy || viewingPast;
  ui.reboot.disabled = rebootOff;
  if (rebootMenuButton) rebootMenuButton.disabled = rebootOff;
}

/**
 * After a panic nothing runs on the machine: the banner says why, the buttons that would run
 * something are off (their tooltip says so), and Reboot is the way out. The terminal shows the
 * server's refusal for anything typed.
 */
function showPanic(reason: string | null): void {
  if (reason === panicked) return;
  panicked = reason;
  app.dataset.panic = String(reason !== null);
  ui.panic.hidden = reason === null;
  ui.panic.replaceChildren();
  if (reason !== null) {
    const what = document.createElement('strong');
    what.textContent = 'Kernel panic - not syncing: ';
    const text = document.createElement('code');
    text.textContent = reason;
    ui.panic.append(what, text, document.createTextNode(
      ' — the kernel has stopped for good. Nothing runs on it any more: not the buttons, not the terminal. '
      + 'Press Reboot for a fresh kernel (your files are kept).'));
  }
  if (ui.build.dataset.title === undefined) ui.build.dataset.title = ui.build.title;
  ui.build.title = reason !== null ? DEAD_TITLE : ui.build.dataset.title;
  updateCommands();
  setBusy();
}

/** Prints a command's output; a job still running keeps the prompt away until it ends. */
async function show(result: CommandResult, command: string): Promise<void> {
  terminal.write(result.output);
  terminal.setCwd(result.cwd);
  lastCommand = { command, output: result.output, exitCode: result.exitCode };
  observeLesson();
  if (embed) toHost({ type: 'kplay:result', command, ...result });
  if (result.running) {
    runningPid = result.pid;
    setBusy();
    terminal.setJobRunning(true);
    await waitForJob();
    await typing;
  }
  await refresh();
}

/** Cuts the running job's wait short (it ended: the prompt comes back now, not at the next poll). */
let wakeJobWait: () => void = () => undefined;

function jobEnded(): void {
  runningPid = null;
  setBusy();
  wakeJobWait();
}

/** The dead job (X) the terminal already said it waits for forever. */
let deadNoted: number | null = null;

async function waitForJob(): Promise<void> {
  while (runningPid !== null) {
    await new Promise<void>((resolve) => {
      const timer = window.setTimeout(resolve, JOB_POLL_MS);
      wakeJobWait = () => {
        window.clearTimeout(timer);
        resolve();
      };
    });
    if (runningPid === null) break;
    const state = await client.state();
    const pid = runningPid;
    const task = state.tasks.find((t) => (t as { pid?: number }).pid === pid) as { state?: string } | undefined;
    if (!task || state.panic !== null) {
      runningPid = null;
    } else if (task.state === 'X' && deadNoted !== pid) {
      // A recursive fault left the job dead for good: bash waits in wait4() for it forever, and so does this
      // terminal (keys typed now are type-ahead bash never reads).
      deadNoted = pid;
      terminal.write(`\x1b[2m[kplay: process ${pid} died in the kernel while exiting and is stuck as a dead task (X) for good; `
        + 'bash waits for it forever, as a real shell does: lines typed now are never read. Only Reboot clears it.]\x1b[0m\n');
    }
  }
}

async function refresh(): Promise<void> {
  keepWork();
  try {
    const state = await client.state();
    modules.render(state);
    showPanic(state.panic);
    lastModules = state.modules;
    updateCommands();
    ui.uptime.textContent = state.uptime === null ? '' : `up ${state.uptime.toFixed(1)} s`;
    cmdline = state.cmdline ?? '';
    ui.kernel.textContent = kernelLabel(client.kernel, cmdline);
  } catch (error) {
    ui.uptime.textContent = `state unavailable: ${String((error as Error)?.message ?? error)}`;
  }
}

function runButton(command: string, action: () => Promise<void>): void {
  leaveReplay();
  void busy(() => terminal.run(command, action));
}

async function build(): Promise<void> {
  await flushSaves();
  const result = await client.build();
  terminal.write(result.output);
  editor.setDiagnostics(result.diagnostics);
  lastBuild = {
    ok: result.ok,
    errors: result.diagnostics.filter((d) => d.severity.includes('error')).length,
    artifacts: result.artifacts,
  };
  ui.buildStatus.textContent = result.ok
    ? `built ${result.artifacts.join(', ') || 'nothing'}`
    : `build failed (${lastBuild.errors} ${lastBuild.errors === 1 ? 'error' : 'errors'})`;
  ui.buildStatus.dataset.ok = String(result.ok);
  if (embed) toHost({ type: 'kplay:build', ok: result.ok, output: result.output, artifacts: result.artifacts });
  lastCommand = { command: 'make', output: result.output, exitCode: result.ok ? 0 : 2 };
  observeLesson();
  await refresh();
}

ui.build.addEventListener('click', () => runButton('make', build));

ui.insmod.addEventListener('click', () => runButton(insmodCommand(), async () => {
  await show(await client.insmod(koName(), ui.params.value.trim()), insmodCommand());
}));

ui.rmmod.addEventListener('click', () => runButton(`rmmod ${moduleName()}`, async () => {
  await show(await client.rmmod(moduleName()), `rmmod ${moduleName()}`);
}));

/** A running job or loaded modules are lost with the kernel: asks first; false if the user said no. */
function confirmReboot(): boolean {
  const loaded = lastModules.map((m) => m.name);
  return !((runningPid !== null || loaded.length > 0)
      && !window.confirm(`Reboot discards this kernel${loaded.length ? ` (loaded: ${loaded.join(', ')})` : ''}${runningPid !== null ? ' and the running command' : ''}. Your files stay. Reboot?`));
}

ui.reboot.addEventListener('click', () => {
  if (confirmReboot()) void rebootNow();
});

/** Reboots; `parameters` (if given) replace the kernel's boot parameters; `kernel` picks the stock or built kernel. */
const rebootNow = (parameters?: string, kernel?: 'built' | 'stock') => busy(async () => {
  leaveReplay();
  if (runningPid !== null) jobEnded();    // the terminal stops waiting for the job the reboot discards
  await flushSaves();
  await terminal.run('reboot', async () => {
    await client.reboot(parameters, kernel);
    restart(client.id!, true);
  });
});

/** The boot parameters of the running kernel (after "console=ttyS0 panic=1"). */
let cmdline = '';
const bootDialog = new BootDialog(app, async (parameters) => {
  if (!confirmReboot()) return;
  await flushSaves();
  // Ask the server first, so that a parameter it refuses is shown in the dialog, not the terminal.
  await client.reboot(parameters);
  await rebootNowShown();
});

/** The terminal shows the reboot the dialog already made, then the page starts over on the new kernel. */
const rebootNowShown = () => busy(async () => {
  leaveReplay();
  if (runningPid !== null) jobEnded();
  await terminal.run('reboot', async () => {
    restart(client.id!, true);
  });
});
ui.kernel.addEventListener('click', () => bootDialog.open(cmdline));

const rebootMenu = new RebootMenu(ui.reboot, {
  reboot: (kernel) => {
    if (confirmReboot()) void rebootNow(undefined, kernel);
  },
  parameters: () => bootDialog.open(cmdline),
});
rebootMenuButton = rebootMenu.button;

ui.params.addEventListener('input', updateCommands);
ui.params.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') ui.insmod.click();
});

/** A fresh kernel (new session, or the same one rebooted): the kernel's panes start over. */
function restart(id: string, clearTerminal: boolean): void {
  dmesg.clear();
  if (clearTerminal) terminal.reset('');
  editor.setDiagnostics([]);
  ui.buildStatus.textContent = '';
  runningPid = null;
  lastBuild = null;
  lastModules = [];
  updateCommands();
  ui.dmesgStatus.textContent = 'connecting…';
  ui.dmesgStatus.dataset.status = 'connecting';
  stream.connect(id);
  ui.session.textContent = `session ${id.slice(0, 8)}`;
  ui.session.title = `session ${id}`;
  ui.kernel.textContent = kernelLabel(client.kernel, cmdline);
  void refresh();
}

let started = false;
client.onNewSession = (id) => {
  // The first session of the tab, or a replacement for one the server no longer has (evicted when
  // idle, or the server restarted): the terminal keeps its history and says what happened.
  if (started) terminal.write('\x1b[2m[kplay: the previous kernel is gone (idle too long, or the server restarted); this is a fresh one with your files]\x1b[0m\n');
  started = true;
  restart(id, false);
};

// ---- work kept in this browser: a new tab (or the page opened again) replays it -------------------------

const KEEP_WORK_DELAY_MS = 1500;
let keepTimer: number | undefined;

/** Soon after a change, keeps the session's scenario (files and steps, no outputs) in localStorage. */
function keepWork(): void {
  // A link or gallery entry on show is someone else's work until the user acts on it (leaveReplay).
  if (!workStorage || !started || viewingPast || replayed !== null) return;
  window.clearTimeout(keepTimer);
  keepTimer = window.setTimeout(() => {
    void flushSaves()
      .then(() => client.scenario(false))
      .then((scenario) => saveWork(workStorage, scenario as Scenario))
      .catch(() => undefined);
  }, KEEP_WORK_DELAY_MS);
}

/** Replays the work kept in this browser into this tab's new session; false if it could not. */
async function restoreWork(work: SavedWork): Promise<boolean> {
  try {
    const answer = (await client.replay({ scenario: work.scenario }, (a) => filesAt(a.scenario, a.replay.frames.length - 1))) as Replayed;
    const last = answer.replay.frames.length - 1;
    const files = filesAt(answer.scenario, last);
    editor.replaceAll(files, files['hello-3.c'] !== undefined ? 'hello-3.c' : undefined);
    started = true;
    restart(answer.id, false);
    const n = commandCount(answer.scenario.steps);
    await terminal.showTranscript(transcript(answer.replay.frames, last),
      `\x1b[2m[kplay: your work from ${new Date(work.savedAt).toLocaleString()} is back: ${n} ${n === 1 ? 'command' : 'commands'} replayed on a fresh kernel]\x1b[0m\n`);
    return true;
  } catch {
    return false;
  }
}

// ---- lessons: ?lesson=ID (built in) or ?lesson=URL (an author's own Markdown) --------------------------

/** The last command the page ran, for the lesson's checkpoints. */
let lastCommand: { command: string; output: string; exitCode: number | null } | null = null;

const lessonPanel = new LessonPanel(ui.lesson, {
  open: (files) => {
    for (const [name, text] of Object.entries(files)) {
      editor.addFile(name, text);
      save(name, text);
    }
    updateCommands();
  },
  done: (index, total, title) => {
    if (embed) toHost({ type: 'kplay:lesson', step: index + 1, steps: total, title, done: true });
  },
});

function observeLesson(): void {
  lessonPanel.observe({ dmesg: dmesg.text(), command: lastCommand?.command ?? null, output: lastCommand?.output ?? '', exitCode: lastCommand?.exitCode ?? null });
}

async function loadLesson(): Promise<void> {
  const source = new URLSearchParams(location.search).get('lesson');
  if (!source) return;
  const url = /^[A-Za-z0-9_-]+$/.test(source) ? `/api/lessons/${source}` : source;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    lessonPanel.show(parseLesson(await response.text()));
  } catch (error) {
    ui.lesson.hidden = false;
    ui.lesson.textContent = `The lesson at ${url} could not be loaded: ${String((error as Error)?.message ?? error)}`;
  }
}

// ---- theme: the system's (prefers-color-scheme) unless the toggle chose one (kept in localStorage) ----

const THEME_KEY = 'kplay.theme';
const systemDark = window.matchMedia?.('(prefers-color-scheme: dark)');

function chosenTheme(): string | null {
  try {
    return window.localStorage.getItem(THEME_KEY);
  } catch {
    return null;
  }
}

function applyTheme(): void {
  const chosen = chosenTheme();
  const dark = chosen ? chosen === 'dark' : systemDark ? systemDark.matches : true;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  editor.setDark(dark);
  terminal.setDark(dark);
}

ui.theme.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'light';
  try {
    window.localStorage.setItem(THEME_KEY, dark ? 'light' : 'dark');
  } catch {
    // storage disabled: the toggle still works for this page
    document.documentElement.dataset.theme = dark ? 'light' : 'dark';
  }
  applyTheme();
});
systemDark?.addEventListener?.('change', applyTheme);
applyTheme();

// ---- sharing and replay ------------------------------------------------------------------------

const shareDialog = new ShareDialog(app);
ui.share.addEventListener('click', () => void shareDialog.open(async () => {
  await flushSaves();
  const scenario = (await client.scenario()) as Scenario;
  const link = await client.link(scenario);
  return shareLinks(location.origin, link.id, scenario);
}));

/** What the session's builds made, as the server says (a restored or replayed session's too, with no new build). */
let builtArtifacts: string[] = [];

new DownloadMenu(ui.download, {
  prepare: async () => {
    await flushSaves();
    const id = await client.ensure();
    builtArtifacts = (await client.state().catch(() => null))?.artifacts ?? builtArtifacts;
    return id;
  },
  artifacts: () => [...new Set([...(lastBuild?.artifacts ?? []), ...builtArtifacts])].sort(),
  open: (scenario) => {
    history.replaceState(null, '', '/');
    void busy(() => openReplay({ scenario })).catch((error) => terminal.write(`kplay: ${String(error?.message ?? error)}\n`));
  },
  error: (message) => terminal.write(`kplay: ${message}\n`),
});

/** The replay on show (its timeline), or null once the session went on live. */
let replayed: Replayed | null = null;
/** True while the timeline shows a step before the last: the page is read-only. */
let viewingPast = false;

const timeline = new Timeline(ui.timeline, {
  pick: (frame, live) => void showFrame(frame, live),
  fork: (frame) => void busy(() => fork(frame)),
});

const galleryDialog = new GalleryDialog(app, async () => {
  const response = await fetch('/api/gallery');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as GalleryEntry[];
});
ui.gallery.addEventListener('click', () => void galleryDialog.open());

/** What a link in the address names: a short link (/s/ID), a full link (#s=...), a gallery entry, or nothing. */
async function linkInAddress(): Promise<{ link: string } | { scenario: Scenario } | null> {
  const entry = new URLSearchParams(location.search).get('gallery');
  if (entry) {
    const response = await fetch(`/api/gallery/${encodeURIComponent(entry)}`);
    if (response.ok) return { scenario: (await response.json()) as Scenario };
  }
  const short = /^\/(?:s|embed)\/([A-Za-z0-9_-]+)$/.exec(location.pathname);
  if (short) return { link: short[1] };
  const scenario = await decodeFragment(location.hash);
  return scenario ? { scenario } : null;
}

/** Starts a session that replayed `body` and shows it with its timeline at the last step. */
async function openReplay(body: { link: string } | { scenario: unknown }): Promise<void> {
  const answer = (await client.replay(body, (a) => filesAt(a.scenario, a.replay.frames.length - 1))) as Replayed;
  replayed = answer;
  viewingPast = false;
  const last = answer.replay.frames.length - 1;
  editor.replaceAll(filesAt(answer.scenario, last), editor.active);
  restart(answer.id, false);
  await terminal.showTranscript(transcript(answer.replay.frames, last));
  timeline.show(answer.scenario.title, answer.replay);
  setBusy();
}

/** The terminal, dmesg and files as they were after `frame`; the page is live again at the last one. */
async function showFrame(frame: number, live: boolean): Promise<void> {
  if (!replayed) return;
  const frames = replayed.replay.frames;
  viewingPast = !live;
  terminal.readOnly = !live || !!embed?.readOnly;
  editor.setReadOnly(!live || !!embed?.readOnly);
  editor.replaceAll(filesAt(replayed.scenario, frame));
  dmesg.clear();
  for (const record of records(frames, frame)) dmesg.append(record);
  await terminal.showTranscript(transcript(frames, frame));
  app.dataset.view = live ? 'live' : 'past';
  setBusy();
}

/** "Continue from here": a new live session that replayed the scenario up to `frame`. */
async function fork(frame: number): Promise<void> {
  if (!replayed) return;
  const scenario = prefix(replayed.scenario, frame);
  history.replaceState(null, '', '/');
  viewingPast = false;
  terminal.readOnly = !!embed?.readOnly;
  editor.setReadOnly(!!embed?.readOnly);
  app.dataset.view = 'live';
  await openReplay({ scenario });
}

/** The user acts on the session: what it shows is no longer the recording, so the timeline goes. */
function leaveReplay(): void {
  if (!replayed || viewingPast) return;
  replayed = null;
  timeline.hide();
  updateCommands();
}

/** What the page was opened with (a link, or nothing), for an embed's reset. */
let openedWith: { link: string } | { scenario: Scenario } | null = null;
let initialFiles: Record<string, string> = {};

/** Tells the host page (if embedded) that a session is ready. */
function ready(): void {
  if (embed) toHost({ type: 'kplay:ready', session: client.id, kernel: client.kernel });
}

/** The host page's requests (embeds only): files, commands, reset. */
window.addEventListener('message', (event) => {
  if (!embed || event.source !== window.parent) return;
  const message = hostMessage(event.data);
  if (!message) return;
  if (message.type === 'kplay:files') {
    for (const [name, text] of Object.entries(message.files)) {
      editor.addFile(name, text);
      track(client.putFile(name, text));
    }
    updateCommands();
  } else if (message.type === 'kplay:exec') {
    const command = message.command;
    if (command.trim() === 'make') runButton('make', build);
    else runButton(command, async () => {
      await flushSaves();
      await show(await client.exec(command), command);
    });
  } else if (message.type === 'kplay:reset') {
    void busy(async () => {
      if (openedWith) {
        await openReplay(openedWith);
      } else {
        editor.replaceAll(initialFiles);
        for (const [name, text] of Object.entries(initialFiles)) client.remember(name, text);
        await client.replace();
        terminal.reset('');
      }
      ready();
    }).catch((error) => toHost({ type: 'kplay:error', message: String(error?.message ?? error) }));
  }
});

async function start(): Promise<void> {
  if (embed?.readOnly) {
    editor.setReadOnly(true);
    terminal.readOnly = true;
  }
  const link = await linkInAddress().catch(() => null);
  if (link) {
    openedWith = link;
    setBusy();
    await busy(() => openReplay(link));
    started = true;
    if (!embed) focusEditorUnlessTaken();
    ready();
    return;
  }
  // A lesson brings its own files: it starts with those, not with the sample or earlier work.
  const lesson = new URLSearchParams(location.search).has('lesson');
  const work = !embed && !lesson && client.id === null ? loadWork(workStorage) : null;
  if (work && worthRestoring(work.scenario) && await busy(() => restoreWork(work))) {
    initialFiles = client.files();
    await loadLesson();
    focusEditorUnlessTaken();
    ready();
    return;
  }
  let files = client.files();
  if (Object.keys(files).length === 0 && !lesson) {
    client.remember('hello-3.c', hello3);
    files = client.files();
  }
  for (const [name, text] of Object.entries(files)) editor.addFile(name, text);
  const first = files['hello-3.c'] !== undefined ? 'hello-3.c' : Object.keys(files)[0];
  if (first !== undefined) editor.open(first);
  updateCommands();
  setBusy();
  // A new session uploads the files and calls onNewSession; a reloaded tab reuses its session.
  const hadSession = client.id !== null;
  const id = await busy(() => client.ensure());
  started = true;
  if (hadSession) {
    restart(id, false);
    // A reload: the terminal comes back as it was, from the session's own recording.
    void client.scenario().then((scenario) => terminal.showTranscript(stepsTranscript((scenario as Scenario).steps))).catch(() => undefined);
  }
  initialFiles = client.files();
  await loadTree();
  await loadLesson();
  if (!embed) focusEditorUnlessTaken();
  ready();
}

/**
 * The editor takes the keyboard when the page has started, unless the user has already put it
 * elsewhere: the page is usable before the ~/linux tree and a lesson have loaded, and a click into
 * the terminal then must not see its typing land in the code.
 */
function focusEditorUnlessTaken(): void {
  const active = document.activeElement;
  if (active === null || active === document.body || active === document.documentElement) editor.focus();
}

/** The session's ~/linux tree as a group of editor tabs (files the tab already holds keep its text). */
async function loadTree(): Promise<void> {
  try {
    const active = editor.active;
    const tree = await client.treeFiles();
    let added = false;
    for (const [name, text] of Object.entries(tree)) {
      if (editor.names().includes(name)) continue;
      editor.addFile(name, text);
      added = true;
    }
    if (added && active) editor.open(active);
  } catch {
    // a server without ~/linux: the editor shows the module files only
  }
}

(window as unknown as { kplay: object }).kplay = {
  terminalText: () => terminal.text(),
  replay: () => replayed,
  dmesgText: () => dmesg.text(),
  sessionId: () => client.id,
};

start().catch((error) => {
  if (embed) toHost({ type: 'kplay:error', message: String(error?.message ?? error) });
  ui.session.textContent = 'no session';
  terminal.write(`kplay: could not start a session: ${String(error?.message ?? error)}\n`);
});
