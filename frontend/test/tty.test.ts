import { describe, expect, it } from 'vitest';
import { promptFor, ttyEcho } from '../src/tty';
import { stepsTranscript, transcript, type Frame } from '../src/scenario';

describe('terminal', () => {
  it('shows the working directory in the prompt as bash\'s \\w does', () => {
    expect(promptFor('/root')).toBe('root@kplay:~# ');
    expect(promptFor('/root/linux')).toBe('root@kplay:~/linux# ');
    expect(promptFor('/rootfs')).toBe('root@kplay:/rootfs# ');
    expect(promptFor('/proc/sys')).toBe('root@kplay:/proc/sys# ');
  });

  it('echoes control keys as ^X, as n_tty with ECHOCTL', () => {
    expect(ttyEcho('abc\n')).toBe('abc\n');
    expect(ttyEcho('a\tb')).toBe('a\tb');
    expect(ttyEcho('\x1b[A')).toBe('^[[A');
    expect(ttyEcho('\x01')).toBe('^A');
  });

  it('puts typed input and late output where they came, with no prompt while a job runs', () => {
    const frames: Frame[] = [
      { type: 'boot', records: [] },
      { type: 'exec', command: './ask', output: 'Name? ', running: true, cwd: '/root', records: [] },
      { type: 'input', output: 'Ada\nHello, Ada\n', running: false, exitCode: 0, cwd: '/root', records: [] },
      { type: 'wait', output: 'woke up\n', records: [] },
      { type: 'wait', records: [] },
    ];
    expect(transcript(frames, 4)).toEqual([
      { command: './ask', output: 'Name? ', running: true, cwd: '/root' },
      { command: null, kind: 'input', output: 'Ada\nHello, Ada\n', cwd: '/root' },
      { command: null, kind: 'late', output: 'woke up\n' },
    ]);
    expect(stepsTranscript([
      { type: 'exec', command: './ask', output: 'Name? ' },
      { type: 'input', text: 'Ada\n', output: 'Ada\nHello, Ada\n', exitCode: 0 },
    ])).toEqual([
      { command: './ask', output: 'Name? ', running: true, cwd: '/root' },
      { command: null, kind: 'input', output: 'Ada\nHello, Ada\n' },
    ]);
    expect(stepsTranscript([
      { type: 'exec', command: 'cd linux', output: '', exitCode: 0, cwd: '/root/linux' },
      { type: 'exec', command: 'cd', output: '', exitCode: 0 },
    ])).toEqual([
      { command: 'cd linux', output: '', cwd: '/root/linux' },
      { command: 'cd', output: '', cwd: '/root' },
    ]);
  });
});
