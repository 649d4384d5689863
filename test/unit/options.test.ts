// Option parsing that is plain data: lists of names for --topic and --provider, time bounds.
import { describe, expect, it } from 'vitest';
import { buildFilter, buildFilterAt, collectList, searchArgument, splitNames } from '../../src/commands/options.js';
import { foldForSearch } from '../../src/core/text.js';

describe('splitNames', () => {
  it.each([
    ['AI', ['AI']],
    ['AI, Robotics ,,', ['AI', 'Robotics']],
    ['Smith\\, Jones & Co', ['Smith, Jones & Co']],
    ['Smith\\, Jones,Law\\, Policy', ['Smith, Jones', 'Law, Policy']],
    ['back\\\\,slash', ['back\\', 'slash']],
    ['a\\b', ['a\\b']],
    ['trailing\\', ['trailing\\']],
    [' , ', []],
  ])('%j → %j', (value, names) => {
    expect(splitNames(value)).toEqual(names);
  });

  it('collectList adds to what came before and refuses a value with no name', () => {
    expect(collectList('b\\, c', ['a'])).toEqual(['a', 'b, c']);
    expect(() => collectList(' , ', undefined)).toThrow(/an empty value would match every article/);
  });
});

describe('buildFilter: a month in --since and --until', () => {
  const clock = new Date('2026-11-29T12:00:00Z');
  it.each<[string, string, string]>([
    ['2023-03', '2023-03-01T00:00:00.000Z', '2023-03-31T23:59:59.999Z'],
    ['2024-02', '2024-02-01T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
    ['2023-12', '2023-12-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z'],
    // Not 1950: the year is read as written.
    ['0050-06', '0050-06-01T00:00:00.000Z', '0050-06-30T23:59:59.999Z'],
  ])('%s: from its first millisecond to its last, in UTC', (month, first, last) => {
    const filter = buildFilter({ since: month, until: month }, clock);
    expect([new Date(filter.since!).toISOString(), new Date(filter.until!).toISOString()]).toEqual([first, last]);
  });

  it('takes a month of one digit, as a date takes a day of one', () => {
    expect(buildFilter({ since: '2023-3' }, clock).since).toBe(Date.parse('2023-03-01T00:00:00Z'));
  });

  it.each(['2023-13', '2023-00', '202303'])('%s is no month (nor a date): a usage error', (value) => {
    expect(() => buildFilter({ since: value }, clock)).toThrow(/expected an ISO date or time .*a month \(2023-10\)/);
  });
});

describe('buildFilterAt: durations from --now', () => {
  const clock = new Date('2026-11-29T12:00:00Z');
  it('counts a duration back from --now and ends a --since window there; from the clock without it', () => {
    const at = buildFilterAt({ since: '7d' }, Date.parse('2023-05-02T00:00:00Z'), clock);
    expect([new Date(at.since!).toISOString(), new Date(at.until!).toISOString()]).toEqual(['2023-04-25T00:00:00.000Z', '2023-05-02T00:00:00.000Z']);
    const clocked = buildFilterAt({ since: '7d' }, null, clock);
    expect([new Date(clocked.since!).toISOString(), clocked.until]).toEqual(['2026-11-22T12:00:00.000Z', undefined]);
    // --until given ends it instead; an absolute --since is not moved.
    expect(buildFilterAt({ since: '7d', until: '2023-06-01' }, Date.parse('2023-05-02T00:00:00Z'), clock).until).toBe(Date.parse('2023-06-01T23:59:59.999Z'));
    expect(buildFilterAt({ since: '2023-01-01' }, Date.parse('2023-05-02T00:00:00Z'), clock)).toEqual({ since: Date.parse('2023-01-01T00:00:00Z') });
  });
});

describe('searchArgument agrees with the search fold', () => {
  // It is written apart from foldForSearch (core/text.ts), which option parsing does not load:
  // a text is refused exactly when the search would fold it to nothing, for every code point.
  it('refuses a one-character text exactly when foldForSearch leaves nothing of it', () => {
    const disagree: string[] = [];
    for (let cp = 0; cp <= 0x2ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = `${String.fromCodePoint(cp)}\u0301`;
      let refused = false;
      try {
        searchArgument(text);
      } catch {
        refused = true;
      }
      if (refused !== (foldForSearch(text.replace(/\s+/g, ' ')).trim() === '')) disagree.push(cp.toString(16));
    }
    expect(disagree).toEqual([]);
  });
});
