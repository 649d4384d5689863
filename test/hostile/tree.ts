// Builds the hostile tree of issue 6 in a temporary directory: good articles next to one file or
// entry of every kind that has hurt tools like feedtool (code in front matter, YAML bombs, terminal
// escapes, odd encodings, FIFOs, symlink loops, huge and unreadable files).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A good article: listed exactly once by list and rank. */
export interface GoodEntry {
  path: string;
  /** The path as text output shows it (line separators written as `\u2028`). */
  shown: string;
  id: string;
  /** A piece of its cleaned title that every listing shows. */
  titleStart: string;
}

/** A file every reading command must report on stderr as one `path: message` line. */
export interface BadEntry {
  path: string;
  /** The path as text output shows it. */
  shown: string;
  /** What the one-line message must say. */
  message: RegExp;
}

/** A document that is not an article: skipped silently by list, show and rank; named by --verbose. */
export interface NotArticleEntry {
  path: string;
  /** The path as text output shows it. */
  shown: string;
}

export interface HostileTree {
  dir: string;
  /** The file a JavaScript front-matter payload would create if it ever ran. */
  marker: string;
  good: GoodEntry[];
  bad: BadEntry[];
  notArticles: NotArticleEntry[];
  /** The good article and its BOM + CRLF twin (same record except id and path). */
  twin: { original: string; copy: string };
  /** False when running as root, where chmod 000 does not stop a read. */
  hasUnreadable: boolean;
  remove(): void;
}

const ESC = '\x1b';
const BEL = '\x07';

/** Front matter (YAML text, keys at column 0) and body as a document. */
function doc(yaml: string, body = 'Body text.\n'): string {
  return `---\n${yaml}\n---\n${body}`;
}

