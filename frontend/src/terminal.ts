// The shell terminal: xterm.js showing `root@kplay:~# `, with LineEditor doing the line editing.
// Each entered line is one `exec` call; the buttons run their commands through run() too, so the
// terminal shows `root@kplay:~# insmod hello-3.ko` and its output exactly as if it had been typed.
// The prompt is bash's PS1 on Debian for root, `\u@\h:\w\$ `: it follows the shell's working directory
// (`root@kplay:~/linux# ` after `cd linux`), which each command result carries.
// One command runs at a time: keys typed meanwhile wait (type-ahead), echoed at once as the tty echoes
// them when they are typed (the command's own output follows), except Ctrl-C, which goes to
// the server as SIGINT for the foreground job. A job that comes back `running` keeps the prompt away
// until the caller says it ended; meanwhile keys go to the job's stdin through the tty's canonical mode:
// echoed here as n_tty echoes them (ECHOCTL shows ^X), Backspace erases, ^U kills the line, Enter
// sends the line and ^D sends what was typed without a newline (an empty ^D is end of file).
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { LineEditor } from './lineEditor';
import { promptFor, ttyEcho } from './tty';

export { promptFor, ttyEcho };

export const PROMPT = 'root@kplay:~# ';

/** One piece of a recorded terminal: a command line (null for ^C), typed input, or late output. */
export interface TranscriptEntry {
  command: string | null;
  output: string;
  kind?: 'command' | 'input' | 'late';
  /** The job was still running afterwards (no prompt came back). */
  running?: boolean;
  /** The shell's directory afterwards. */
  cwd?: string;
}

export interface ShellHandlers {
  /** Runs a typed line; resolves when the prompt may come back. */
  line(line: string): Promise<void>;
  /** Ctrl-C while a command runs. */
  interrupt(): void;
  /** Keys for the running job's stdin: a line with its "\n", or text ending in ^D ("\x04"). */
  typed?(text: string): void;
}

