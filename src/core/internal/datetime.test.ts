import { describe, expect, it } from 'vitest';
import { parseDateTime } from './datetime';

// The reader as it was first written, with a pattern and Date.parse: the hand-written one must
// give the same answer for every string.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
function reference(value: string): number | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '', frac = '', z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const days =
    month === 2
      ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
        ? 29
        : 28
      : [4, 6, 9, 11].includes(month)
        ? 30
        : 31;
  if (month < 1 || month > 12 || day < 1 || day > days) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (!z && (Number(oh) > 23 || Number(om) > 59)) return null;
  const ms = `${frac.slice(1)}000`.slice(0, 3);
  const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${z ? 'Z' : `${sign}${oh}:${om}`}`);
  return Number.isFinite(t) ? t : null;
}

describe('parseDateTime', () => {
  const cases = [
    '2024-05-01T09:30:00.000Z',
    '2024-05-01t09:30:00z',
    '2024-05-01T09:30:00Z',
    '2024-05-01T09:30:00.1Z',
    '2024-05-01T09:30:00.12Z',
    '2024-05-01T09:30:00.123456789Z',
    '2024-05-01T09:30:00.999+05:30',
    '2024-05-01T09:30:00-23:59',
    '2024-05-01T09:30:00+24:00',
    '2024-05-01T09:30:00+00:60',
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '0000-02-29T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00',
    '0099-12-31T23:59:59.999-12:00',
    '9999-12-31T23:59:59.999-23:59',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-01T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:59:60Z',
    '2024-05-01T09:30:00.Z',
    '2024-05-01T09:30:00',
    '2024-05-01 09:30:00Z',
    '2024-05-01T09:30Z',
    '2024-05-01T09:30:00Z ',
    '2024-05-01T09:30:00Z\n',
    ' 2024-05-01T09:30:00Z',
    '2024-05-01T09:30:00+0530',
    '2024-05-01T09:30:00+05:3',
    '2024-05-01T09:30:00+05:300',
    '+02024-05-01T09:30:00Z',
    '2024-5-01T09:30:00Z',
    '２０２４-05-01T09:30:00Z',
    '2024-05-01T09:30:00.１Z',
    '',
  ];

  it('reads what the RFC 3339 pattern and Date.parse read, and refuses what they refuse', () => {
    for (const value of cases) expect(parseDateTime(value), value).toBe(reference(value));
  });

  it('agrees with them on random date-times and on random edits of them', () => {
    let seed = 1;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pad = (v: number, n: number) => String(v).padStart(n, '0');
    const alphabet = '0123456789-:.+TtZz x';
    for (let k = 0; k < 20_000; k++) {
      const zone = [
        'Z',
        'z',
        `+${pad(random(26), 2)}:${pad(random(62), 2)}`,
        `-${pad(random(24), 2)}:${pad(random(60), 2)}`,
      ][random(4)];
      const frac = ['', `.${pad(random(1000), 1 + random(3))}`, `.${random(10 ** 6)}`][random(3)];
      let value = `${pad(random(10_000), 4)}-${pad(random(14), 2)}-${pad(random(33), 2)}T${pad(random(25), 2)}:${pad(random(61), 2)}:${pad(random(61), 2)}${frac}${zone}`;
      if (random(3) === 0) {
        const i = random(value.length + 1);
        const edit = random(3);
        const c = alphabet[random(alphabet.length)]!;
        value =
          edit === 0
            ? value.slice(0, i) + c + value.slice(i)
            : edit === 1
              ? value.slice(0, i) + value.slice(i + 1)
              : value.slice(0, i) + c + value.slice(i + 1);
      }
      expect(parseDateTime(value), value).toBe(reference(value));
    }
  });
});
