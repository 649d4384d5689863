import { describe, expect, it } from 'vitest';
import { boilerplateKind } from '../../src/rules/boilerplate-text.js';
import { doc, testRule, validLines } from './rule-tester.js';

const withTitle = (title: string) => doc(...validLines({ title: `title: ${JSON.stringify(title)}` }));
const withExcerpt = (excerpt: string) => doc(...validLines({ excerpt: `excerpt: ${JSON.stringify(excerpt)}` }));

testRule('boilerplate-text', {
  valid: [
    { name: 'an ordinary article', source: doc(...validLines()) },
    { name: 'news about cookie rules', source: withTitle('EU regulators take aim at cookie banners and consent walls') },
    { name: 'news about paywalls and subscribers', source: withExcerpt('Publishers say subscribers now read more than ever, and paywalls keep rising.') },
    { name: 'news about robots and humans', source: withTitle('Are humans ready to work beside a robot?') },
    { name: 'a title that merely mentions a missing page', source: withTitle('Why the 404 not found page is getting a redesign') },
    { name: 'members of a board', source: withExcerpt('Members of the board said the chip would ship in May.') },
    { name: 'boilerplate only past the first 100 characters is not looked for', source: withExcerpt(`${'A long and ordinary opening sentence about the story. '.repeat(2)}We use cookies.`) },
  ],
  invalid: [
    {
      name: 'a paywall notice as the title',
      source: withTitle('Become an FT subscriber to read:'),
      problems: [{ line: 2, column: 8, message: "title: 'Become an FT subscriber to read:' reads as a paywall notice, not the article's own text: expected the story's title" }],
    },
    {
      name: 'a cookie banner as the excerpt',
      source: withExcerpt('We use cookies and other data for a number of reasons, such as keeping our sites reliable.'),
      problems: [{ line: 3, column: 10, message: /^excerpt: 'We use cookies and other data.*' reads as a cookie notice, not the article's own text: expected the story's excerpt$/ }],
    },
    {
      name: 'a newsletter sign-up as the excerpt',
      source: withExcerpt('To sign up for the Daily Chip Report E-Newsletter or any of our other newsletters, click here.'),
      problems: [{ line: 3, column: 10, message: /reads as a newsletter sign-up/ }],
    },
    {
      name: 'a blocked page as the title, any case',
      source: withTitle('ACCESS DENIED'),
      problems: [{ line: 2, column: 8, message: /reads as a blocked or missing page/ }],
    },
    {
      name: 'in a related article',
      source: doc(...validLines({ related: 'related:\n  - title: Fine\n    excerpt: "Please enable JavaScript to view this page."' })),
      problems: [{ line: 14, column: 14, message: /^related\[0\]\.excerpt: .* reads as a blocked or missing page/ }],
    },
  ],
});

describe('boilerplateKind', () => {
  it.each([
    ['Subscribe now to continue reading', 'a paywall notice'],
    ['Sign in to read the full story', 'a paywall notice'],
    ['This article is only available to subscribers', 'a paywall notice'],
    ['Already a subscriber? Log in', 'a paywall notice'],
    ['Accept all cookies', 'a cookie notice'],
    ['By continuing to use this site you agree', 'a cookie notice'],
    ['Click here to subscribe', 'a newsletter sign-up'],
    ['Are you a robot?', 'a blocked or missing page'],
    ['Please verify you are a human', 'a blocked or missing page'],
    ['Page not found', 'a blocked or missing page'],
    ['Robots learn to sort laundry', null],
    ['The subscriber count doubled', null],
    ['A new cookie recipe from an AI chef', null],
    ['', null],
  ])('%j → %j', (text, kind) => {
    expect(boilerplateKind(text)).toBe(kind);
  });
});
