import { describe, expect, it } from 'vitest';
import { parseFrame } from '../src/kmsgStream';

describe('parseFrame', () => {
  it('reads a record with ts in microseconds or tsNanos', () => {
    expect(parseFrame('{"seq":3,"level":6,"facility":0,"ts":1662453,"text":"Hello, world 3"}'))
      .toEqual([{ seq: 3, level: 6, facility: 0, ts: 1662453, text: 'Hello, world 3' }]);
    expect(parseFrame('{"seq":4,"level":1,"facility":0,"tsNanos":1706204000,"text":"BUG: x"}')[0].ts).toBe(1706204);
  });
  it('accepts arrays and ignores what is not a record', () => {
    expect(parseFrame('[{"seq":1,"text":"a"},{"seq":2,"text":"b"}]').map((r) => r.text)).toEqual(['a', 'b']);
    expect(parseFrame('not json')).toEqual([]);
    expect(parseFrame('{"type":"ping"}')).toEqual([]);
  });
});
