// The shell terminal: xterm.js showing `root@kplay:~# `, with LineEditor doing the line editing.
// Each entered line is one `exec` call; the buttons run their commands through run() too, so the
// terminal shows `root@kplay:~# insmod hello-3.ko` and its output exactly as if it had been typed.
// One command runs at a time: keys typed meanwhile wait (type-ahead), except Ctrl-C, which goes to
// the server as SIGINT for the foreground job. A job that comes back `running` keeps the prompt away
// until the caller says it ended.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { LineEditor } from './lineEditor';

export const PROMPT = 'root@kplay:~# ';

export interface ShellHandlers {
  /** Runs a typed line; resolves when the prompt may come back. */
  line(line: string): Promise<void>;
  /** Ctrl-C while a command runs. */
  interrupt(): void;
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
    this.term.write(PROMPT);
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
        this.handlers.interrupt();
      } else {
        this.typeAhead += data;
      }
      return;
    }
    const end = /\r\n?|\n/.exec(data);
    const head = end ? data.slice(0, end.index + end[0].length) : data;
    const rest = end ? data.slice(end.index + end[0].length) : '';
    for (const event of this.editor.feed(head)) {
      if (event.kind === 'write') this.term.write(event.data);
      else if (event.kind === 'interrupt') this.term.write(PROMPT);
      else if (event.kind === 'clear') this.clearScreen();
      else if (event.kind === 'line') {
        if (!event.line.trim()) {
          this.term.write(PROMPT);
          continue;
        }
        this.busy = true;
        this.typeAhead = rest;
        const line = event.line;
        this.enqueue(() => this.handlers.line(line));
        return;
      }
    }
    if (rest) this.input(rest);
  }

  private clearScreen(): void {
    this.term.write('\x1b[H\x1b[2J' + PROMPT + this.editor.line);
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
      this.term.write('\r\x1b[K' + PROMPT + command + '\r\n');
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
        this.showPrompt();
      }
    });
    this.queue = next;
    return next;
  }

  private showPrompt(): void {
    if (this.afterInterrupt) this.term.write('\r\n');
    this.afterInterrupt = false;
    this.term.write(PROMPT);
    const pending = this.typeAhead;
    this.typeAhead = '';
    if (pending) this.input(pending);
  }

  /**
   * Shows a recorded session: each command after a prompt, as if typed, then its output, the
   * same bytes a live session writes (then `notice`, if any). Resolves when the terminal has taken them in.
   */
  showTranscript(entries: { command: string | null; output: string }[], notice = ''): Promise<void> {
    this.editor.reset('');
    this.typeAhead = '';
    this.afterInterrupt = false;
    this.term.reset();
    let text = PROMPT;
    for (const entry of entries) {
      text += entry.command === null ? '^C\r\n' : entry.command + '\r\n';
      text += entry.output.replace(/\r?\n/g, '\r\n') + PROMPT;
    }
    // A note from kplay (not the session's) goes before the last prompt, where a cleared screen keeps it.
    if (notice) text = text.slice(0, -PROMPT.length) + notice.replace(/\r?\n/g, '\r\n') + PROMPT;
    return new Promise((resolve) => this.term.write(text, resolve));
  }

  /** Clears everything (a fresh kernel); the prompt comes back now, or when the running command ends. */
  reset(banner: string): void {
    this.editor.reset('');
    this.typeAhead = '';
    this.term.reset();
    this.write(banner);
    if (!this.busy) this.term.write(PROMPT);
  }
}
