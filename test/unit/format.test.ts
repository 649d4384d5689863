// Output formats: CSV quoting, field projection, fitted tables, and no control characters from hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { formatArticleTable, formatCsvHeader, formatCsvRow, formatRecordJson, DEFAULT_CSV_FIELDS, SUMMARY_FIELDS, summariesCover } from '../../src/format/articles.js';
import { summarise } from '../../src/core/summary.js';
import { csvCell, csvHeader, csvRow } from '../../src/format/csv.js';
import { escapeJsonControls, fieldsProblem, fieldText, getPath, holdsJsonUnsafeBytes, project, RECORD_FIELDS } from '../../src/format/fields.js';
import { fieldSteps } from '../../src/format/field-path.js';
import { fieldsArgument } from '../../src/commands/options.js';
import { RecordPacker, unpackJson } from '../../src/io/record-pack.js';
import { plainPalette } from '../../src/format/palette.js';
import { columnsThatFit, fitWidths, MIN_TABLE_WIDTH, renderTable } from '../../src/format/table.js';
import { displayWidth } from '../../src/core/text.js';
import { normaliseArticle } from '../../src/core/normalise.js';
import type { Article } from '../../src/core/types.js';

const make = (id: string, title: string, extra: Record<string, unknown> = {}): Article =>
  normaliseArticle(
    {
      title,
      publishedDateTime: '2023-10-16T09:00:00Z',
      webUrl: 'https://news.test/a',
      provider: { name: 'Example Tech', domain: 'example-tech.test' },
      topics: ['AI', 'Machine Learning'],
      quality: 88,
      heat: 95,
      ...extra,
    },
    { id, path: `news/${id}.md` },
  );

// Anything a terminal would act on: C0 (tab and LF included: a cell is one line), DEL, C1, bidi controls.
const CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Parses RFC 4180 CSV text into rows of cells (test oracle). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
    i++;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('CSV (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    [' edge', '" edge"'],
    ['edge ', '"edge "'],
    ['', ''],
    ['Café, “quoted”', '"Café, “quoted”"'],
  ])('csvCell(%j) is %j', (text, expected) => {
    expect(csvCell(text)).toBe(expected);
  });

  it('the header and rows end in CRLF and round-trip through a CSV parser', () => {
    const record = make('x', 'Commas, "quotes" and more');
    const text = csvHeader(['id', 'title', 'provider.domain', 'topics', 'quality']) + csvRow(record, ['id', 'title', 'provider.domain', 'topics', 'quality']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(parseCsv(text)).toEqual([
      ['id', 'title', 'provider.domain', 'topics', 'quality'],
      ['x', 'Commas, "quotes" and more', 'example-tech.test', 'AI; Machine Learning', '88'],
    ]);
  });

  it('the default CSV columns', () => {
    const record = make('x', 'T');
    const rows = parseCsv(formatCsvHeader() + formatCsvRow(record));
    expect(rows[0]).toEqual(DEFAULT_CSV_FIELDS);
    expect(rows[1]).toEqual(['x', '2023-10-16T09:00:00.000Z', 'T', 'Example Tech', 'example-tech.test', 'https://news.test/a', 'AI; Machine Learning', '88', '95', 'news/x.md']);
  });

  it('a hostile value cannot add a row or carry control characters', () => {
    const record = { title: 'Evil\r\nid,title\r\n\x1b]0;pwned\x07\x1b[2J\u202eevil' };
    const text = csvRow(record, ['title']);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(1);
    expect(CONTROL.test(text.slice(0, -2))).toBe(false);
    expect(rows[0]![0]).toContain('Evil');
  });

  it.each([
    ['=HYPERLINK("http://evil.test","x")', `'=HYPERLINK("http://evil.test","x")`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['Plain title', 'Plain title'],
    ['a=b', 'a=b'],
    ['\t=1+1', "' =1+1"],
    ['  @x', "'  @x"],
    ['\r\n=1', '\\x0d\\x0a=1'],
  ])('text a spreadsheet would run as a formula gets a quote in front: %j', (title, expected) => {
    expect(parseCsv(csvRow({ title }, ['title']))[0]).toEqual([expected]);
  });

  it('a row of one empty cell is "", not a blank line a CSV reader would skip', () => {
    expect(csvRow({ heat: null }, ['heat'])).toBe('""\r\n');
    expect(parseCsv(csvHeader(['heat']) + csvRow({ heat: 40 }, ['heat']) + csvRow({ heat: null }, ['heat']) + csvRow({ heat: 5 }, ['heat']))).toEqual([['heat'], ['40'], [''], ['5']]);
    expect(csvRow({ heat: null, title: '' }, ['heat', 'title'])).toBe(',\r\n');
  });

  it('leaves numbers (heat -1) and lists not starting a formula as they are', () => {
    expect(parseCsv(csvRow({ heat: -1, topics: ['AI', '=x'], extra: { n: '-1' } }, ['heat', 'topics', 'extra.n']))[0]).toEqual(['-1', 'AI; =x', "'-1"]);
  });
});