export class ShellTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor = new LineEditor();
  private busy = false;
  private typeAhead = '';
  private queue: Promise<void> = Promise.resolve();
  /** A ^C was echoed while a command ran: the next output or prompt starts on a new line, as in bash. */
  private afterInterrupt = false;
  /** While true, typing does nothing (the timeline shows a past step). */
  readOnly = false;
  /** The shell's working directory, for the prompt. */
  private cwd = '/root';
  /** A foreground job runs and reads the terminal: keys go to its stdin (see jobInput). */
  private job = false;
  /** The line being typed for the job (the tty's canonical buffer, as shown). */
  private jobLine = '';
  /** How many characters at the end of typeAhead the tty already echoed as they were typed. */
  private echoedAhead = 0;

  constructor(parent: HTMLElement, private readonly handlers: ShellHandlers) {
    this.term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      theme: { background: '#14161a', foreground: '#d8dee9', cursor: '#d8dee9' },
    });
    this.term.loadAddon(this.fit);
    this.term.open(parent);
    this.fitToParent();
    new ResizeObserver(() => this.fitToParent()).observe(parent);
    this.term.onData((data) => this.input(data));
    // Esc then Tab leaves the terminal (Tab alone completes nothing here but must not trap focus):
    // the Esc is not sent to the shell, and the Tab right after it goes to the browser.
    let escaped = false;
    this.term.attachCustomKeyEventHandler((event) => {
      if (event.type !== 'keydown') return !(escaped && event.key === 'Tab');
      if (event.key === 'Escape') {
        escaped = true;
        return false;
      }
      if (event.key === 'Tab' && escaped) {
        escaped = false;
        return false;
      }
      escaped = false;
      return true;
    });
    this.term.write(this.prompt());
  }

  /** The prompt for the shell's current directory. */
  prompt(): string {
    return promptFor(this.cwd);
  }

  /** The shell's working directory, as the prompt shows it. */
  get directory(): string {
    return this.cwd;
  }

  /** The shell's working directory after a command (the next prompt shows it). */
  setCwd(cwd: string | undefined): void {
    if (cwd) this.cwd = cwd;
  }

  /**
   * Whether a foreground job is running: keys typed meanwhile are its stdin (what was typed ahead
   * while the command started goes to it too), until it ends and the prompt comes back.
   */
  setJobRunning(running: boolean): void {
    this.job = running;
    this.jobLine = '';
    if (running && this.typeAhead) {
      const pending = this.typeAhead;
      const echoed = this.echoedAhead;
      this.typeAhead = '';
      this.echoedAhead = 0;
      this.jobInput(pending.slice(0, pending.length - echoed));
      this.jobInput(pending.slice(pending.length - echoed), false);
    }
  }

  /**
   * Keys typed while a command starts: n_tty echoes them now, when they are typed (before what the
   * command prints next); they wait in typeAhead for the job's stdin, or for bash if it ends first.
   */
  private echoAhead(data: string): void {
    this.typeAhead += data;
    this.echoedAhead += data.length;
    this.jobInput(data, true, false);
  }

  /** The tty's canonical mode for the job's stdin, as n_tty does it (see the file comment). */
  private jobInput(data: string, echo = true, send = true): void {
    const write = (text: string) => {
      if (echo) this.term.write(text);
    };
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        const line = this.jobLine + '\n';
        this.jobLine = '';
        write('\r\n');
        if (send) this.handlers.typed?.(line);
      } else if (ch === '\x04') {
        const text = this.jobLine + '\x04';
        this.jobLine = '';
        if (send) this.handlers.typed?.(text);
      } else if (ch === '\x7f' || ch === '\b') {
        const chars = [...this.jobLine];
        const last = chars.pop();
        if (last === undefined) continue;
        this.jobLine = chars.join('');
        write('\b \b'.repeat(ttyEcho(last).length));
      } else if (ch === '\x15') {
        write('\b \b'.repeat(ttyEcho(this.jobLine).length));
        this.jobLine = '';
      } else {
        this.jobLine += ch;
        write(ttyEcho(ch));
      }
    }
  }

  private fitToParent(): void {
    try {
      this.fit.fit();
    } catch {
      // not laid out yet
    }
  }

  /** The terminal's colours for the page's light or dark theme. */
  setDark(dark: boolean): void {
    this.term.options.theme = dark
      ? { background: '#14161a', foreground: '#d8dee9', cursor: '#d8dee9' }
      : { background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d7ff' };
  }

  focus(): void {
    this.term.focus();
  }

  /** Everything the terminal holds, scrollback included, one string per row, trailing blanks trimmed. */
  text(): string {
    const buffer = this.term.buffer.active;
    const rows: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && rows.length) rows[rows.length - 1] += text;
      else rows.push(text);
    }
    while (rows.length && rows[rows.length - 1] === '') rows.pop();
    return rows.join('\n');
  }

  private input(data: string): void {
    if (this.readOnly) return;
    if (this.busy) {
      if (data.includes('\x03')) {
        this.term.write('^C');
        this.afterInterrupt = true;
        this.typeAhead = '';
        this.echoedAhead = 0;
        this.jobLine = '';
        this.handlers.interrupt();
      } else if (this.job) {
        this.jobInput(data);
      } else {
        this.echoAhead(data);
      }
      return;
    }
    const end = /\r\n?|\n/.exec(data);
    const head = end ? data.slice(0, end.index + end[0].length) : data;
    const rest = end ? data.slice(end.index + end[0].length) : '';
    for (const event of this.editor.feed(head)) {
      if (event.kind === 'write') this.term.write(event.data);
      else if (event.kind === 'interrupt') this.term.write(this.prompt());
      else if (event.kind === 'clear') this.clearScreen();
      else if (event.kind === 'line') {
        if (!event.line.trim()) {
          this.term.write(this.prompt());
          continue;
        }
        this.busy = true;
        this.typeAhead = rest;
        this.echoedAhead = 0;
        const line = event.line;
        this.enqueue(() => this.handlers.line(line));
        return;
      }
    }
    if (rest) this.input(rest);
  }

  private clearScreen(): void {
    this.term.write('\x1b[H\x1b[2J' + this.prompt() + this.editor.line);
  }

  /** Writes program output, turning LF into CRLF as a tty's onlcr does. */
  write(text: string): void {
    if (!text) return;
    if (this.afterInterrupt) this.term.write('\r\n');
    this.afterInterrupt = false;
    this.term.write(text.replace(/\r?\n/g, '\r\n'));
  }

  /**
   * Runs a command on behalf of a button: the half-typed line is set aside, the command is shown
   * after a prompt as if typed, `action` runs it, and the prompt comes back with the line restored.
   */
  run(command: string, action: () => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      const saved = this.editor.line;
      this.busy = true;
      this.term.write('\r\x1b[K' + this.prompt() + command + '\r\n');
      this.editor.reset('');
      this.typeAhead = saved + this.typeAhead;
      await action();
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      try {
        await task();
      } catch (error) {
        this.write(`kplay: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        this.busy = false;
        this.job = false;
        this.jobLine = '';
        this.showPrompt();
      }
    });
    this.queue = next;
    return next;
  }

  private showPrompt(): void {
    if (this.afterInterrupt) this.term.write('\r\n');
    this.afterInterrupt = false;
    this.term.write(this.prompt());
    const pending = this.typeAhead;
    this.typeAhead = '';
    this.echoedAhead = 0;
    if (pending) this.input(pending);
  }

  /**
   * Shows a recorded session: each command after a prompt, as if typed, then its output, the
   * same bytes a live session writes (then `notice`, if any). A command still running keeps the
   * prompt away, as live; what was typed for it and late output follow where they came. Resolves
   * when the terminal has taken them in.
   */
  showTranscript(entries: TranscriptEntry[], notice = ''): Promise<void> {
    this.editor.reset('');
    this.typeAhead = '';
    this.afterInterrupt = false;
    this.job = false;
    this.jobLine = '';
    this.term.reset();
    this.cwd = '/root';
    let text = this.prompt();
    let prompted = true;
    for (const entry of entries) {
      if (entry.kind === 'late' || entry.kind === 'input') text += entry.output.replace(/\r?\n/g, '\r\n');
      else {
        if (entry.command !== null && !prompted) text += this.prompt();   // the job ended meanwhile
        text += entry.command === null ? '^C\r\n' : entry.command + '\r\n';
        text += entry.output.replace(/\r?\n/g, '\r\n');
      }
      if (entry.kind === 'late') continue;
      this.setCwd(entry.cwd);
      prompted = !entry.running;
      if (prompted) text += this.prompt();
    }
    // A note from kplay (not the session's) goes before the last prompt, where a cleared screen keeps it.
    const last = this.prompt();
    if (notice && prompted && text.endsWith(last)) text = text.slice(0, -last.length) + notice.replace(/\r?\n/g, '\r\n') + last;
    else if (notice) text += notice.replace(/\r?\n/g, '\r\n');
    return new Promise((resolve) => this.term.write(text, resolve));
  }

  /** Clears everything (a fresh kernel); the prompt comes back now, or when the running command ends. */
  reset(banner: string): void {
    this.editor.reset('');
    this.typeAhead = '';
    this.term.reset();
    this.cwd = '/root';
    this.write(banner);
    if (!this.busy) this.term.write(this.prompt());
  }
}
