// The page's client for the session HTTP contract (DESIGN.md, "HTTP contract"). One kernel per browser
// tab: the session id lives in sessionStorage, never in a cookie, so an embedded page gets its own.
// The client also keeps the tab's file contents, because a server may evict an idle session: a 404 for
// the session makes a new one, uploads the files again and retries the call once. Callers learn of the
// new kernel through onNewSession (the dmesg stream and the panes start over).

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
}

export interface BuildResult {
  ok: boolean;
  output: string;
  diagnostics: Diagnostic[];
  artifacts: string[];
}

export interface CommandResult {
  exitCode: number | null;
  output: string;
  killed: boolean;
  running: boolean;
  pid: number | null;
  /** The shell's working directory afterwards (for the prompt), when the server says. */
  cwd?: string;
}

export interface ModuleRow {
  name: string;
  size: number;
  refcount: number;
  usedBy: string[];
  state: string;
  taint: string;
}

export interface SessionState {
  modules: ModuleRow[];
  taint: { value: number; flags: string };
  uptime: number | null;
  tasks: unknown[];
  /** The panic() reason once the kernel panicked: it is dead until Reboot. */
  panic: string | null;
  /** The boot parameters after "console=ttyS0 panic=1" ("" for none). */
  cmdline?: string;
  /** What builds made in /root (X.ko, executables), restored sessions included. */
  artifacts?: string[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly error: string, message: string) {
    super(message);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const STORE_KEY = 'kplay.session';

interface Saved {
  id: string | null;
  kernel: string | null;
  files: Record<string, string>;
}

export class SessionClient {
  private saved: Saved;
  private creating: Promise<string> | null = null;
  /** Called after a new session (first, evicted or replaced) has been created and files uploaded. */
  onNewSession: (id: string, kernel: string | null) => void = () => {};

  constructor(private readonly fetchFn: Fetch, private readonly store: SessionStore, private readonly base = '') {
    this.saved = SessionClient.load(store);
  }

  private static load(store: SessionStore): Saved {
    try {
      const raw = store.getItem(STORE_KEY);
      if (raw) {
        const parsed = JSON.parse(raw) as Partial<Saved>;
        return { id: parsed.id ?? null, kernel: parsed.kernel ?? null, files: parsed.files ?? {} };
      }
    } catch {
      // a damaged entry is as good as none
    }
    return { id: null, kernel: null, files: {} };
  }

  private persist(): void {
    try {
      this.store.setItem(STORE_KEY, JSON.stringify(this.saved));
    } catch {
      // storage full or disabled: the tab still works, only a reload forgets
    }
  }

  get id(): string | null {
    return this.saved.id;
  }

  get kernel(): string | null {
    return this.saved.kernel;
  }

  /** The files this tab holds, by name (what a new session gets uploaded). */
  files(): Record<string, string> {
    return { ...this.saved.files };
  }

  /** Remembers a file locally without uploading it (the editor's initial contents). */
  remember(name: string, text: string): void {
    this.saved.files[name] = text;
    this.persist();
  }

  forget(name: string): void {
    delete this.saved.files[name];
    this.persist();
  }

  /** The current session id, creating a session (and uploading the files) if there is none. */
  async ensure(): Promise<string> {
    if (this.saved.id) return this.saved.id;
    return this.create();
  }

  private create(): Promise<string> {
    if (!this.creating) {
      this.creating = (async () => {
        const response = await this.fetchFn(`${this.base}/api/sessions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        const body = await SessionClient.parse(response);
        const id = String(body.id);
        this.saved.id = id;
        this.saved.kernel = typeof body.kernel === 'string' ? body.kernel : null;
        this.persist();
        for (const [name, text] of Object.entries(this.saved.files)) {
          await this.raw('PUT', id, `/files/${filePath(name)}`, text, 'text/plain');
        }
        this.onNewSession(id, this.saved.kernel);
        return id;
      })().finally(() => {
        this.creating = null;
      });
    }
    return this.creating;
  }

  private async raw(method: string, id: string, path: string, body?: string, type = 'application/json'): Promise<Response> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = body;
      init.headers = { 'Content-Type': type };
    }
    return this.fetchFn(`${this.base}/api/sessions/${encodeURIComponent(id)}${path}`, init);
  }

  private static async parse(response: Response): Promise<any> {
    const text = await response.text();
    let body: any = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) {
      const error = body && typeof body === 'object' ? String(body.error ?? response.status) : String(response.status);
      const message = body && typeof body === 'object' ? String(body.message ?? '') : String(body ?? '');
      throw new ApiError(response.status, error, message || `HTTP ${response.status}`);
    }
    return body;
  }

  /** True when the session itself is gone (not merely a missing file). */
  private async sessionGone(id: string): Promise<boolean> {
    const response = await this.raw('GET', id, '');
    return response.status === 404;
  }

  /** A session-scoped call; an evicted session is replaced and the call retried once. */
  async call(method: string, path: string, body?: unknown, type = 'application/json'): Promise<any> {
    const encoded = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const id = await this.ensure();
    const response = await this.raw(method, id, path, encoded, type);
    if (response.status === 404 && (await this.sessionGone(id))) {
      if (this.saved.id === id) {
        this.saved.id = null;
        await this.create();
      }
      const retryId = await this.ensure();
      return SessionClient.parse(await this.raw(method, retryId, path, encoded, type));
    }
    return SessionClient.parse(response);
  }

  async putFile(name: string, text: string): Promise<void> {
    this.remember(name, text);
    await this.call('PUT', `/files/${filePath(name)}`, text, 'text/plain');
  }

  /** The session's ~/linux tree ("linux/kernel/sys.c" → text), as the kernel's disk has it now. */
  async treeFiles(): Promise<Record<string, string>> {
    const names: unknown = await this.call('GET', '/files');
    const tree: Record<string, string> = {};
    if (!Array.isArray(names)) return tree;
    for (const name of names) {
      if (typeof name !== 'string' || !name.startsWith('linux/')) continue;
      const id = await this.ensure();
      const response = await this.raw('GET', id, `/files/${filePath(name)}`, undefined, 'text/plain');
      if (response.ok) tree[name] = await response.text();
    }
    return tree;
  }

  /** Forgets a file here and removes it from the session (a server without DELETE keeps it). */
  async deleteFile(name: string): Promise<void> {
    this.forget(name);
    await this.call('DELETE', `/files/${filePath(name)}`).catch(() => undefined);
  }

  async build(): Promise<BuildResult> {
    return normalizeBuild(await this.call('POST', '/build', {}));
  }

  async insmod(module: string, params: string): Promise<CommandResult> {
    return normalizeCommand(await this.call('POST', '/insmod', { module, params }));
  }

  async rmmod(module: string): Promise<CommandResult> {
    return normalizeCommand(await this.call('POST', '/rmmod', { module }));
  }

  async exec(command: string, timeoutMs = 5000): Promise<CommandResult> {
    return normalizeCommand(await this.call('POST', '/exec', { command, timeoutMs }));
  }

  /** Ctrl-C and friends to the foreground job; the answer is a command result when the server gives one. */
  /** Keys typed at the terminal for the foreground job (a line with "\n", ^D as "\x04"): echo and output. */
  async input(text: string): Promise<CommandResult> {
    return normalizeCommand(await this.call('POST', '/input', { text }));
  }

  async signal(signal: string): Promise<CommandResult | null> {
    const body = await this.call('POST', '/signal', { signal });
    return body && typeof body === 'object' && 'output' in body ? normalizeCommand(body) : null;
  }

  async state(): Promise<SessionState> {
    return normalizeState(await this.call('GET', ''));
  }

  /** A fresh kernel; with `cmdline`, booted with those parameters instead of the current ones. */
  async reboot(cmdline?: string, kernel?: 'built' | 'stock'): Promise<void> {
    // The release changes when the newest kernel built in ~/linux boots: the header shows the new one.
    const answer = await this.call('POST', '/reboot', {
      ...(cmdline === undefined ? {} : { cmdline }),
      ...(kernel === undefined ? {} : { kernel }),
    });
    if (answer && typeof answer.kernel === 'string') {
      this.saved.kernel = answer.kernel;
      this.persist();
    }
  }

  /**
   * A new session that replayed a scenario or a short link (POST /api/sessions); the tab adopts it
   * and keeps `files` (the files as of its last step) as its own.
   */
  async replay(body: { scenario: unknown } | { link: string }, files: (answer: any) => Record<string, string>): Promise<any> {
    const response = await this.fetchFn(`${this.base}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await SessionClient.parse(response);
    this.saved = { id: String(answer.id), kernel: typeof answer.kernel === 'string' ? answer.kernel : null, files: files(answer) };
    this.persist();
    return answer;
  }

  /** The session as a scenario (GET /api/sessions/{id}/scenario), with what each step printed unless `outputs` is false. */
  async scenario(outputs = true): Promise<any> {
    return this.call('GET', outputs ? '/scenario' : '/scenario?outputs=false');
  }

  /** Keeps a scenario as a short link: {id, url}. */
  async link(scenario: unknown): Promise<{ id: string; url: string }> {
    const response = await this.fetchFn(`${this.base}/api/links`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });
    const body = await SessionClient.parse(response);
    return { id: String(body.id), url: String(body.url) };
  }

  /** Throws the session away and starts a new one with the same files. */
  async replace(): Promise<string> {
    const old = this.saved.id;
    this.saved.id = null;
    if (old) {
      await this.raw('DELETE', old, '').catch(() => undefined);
    }
    return this.create();
  }
}

export function normalizeCommand(body: any): CommandResult {
  return {
    exitCode: typeof body?.exitCode === 'number' ? body.exitCode : null,
    output: typeof body?.output === 'string' ? body.output : '',
    killed: Boolean(body?.killed),
    running: Boolean(body?.running),
    pid: typeof body?.pid === 'number' ? body.pid : null,
    ...(typeof body?.cwd === 'string' ? { cwd: body.cwd } : {}),
  };
}

export function normalizeBuild(body: any): BuildResult {
  const artifacts = Array.isArray(body?.artifacts)
    ? body.artifacts.map(String)
    : body?.artifacts && typeof body.artifacts === 'object'
      ? Object.keys(body.artifacts)
      : [];
  const diagnostics: Diagnostic[] = Array.isArray(body?.diagnostics)
    ? body.diagnostics.map((d: any) => ({
        file: String(d.file ?? ''),
        line: Number(d.line ?? 1),
        column: Number(d.column ?? 1),
        severity: String(d.severity ?? 'error'),
        message: String(d.message ?? ''),
      }))
    : [];
  return { ok: Boolean(body?.ok), output: typeof body?.output === 'string' ? body.output : '', diagnostics, artifacts };
}

/**
 * Reads the session state leniently: the kernel's KernelSnapshot fields (uptimeNanos, taintMask,
 * taintFlags, modules with refcnt) at the top level or under "snapshot"/"state", or the plainer
 * names (uptime in seconds, taint as a number, letters or {value, flags}, refcount, usedBy/holders).
 */
export function normalizeState(raw: any): SessionState {
  const body = raw?.snapshot ?? (raw?.state && typeof raw.state === 'object' ? raw.state : raw);
  const modules: ModuleRow[] = Array.isArray(body?.modules)
    ? body.modules.map((m: any) => ({
        name: String(m.name ?? ''),
        size: Number(m.size ?? 0),
        refcount: Number(m.refcount ?? m.refcnt ?? m.refs ?? 0),
        usedBy: listOf(m.usedBy ?? m.holders),
        state: String(m.state ?? ''),
        taint: typeof m.taint === 'string' ? m.taint : typeof m.taints === 'string' ? m.taints : '',
      }))
    : [];
  const taint = body?.taintMask !== undefined || body?.taintFlags !== undefined
    ? normalizeTaint({ value: body.taintMask, flags: body.taintFlags })
    : normalizeTaint(body?.taint ?? body?.tainted);
  const uptime = typeof body?.uptime === 'number' ? body.uptime
    : typeof body?.uptimeNanos === 'number' ? body.uptimeNanos / 1e9 : null;
  const panic = typeof body?.panic === 'string' ? body.panic : null;
  const cmdline = typeof body?.cmdline === 'string' ? body.cmdline : '';
  const artifacts = Array.isArray(body?.artifacts) ? body.artifacts.map(String) : [];
  return { modules, taint, uptime, tasks: Array.isArray(body?.tasks) ? body.tasks : [], panic, cmdline, artifacts };
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim() && value.trim() !== '-') {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return [];
}

function normalizeTaint(value: any): { value: number; flags: string } {
  if (typeof value === 'number') return { value, flags: taintLetters(value) };
  if (typeof value === 'string') return { value: taintValue(value), flags: value.replace(/\s+/g, '') };
  if (value && typeof value === 'object') {
    const number = typeof value.value === 'number' ? value.value : taintValue(String(value.flags ?? ''));
    const flags = typeof value.flags === 'string' ? value.flags.replace(/\s+/g, '') : taintLetters(number);
    return { value: number, flags };
  }
  return { value: 0, flags: '' };
}

/** The taint flags in bit order, as kernel/panic.c's taint_flags[] table lists them. */
export const TAINT_FLAGS: { letter: string; meaning: string }[] = [
  { letter: 'P', meaning: 'a proprietary module was loaded' },
  { letter: 'F', meaning: 'a module was force-loaded' },
  { letter: 'S', meaning: 'the kernel runs on an out-of-spec system' },
  { letter: 'R', meaning: 'a module was force-unloaded' },
  { letter: 'M', meaning: 'a machine check exception happened' },
  { letter: 'B', meaning: 'a bad page was referenced' },
  { letter: 'U', meaning: 'taint requested by user space' },
  { letter: 'D', meaning: 'the kernel died recently (an oops or BUG)' },
  { letter: 'A', meaning: 'an ACPI table was overridden' },
  { letter: 'W', meaning: 'the kernel issued a warning' },
  { letter: 'C', meaning: 'a staging driver was loaded' },
  { letter: 'I', meaning: 'working around a platform firmware bug' },
  { letter: 'O', meaning: 'an out-of-tree module was loaded' },
  { letter: 'E', meaning: 'an unsigned module was loaded' },
  { letter: 'L', meaning: 'a soft lockup happened' },
  { letter: 'K', meaning: 'the kernel was live-patched' },
  { letter: 'X', meaning: 'an auxiliary taint (distribution-defined)' },
  { letter: 'T', meaning: 'the kernel was built with the struct randomization plugin' },
];

/** The letters of the set bits of a /proc/sys/kernel/tainted value, in bit order ("OE", "DOE"). */
export function taintLetters(value: number): string {
  return TAINT_FLAGS.filter((_, bit) => Math.floor(value / 2 ** bit) % 2 === 1).map((f) => f.letter).join('');
}

/** The /proc/sys/kernel/tainted value of a letters string. */
export function taintValue(letters: string): number {
  let value = 0;
  TAINT_FLAGS.forEach((flag, bit) => {
    if (letters.includes(flag.letter)) value += 2 ** bit;
  });
  return value;
}

/** A file's name as a URL path: each part encoded, the slashes of a ~/linux path kept ("linux/kernel/sys.c"). */
export function filePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}
