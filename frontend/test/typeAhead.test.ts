// Keys typed while a command starts are echoed when they are typed, as n_tty echoes them, not after
// the command's output; they then go to the job's stdin without a second echo (or to bash if it ended).
import { describe, expect, it, vi } from 'vitest';

const shown: string[] = [];
let feed: (data: string) => void = () => undefined;

vi.mock('@xterm/xterm', () => ({
  Terminal: class {
    options = {};
    buffer = { active: { length: 0, getLine: () => undefined } };
    loadAddon(): void {}
    open(): void {}
    onData(f: (data: string) => void): void {
      feed = f;
    }
    attachCustomKeyEventHandler(): void {}
    write(text: string): void {
      shown.push(text);
    }
    focus(): void {}
  },
}));
vi.mock('@xterm/addon-fit', () => ({ FitAddon: class { fit(): void {} } }));
(globalThis as { ResizeObserver?: unknown }).ResizeObserver = class { observe(): void {} };

const { ShellTerminal } = await import('../src/terminal');

describe('type-ahead while a command starts', () => {
  it('is echoed at typing time, before the program prints, and sent to the job once', async () => {
    shown.length = 0;
    const typed: string[] = [];
    let finish: () => void = () => undefined;
    const terminal = new ShellTerminal({} as HTMLElement, {
      line: () => new Promise<void>((resolve) => {
        finish = resolve;
      }),
      interrupt: () => undefined,
      typed: (text) => typed.push(text),
    });
    feed('./ask\r');
    await Promise.resolve();
    shown.length = 0;
    feed('Adx\x7fa\r');
    expect(shown.join('')).toBe('Adx\b \ba\r\n');
    expect(typed).toEqual([]);
    terminal.write('Name? ');
    terminal.setJobRunning(true);
    expect(typed).toEqual(['Ada\n']);
    expect(shown.join('')).toBe('Adx\b \ba\r\nName? ');
    finish();
  });
});
