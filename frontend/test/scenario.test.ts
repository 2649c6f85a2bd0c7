import { describe, expect, it } from 'vitest';
import { decodeFragment, encodeFragment, filesAt, marks, prefix, records, transcript, type Frame, type Scenario } from '../src/scenario';

const rec = (seq: number, text: string) => ({ seq, level: 6, ts: seq * 1000, text });

const scenario: Scenario = {
  version: 1,
  files: { 'a.c': 'one' },
  steps: [
    { type: 'wait', nanos: 5 },
    { type: 'build' },
    { type: 'exec', command: 'insmod a.ko' },
    { type: 'write', name: 'a.c', text: 'two' },
    { type: 'reboot' },
    { type: 'exec', command: 'lsmod' },
  ],
};

const frames: Frame[] = [
  { type: 'boot', records: [rec(0, 'Linux version 6.1.0')] },
  { type: 'write', name: 'a.c', records: [] },
  { type: 'wait', records: [] },
  { type: 'build', output: '  CC [M]  a.o\n', records: [] },
  { type: 'exec', command: 'insmod a.ko', output: '', records: [rec(1, 'hello')] },
  { type: 'write', name: 'a.c', records: [] },
  { type: 'reboot', records: [rec(0, 'Linux version 6.1.0 (again)')] },
  { type: 'exec', command: 'lsmod', output: 'Module\n', records: [] },
];

describe('scenario timeline', () => {
  it('marks the boot and each command', () => {
    expect(marks(frames).map((m) => `${m.frame}:${m.label}`)).toEqual(['0:boot', '3:make', '4:insmod a.ko', '6:reboot', '7:lsmod']);
  });

  it('shows the terminal and dmesg as they were, starting over at a reboot', () => {
    expect(transcript(frames, 4)).toEqual([{ command: 'make', output: '  CC [M]  a.o\n' }, { command: 'insmod a.ko', output: '' }]);
    expect(records(frames, 4).map((r) => r.text)).toEqual(['Linux version 6.1.0', 'hello']);
    expect(transcript(frames, 7)).toEqual([{ command: 'lsmod', output: 'Module\n' }]);
    expect(records(frames, 7).map((r) => r.text)).toEqual(['Linux version 6.1.0 (again)']);
  });

  it('knows the files after each step and cuts the scenario for a fork', () => {
    expect(filesAt(scenario, 4)).toEqual({ 'a.c': 'one' });
    expect(filesAt(scenario, 5)).toEqual({ 'a.c': 'two' });
    expect(prefix({ ...scenario, dmesg: 'x' }, 4)).toEqual({ version: 1, files: { 'a.c': 'one' }, steps: scenario.steps.slice(0, 3) });
  });

  it('round-trips a scenario through the URL fragment', async () => {
    const fragment = await encodeFragment(scenario);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeFragment('#' + fragment)).toEqual(scenario);
    expect(await decodeFragment('#other')).toBeNull();
  });
});
