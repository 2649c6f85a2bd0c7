import { describe, expect, it } from 'vitest';
import { formatRecord, formatTimestamp, levelAnsi, levelClass } from '../src/kmsg';

describe('formatTimestamp', () => {
  it('pads seconds to five columns and microseconds to six digits', () => {
    expect(formatTimestamp(1_662_453)).toBe('[    1.662453]');
    expect(formatTimestamp(0)).toBe('[    0.000000]');
    expect(formatTimestamp(123_456_000_007)).toBe('[123456.000007]');
  });
});

describe('formatRecord', () => {
  it('prints the console format, one line per text line', () => {
    expect(formatRecord({ seq: 1, level: 6, ts: 1_662_453, text: 'Hello, world 3' }))
      .toEqual(['[    1.662453] Hello, world 3']);
    expect(formatRecord({ seq: 2, level: 4, ts: 5, text: 'a\nb\n' }))
      .toEqual(['[    0.000005] a', '[    0.000005] b']);
  });
});

describe('level colours', () => {
  it('maps levels as dmesg --color does', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(levelClass)).toEqual([
      'lvl-err', 'lvl-err', 'lvl-err', 'lvl-err', 'lvl-warn', 'lvl-notice', 'lvl-info', 'lvl-debug',
    ]);
  });
  it('wraps a line in the matching SGR codes', () => {
    expect(levelAnsi(1, 'BUG')).toBe('\x1b[31mBUG\x1b[0m');
    expect(levelAnsi(4, 'WARNING')).toBe('\x1b[33mWARNING\x1b[0m');
    expect(levelAnsi(6, 'Hello')).toBe('Hello');
    expect(levelAnsi(7, 'dbg')).toBe('\x1b[2mdbg\x1b[0m');
  });
});

describe('OopsTracker', () => {
  it('marks the whole report, including what follows the end-trace line', async () => {
    const { OopsTracker } = await import('../src/kmsg');
    const tracker = new OopsTracker();
    const lines = [
      'Hello, world 3',
      'BUG: unable to handle page fault for address: ffffffffc030b008',
      '#PF: supervisor read access in kernel mode',
      'Oops: 0000 [#1] PREEMPT SMP NOPTI',
      ' </TASK>',
      '---[ end trace 0000000000000000 ]---',
      'RIP: 0010:hello_3_exit+0x0/0x1000 [hello_3]',
      'CR2: ffffffffc0304fd6 CR3: 0000000002a0a000 CR4: 00000000000006f0',
      'note: rmmod[91] exited with irqs disabled',
      'Hello again',
    ];
    expect(lines.map((l) => tracker.mark(l))).toEqual([
      'outside', 'start', 'inside', 'inside', 'inside', 'inside', 'inside', 'inside', 'inside', 'outside',
    ]);
  });
});
