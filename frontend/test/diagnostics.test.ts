import { describe, expect, it } from 'vitest';
import { diagnosticRange, diagnosticsFor, displayColumnToIndex, lintSeverity } from '../src/diagnostics';

describe('displayColumnToIndex', () => {
  it('expands tabs to the next multiple of eight', () => {
    expect(displayColumnToIndex('\tprintk(x);', 9)).toBe(1);
    expect(displayColumnToIndex('\t\treturn 0;', 17)).toBe(2);
    expect(displayColumnToIndex('ab\tc', 9)).toBe(3);
    expect(displayColumnToIndex('int x', 5)).toBe(4);
  });
});

describe('diagnosticRange', () => {
  const lines = ['#include <linux/module.h>', '', 'static int __init f(void)', '{', '\tprintk(KERN_INFO "x")', '}'];
  it('covers the identifier at the caret', () => {
    const start = lines.slice(0, 4).join('\n').length + 1;
    expect(diagnosticRange(lines, 5, 9)).toEqual({ from: start + 1, to: start + 7 });
  });
  it('covers one character at punctuation and clamps lines past the end', () => {
    const start = lines.slice(0, 4).join('\n').length + 1;
    expect(diagnosticRange(lines, 5, 15)).toEqual({ from: start + 7, to: start + 8 });
    const last = lines.slice(0, 5).join('\n').length + 1;
    expect(diagnosticRange(lines, 99, 1)).toEqual({ from: last, to: last + 1 });
  });
});

describe('severity and file', () => {
  it('maps gcc severities and matches files by base name', () => {
    expect(['error', 'fatal error', 'warning', 'note'].map(lintSeverity)).toEqual(['error', 'error', 'warning', 'info']);
    const d = { file: 'hello-3.c', line: 1, column: 1, severity: 'error', message: 'm' };
    expect(diagnosticsFor('hello-3.c', [d, { ...d, file: 'other.c' }])).toEqual([d]);
    expect(diagnosticsFor('hello-3.c', [{ ...d, file: '/root/hello-3.c' }])).toHaveLength(1);
  });
});
