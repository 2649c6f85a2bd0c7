// The dmesg pane: the kernel log in console format, one element per line, coloured by level. A failure
// report (oops, BUG, WARN, soft lockup) is grouped in one block with a marked edge, so it stands out
// from the boot log around it, and the header counts them; a click on the count jumps to the latest.
// The pane follows new lines only while the reader is at the bottom, as `dmesg -w` in a terminal would,
// and stops at the first line of a new failure report so the reader sees what went wrong first.
import { formatRecord, levelClass, OopsTracker, type KmsgRecord } from './kmsg';

export class DmesgPane {
  private readonly tracker = new OopsTracker();
  private block: HTMLElement | null = null;
  private reports: HTMLElement[] = [];
  private lines: string[] = [];
  /** The report whose first line is kept at the top until the reader scrolls themselves. */
  private held: HTMLElement | null = null;

  constructor(private readonly body: HTMLElement, private readonly counter: HTMLElement) {
    counter.addEventListener('click', () => this.reports.at(-1)?.scrollIntoView({ block: 'start' }));
    for (const event of ['wheel', 'mousedown', 'keydown', 'touchstart']) {
      body.addEventListener(event, () => (this.held = null), { passive: true });
    }
    this.updateCounter();
  }

  append(record: KmsgRecord): void {
    const follow = this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 24;
    let started: HTMLElement | null = null;
    for (const text of formatRecord(record)) {
      const mark = this.tracker.mark(text.slice(text.indexOf(']') + 2));
      const line = document.createElement('div');
      line.className = `line ${levelClass(record.level)}`;
      line.textContent = text;
      line.dataset.seq = String(record.seq);
      if (mark === 'start') {
        this.block = document.createElement('div');
        this.block.className = 'oops';
        this.block.dataset.testid = 'oops';
        this.body.append(this.block);
        this.reports.push(this.block);
        this.updateCounter();
        started = this.block;
      }
      if (mark === 'outside') this.block = null;
      (this.block ?? this.body).append(line);
      this.lines.push(text);
    }
    if (started && (follow || this.held)) this.held = started;
    if (this.held) {
      // A new report: its first line (what went wrong) stays at the top while the rest arrives.
      this.body.scrollTop = this.held.offsetTop - 4;
    } else if (follow) {
      this.body.scrollTop = this.body.scrollHeight;
    }
  }

  clear(): void {
    this.tracker.reset();
    this.block = null;
    this.reports = [];
    this.lines = [];
    this.held = null;
    this.body.replaceChildren();
    this.updateCounter();
  }

  text(): string {
    return this.lines.join('\n');
  }

  private updateCounter(): void {
    const n = this.reports.length;
    this.counter.hidden = n === 0;
    this.counter.textContent = n === 1 ? '1 oops' : `${n} oopses`;
    this.counter.title = 'Jump to the latest failure report';
  }
}
