import { describe, expect, it } from 'vitest';
import { dateInUrl } from '../../src/rules/url-date-mismatch.js';
import { doc, testRule, validLines } from './rule-tester.js';

const article = (url: string, time = '2023-10-16T09:00:00Z', webUrl?: string) =>
  doc(...validLines({ publishedDateTime: `publishedDateTime: ${time}`, originalUrl: url === '' ? null : `originalUrl: "${url}"`, webUrl: `webUrl: "${webUrl ?? (url || 'https://www.example.test/news/a')}"` }));

testRule('url-date-mismatch', {
  valid: [
    { name: 'no date in the URL', source: article('https://www.example.test/news/a') },
    { name: 'the same day', source: article('https://www.example.test/2023/10/16/story/') },
    { name: 'the same month', source: article('https://www.example.test/2023/10/story') },
    { name: 'two days after the day (time zones, filed late)', source: article('https://www.example.test/2023/10/14/story', '2023-10-16T23:00:00Z') },
    { name: 'a dashed date in the slug', source: article('https://www.example.test/news/2023-10-16-story') },
    { name: 'digits in the host or the query are no date', source: article('https://2019.example.test/a?from=/2019/11/', '2023-10-16T09:00:00Z') },
    { name: 'a number that is not a month', source: article('https://www.example.test/2019/13/story') },
    { name: 'an impossible day', source: article('https://www.example.test/2019/02/30/story') },
    {
      name: "a related article's date (the other site's, not ranked)",
      source: doc(...validLines({ related: 'related:\n  - title: x\n    publishedDateTime: 2023-10-16T09:00:00Z\n    webUrl: https://a.test/2010/03/x' })),
    },
    { name: 'a path with two dates, the later one right', source: article('https://www.example.test/2019/11/2023/10/16/story') },
    { name: 'a path with two dates, the dashed one right', source: article('https://www.example.test/2019/11/news/2023-10-16-story') },
    { name: 'no publishedDateTime', source: doc(...validLines({ publishedDateTime: null, originalUrl: 'originalUrl: "https://www.example.test/2019/11/a"' })) },
  ],
  invalid: [
    {
      name: 'a story from 2019 dated 2023',
      source: article('https://www.example.test/2019/11/26/story'),
      problems: [{ line: 4, column: 20, message: 'publishedDateTime: 2023-10-16T09:00:00Z is 1420 days after the date in originalUrl (2019-11-26): expected them within 2 days of each other' }],
    },
    {
      name: 'just past the tolerance: the days are rounded up',
      source: article('https://www.example.test/2019/11/story', '2019-12-03T00:00:00Z'),
      problems: [{ line: 4, column: 20, message: /is 3 days after the date in originalUrl \(2019-11\): expected them within 2 days/ }],
    },
    {
      name: 'day and month swapped',
      source: article('https://www.example.test/2021/09/story', '2021-01-09T00:00:00Z'),
      problems: [{ line: 4, column: 20, message: /is 235 days before the date in originalUrl \(2021-09\)/ }],
    },
    {
      name: 'a path with two dates, neither right: the closer one is named',
      source: article('https://www.example.test/2019/11/2023/01/story'),
      problems: [{ line: 4, column: 20, message: /is 258 days after the date in originalUrl \(2023-01\)/ }],
    },
    { name: 'webUrl when there is no originalUrl', source: article('', '2023-10-16T09:00:00Z', 'https://www.example.test/2015/07/robot'), problems: [{ line: 4, column: 20, message: /the date in webUrl \(2015-07\)/ }] },
  ],
});

describe('dateInUrl', () => {
  it.each([
    ['https://a.test/2022/05/25/1052695/story/', '2022-05-25'],
    ['https://a.test/news/2022/05/story', '2022-05'],
    ['https://a.test/2022/05', '2022-05'],
    ['https://a.test/blog/2023-10-16-story.html', '2023-10-16'],
    ['https://a.test/blog/2023-10-16.html', '2023-10-16'],
    ['https://a.test/story-2023/05/x', null],
    ['https://a.test/1899/05/x', null],
    ['https://a.test/20230516/x', null],
    ['https://a.test/x#/2019/11/', null],
  ])('%s → %s', (url, label) => {
    expect(dateInUrl(url)?.label ?? null).toBe(label);
  });

  it('spans the whole day or month named', () => {
    expect(dateInUrl('https://a.test/2024/02/x')).toEqual({ start: Date.parse('2024-02-01T00:00:00Z'), end: Date.parse('2024-03-01T00:00:00Z') - 1, label: '2024-02' });
    expect(dateInUrl('https://a.test/2024/02/29/x')).toEqual({ start: Date.parse('2024-02-29T00:00:00Z'), end: Date.parse('2024-03-01T00:00:00Z') - 1, label: '2024-02-29' });
  });
});
