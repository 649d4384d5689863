import { doc, testRule, validLines } from './rule-tester.js';

const at = (time: string) => doc(...validLines({ publishedDateTime: `publishedDateTime: ${time}` }));

testRule('filename-date-mismatch', {
  valid: [
    { name: 'the same day', fileName: '2023-10-16-story.md', source: at('2023-10-16T09:00:00Z') },
    { name: 'the evening before (time zones)', fileName: '2023-10-16-story.md', source: at('2023-10-15T22:18:00Z') },
    { name: 'the day after', fileName: '2023-10-16-story.md', source: at('2023-10-17T23:59:00Z') },
    { name: 'a name without a date', fileName: 'story.md', source: at('2020-01-01T00:00:00Z') },
    { name: 'an impossible date in the name', fileName: '2023-02-30-story.md', source: at('2020-01-01T00:00:00Z') },
    { name: 'standard input', fileName: null, source: at('2020-01-01T00:00:00Z') },
  ],
  invalid: [
    {
      name: 'three days later',
      fileName: '2023-10-16-story.md',
      source: at('2023-10-19T09:00:00Z'),
      problems: [{ line: 4, column: 20, message: 'publishedDateTime: 2023-10-19T09:00:00Z is 3 days after the date in the file name (2023-10-16): expected them within a day of each other' }],
    },
    { name: 'two days earlier', fileName: '2023-10-16-story.md', source: at('2023-10-14T09:00:00Z'), problems: [{ line: 4, column: 20, message: /is 2 days before the date in the file name/ }] },
    { name: 'a year apart', fileName: '2022-10-16-story.markdown', source: at('2023-10-16T09:00:00Z'), problems: [{ line: 4, column: 20 }] },
  ],
});
