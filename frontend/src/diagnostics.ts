// gcc diagnostics placed in the editor. gcc 12 reports 1-based *display* columns, where a tab advances
// to the next multiple of -ftabstop (8), so `\tprintk(` is column 9; the editor wants character offsets.
// A diagnostic marks the identifier or number at its column (one character otherwise), which is where
// gcc's caret line points.
import type { Diagnostic } from './api';

export interface Range {
  from: number;
  to: number;
}

/** The character index in `lineText` of gcc display column `column` (1-based, tabstop 8). */
export function displayColumnToIndex(lineText: string, column: number, tabstop = 8): number {
  let display = 1;
  for (let i = 0; i < lineText.length; i++) {
    if (display >= column) return i;
    display = lineText[i] === '\t' ? display + tabstop - ((display - 1) % tabstop) : display + 1;
  }
  return lineText.length;
}

/** The document range a diagnostic covers, given the document's lines. */
export function diagnosticRange(lines: string[], line: number, column: number): Range {
  const lineIndex = Math.min(Math.max(line, 1), Math.max(lines.length, 1)) - 1;
  let start = 0;
  for (let i = 0; i < lineIndex; i++) start += lines[i].length + 1;
  const text = lines[lineIndex] ?? '';
  const index = column > 0 ? displayColumnToIndex(text, column) : 0;
  const word = /^[A-Za-z0-9_]+/.exec(text.slice(index));
  const length = word ? word[0].length : index < text.length ? 1 : 0;
  return { from: start + index, to: start + index + length };
}

export type LintSeverity = 'error' | 'warning' | 'info';

/** gcc's severities ("error", "fatal error", "warning", "note") as the editor's. */
export function lintSeverity(severity: string): LintSeverity {
  if (severity.includes('error')) return 'error';
  if (severity === 'warning') return 'warning';
  return 'info';
}

/** The diagnostics that belong to `file`, matching on the base name as kbuild prints paths relatively. */
export function diagnosticsFor(file: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const base = (name: string) => name.replace(/^.*\//, '');
  return diagnostics.filter((d) => base(d.file) === base(file));
}
