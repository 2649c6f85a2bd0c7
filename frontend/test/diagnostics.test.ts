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

describe('warnings gcc locates inside a header macro', () => {
  const h = '/usr/src/linux-headers-6.1.0-56-common/include/linux/';
  const note = (file: string, line: number, column: number, message: string) =>
    ({ file, line, column, severity: 'note', message });
  // badfmt.c's first -Wformat warning, as the build's diagnostics list carries it (gcc's order)
  const badfmt = [
    { file: h + 'kern_levels.h', line: 5, column: 25, severity: 'warning',
      message: "format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘long int’ [-Wformat=]" },
    note(h + 'printk.h', 429, 25, 'in definition of macro ‘printk_index_wrap’'),
    note(h + 'printk.h', 530, 9, 'in expansion of macro ‘printk’'),
    note(h + 'kern_levels.h', 14, 25, 'in expansion of macro ‘KERN_SOH’'),
    note(h + 'printk.h', 530, 16, 'in expansion of macro ‘KERN_INFO’'),
    note('badfmt.c', 14, 9, 'in expansion of macro ‘pr_info’'),
    { file: 'badfmt.c', line: 20, column: 13, severity: 'warning', message: "unused variable ‘x’ [-Wunused-variable]" },
  ];

  it('marks the warning at the learner\'s pr_info line, with its own severity', () => {
    const marks = diagnosticsFor('badfmt.c', badfmt);
    expect(marks).toHaveLength(2);
    expect(marks[0]).toMatchObject({ file: 'badfmt.c', line: 14, column: 9, severity: 'warning' });
    expect(marks[0].message).toContain("format ‘%d’ expects argument of type ‘int’");
    expect(marks[0].message).toContain('in expansion of macro ‘pr_info’');
    expect(marks[1]).toEqual(badfmt[6]);
  });

  it('leaves the header\'s own diagnostics to the header', () => {
    expect(diagnosticsFor('kern_levels.h', badfmt).map((d) => d.severity)).toEqual(['warning', 'note']);
    expect(diagnosticsFor('other.c', badfmt)).toEqual([]);
  });
});
