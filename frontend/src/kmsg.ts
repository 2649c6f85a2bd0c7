// Kernel log records as the dmesg pane shows them. A record arrives from the kmsg WebSocket as
// {seq, level, facility, ts, text} (ts in microseconds, as /dev/kmsg gives it) and is printed in the
// console format `[    1.662453] text`. The level picks the colour, the way `dmesg --color` does:
// 0-3 (emerg..err) red, 4 (warning) yellow, 5 (notice) bold, 6 (info) plain, 7 (debug) dim.

export interface KmsgRecord {
  seq: number;
  level: number;
  facility?: number;
  ts: number;
  text: string;
}

/** `[    1.662453] ` as printk's print_time() writes it: seconds right-aligned in 5, 6 digits of µs. */
export function formatTimestamp(tsMicros: number): string {
  const micros = Math.max(0, Math.floor(tsMicros));
  const seconds = Math.floor(micros / 1_000_000).toString();
  const fraction = (micros % 1_000_000).toString().padStart(6, '0');
  return `[${seconds.padStart(5, ' ')}.${fraction}]`;
}

/** One console line per line of the record's text, each with the record's timestamp. */
export function formatRecord(record: KmsgRecord): string[] {
  const prefix = formatTimestamp(record.ts);
  const text = record.text.endsWith('\n') ? record.text.slice(0, -1) : record.text;
  return text.split('\n').map((line) => `${prefix} ${line}`);
}

export type LevelClass = 'lvl-err' | 'lvl-warn' | 'lvl-notice' | 'lvl-info' | 'lvl-debug';

/** The CSS class of a log level: 0-3 red, 4 yellow, 5 bold, 6 normal, 7 dim. */
export function levelClass(level: number): LevelClass {
  if (level <= 3) return 'lvl-err';
  if (level === 4) return 'lvl-warn';
  if (level === 5) return 'lvl-notice';
  if (level === 6) return 'lvl-info';
  return 'lvl-debug';
}

/** The same colouring as ANSI SGR codes, for writing records to a terminal. */
export function levelAnsi(level: number, line: string): string {
  switch (levelClass(level)) {
    case 'lvl-err': return `\x1b[31m${line}\x1b[0m`;
    case 'lvl-warn': return `\x1b[33m${line}\x1b[0m`;
    case 'lvl-notice': return `\x1b[1m${line}\x1b[0m`;
    case 'lvl-debug': return `\x1b[2m${line}\x1b[0m`;
    default: return line;
  }
}

/** First lines of the kernel's failure reports: each opens a block the pane sets apart. */
const REPORT_START = [
  /^BUG: /,
  /^Oops: /,
  /^general protection fault/,
  /^kernel BUG at /,
  /^WARNING: CPU: /,
  /^watchdog: BUG: soft lockup/,
  /^INFO: task .* blocked for more than/,
  /^Kernel panic - not syncing/,
  /^divide error: /,
  /^stack segment: /,
  /^invalid opcode: /,
];

/** Lines that 6.1 repeats after `---[ end trace ... ]---` (the registers again, then a note). */
const AFTER_END = /^(RIP: |Code: |RSP: |RAX: |RDX: |RBP: |R10: |R13: |FS: |CS: |CR2: |note: |Fixing recursive fault)/;

export type OopsMark = 'start' | 'inside' | 'outside';

/**
 * Follows the log line by line and says which lines belong to a failure report: from its first line
 * (`BUG: unable to handle page fault ...`) to `---[ end trace ... ]---` and the register dump and
 * `note:` lines the kernel prints after it.
 */
export class OopsTracker {
  private state: 'outside' | 'inside' | 'after' = 'outside';

  mark(text: string): OopsMark {
    const line = text.replace(/^\s+/, '');
    if (this.state === 'inside') {
      if (line.startsWith('---[ end ')) this.state = 'after';
      return 'inside';
    }
    if (this.state === 'after') {
      if (AFTER_END.test(line)) return 'inside';
      this.state = 'outside';
    }
    if (REPORT_START.some((re) => re.test(line))) {
      this.state = 'inside';
      return 'start';
    }
    return 'outside';
  }

  reset(): void {
    this.state = 'outside';
  }
}
