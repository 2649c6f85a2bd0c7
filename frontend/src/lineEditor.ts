// The shell prompt's line editing, kept apart from xterm.js so it can be tested as plain data: a
// buffer with a cursor, readline's common keys (arrows, Home/End, Backspace/Delete, Ctrl-A/E/U/K/W) and
// a history walked with up/down, where the line being typed is kept while browsing, as bash does.
// feed() takes what the terminal sends (keystrokes or a paste) and returns what to draw and which lines
// were entered; the terminal only writes the returned text.

export type LineEvent =
  | { kind: 'write'; data: string }
  | { kind: 'line'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear' };

export class LineEditor {
  private buffer = '';
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';

  constructor(private readonly maxHistory = 500) {}

  get line(): string {
    return this.buffer;
  }

  get position(): number {
    return this.cursor;
  }

  /** Sets the line (after a button ran a command over a half-typed one) without drawing. */
  reset(line = ''): void {
    this.buffer = line;
    this.cursor = line.length;
    this.historyIndex = this.history.length;
  }

  historyEntries(): readonly string[] {
    return this.history;
  }

  /** Processes terminal input; multi-line pastes enter each complete line in turn. */
  feed(data: string): LineEvent[] {
    const events: LineEvent[] = [];
    let i = 0;
    while (i < data.length) {
      const escape = data.startsWith('\x1b', i) ? matchEscape(data, i) : null;
      if (escape) {
        this.escape(escape, events);
        i += escape.length;
        continue;
      }
      const ch = data[i++];
      switch (ch) {
        case '\r':
        case '\n':
          if (ch === '\n' && data[i - 2] === '\r') break;
          events.push({ kind: 'write', data: '\r\n' });
          events.push({ kind: 'line', line: this.enter() });
          break;
        case '\x7f':
        case '\b':
          this.backspace(events);
          break;
        case '\x03':
          events.push({ kind: 'write', data: '^C\r\n' });
          this.reset();
          events.push({ kind: 'interrupt' });
          break;
        case '\x01':
          this.moveTo(0, events);
          break;
        case '\x05':
          this.moveTo(this.buffer.length, events);
          break;
        case '\x02':
          this.moveTo(this.cursor - 1, events);
          break;
        case '\x06':
          this.moveTo(this.cursor + 1, events);
          break;
        case '\x0b':
          this.replace(this.buffer.slice(0, this.cursor), this.cursor, events);
          break;
        case '\x15':
          this.replace(this.buffer.slice(this.cursor), 0, events);
          break;
        case '\x17': {
          const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.replace(before + this.buffer.slice(this.cursor), before.length, events);
          break;
        }
        case '\x0c':
          events.push({ kind: 'clear' });
          break;
        case '\t':
          break;
        default:
          if (ch >= ' ') this.insert(ch, events);
      }
    }
    return events;
  }

  private enter(): string {
    const line = this.buffer;
    if (line.trim() && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > this.maxHistory) this.history.shift();
    }
    this.reset();
    this.draft = '';
    return line;
  }

  private escape(sequence: string, events: LineEvent[]): void {
    switch (sequence) {
      case '\x1b[A':
      case '\x1bOA':
        this.browse(-1, events);
        break;
      case '\x1b[B':
      case '\x1bOB':
        this.browse(1, events);
        break;
      case '\x1b[C':
      case '\x1bOC':
        this.moveTo(this.cursor + 1, events);
        break;
      case '\x1b[D':
      case '\x1bOD':
        this.moveTo(this.cursor - 1, events);
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        this.moveTo(0, events);
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        this.moveTo(this.buffer.length, events);
        break;
      case '\x1b[3~':
        if (this.cursor < this.buffer.length) {
          this.replace(this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1), this.cursor, events);
        }
        break;
      default:
        break;
    }
  }

  private browse(step: number, events: LineEvent[]): void {
    const target = this.historyIndex + step;
    if (target < 0 || target > this.history.length) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex = target;
    const line = target === this.history.length ? this.draft : this.history[target];
    this.replace(line, line.length, events);
    this.historyIndex = target;
  }

  private insert(text: string, events: LineEvent[]): void {
    const tail = this.buffer.slice(this.cursor);
    this.buffer = this.buffer.slice(0, this.cursor) + text + tail;
    this.cursor += text.length;
    events.push({ kind: 'write', data: text + tail + (tail.length ? `\x1b[${tail.length}D` : '') });
  }

  private backspace(events: LineEvent[]): void {
    if (this.cursor === 0) return;
    this.replace(this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor), this.cursor - 1, events);
  }

  private moveTo(position: number, events: LineEvent[]): void {
    const target = Math.max(0, Math.min(this.buffer.length, position));
    if (target < this.cursor) events.push({ kind: 'write', data: `\x1b[${this.cursor - target}D` });
    if (target > this.cursor) events.push({ kind: 'write', data: `\x1b[${target - this.cursor}C` });
    this.cursor = target;
  }

  /** Redraws the line as `line` with the cursor at `position`: back to the start, rewrite, erase the rest. */
  private replace(line: string, position: number, events: LineEvent[]): void {
    let data = this.cursor > 0 ? `\x1b[${this.cursor}D` : '';
    data += line + '\x1b[K';
    if (line.length > position) data += `\x1b[${line.length - position}D`;
    this.buffer = line;
    this.cursor = position;
    const keepIndex = this.historyIndex;
    events.push({ kind: 'write', data });
    this.historyIndex = keepIndex;
  }
}

/** The CSI/SS3 escape sequence starting at i, or null for a lone ESC. */
function matchEscape(data: string, i: number): string | null {
  const match = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(data.slice(i, i + 16));
  return match ? match[0] : null;
}
