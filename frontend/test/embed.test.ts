import { describe, expect, it } from 'vitest';
import { embedOptions, hostMessage, isEmbed, memoryStore } from '../src/embed';

describe('embed', () => {
  it('knows its paths and reads panes and mode from the query', () => {
    expect(isEmbed('/embed')).toBe(true);
    expect(isEmbed('/embed/abcdefabcdef')).toBe(true);
    expect(isEmbed('/embedded')).toBe(false);
    expect(embedOptions('')).toEqual({ panes: ['editor', 'terminal', 'dmesg', 'modules'], readOnly: false });
    expect(embedOptions('?panes=terminal,dmesg,bogus&readonly=1')).toEqual({ panes: ['terminal', 'dmesg'], readOnly: true });
  });

  it('accepts only well-formed host messages', () => {
    expect(hostMessage({ type: 'kplay:exec', command: 'lsmod' })).toEqual({ type: 'kplay:exec', command: 'lsmod' });
    expect(hostMessage({ type: 'kplay:exec', command: 3 })).toBeNull();
    expect(hostMessage({ type: 'kplay:files', files: { 'a.c': 'x', bad: 1 } })).toEqual({ type: 'kplay:files', files: { 'a.c': 'x' } });
    expect(hostMessage({ type: 'kplay:reset' })).toEqual({ type: 'kplay:reset' });
    expect(hostMessage('kplay:reset')).toBeNull();
    expect(hostMessage({ type: 'other' })).toBeNull();
  });

  it('keeps the session in page memory', () => {
    const store = memoryStore();
    store.setItem('k', 'v');
    expect(store.getItem('k')).toBe('v');
    expect(store.getItem('x')).toBeNull();
  });
});