describe('fields', () => {
  const record = make('x', 'T', { images: [{ url: 'https://i.test/a.jpg', width: 10, height: 20 }] });

  it.each([
    ['title', 'T'],
    ['provider.domain', 'example-tech.test'],
    ['provider.name', 'Example Tech'],
    ['images.0.url', 'https://i.test/a.jpg'],
    ['provider.nothing', undefined],
    ['nothing.at.all', undefined],
    // Below a single value, the value itself, as project keeps it (--fields refuses this path below title).
    ['title.length', 'T'],
    ['constructor', undefined],
    ['__proto__', undefined],
  ])('getPath(%j)', (dotted, expected) => {
    expect(getPath(record, dotted)).toEqual(expected);
  });

  it('project keeps only the asked paths, nested, with null for missing ones', () => {
    expect(project(record, ['title', 'provider.domain', 'quality', 'missing.deep'])).toEqual({
      title: 'T',
      provider: { domain: 'example-tech.test' },
      quality: 88,
      missing: { deep: null },
    });
    expect(project(record, ['provider.domain', 'provider.name'])).toEqual({ provider: { domain: 'example-tech.test', name: 'Example Tech' } });
  });

  it('reads through lists: every item is projected, and text joins the values', () => {
    const two = make('y', 'T', { images: [{ url: 'https://i.test/a.jpg', width: 10, height: 20 }, { url: 'https://i.test/b.jpg', width: 30, height: 40 }] });
    expect(project(two, ['images.url', 'images.width'])).toEqual({ images: [{ url: 'https://i.test/a.jpg', width: 10 }, { url: 'https://i.test/b.jpg', width: 30 }] });
    expect(project(two, ['images.1.url'])).toEqual({ images: [null, { url: 'https://i.test/b.jpg' }] });
    expect(getPath(two, 'images.url')).toEqual(['https://i.test/a.jpg', 'https://i.test/b.jpg']);
    expect(fieldText(getPath(two, 'images.url'))).toBe('https://i.test/a.jpg; https://i.test/b.jpg');
    expect(project(make('z', 'T', { images: [] }), ['images.url'])).toEqual({ images: [] });
  });

  it.each<[string, string[]]>([
    ['title', ['title']],
    ['provider.domain', ['provider', 'domain']],
    ['extra.utm\\.source', ['extra', 'utm.source']],
    ['extra.a\\,b', ['extra', 'a,b']],
    ['extra.back\\\\slash', ['extra', 'back\\slash']],
    ['extra.trailing\\\\.x', ['extra', 'trailing\\', 'x']],
    ['extra.og:image', ['extra', 'og:image']],
    ['extra.note\\ ', ['extra', 'note ']],
  ])('fieldSteps(%j)', (dotted, steps) => {
    expect(fieldSteps(dotted)).toEqual(steps);
  });

  it('an escaped dot names a key that holds a dot, in getPath and project', () => {
    const dotted = make('d', 'T', { 'utm.source': 'rss', utm: { source: 'nested' }, 'a,b': 2 });
    expect(getPath(dotted, 'extra.utm\\.source')).toBe('rss');
    expect(getPath(dotted, 'extra.utm.source')).toBe('nested');
    expect(project(dotted, ['extra.utm\\.source', 'extra.utm.source', 'extra.a\\,b'])).toEqual({ extra: { 'utm.source': 'rss', utm: { source: 'nested' }, 'a,b': 2 } });
  });

  it.each<[string, string[]]>([
    ['title,provider.domain', ['title', 'provider.domain']],
    [' title , url ', ['title', 'url']],
    ['title,url,title', ['title', 'url']],
    ['extra.utm\\.source,title', ['extra.utm\\.source', 'title']],
    ['extra.a\\,b', ['extra.a\\,b']],
    ['extra.first name,extra.título', ['extra.first name', 'extra.título']],
    // Spaces around a name are trimmed; one written `\ ` is kept (a key that ends in a space).
    ['extra.note\\ ,id', ['extra.note\\ ', 'id']],
    ['extra.note\\  , id', ['extra.note\\ ', 'id']],
    ['extra.a\\\\ ,id', ['extra.a\\\\', 'id']],
  ])('fieldsArgument(%j)', (value, fields) => {
    expect(fieldsArgument(value)).toEqual(fields);
  });

  it.each<[string, RegExp]>([
    ['', /expected field names/],
    [',', /an empty name \(two commas in a row, or one at an end\) is none/],
    ['title,,id', /an empty name/],
    ['title,', /an empty name/],
    ['extra..x', /'extra\.\.x' is not one/],
    ['title.', /'title\.' is not one/],
    ['.title', /'\.title' is not one\.$/],
    // A name people type for a key of the file's own: where to find it.
    ['first name', /'first name' is not one \(a key of the file's own is under extra: extra\.first name\)\.$/],
    ['título', /\(a key of the file's own is under extra: extra\.título\)/],
    ['first name.x', /\(a key of the file's own is under extra: extra\.first name\.x \(or extra\.first name\\\.x for one key named "first name\.x"\)\)/],
    ['ti\\.tle', /'ti\\\.tle' is not one/],
    ['extra.x\\y', /a backslash escapes only/],
    ['extra.x\\', /a backslash escapes only/],
    ['extra.x\ty', /no control or invisible characters/],
    ['extra.x\u2028', /no control or invisible characters/],
    ['extra.a\u202eb', /no control or invisible characters/],
    ['extra.a\u200bb', /no control or invisible characters/],
  ])('fieldsArgument(%j) is refused', (value, message) => {
    expect(() => fieldsArgument(value)).toThrow(message);
  });

  it('a list stays a list, and every path reads the same in the projection as in the record', () => {
    const two = make('y', 'T', { images: [{ url: 'https://i.test/a.jpg', width: 10 }, { url: 'https://i.test/b.jpg', width: 30 }] });
    const mixed = project(two, ['images.url', 'images.1.width', 'images.0.height']);
    expect(mixed).toEqual({ images: [{ url: 'https://i.test/a.jpg', height: null }, { url: 'https://i.test/b.jpg', width: 30 }] });
    for (const path of ['images.url', 'images.1.width', 'images.0.url', 'images.1.url']) expect(getPath(mixed, path)).toEqual(getPath(two, path));
    expect(project(two, ['images.1.url', 'images.0.url'])).toEqual({ images: [{ url: 'https://i.test/a.jpg' }, { url: 'https://i.test/b.jpg' }] });
    expect(project(two, ['topics.1'])).toEqual({ topics: [null, 'Machine Learning'] });
    expect(project(two, ['topics.0'])).toEqual({ topics: ['AI'] });
    expect(project(two, ['images.5.url', 'topics.9'])).toEqual({ images: [], topics: [] });
    expect(project(make('z', 'T', {}), ['images.0.url'])).toEqual({ images: [] });
    // Item numbers below a value that is missing, or no list, give a list with no such items.
    expect(project(make('z', 'T', {}), ['extra.links.1'])).toEqual({ extra: { links: [] } });
    // A single value stays as it is, whatever is asked below it: no list or object is made up around it.
    expect(project(make('z', 'T', { links: 'one' }), ['extra.links.1', 'extra.links.0.url'])).toEqual({ extra: { links: 'one' } });
    const bob = make('z', 'T', { 'first name': 'Bob', gone: null });
    const projected = project(bob, ['extra.first name.x', 'extra.gone.y']);
    expect(projected).toEqual({ extra: { 'first name': 'Bob', gone: null } });
    for (const path of ['extra.first name.x', 'extra.gone.y', 'extra.first name']) expect(getPath(projected, path)).toEqual(getPath(bob, path));
    // So a table or CSV cell shows what JSON shows: the value.
    expect(getPath(bob, 'extra.first name.x')).toBe('Bob');
    expect(getPath(bob, 'extra.gone.y')).toBeNull();
    expect(fieldText(getPath(make('z', 'T', { images: [{ url: 'u', photographer: 'Ann' }] }), 'images.0.photographer.z'))).toBe('Ann');
  });

  it.each<[string, RegExp | null]>([
    ['title', null],
    ['provider.anything', null],
    ['extra.a.b.c', null],
    ['related.title', null],
    ['related.0.provider.domain', null],
    ['related.topics.0', null],
    ['images.url', null],
    ['images.0.caption', null],
    ['images.0.photographer.name', null],
    ['images.0.caption.text', /'images\.0\.caption' holds one value/],
    ['related.titel', /--fields related\.titel: 'related' has no field 'titel' \(did you mean 'title'\?\); its fields are title, excerpt/],
    ['related.id', /'related' has no field 'id'/],
    ['related.0.extra.id', null],
    ['related.provider.logo', null],
    ['scoreParts.base', null],
    ['scoreParts.nosuch', /'scoreParts' has no field 'nosuch'/],
    ['scoreParts.base.x', /'scoreParts\.base' holds one value/],
    ['duplicates.provider.name', null],
    ['duplicates.title', /'duplicates' has no field 'title'; its fields are id, path, provider, publishedDateTime/],
    ['duplicates.provider.name.x', /'duplicates\.provider\.name' holds one value/],
    ['duplicates.provider.logo', /'duplicates\.provider' has no field 'logo'/],
    ['fixes.kinds', /'fixes' has no field 'kinds'/],
    ['topics.00', /--fields topics\.00: item numbers have no leading zeros \(topics\.0\)/],
    ['images.01.url', /item numbers have no leading zeros \(images\.1\)/],
    ['topics.10', null],
    ['extra.list.00', null],
    ['fixes.before.x', null],
    ['provider.logo.url', null],
    ['topics.0', null],
    ['provider.name.x', /--fields provider\.name\.x: 'provider\.name' holds one value, with no fields below it/],
    ['related.title.x', /'related\.title' holds one value/],
    ['related.2.quality.0', /'related\.2\.quality' holds one value/],
    ['images.0.width.x', /'images\.0\.width' holds one value/],
    ['images.url.x', /'images\.url' holds one value/],
    ['related.topics.x', /'related\.topics' is a list of values; below it only an item's number \(related\.topics\.0\)/],
    ['fixes.kind.x', /'fixes\.kind' holds one value/],
    ['title.x', /--fields title\.x: 'title' holds one value, with no fields below it/],
    ['quality.0', /'quality' holds one value/],
    ['topics.x', /--fields topics\.x: 'topics' is a list of values; below it only an item's number \(topics\.0\)/],
    ['topics.0.x', /'topics' is a list of values/],
  ])('fieldsProblem for a path below a field: %s', (field, problem) => {
    const found = fieldsProblem([field], [...RECORD_FIELDS, 'scoreParts', 'duplicates']);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeNull();
  });

  it('JSON projection of a record', () => {
    expect(JSON.parse(formatRecordJson(record, ['id', 'provider.domain']))).toEqual({ id: 'x', provider: { domain: 'example-tech.test' } });
    expect(JSON.parse(formatRecordJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it.each([
    [null, ''],
    [undefined, ''],
    ['s', 's'],
    [3, '3'],
    [false, 'false'],
    [['a', 'b'], 'a; b'],
    [{ a: 1 }, '{"a":1}'],
    [[{ a: 1 }], '[{"a":1}]'],
  ])('fieldText(%j) is %j', (value, expected) => {
    expect(fieldText(value)).toBe(expected);
  });
});

describe('table', () => {
  const longTitle = 'A very long headline about open-weights language models that keeps going well past any reasonable column width';
  const records = [
    make('a', longTitle),
    make('b', 'Short'),
    make('c', '東京で人工知能の会議が開かれた、とても長い見出しがここに続きます 🤖🤖🤖'),
    make('d', 'No date', { publishedDateTime: null, quality: null, heat: null }),
  ];

  it.each([20, 30, 40, 50, 60, 80, 100, 160])('is never wider than %i columns', (width) => {
    const table = formatArticleTable(records, { width, palette: plainPalette });
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(records.length + 1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });

  it('long titles are truncated with … on one line, not wrapped', () => {
    const table = formatArticleTable(records, { width: 80, palette: plainPalette });
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE\s+TITLE\s+PROVIDER\s+TOPICS\s+QUALITY\s+HEAT$/);
    expect(lines[1]).toContain('A very long');
    expect(lines[1]).toContain('…');
    expect(lines[1]).not.toContain(longTitle);
    // The title keeps 40% of the width before the other text columns give up theirs.
    const titleWidth = lines[0]!.indexOf('PROVIDER') - lines[0]!.indexOf('TITLE') - 2;
    expect(titleWidth).toBeGreaterThanOrEqual(Math.floor((80 - 10) * 0.4));
    expect(lines[2]).toMatch(/^2023-10-16\s+Short\s+Example T\S*\s+AI; \S+\s+88\s+95$/);
  });

  it('gives every column its full width when the terminal is wide enough', () => {
    const table = formatArticleTable(records.slice(1, 2), { width: 160, palette: plainPalette });
    expect(table.trimEnd().split('\n')[1]).toMatch(/^2023-10-16\s+Short\s+Example Tech\s+AI; Machine Learning\s+88\s+95$/);
  });

  it('a wide terminal shows the whole title', () => {
    const table = formatArticleTable([records[0]!], { width: 400, palette: plainPalette });
    expect(table).toContain(longTitle);
    expect(table).not.toContain('…');
  });

  it('hostile titles cannot put control characters on the terminal', () => {
    const hostile = [
      make('h1', 'Title\u001b[2J\u001b[H cleared'),
      make('h2', 'x', { provider: { name: 'Evil\u001b]0;window title\u0007Co', domain: 'e.test' } }),
      make('h3', 'x', { topics: ['AI\u001b]8;;https://evil.test\u0007link\u001b]8;;\u0007'] }),
    ];
    // Also straight from an unnormalised record: the table itself must sanitise.
    const raw = { ...make('h4', 'x'), title: 'Raw\u001b[31mred\u009b31m\u202eevil\r\nnext\u0085' } as Article;
    for (const width of [40, 160]) {
      const table = formatArticleTable([...hostile, raw], { width, palette: plainPalette });
      expect(CONTROL.test(table.replace(/\n/g, ''))).toBe(false);
      expect(table.trimEnd().split('\n')).toHaveLength(5);
      const csv = [...hostile, raw].map((r) => formatCsvRow(r)).join('');
      expect(CONTROL.test(csv.replace(/\r\n/g, ''))).toBe(false);
    }
  });

  it('--fields columns with dotted paths', () => {
    const table = formatArticleTable([records[1]!], { width: 100, palette: plainPalette, fields: ['title', 'provider.domain'] });
    expect(table.trimEnd().split('\n')).toEqual([expect.stringMatching(/^TITLE\s+PROVIDER\.DOMAIN$/), expect.stringMatching(/^Short\s+example-tech\.test$/)]);
  });

  it('fitWidths shrinks the flexible column first and keeps within the total', () => {
    const columns = [{ header: 'A', min: 4 }, { header: 'T', flex: true, min: 10 }, { header: 'B', min: 4 }];
    expect(fitWidths([10, 100, 10], columns, 60)).toEqual([10, 36, 10]);
    const tight = fitWidths([10, 100, 10], columns, 20);
    expect(tight.reduce((a, b) => a + b, 0) + 4).toBeLessThanOrEqual(20);
  });

  it('a dotted header cut short keeps its end, so two columns under one object read apart', () => {
    const columns = [{ header: 'DUPLICATES.PATH', min: 6 }, { header: 'DUPLICATES.ID', min: 6 }, { header: 'TITLE', flex: true, min: 10 }];
    const rows = [['fixtures/_news/a-long-file-name.md', '2023-10-16-a-long-id', 'A title that wants the room it can get']];
    const [head] = renderTable(columns, rows, 30, plainPalette).split('\n');
    expect(head).toMatch(/^…ES\.PATH +…ATES\.ID +TITLE$/);
  });

  it('fitWidths holds a column to its max only while the room is needed', () => {
    const columns = [{ header: 'T', flex: true, min: 10 }, { header: 'P', min: 8, max: 22 }, { header: 'X', min: 6, max: 28 }];
    // Room for all: the capped columns are whole.
    expect(fitWidths([5, 40, 35], columns, 300)).toEqual([5, 40, 35]);
    // Room for some of it: given in column order.
    expect(fitWidths([5, 40, 35], columns, 5 + 30 + 28 + 4)).toEqual([5, 30, 28]);
    // A long title needs the room: the caps hold.
    expect(fitWidths([200, 40, 35], columns, 120)).toEqual([66, 22, 28]);
  });

  it.each([
    [80, ['DATE', 'TITLE', 'PROVIDER', 'TOPICS', 'QUALITY', 'HEAT']],
    [60, ['DATE', 'TITLE', 'PROVIDER', 'TOPICS', 'QUALITY']],
    [50, ['DATE', 'TITLE', 'PROVIDER', 'TOPICS']],
    [40, ['DATE', 'TITLE', 'PROVIDER']],
    [30, ['DATE', 'TITLE']],
    [22, ['DATE', 'TITLE']],
    [5, ['DATE', 'TITLE']],
  ])('a table %i columns wide leaves out heat, quality, topics, provider in turn, never cutting the date first', (width, headers) => {
    const table = formatArticleTable(records, { width, palette: plainPalette });
    const lines = table.trimEnd().split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(headers);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(Math.max(width, MIN_TABLE_WIDTH));
    // The date stays whole down to the narrowest table; the title gives way to it.
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d  /);
  });

  it('never cuts a quality or heat number: at any width it is whole, or its column is left out', () => {
    const big = [make('e', 'Big numbers', { quality: 9007199254740991, heat: 123456789 })];
    let whole = 0;
    for (let width = 20; width <= 120; width++) {
      const lines = formatArticleTable(big, { width, palette: plainPalette }).trimEnd().split('\n');
      const headers = lines[0]!.split(/\s{2,}/);
      if (headers.includes('QUALITY')) expect(lines[1], `width ${width}`).toContain('9007199254740991');
      if (headers.includes('HEAT')) expect(lines[1], `width ${width}`).toContain('123456789');
      if (headers.includes('HEAT')) whole++;
      expect(lines[1]).not.toMatch(/\d…/);
    }
    expect(whole).toBeGreaterThan(30);
  });

  it('--fields columns of numbers are right-aligned and never cut, at any width', () => {
    const big = [make('e', 'Big numbers in a long title', { quality: 9007199254740991, heat: 1e21, words: 12345678 }), make('f', 'Small', { quality: 7, heat: null })];
    const fields = ['title', 'quality', 'heat', 'extra.words'];
    for (let width = 20; width <= 100; width++) {
      const lines = formatArticleTable(big, { width, palette: plainPalette, fields }).trimEnd().split('\n');
      expect(lines[1], `width ${width}`).toMatch(/9007199254740991  1e\+21 +12345678$/);
      expect(lines[2], `width ${width}`).toMatch(/ 7$/);
    }
    const wide = formatArticleTable(big, { width: 100, palette: plainPalette, fields }).trimEnd().split('\n');
    expect(wide[2]).toMatch(/^Small\s+7$/);
    expect(wide[2]!.length).toBe(wide[1]!.indexOf('9007199254740991') + '9007199254740991'.length);
    // A column of text keeps its place on the left, and is cut to fit.
    const text = formatArticleTable(big, { width: 100, palette: plainPalette, fields: ['quality', 'title'] }).trimEnd().split('\n');
    expect(text[2]).toMatch(/^\s+7  Small$/);
  });

  it('fitWidths never cuts a whole column, even when the table then overflows', () => {
    const columns = [{ header: 'T', flex: true, min: 10 }, { header: 'N', whole: true }];
    expect(fitWidths([30, 16], columns, 20)).toEqual([2, 16]);
    expect(fitWidths([30, 16], columns, 10)).toEqual([1, 16]);
  });

  it('columnsThatFit keeps columns without a drop rank, and all when they fit', () => {
    const columns = [{ header: 'A', min: 10 }, { header: 'B', min: 10, dropRank: 1 }, { header: 'C', min: 10, dropRank: 2 }];
    expect(columnsThatFit([10, 10, 10], columns, 34)).toEqual([0, 1, 2]);
    expect(columnsThatFit([10, 10, 10], columns, 33)).toEqual([0, 1]);
    expect(columnsThatFit([10, 10, 10], columns, 5)).toEqual([0]);
    // A narrow column needs only its natural width.
    expect(columnsThatFit([10, 2, 2], columns, 18)).toEqual([0, 1, 2]);
  });

  it('renderTable right-aligns numbers and pads headers', () => {
    const out = renderTable([{ header: 'NAME' }, { header: 'N', align: 'right' }], [['a', '5'], ['bb', '100']], 80, plainPalette);
    expect(out).toBe('NAME    N\na       5\nbb    100\n');
  });
});

describe('record JSON packed as escaped UTF-8 bytes', () => {
  const unsafe = ['\u007f', '\u0080', '\u0085', '\u009f', '\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069'];
  // Neighbours that share lead bytes with the unsafe ones but are harmless.
  const safe = ['a', 'é', '\u00a0', '\u061b', '\u061d', '\u200d', '\u2010', '\u2019', '\u2027', '\u202f', '\u2065', '\u206a', 'Ø', '😀', '"', '\\'];

  /** Packs texts as one batch and reads each back from the batch's bytes. */
  const roundTrip = (texts: string[]): string[] => {
    const packer = new RecordPacker();
    const places = texts.map((text) => packer.add(text));
    const bytes = packer.take();
    return places.map((place) => unpackJson(place, bytes).toString('utf8'));
  };

  it.each(unsafe.map((c) => [c]))('finds %j in the bytes and escapes it', (c) => {
    const json = JSON.stringify({ title: `a${c}b` });
    expect(holdsJsonUnsafeBytes(Buffer.from(json))).toBe(true);
    const [packed] = roundTrip([json]);
    expect(packed).toBe(escapeJsonControls(json));
    expect(JSON.parse(packed!)).toEqual({ title: `a${c}b` });
  });

  it.each([
    ['a high surrogate alone', 'a\ud83db', 'a\ufffdb'],
    ['a low surrogate alone', '\ude00x', '\ufffdx'],
    ['two highs, then a pair', '\ud800\ud83d\ude00', '\ufffd\ud83d\ude00'],
    ['the text \\ud83d (a backslash), not a surrogate', '\\ud83d', '\\ud83d'],
    ['a backslash, then a surrogate alone', '\\\ud83d', '\\\ufffd'],
  ])('writes half a surrogate pair alone as U+FFFD, which strict parsers (jq) accept: %s', (_name, text, expected) => {
    const json = JSON.stringify({ title: text });
    const escaped = escapeJsonControls(json);
    expect(escaped).not.toMatch(/(?<!\\)(?:\\\\)*\\ud[89a-f]/);
    expect(JSON.parse(escaped)).toEqual({ title: expected });
    expect(holdsJsonUnsafeBytes(Buffer.from(json))).toBe(escaped !== json);
    expect(roundTrip([json])).toEqual([escaped]);
  });

  it('agrees with the text check on random strings, and each packed record is its escaped text', () => {
    const surrogates = ['\ud83d', '\ude00', '\udc00', '\udbff', 'ud83d', '\\'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...unsafe, ...safe, ...surrogates), { maxLength: 12 }), { minLength: 1, maxLength: 5 }), (records) => {
        const texts = records.map((pieces) => JSON.stringify(pieces.join('')));
        for (const json of texts) expect(holdsJsonUnsafeBytes(Buffer.from(json))).toBe(escapeJsonControls(json) !== json);
        expect(roundTrip(texts)).toEqual(texts.map(escapeJsonControls));
      }),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
  });

  it('grows past its first buffer, and starts empty again after each batch', () => {
    const packer = new RecordPacker();
    const big = JSON.stringify('€'.repeat(600_000));
    const first = packer.add('{"a":1}');
    const second = packer.add(big);
    const bytes = packer.take();
    expect(unpackJson(first, bytes).toString()).toBe('{"a":1}');
    expect(unpackJson(second, bytes).toString()).toBe(big);
    expect(bytes.byteLength).toBe(7 + Buffer.byteLength(big));
    const next = packer.add('{"b":2}');
    expect(next.offset).toBe(0);
    expect(Buffer.from(packer.take()).toString()).toBe('{"b":2}');
  });
});

describe('listings made from summaries', () => {
  it('every summary field holds the record\'s own value, and the default CSV and table show only those', () => {
    const articles = [
      make('a', 'Plain'),
      make('b', 'Nulls', { provider: { name: null, domain: 'only-domain.test' }, topics: [], quality: -1, heat: 'x', published: false }),
      make('c', 'Odd', { provider: 'A string provider', category: 'news', type: 'article', publishedDateTime: 'not a date', webUrl: null }),
    ];
    for (const article of articles) {
      const summary = summarise(article, false);
      for (const field of SUMMARY_FIELDS) expect(getPath(summary, field), field).toEqual(getPath(article, field));
      expect(formatCsvRow(summary)).toBe(formatCsvRow(article));
      expect(formatArticleTable([summary], { width: 120, palette: plainPalette })).toBe(formatArticleTable([article], { width: 120, palette: plainPalette }));
      expect(formatRecordJson(summary, [...SUMMARY_FIELDS])).toBe(formatRecordJson(article, [...SUMMARY_FIELDS]));
    }
    expect(DEFAULT_CSV_FIELDS.filter((field) => !SUMMARY_FIELDS.includes(field))).toEqual([]);
  });

  it.each([
    ['table', undefined, true],
    ['csv', undefined, true],
    ['json', undefined, false],
    ['ndjson', undefined, false],
    ['json', ['title', 'provider.domain'], true],
    ['table', ['title', 'excerpt'], false],
    ['csv', ['provider'], false],
    ['csv', ['topics.0'], false],
    ['table', [], true],
  ] as const)('summariesCover(%s, %j) is %s', (format, fields, expected) => {
    expect(summariesCover(format, fields)).toBe(expected);
  });
});

describe('fieldsProblem', () => {
  it.each([
    [['title', 'provider.domain', 'extra.anything.below'], null],
    [['id', 'path', 'url', 'fixes', 'encoding', 'related', 'images'], null],
    [['titel'], /no field 'titel' \(did you mean 'title'\?\); fields are/],
    [['provider', 'Title'], /no field 'Title' \(did you mean 'title'\?\)/],
    // As close to publishedDateTime as to published by spelling, but a name feeds give the date.
    [['publishedDate'], /no field 'publishedDate' \(did you mean 'publishedDateTime'\?\); fields are/],
    [['publishedDatetime'], /no field 'publishedDatetime' \(did you mean 'publishedDateTime'\?\)/],
    [['uri'], /no field 'uri' \(did you mean 'url'\?\)/],
    [['zz'], /no field 'zz'; fields are .*; a key of the file's own is under extra: extra\.zz$/],
    // The table's DATE header names publishedDateTime.
    [['date'], /no field 'date' \(did you mean 'publishedDateTime'\?\); fields are .*provider\.domain\)$/],
    [['Date'], /did you mean 'publishedDateTime'/],
    // The names feeds give the date.
    [['pubDate'], /no field 'pubDate' \(did you mean 'publishedDateTime'\?\)/],
    [['published_date'], /did you mean 'publishedDateTime'/],
    [['nested.a'], /no field 'nested'; .*; a key of the file's own is under extra: extra\.nested\.a \(or extra\.nested\\\.a for one key named "nested\.a"\)$/],
    [['body'], /'body' is only there with --body/],
  ])('%j -> %s', (fields, expected) => {
    const problem = fieldsProblem(fields, RECORD_FIELDS, { body: '--body' });
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('makes no guess when two fields are as close', () => {
    expect(fieldsProblem(['abcf'], ['abcd', 'abce'])).toMatch(/no field 'abcf'; fields are abcd, abce/);
    expect(fieldsProblem(['abcf'], ['abcd', 'xyzw'])).toMatch(/no field 'abcf' \(did you mean 'abcd'\?\)/);
  });

  it('knows every top-level key a record has', () => {
    const record = JSON.parse(JSON.stringify(normaliseArticle({ title: 'T', publishedDateTime: '2023-01-01T00:00:00Z', odd: 1 }, { id: 'a', path: 'a.md' })));
    expect(Object.keys(record).sort()).toEqual([...RECORD_FIELDS].sort());
  });
});
