// The dmesg pane: the kernel log in console format, one element per line, coloured by level. A failure
// report (oops, BUG, WARN, soft lockup) is grouped in one block with a marked edge, so it stands out
// from the boot log around it, and the header counts them; a click on the count jumps to the latest.
// The pane follows new lines only while the reader is at the bottom, as `dmesg -w` in a terminal would.
import { formatRecord, levelClass, OopsTracker, type KmsgRecord } from './kmsg';

export class DmesgPane {
  private readonly tracker = new OopsTracker();
  private block: HTMLElement | null = null;
  private reports: HTMLElement[] = [];
  private lines: string[] = [];

  constructor(private readonly body: HTMLElement, private readonly counter: HTMLElement) {
    counter.addEventListener('click', () => this.reports.at(-1)?.scrollIntoView({ block: 'start' }));
    this.updateCounter();
  }

  append(record: KmsgRecord): void {
    const follow = this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 24;
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
      }
      if (mark === 'outside') this.block = null;
      (this.block ?? this.body).append(line);
      this.lines.push(text);
    }
    if (follow) this.body.scrollTop = this.body.scrollHeight;
  }

  clear(): void {
    this.tracker.reset();
    this.block = null;
    this.reports = [];
    this.lines = [];
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
