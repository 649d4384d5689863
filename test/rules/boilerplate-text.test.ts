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
    { name: 'boilerplate later in an excerpt is not looked for', source: withExcerpt('A long and ordinary opening sentence about the story. We use cookies.') },
    { name: 'a headline that starts with a phrase and goes on', source: withTitle('Access denied: how a ransomware gang locked a hospital out of its records') },
    { name: 'a quoted phrase opening an excerpt', source: withExcerpt('"We use cookies like everyone else," the chief executive said, "but we never sell the data."') },
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
      name: 'a blocked page as the title, any case, with a site name after |',
      source: withTitle('ACCESS DENIED | Example News'),
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
    ['Subscribe to read | Financial Times', 'title', 'a paywall notice'],
    ['Sign in to read the full story', 'excerpt', 'a paywall notice'],
    ['This article is only available to subscribers.', 'excerpt', 'a paywall notice'],
    ['Already a subscriber? Log in', 'title', 'a paywall notice'],
    ['Accept all cookies', 'title', 'a cookie notice'],
    // One of each phrase's forms not tried elsewhere, so the quick test of opening words
    // (MAY_BE_BOILERPLATE) is seen to let every phrase through.
    ['Become a member to continue reading', 'excerpt', 'a paywall notice'],
    ['Subscribe today to unlock this article', 'excerpt', 'a paywall notice'],
    ['Log in to continue reading', 'excerpt', 'a paywall notice'],
    ['Signup to read the full article', 'excerpt', 'a paywall notice'],
    ['This story is for members only', 'title', 'a paywall notice'],
    ['Reject all cookies', 'title', 'a cookie notice'],
    ['Manage your cookie preferences', 'title', 'a cookie notice'],
    ['Manage cookie settings', 'excerpt', 'a cookie notice'],
    ['Enable JavaScript', 'title', 'a blocked or missing page'],
    ['JavaScript is disabled in your browser.', 'excerpt', 'a blocked or missing page'],
    ['JavaScript is required', 'title', 'a blocked or missing page'],
    ['Verify that you are human', 'title', 'a blocked or missing page'],
    ['403 Forbidden', 'title', 'a blocked or missing page'],
    ['  attention required!', 'title', 'a blocked or missing page'],
    ['Click here to register for our briefing', 'excerpt', 'a newsletter sign-up'],
    ['This content is for subscribers only', 'excerpt', 'a paywall notice'],
    // Unicode case folding, as the phrases' own expressions (flags iu) read text.
    ['We u\u017fe cookies to improve', 'excerpt', 'a cookie notice'],
    ['We use coo\u212aies to improve', 'excerpt', 'a cookie notice'],
    ['Manage coo\u212aie settings', 'title', 'a cookie notice'],
    ['Javascript i\u017f required', 'title', 'a blocked or missing page'],
    ['To \u017fign up for our newsletters', 'excerpt', 'a newsletter sign-up'],
    ['By continuing to use this site you agree to our terms.', 'excerpt', 'a cookie notice'],
    ['Click here to subscribe', 'title', 'a newsletter sign-up'],
    ['Are you a robot?', 'title', 'a blocked or missing page'],
    ['Please verify you are a human', 'excerpt', 'a blocked or missing page'],
    ['404 Not Found', 'title', 'a blocked or missing page'],
    ['Just a moment...', 'title', 'a blocked or missing page'],
    ['  Page not found.  ', 'title', 'a blocked or missing page'],
    // A site's name after a dash, as after a bar.
    ['Access denied - Harbour Weekly', 'title', 'a blocked or missing page'],
    ['Access denied — Harbour', 'title', 'a blocked or missing page'],
    ['Page not found - The New York Times', 'title', 'a blocked or missing page'],
    ['Page not found - The New York Times Magazine', 'title', 'a blocked or missing page'],
    ['Access denied – IT Pro', 'title', 'a blocked or missing page'],
    ['Access denied - You do not have permission to view this page.', 'excerpt', 'a blocked or missing page'],
    ['We use cookies, to give you the best experience.', 'excerpt', 'a cookie notice'],
    ['Just a moment… | Cloudflare', 'title', 'a blocked or missing page'],
    ['Attention Required! | Cloudflare', 'title', 'a blocked or missing page'],
    // Excerpts go on as such pages do.
    ['Access Denied You don’t have permission to access this page on this server.', 'excerpt', 'a blocked or missing page'],
    ['Access denied. Reference #18.2f', 'excerpt', 'a blocked or missing page'],
    ['Just a moment... Enable JavaScript and cookies to continue', 'excerpt', 'a blocked or missing page'],
    ['Just a moment, checking your browser', 'excerpt', 'a blocked or missing page'],
    ['Page not found. Sorry, the page you were looking for has moved.', 'excerpt', 'a blocked or missing page'],
    ['Page not found The page you requested does not exist.', 'excerpt', 'a blocked or missing page'],
    ['We use cookies to give you the best experience.', 'excerpt', 'a cookie notice'],
    ['We use cookies on our website.', 'excerpt', 'a cookie notice'],
    ['We use cookies.', 'excerpt', 'a cookie notice'],
  ] as const)('%j as a %s → %j', (text, field, kind) => {
    expect(boilerplateKind(text, field)).toBe(kind);
  });

  // Headlines and excerpts about these subjects, or quoting the phrases: news, not furniture.
  it.each([
    ['Access denied: how a ransomware gang locked a hospital out', 'title'],
    ['404 Not Found: the lost websites of the early internet', 'title'],
    ['Page not found? A web archive turns 25', 'title'],
    ['Accept all cookies? Regulators fine publishers over dark patterns', 'title'],
    ['Reject all cookies button becomes mandatory, regulator rules', 'title'],
    ['We Use Cookies to Track You, and the Regulator Says That Is Fine', 'title'],
    ['Subscribe to read: the rise of paywalls at local newspapers', 'title'],
    ['JavaScript is required for most of the web. A new framework says no', 'title'],
    ['"Are you a robot?" Puzzles that prove you are human are getting harder', 'title'],
    ['Click here to subscribe is dead; newsletters now grow by referral', 'title'],
    ['Robots learn to sort laundry', 'title'],
    ['The subscriber count doubled', 'title'],
    ['When the site asked him to verify you are human, the blind reader was stuck.', 'excerpt'],
    ['Ask a chatbot "are you a robot" and most will now say yes.', 'excerpt'],
    ['The startup lets publishers enable JavaScript-free pages for slow phones.', 'excerpt'],
    ['Enable JavaScript-free pages, the startup tells publishers.', 'excerpt'],
    ["The Guardian's readers can now sign up to read without ads.", 'excerpt'],
    ['A new cookie recipe from an AI chef', 'excerpt'],
    ['', 'title'],
    // Sentences of news that open with such a phrase.
    ['Just a moment of inattention caused the crash, investigators say.', 'excerpt'],
    ['Access denied to refugees at the border, the report found.', 'excerpt'],
    ['Page not found errors plague the new government portal.', 'excerpt'],
    ['We use cookies, said the baker, to lure customers in.', 'excerpt'],
    ['Access denied: how a gang locked a hospital out of its systems', 'excerpt'],
    ['Attention required from every board member, the regulator says', 'excerpt'],
    // A subtitle after a dash is no site name, in title case too.
    ['Access denied — how a gang locked a hospital out', 'title'],
    ['Page not found - the web archive that saves them', 'title'],
    ['Access Denied - How Refugees Are Turned Away', 'title'],
    ['Just a Moment - Then Everything Changed', 'title'],
    ['Page Not Found - A Short Story', 'title'],
    ['We Use Cookies - So Does Everyone Else', 'title'],
    // In an excerpt a dash goes on with the sentence.
    ['Access denied — refugees wait at the border for a second week.', 'excerpt'],
    ['We use cookies, and so do our partners, warns report', 'excerpt'],
  ] as const)('%j as a %s → null', (text, field) => {
    expect(boilerplateKind(text, field)).toBeNull();
  });
});
