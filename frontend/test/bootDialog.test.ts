import { describe, expect, it } from 'vitest';
import { kernelLabel } from '../src/bootDialog';
import { marks, type Frame } from '../src/scenario';
import { normalizeState } from '../src/api';

describe('kernel options', () => {
  it('labels the kernel with its boot parameters', () => {
    expect(kernelLabel('6.1.0-56-amd64', '')).toBe('Linux 6.1.0-56-amd64');
    expect(kernelLabel('6.1.0-56-amd64', 'sysctl.kernel.hung_task_timeout_secs=5')).toBe('Linux 6.1.0-56-amd64 · sysctl.kernel.hung_task_timeout_secs=5');
    expect(kernelLabel(null, 'x')).toBe('');
  });

  it('reads the parameters from the state and marks reboots that changed them', () => {
    expect(normalizeState({ modules: [], cmdline: 'a=1' }).cmdline).toBe('a=1');
    expect(normalizeState({ modules: [] }).cmdline).toBe('');
    const frames: Frame[] = [{ type: 'boot', records: [] }, { type: 'reboot', records: [] }, { type: 'reboot', cmdline: 'a=1', records: [] }, { type: 'reboot', cmdline: '', records: [] }, { type: 'reboot', kernel: 'stock', records: [] }];
    expect(marks(frames).map((m) => m.label)).toEqual(['boot', 'reboot', 'reboot (a=1)', 'reboot (no parameters)', 'reboot (stock kernel)']);
  });
});