/** A YAML double-quoted scalar holding exactly `s` (JSON strings are valid YAML). */
// Text outputs write line and paragraph separators in names as escapes; JSON keeps them.
function shownPath(name: string): string {
  return name.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function quoted(s: string): string {
  return JSON.stringify(s);
}

const GOOD_ARTICLE = doc(
  [
    'title: "Plain good article &amp; friends"',
    'excerpt: A short excerpt.',
    'publishedDateTime: 2023-10-16T09:00:00+02:00',
    'webUrl: "https://News.Example.test/plain"',
    'provider:',
    '  name: Example News',
    '  domain: www.example.test',
    'topics: AI, Robots',
    'quality: 80',
    'heat: 40',
    'secured: true',
  ].join('\n'),
  'First paragraph.\n\nSecond paragraph.\n',
);

/** A title made of every character a terminal could act on. */
export const HOSTILE_TITLE =
  `Everything ${ESC}[2J${ESC}[H clear ${ESC}]0;window title${BEL} ${ESC}]8;;https://evil.test${BEL}link${ESC}]8;;${BEL} ` +
  `bell${BEL} back\b\b cr\r c1\u009b31m bidi\u202e\u2066\u2067\u2068\u2069 zw\u200b\u2060\ufeff blink${ESC}[5m end`;

/** Creates the hostile tree; `remove()` deletes it. */
export function buildHostileTree(): HostileTree {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-hostile-'));
  const marker = path.join(dir, 'PWNED');
  const good: GoodEntry[] = [];
  const bad: BadEntry[] = [];
  const notArticles: NotArticleEntry[] = [];

  const write = (name: string, content: string | Buffer): void => {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  const addGood = (name: string, content: string | Buffer, titleStart: string): void => {
    write(name, content);
    good.push({ path: name, shown: shownPath(name), id: path.basename(name).replace(/\.md$/, ''), titleStart });
  };
  const addBad = (name: string, content: string | Buffer, message: RegExp): void => {
    write(name, content);
    bad.push({ path: name, shown: shownPath(name), message });
  };
  const addNotArticle = (name: string, content: string | Buffer): void => {
    write(name, content);
    notArticles.push({ path: name, shown: shownPath(name) });
  };

  // Good articles, and a BOM + CRLF twin of the first.
  addGood('good/plain.md', GOOD_ARTICLE, 'Plain good article & friends');
  addGood('good/plain-bom-crlf.md', '\ufeff' + GOOD_ARTICLE.replace(/\n/g, '\r\n'), 'Plain good article & friends');
  addGood('good/dashes-in-body.md', doc('title: Body with fences', '---\nnot front matter\n---\n\n----\n---js\n'), 'Body with fences');
  addGood(
    'good/long-lines.md',
    doc(`title: Very long lines\nexcerpt: ${'word '.repeat(40_000).trim()}`, `${'x'.repeat(2_000_000)}\n`),
    'Very long lines',
  );
  addGood('good/utf16le.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('title: UTF-16 LE café'), 'utf16le')]), 'UTF-16 LE café');
  addGood(
    'good/utf16be.md',
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(doc('title: UTF-16 BE café'), 'utf16le').swap16()]),
    'UTF-16 BE café',
  );
  addGood('good/latin1.md', Buffer.from(doc('title: Latin-1 café crème'), 'latin1'), 'Latin-1 café crème');
  addGood('dir.md/inside.md', doc('title: Inside a folder named like a file'), 'Inside a folder named like a file');
  addGood('names/line\u2028separator.md', doc('title: Line separator in the name'), 'Line separator in the name');
  addBad('names/broken\u2029paragraph.md', doc('title: [unclosed'), /./);

  // Titles a terminal would act on. Each is an article: its cleaned title is listed.
  addGood('titles/csi.md', doc(`title: ${quoted(`CSI ${ESC}[2J${ESC}[H clear screen`)}`), 'CSI');
  addGood('titles/osc-title.md', doc(`title: ${quoted(`OSC ${ESC}]0;pwned window${BEL} title`)}`), 'OSC');
  addGood('titles/osc8.md', doc(`title: ${quoted(`OSC8 ${ESC}]8;;https://evil.test${BEL}click${ESC}]8;;${BEL} link`)}`), 'OSC8');
  addGood('titles/bel-bs-cr.md', doc(`title: ${quoted(`BEL${BEL} BS\b\b CR\r done`)}`), 'BEL');
  addGood('titles/c1.md', doc(`title: ${quoted('C1 \u009b31m red')}`), 'C1');
  addGood('titles/bidi.md', doc(`title: ${quoted('Bidi \u202eesrever\u2066a\u2067b\u2068c\u2069 end')}`), 'Bidi');
  addGood('titles/zero-width.md', doc(`title: ${quoted('Zero\u200b width\u2060 chars\ufeff')}`), 'Zero width');
  // Links that made the URL regexes backtrack for minutes (quadratic) before they were rewritten.
  addGood(
    'good/huge-links.md',
    doc(
      [
        'title: Huge links',
        `webUrl: https://${'a'.repeat(200_000)}!`,
        `originalUrl: https://a.test${'/'.repeat(200_000)}x`,
        `ampWebUrl: https://${'a-'.repeat(100_000)}!`,
        'provider:',
        '  name: Links',
        `  domain: ${'b-'.repeat(100_000)}!`,
      ].join('\n'),
    ),
    'Huge links',
  );
  // Shapes that made a regex or a scan quadratic (each took minutes at these sizes): a line
  // separator after a long host or a long run of delimiters, a long run of escapes in a quoted
  // value, and a long run of blank lines in front matter that js-yaml reads.
  addGood(
    'good/line-separators.md',
    doc(['title: Line separators', `webUrl: https://${'a'.repeat(400_000)}\u2028x`, 'provider:', '  name: Separators', `  domain: a${'/'.repeat(400_000)}\u2029x`].join('\n')),
    'Line separators',
  );
  addGood('good/many-escapes.md', doc(`title: Many escapes\nnoise: "${'\\t'.repeat(3_000_000)}end"`), 'Many escapes');
  addGood('good/blank-lines.md', doc(`title: Blank lines\ntags: [a]${'\n'.repeat(400_000)}`), 'Blank lines');
  // Scores looked up in the text (a `: 00` anywhere makes score-range look), thousands of times:
  // the front matter was split into lines once for each (2 minutes for this file).
  addGood('good/many-related-scores.md', doc(`title: Many related scores\nzero: 00\nrelated:\n${'  - heat: 1\n'.repeat(40_000)}`), 'Many related scores');
  addGood('titles/huge.md', doc(`title: Huge ${'title '.repeat(175_000).trim()}`), 'Huge title');
  addGood(
    'titles/everything.md',
    doc(
      [
        `title: ${quoted(HOSTILE_TITLE)}`,
        `excerpt: ${quoted(`Excerpt ${ESC}[7mreverse\u009b\u202e`)}`,
        `category: ${quoted(`cat${ESC}[8m`)}`,
        'webUrl: "https://evil.test/a"',
        'provider:',
        `  name: ${quoted(`Evil${ESC}]0;t${BEL} Co`)}`,
        `  motto: ${quoted(`raw${ESC}[2J`)}`,
        `topics: [${quoted(`AI${ESC}[5m`)}, ${quoted('ML\u202e')}]`,
        'images:',
        `  - url: https://evil.test/i.png`,
        `    caption: ${quoted(`cap${BEL}`)}`,
        `${quoted(`key${ESC}[2J`)}: ${quoted(`value${ESC}]0;x${BEL}\u009b\u202e\r`)}`,
        `secured: ${quoted('line\u2028separator\u2029paragraph')}`,
        'related:',
        `  - title: ${quoted(`Related${ESC}[2J`)}`,
        '    webUrl: https://evil.test/r',
      ].join('\n'),
      `Body ${ESC}[2J with ${BEL} controls\r\n\u202e end\n`,
    ),
    'Everything',
  );

  // YAML that attacks the loader's consumer, but is an article.
  addGood('yaml/proto.md', doc('title: Proto key\n__proto__:\n  polluted: yes'), 'Proto key');
  addGood('yaml/constructor.md', doc('title: Constructor key\nconstructor:\n  prototype:\n    polluted: yes'), 'Constructor key');
  addGood(
    'yaml/merge-proto.md',
    doc('title: Merge proto\nbase: &base\n  __proto__:\n    polluted: yes\n<<: *base\nmerged:\n  <<: *base\n  own: 1'),
    'Merge proto',
  );

  // Front matter in a language that would run code, in every spelling, after a BOM and with CRLF.
  const payload = (lang: string): string =>
    lang === 'coffee'
      ? `---coffee\ntitle: require('fs').writeFileSync(${quoted(marker)}, 'coffee')\n---\n`
      : `---${lang}\n{ title: (require('fs').writeFileSync(${quoted(marker)}, ${quoted(lang)}), 'pwned') }\n---\n`;
  const refused = /front matter in language .* is refused/;
  addBad('code/js.md', payload('js'), refused);
  addBad('code/javascript.md', payload('javascript'), refused);
  addBad('code/javascript-space.md', payload('JavaScript '), refused);
  addBad('code/coffee.md', payload('coffee'), refused);
  addBad('code/js-bom.md', '\ufeff' + payload('js'), refused);
  addBad('code/js-crlf.md', payload('js').replace(/\n/g, '\r\n'), refused);

  // YAML bombs and other loader traps.
  const levels = 'abcdefghij';
  const nested = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < levels.length; i++) {
    nested.push(`${levels[i]}: &${levels[i]} [${Array(10).fill(`*${levels[i - 1]}`).join(',')}]`);
  }
  addBad('yaml/bomb-nested.md', doc(`title: Nested bomb\n${nested.join('\n')}`), /expands to more than \d+ nodes/);
  addBad(
    'yaml/bomb-wide.md',
    doc(`title: Wide bomb\nrow: &row [${Array(1000).fill('1').join(',')}]\ntable: [${Array(1000).fill('*row').join(',')}]`),
    /expands to more than \d+ nodes/,
  );
  addBad('yaml/self-reference.md', doc('title: Self\nloop: &loop [1, *loop]'), /refers to itself|cycle|alias/i);
  addBad('yaml/deep.md', doc(`title: Deep\ndeep: ${'['.repeat(5000)}`), /nest|deep|depth/i);
  addBad('yaml/duplicate-keys.md', doc('title: First\ntitle: Second'), /duplicat/i);

  // Broken documents.
  addBad('broken/unclosed.md', '---\ntitle: Never closed\n\nBody\n', /never closed/);
  addBad('broken/only-fence.md', '---', /never closed/);
  addBad('broken/binary.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a]), /binary file/);
  write('broken/huge.md', doc('title: Fifty megabytes'));
  truncateSync(path.join(dir, 'broken/huge.md'), 50 * 1024 * 1024);
  bad.push({ path: 'broken/huge.md', shown: 'broken/huge.md', message: /file is 50 MiB, over the 10 MiB limit/ });

  // Not articles: no front matter, front matter that is not a mapping, a title that is not text.
  addNotArticle('other/empty.md', '');
  addNotArticle('other/list.md', doc('- a\n- b'));
  addNotArticle('other/scalar.md', doc('just text'));
  addNotArticle('other/title-number.md', doc('title: 42'));
  addNotArticle('other/title-list.md', doc('title: [a, b]'));
  addNotArticle('other/title-mapping.md', doc('title:\n  text: nested'));

  // File-system traps.
  mkdirSync(path.join(dir, 'fs'), { recursive: true });
  execFileSync('mkfifo', [path.join(dir, 'fs/fifo.md')]);
  bad.push({ path: 'fs/fifo.md', shown: 'fs/fifo.md', message: /not a regular file/ });
  symlinkSync('loop-b.md', path.join(dir, 'fs/loop-a.md'));
  symlinkSync('loop-a.md', path.join(dir, 'fs/loop-b.md'));
  bad.push({ path: 'fs/loop-a.md', shown: 'fs/loop-a.md', message: /symbolic link loop/ }, { path: 'fs/loop-b.md', shown: 'fs/loop-b.md', message: /symbolic link loop/ });
  symlinkSync('/dev/zero', path.join(dir, 'fs/zero.md'));
  bad.push({ path: 'fs/zero.md', shown: 'fs/zero.md', message: /not a regular file/ });
  symlinkSync('gone.md', path.join(dir, 'fs/dangling.md'));
  bad.push({ path: 'fs/dangling.md', shown: 'fs/dangling.md', message: /broken symbolic link/ });
  symlinkSync('..', path.join(dir, 'fs/parent-loop'));
  const hasUnreadable = process.getuid?.() !== 0;
  if (hasUnreadable) {
    write('fs/unreadable.md', GOOD_ARTICLE);
    chmodSync(path.join(dir, 'fs/unreadable.md'), 0o000);
    bad.push({ path: 'fs/unreadable.md', shown: 'fs/unreadable.md', message: /permission denied/ });
  }

  return {
    dir,
    marker,
    good,
    bad,
    notArticles,
    twin: { original: 'good/plain.md', copy: 'good/plain-bom-crlf.md' },
    hasUnreadable,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
