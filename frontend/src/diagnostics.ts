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

const baseName = (name: string) => name.replace(/^.*\//, '');

/**
 * The diagnostics the editor marks in `file` (matching on the base name, as kbuild prints paths
 * relatively). gcc locates a warning about a token a header's macro made where the macro spells it:
 * a wrong format in `pr_info` is a warning at kern_levels.h, followed by notes unwinding the macro
 * expansions, the last of them "in expansion of macro ‘pr_info’" at the learner's line. The build
 * output keeps gcc's text; the editor marks that warning at the outermost expansion note in `file`,
 * with the warning's own severity, so the line the learner wrote carries it (and the tab's count).
 */
export function diagnosticsFor(file: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const here = (d: Diagnostic) => baseName(d.file) === baseName(file);
  const out: Diagnostic[] = [];
  for (let i = 0; i < diagnostics.length; ) {
    const primary = diagnostics[i];
    let end = i + 1;
    while (end < diagnostics.length && diagnostics[end].severity === 'note') end++;
    const notes = diagnostics.slice(primary.severity === 'note' ? i : i + 1, end);
    let lifted: Diagnostic | undefined;
    if (primary.severity !== 'note' && !here(primary)) {
      lifted = [...notes].reverse().find((n) => here(n) && n.message.startsWith('in expansion of macro'));
    }
    if (primary.severity !== 'note' && here(primary)) out.push(primary);
    for (const n of notes) {
      if (n === lifted) {
        out.push({ ...primary, file: n.file, line: n.line, column: n.column,
          message: `${primary.message} (${n.message}; gcc locates it at ${baseName(primary.file)}:${primary.line})` });
      } else if (here(n)) {
        out.push(n);
      }
    }
    i = end;
  }
  return out;
}
