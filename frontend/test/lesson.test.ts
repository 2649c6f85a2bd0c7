import { describe, expect, it } from 'vitest';
import { holds, parseLesson, stepDone } from '../src/lesson';

const LESSON = `# Hello
Intro text.
## Build it
Press **Build**.
\`\`\`file hello.c
int x;
\`\`\`
\`\`\`run
make
\`\`\`
\`\`\`check
dmesg: \\] Hello$
exit: 0
\`\`\`
## Look
\`\`\`check
command: ^lsmod
output: ^hello\\s
\`\`\`
`;

describe('lessons', () => {
  it('parses steps, files, runs and checks', () => {
    const lesson = parseLesson(LESSON);
    expect(lesson.title).toBe('Hello');
    expect(lesson.intro).toBe('Intro text.');
    expect(lesson.steps.map((s) => s.title)).toEqual(['Build it', 'Look']);
    expect(lesson.steps[0].text).toBe('Press **Build**.');
    expect(lesson.steps[0].files).toEqual({ 'hello.c': 'int x;\n' });
    expect(lesson.steps[0].run).toEqual(['make']);
    expect(lesson.steps[0].checks.map((c) => c.kind)).toEqual(['dmesg', 'exit']);
  });

  it('turns a step green only when every checkpoint holds', () => {
    const [build, look] = parseLesson(LESSON).steps;
    const seen = { dmesg: '[    1.000000] Hello', command: 'make', output: '', exitCode: 0 };
    expect(stepDone(build, seen)).toBe(true);
    expect(stepDone(build, { ...seen, exitCode: 2 })).toBe(false);
    expect(stepDone(look, seen)).toBe(false);
    expect(stepDone(look, { ...seen, command: 'lsmod', output: 'Module Size\nhello 16384 0\n' })).toBe(true);
    expect(holds({ kind: 'output', pattern: /x/ }, { dmesg: '', command: null, output: 'x', exitCode: null })).toBe(false);
  });

  it('says where a lesson is malformed', () => {
    expect(() => parseLesson('no title')).toThrow('a lesson starts with "# Title"');
    expect(() => parseLesson('# T\n## S\n```check\nfoo: x\n```\n')).toThrow(/line 4: a check is/);
    expect(() => parseLesson('# T\n## S\n```run\nmake\n')).toThrow(/unclosed/);
  });
});
