import { describe, expect, it } from 'vitest';
import { LineEditor, LineEvent } from '../src/lineEditor';

const lines = (events: LineEvent[]) => events.filter((e) => e.kind === 'line').map((e) => (e as { line: string }).line);

describe('LineEditor', () => {
  it('enters typed lines and edits in the middle', () => {
    const editor = new LineEditor();
    expect(lines(editor.feed('lsmd\x1b[Do\x1b[C\r'))).toEqual(['lsmod']);
    editor.feed('echo hi');
    editor.feed('\x7f\x7f');
    expect(editor.line).toBe('echo ');
    editor.feed('\x01\x1b[3~');
    expect(editor.line).toBe('cho ');
  });

  it('walks history with up and down and keeps the draft', () => {
    const editor = new LineEditor();
    editor.feed('insmod hello-3.ko\r');
    editor.feed('rmmod hello_3\r');
    editor.feed('dm');
    editor.feed('\x1b[A');
    expect(editor.line).toBe('rmmod hello_3');
    editor.feed('\x1b[A\x1b[A');
    expect(editor.line).toBe('insmod hello-3.ko');
    editor.feed('\x1b[B\x1b[B');
    expect(editor.line).toBe('dm');
    expect(editor.historyEntries()).toEqual(['insmod hello-3.ko', 'rmmod hello_3']);
  });

  it('turns Ctrl-C into an interrupt and drops the line', () => {
    const editor = new LineEditor();
    const events = editor.feed('sleep 5\x03');
    expect(events.some((e) => e.kind === 'interrupt')).toBe(true);
    expect(editor.line).toBe('');
  });

  it('enters each line of a paste, CRLF counted once', () => {
    const editor = new LineEditor();
    expect(lines(editor.feed('lsmod\r\ndmesg\npartial'))).toEqual(['lsmod', 'dmesg']);
    expect(editor.line).toBe('partial');
  });

  it('deletes words and line parts readline-style', () => {
    const editor = new LineEditor();
    editor.feed('insmod hello-3.ko a=1');
    editor.feed('\x17');
    expect(editor.line).toBe('insmod hello-3.ko ');
    editor.feed('\x15');
    expect(editor.line).toBe('');
  });
});
