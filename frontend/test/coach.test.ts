import { describe, expect, it } from 'vitest';
import { nextStep } from '../src/coach';

const base = { module: 'hello_3', ko: 'hello-3.ko', modules: [] };
const row = (state: string, refcount: number) => ({ name: 'hello_3', size: 16384, refcount, usedBy: [], state, taint: '' });

describe('nextStep', () => {
  it('walks the Episode I story', () => {
    expect(nextStep({ ...base, build: null })).toMatch(/^Press Build to compile hello-3\.c/);
    expect(nextStep({ ...base, build: { ok: true, errors: 0, artifacts: ['hello-3.ko'] } })).toMatch(/Press insmod/);
    expect(nextStep({ ...base, build: null, modules: [row('Live', 0)] })).toMatch(/press rmmod/);
    expect(nextStep({ ...base, build: null, modules: [row('Unloading', -1)] })).toMatch(/stuck unloading \(Used by -1\).*Reboot/);
  });
  it('points at the errors of a failed build', () => {
    expect(nextStep({ ...base, build: { ok: false, errors: 2, artifacts: [] } })).toMatch(/fix the 2 errors/);
    expect(nextStep({ ...base, build: { ok: false, errors: 1, artifacts: [] } })).toMatch(/fix the error marked/);
  });
});
