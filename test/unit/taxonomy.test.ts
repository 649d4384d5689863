import fc from 'fast-check';
// The topic taxonomy: lookups by name or _id, parents including descendants, and loading from disk.
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editDistance, lettersRuleOut, Taxonomy, topicFromData, type Topic } from '../../src/core/taxonomy.js';
import { findTaxonomyDir, loadTaxonomy } from '../../src/io/taxonomy.js';
import { FIXTURES, makeTree, removeTree } from '../helpers.js';
import { FUZZ_SEED } from '../fuzz/budget.js';

const topic = (name: string, id: string | null, parent: string | null = null): Topic => ({ name, id, parent, keywords: [] });

const taxonomy = new Taxonomy([
  topic('AI', 'ai'),
  topic('Machine Learning', 'machine-learning', 'AI'),
  topic('Google AI', 'google-ai', 'AI'),
  topic('TensorFlow', 'tensorflow', 'Google AI'),
  topic('Keras', 'keras', 'tensorflow'), // parent given by _id, lower case
  topic('Robotics', 'robotics', 'Nowhere'), // unknown parent
]);

describe('Taxonomy lookups', () => {
  it('expands a topic with 150,000 children (once a stack overflow)', () => {
    const children = Array.from({ length: 150_000 }, (_, i): Topic => ({ name: `child ${i}`, id: null, parent: 'Root', keywords: [] }));
    const wide = new Taxonomy([{ name: 'Root', id: null, parent: null, keywords: [] }, ...children]);
    const names = wide.expand('root');
    expect(names.size).toBe(150_001);
    expect(names.has('child 149999')).toBe(true);
  });

  it('folds case fully: STRASSENBAHN finds Straßenbahn, and its children', () => {
    const trams = new Taxonomy([
      { name: 'Straßenbahn', id: null, parent: null, keywords: [] },
      { name: 'Niederflur', id: null, parent: 'STRASSENBAHN', keywords: [] },
    ]);
    expect(trams.find('STRASSENBAHN')?.name).toBe('Straßenbahn');
    expect([...trams.expand('strassenbahn')].sort()).toEqual(['niederflur', 'strassenbahn']);
  });

  it.each([
    ['Google AI', 'Google AI'],
    ['google ai', 'Google AI'],
    ['GOOGLE AI', 'Google AI'],
    ['google-ai', 'Google AI'],
    ['  TensorFlow  ', 'TensorFlow'],
    ['TENSORFLOW', 'TensorFlow'],
    ['machine-learning', 'Machine Learning'],
  ])('find(%j) is %s', (query, name) => {
    expect(taxonomy.find(query)?.name).toBe(name);
    expect(taxonomy.canonicalName(query)).toBe(name);
  });

  it('unknown names are undefined', () => {
    expect(taxonomy.find('Quantum')).toBeUndefined();
    expect(taxonomy.canonicalName('Quantum')).toBeUndefined();
  });

  it('a parent includes all its descendants (Google AI ⊃ TensorFlow ⊃ Keras)', () => {
    // Names only: records hold topics by name (an id in a file is read as the name).
    expect([...taxonomy.expand('Google AI')].sort()).toEqual(['google ai', 'keras', 'tensorflow']);
    expect(taxonomy.expand('google-ai').has('tensorflow')).toBe(true);
  });

  it('the root includes everything below it, but not topics with an unknown parent', () => {
    const names = taxonomy.expand('ai');
    for (const name of ['ai', 'machine learning', 'google ai', 'tensorflow', 'keras']) expect(names.has(name)).toBe(true);
    expect(names.has('robotics')).toBe(false);
  });

  it('a leaf expands to itself; an unknown topic to its own lower-case name', () => {
    expect([...taxonomy.expand('Keras')]).toEqual(['keras']);
    expect([...taxonomy.expand(' Quantum ')]).toEqual(['quantum']);
  });

  it('a parent cycle terminates', () => {
    const cyclic = new Taxonomy([topic('A', null, 'B'), topic('B', null, 'A'), topic('C', null, 'C')]);
    expect([...cyclic.expand('A')].sort()).toEqual(['a', 'b']);
    expect([...cyclic.expand('C')]).toEqual(['c']);
  });

  it('a name wins over another topic’s _id spelled the same, and expanding the first never takes in the second', () => {
    const t = new Taxonomy([topic('Alpha', 'beta'), topic('Beta', 'b')]);
    expect(t.find('beta')?.name).toBe('Beta');
    expect([...t.expand('Alpha')]).toEqual(['alpha']);
  });

  it('of two topics with one _id or short name, the later one has it, and problems() says so', () => {
    const t = new Taxonomy([{ ...topic('Machine Learning', 'ml'), shortname: 'M' }, { ...topic('Markup Languages', 'ml'), shortname: 'M' }]);
    expect(t.find('ml')?.name).toBe('Markup Languages');
    expect(t.find('M')?.name).toBe('Markup Languages');
    expect(t.problems()).toEqual([
      "topics 'Machine Learning' and 'Markup Languages' have one _id 'ml': it names the later one",
      "topics 'Machine Learning' and 'Markup Languages' have one shortname 'M': it names the later one",
    ]);
    // When the shared _id is a third topic's name, it names that topic, and the note says so.
    expect(new Taxonomy([topic('Alpha', 'beta'), topic('Gamma', 'beta'), topic('Beta', null)]).problems()).toEqual([
      "topics 'Alpha' and 'Gamma' have one _id 'beta': it names 'Beta', whose name (or _id) it is",
    ]);
    // Counted once each: of two topics of one name, only the later is in use.
    expect(new Taxonomy([topic('AI', null), topic('ai', null), topic('ML', null)]).size).toBe(2);
  });
});

describe('Taxonomy.problems', () => {
  it('names topics of one name, unknown parents, own parents and cycles, each cycle once', () => {
    const problems = new Taxonomy([
      topic('A', 'a1', 'B'),
      topic('B', 'b', 'A'),
      topic('D', 'd', 'A'),
      topic('Self', 'self', 'self'),
      topic('Lost', 'lost', 'Nowhere'),
      topic('x', 'x1'),
      topic('X', 'x2'),
      topic('Root', 'root'),
      topic('Leaf', 'leaf', 'Root'),
    ]).problems();
    expect(problems).toEqual([
      "topics 'x' and 'X' have one name (case and spaces aside): only the later one is used",
      "topics 'A', 'B' are each other's ancestors (their parents make a cycle)",
      "topic 'Self' is its own parent",
      "topic 'Lost': its parent 'Nowhere' is no topic in the taxonomy",
    ]);
  });

  it('of two topics with one name, the later is used whole: its parent, not the earlier one\'s', () => {
    const moved = new Taxonomy([topic('Robotics', null), topic('AI', null), topic('Vision', 'vision-old', 'Robotics'), topic('vision', null, 'AI')]);
    expect([...moved.expand('Robotics')]).toEqual(['robotics']);
    expect([...moved.expand('AI')].sort()).toEqual(['ai', 'vision']);
    expect(moved.find('vision-old')).toBeUndefined();
    // A cycle made by the earlier topic's parent is none, and the later topic's cycle is named.
    const ring = new Taxonomy([topic('AI', null, 'Deep Nets'), topic('Machine Learning', null, 'AI'), topic('Deep Nets', null, 'Machine Learning'), topic('ai', null)]);
    expect([...ring.expand('Machine Learning')].sort()).toEqual(['deep nets', 'machine learning']);
    expect(ring.problems()).toEqual(["topics 'AI' and 'ai' have one name (case and spaces aside): only the later one is used"]);
    const still = new Taxonomy([topic('AI', null, 'Deep Nets'), topic('Machine Learning', null, 'AI'), topic('Deep Nets', null, 'Machine Learning'), topic('ai', null, 'Deep Nets')]);
    expect(still.problems()).toEqual([
      "topics 'AI' and 'ai' have one name (case and spaces aside): only the later one is used",
      "topics 'Machine Learning', 'ai', 'Deep Nets' are each other's ancestors (their parents make a cycle)",
    ]);
  });

  it('has none for a sound taxonomy, and follows a long line of parents once', () => {
    expect(taxonomy.problems()).toEqual(["topic 'Robotics': its parent 'Nowhere' is no topic in the taxonomy"]);
    const chain = Array.from({ length: 50_000 }, (_, i) => topic(`t${i}`, null, i === 0 ? null : `t${i - 1}`));
    expect(new Taxonomy(chain).problems()).toEqual([]);
    // A long cycle is named by its first few topics.
    const ring = Array.from({ length: 1000 }, (_, i) => topic(`r${i}`, null, `r${(i + 1) % 1000}`));
    expect(new Taxonomy(ring).problems()).toEqual(["topics 'r0', 'r1', 'r2', 'r3', 'r4' and 995 more are each other's ancestors (their parents make a cycle)"]);
    // Names that print alike are written so that they look apart.
    expect(new Taxonomy([topic('Le Monde', null), topic('Le\u00a0Monde', null)]).problems()).toEqual([
      "topics 'Le Monde' and 'Le\\u00a0Monde' have one name (case and spaces aside): only the later one is used",
    ]);
  });
});

describe('short names and the closest name', () => {
  const withShort = new Taxonomy([
    { name: 'Machine Learning', id: 'machine-learning', parent: null, keywords: [], shortname: 'ML' },
    { name: 'AI in Robotics', id: 'robotics-ai', parent: null, keywords: [], shortname: 'Robotics' },
    { name: 'Robotics', id: 'robots', parent: null, keywords: [] },
    { name: 'Hardware', id: 'ml', parent: null, keywords: [] },
  ]);

  it('finds a topic by its short name, any case; a name or id wins over a short name', () => {
    expect(withShort.canonicalName('Ml')).toBe('Hardware');
    expect(withShort.canonicalName('robotics')).toBe('Robotics');
    expect(new Taxonomy([{ name: 'Machine Learning', id: null, parent: null, keywords: [], shortname: 'ML' }]).canonicalName('ml')).toBe('Machine Learning');
  });

  it.each([
    ['Machine Learnin', 'Machine Learning'],
    ['machine-learnign', 'Machine Learning'],
    ['Robotic', 'Robotics'],
    ['Hardwre', 'Hardware'],
    ['Knitting', undefined],
    ['M', undefined],
    ['', undefined],
  ])('closestName(%j) → %j', (word, expected) => {
    expect(withShort.closestName(word)).toBe(expected);
  });
});

describe('closestName: no guess when two topics are as close, none in a taxonomy too large for hints', () => {
  it('gives no hint on a tie between two topics, and the same hint whatever the order of the files', () => {
    const pets = [topic('Cats', 'cats'), topic('Bats', 'bats'), topic('Dogs', 'dogs')];
    expect(new Taxonomy(pets).closestName('Rats')).toBeUndefined();
    expect(new Taxonomy(pets).closestName('Dugs')).toBe('Dogs');
    expect(new Taxonomy([...pets].reverse()).closestName('Dugs')).toBe('Dogs');
    // The closer of two wins: one edit against two.
    expect(new Taxonomy([topic('Robotics', null), topic('Robotic Arms', null)]).closestName('Robotcs')).toBe('Robotics');
  });

  it('gives no hint past 500 names, ids and short names, so unknown topics never cost seconds', () => {
    const many = Array.from({ length: 300 }, (_, i) => topic(`Topic number ${i}`, `topic-${i}`));
    expect(new Taxonomy(many.slice(0, 200)).closestName('Topic numbr 7')).toBe('Topic number 7');
    expect(new Taxonomy(many).closestName('Topic numbr 7')).toBeUndefined();
  });
});

describe('lettersRuleOut', () => {
  const counts = (text: string) => {
    const found = new Uint8Array(64);
    for (const c of text) found[c.charCodeAt(0) & 63]!++;
    return found;
  };

  it('rules out only what is more edits apart than the limit (never a word the table would keep)', () => {
    // Letters from a small alphabet, with code units that share a count (a, !, A and ä: same low bits).
    const letter = fc.constantFrom('a', 'b', 'c', 'd', '!', 'A', '\u00e4', '\u0161', '\u4e00');
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 14 }), fc.array(letter, { maxLength: 14 }), fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        const [word, key] = [a.join(''), b.join('')];
        if (lettersRuleOut(counts(word), key, limit)) expect(editDistance(word, key)).toBeGreaterThan(limit);
      }),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
  });

  it('rules out words of other letters, and keeps anagrams and near misses', () => {
    expect(lettersRuleOut(counts('robotics'), 'vision', 2)).toBe(true);
    expect(lettersRuleOut(counts('robotics'), 'vision', 3)).toBe(false);
    expect(lettersRuleOut(counts('robotics'), 'robotcis', 1)).toBe(false);
    expect(lettersRuleOut(counts('robotics'), 'robotica', 1)).toBe(false);
  });
});

describe('closestName agrees with comparing every name', () => {
  it('for random taxonomies and words, hints as the full edit distance to every key would', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'c', 'o', 'r', 't', ' '), { minLength: 3, maxLength: 10 }).map((letters) => letters.join('').trim()).filter((text) => text.length >= 3 && !text.includes('  '));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 25 }), word, (names, wanted) => {
        const taxonomy = new Taxonomy(names.map((name) => topic(name, null)));
        if (taxonomy.find(wanted)) return;
        const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
        const distances = names.map((name) => ({ name, distance: editDistance(wanted, name) })).filter(({ distance }) => distance <= limit);
        const best = Math.min(...distances.map(({ distance }) => distance));
        const closest = distances.filter(({ distance }) => distance === best);
        expect(taxonomy.closestName(wanted)).toBe(closest.length === 1 ? closest[0]!.name : undefined);
      }),
      { numRuns: 1500, seed: FUZZ_SEED },
    );
  });
});

describe('names typed on other systems', () => {
  it('matches a decomposed or doubly spaced taxonomy name with the article topic as read, and the other way round', () => {
    const raw = new Taxonomy([{ name: 'Cafe\u0301 Tech', id: null, parent: null, keywords: [] }, { name: 'Spaced  Topic ', id: null, parent: null, keywords: [] }]);
    expect(raw.find('caf\u00e9 tech')?.name).toBe('Cafe\u0301 Tech');
    expect(raw.find('Spaced Topic')?.name).toBe('Spaced  Topic ');
    const loaded = new Taxonomy([topicFromData({ name: 'Cafe\u0301 Tech' })!]);
    expect(loaded.canonicalName('CAF\u00c9 TECH')).toBe('Caf\u00e9 Tech');
    expect(loaded.canonicalName('Cafe\u0301   tech')).toBe('Caf\u00e9 Tech');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ])('%j, %j → %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('agrees with the full table whatever the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 5 }), (a, b, limit) => {
        const full = editDistance(a, b);
        expect(editDistance(a, b, limit)).toBe(full <= limit ? full : limit + 1);
      }),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
  });

  it('stops at the limit', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('topicFromData', () => {
  it.each([
    [{ name: 'AI', _id: 'ai', keywords: ['x', 3] }, { name: 'AI', id: 'ai', parent: null, keywords: ['x'] }],
    [{ name: ' TensorFlow ', parent: ' Google AI ' }, { name: 'TensorFlow', id: null, parent: 'Google AI', keywords: [] }],
    [{ name: 'Machine Learning', shortname: ' ML ' }, { name: 'Machine Learning', id: null, parent: null, keywords: [], shortname: 'ML' }],
    // A number is read as its text, as a number in an article's topics is; a list is no name.
    [{ name: 'Vision', shortname: 7 }, { name: 'Vision', id: null, parent: null, keywords: [], shortname: '7' }],
    [{ name: 2024, _id: 2024, parent: ['A', 'B'] }, { name: '2024', id: '2024', parent: null, keywords: [] }],
    // Cleaned as article topics are: NFC, single spaces, entities decoded.
    [{ name: 'Cafe\u0301  Tech ', _id: ' cafe-tech', parent: 'Food &amp; Drink' }, { name: 'Caf\u00e9 Tech', id: 'cafe-tech', parent: 'Food & Drink', keywords: [] }],
    [{ name: '  ' }, null],
    [{ name: '' }, null],
    [{ _id: 'x' }, null],
    [['AI'], null],
    ['AI', null],
  ])('%j', (data, expected) => {
    expect(topicFromData(data)).toEqual(expected);
  });
});

describe('taxonomy on disk', () => {
  const trees: string[] = [];
  afterAll(() => trees.forEach(removeTree));

  it('loads the fixtures folder, one topic per file', async () => {
    const { taxonomy: loaded, problems } = await loadTaxonomy(path.join(FIXTURES, '_data', 'topics'));
    expect(problems).toEqual([]);
    expect(loaded.topics.map((t) => t.name)).toEqual(['AI', 'Machine Learning', 'Google AI', 'TensorFlow', 'AI in Robotics']);
    expect(loaded.expand('Google AI').has('tensorflow')).toBe(true);
  });

  it('loads a single file holding a list, and reports a broken file without stopping', async () => {
    const dir = makeTree({
      'topics.yaml': '- name: One\n  _id: one\n- name: Two\n  parent: One\n',
      'dir/a.yaml': 'name: A\n',
      'dir/b.yaml': 'name: [unclosed\n',
      'dir/c.yml': 'name: C\nparent: A\n',
      'dir/notes.txt': 'name: ignored\n',
    });
    trees.push(dir);
    const single = await loadTaxonomy(path.join(dir, 'topics.yaml'));
    expect(single.taxonomy.topics.map((t) => t.name)).toEqual(['One', 'Two']);
    expect(single.taxonomy.expand('one').has('two')).toBe(true);
    const folder = await loadTaxonomy(path.join(dir, 'dir'));
    expect(folder.taxonomy.topics.map((t) => t.name)).toEqual(['A', 'C']);
    expect(folder.problems).toHaveLength(1);
    expect(folder.problems[0]).toMatch(/b\.yaml:2:1: /);
  });

  it('reads a mapping with a name as a topic even when it has a topics list; says what it ignored; names a broken link or a folder as such', async () => {
    const dir = makeTree({ 'ai.yaml': 'name: AI\n_id: ai\ntopics: [Machine Learning]\n', 'wrap.yaml': 'topics:\n  - name: Wrapped\n', 'odd.yaml': 'name: Odd\nparent: [AI, ML]\n', 'folder.yaml/x': '' });
    trees.push(dir);
    symlinkSync('gone.yaml', path.join(dir, 'dangling.yaml'));
    const loaded = await loadTaxonomy(dir);
    expect(loaded.taxonomy.topics.map((t) => t.name)).toEqual(['AI', 'Odd', 'Wrapped']);
    expect(loaded.problems).toEqual([
      `${path.join(dir, 'dangling.yaml')}: broken symbolic link`,
      `${path.join(dir, 'folder.yaml')}: a folder, not a file`,
      `${path.join(dir, 'odd.yaml')}: topic 'Odd': its parent is a list, not a name: ignored`,
    ]);
  });

  it("names an unread YAML tag as an article's front matter does, with its place", async () => {
    const dir = makeTree({ 'ai.yaml': 'name: AI\nparent: !!js/function "x"\n', 'ml.yaml': 'name: ML\nparent: !custom bar\n', 'ok.yaml': 'name: OK\n' });
    trees.push(dir);
    const loaded = await loadTaxonomy(dir);
    expect(loaded.taxonomy.topics.map((t) => t.name)).toEqual(['OK']);
    const reads = "is not read (feedtool reads only the core schema's tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map): write the value without it";
    expect(loaded.problems).toEqual([`${path.join(dir, 'ai.yaml')}:2:9: the YAML tag !!js/function ${reads}`, `${path.join(dir, 'ml.yaml')}:2:9: the YAML tag !custom ${reads}`]);
  });

  it('says how many entries of a file are not topics', async () => {
    const dir = makeTree({ 'list.yaml': '- name: [42]\n- name: Good\n- just text\n', 'one.yaml': 'name: ""\n' });
    trees.push(dir);
    const loaded = await loadTaxonomy(dir);
    expect(loaded.taxonomy.topics.map((t) => t.name)).toEqual(['Good']);
    expect(loaded.problems).toEqual([
      `${path.join(dir, 'list.yaml')}: 2 entries are not a topic (a mapping with a text name): skipped`,
      `${path.join(dir, 'one.yaml')}: an entry is not a topic (a mapping with a text name): skipped`,
    ]);
  });

  it('finds _data/topics in the scanned directory or an ancestor', async () => {
    const dir = makeTree({ '_data/topics/a.yaml': 'name: A\n', 'site/_news/x.md': '---\ntitle: x\n---\n' });
    trees.push(dir);
    const expected = path.join(dir, '_data', 'topics');
    expect(await findTaxonomyDir(['site/_news'], dir)).toBe(expected);
    expect(await findTaxonomyDir(['site/_news/x.md'], dir)).toBe(expected);
    expect(await findTaxonomyDir(['site/**/*.md'], dir)).toBe(expected);
    expect(await findTaxonomyDir([], dir)).toBe(expected);
  });

  it('looks from the folder a glob starts in, escapes read as ordinary characters', async () => {
    const dir = makeTree({ '_data/topics/a.yaml': 'name: A\n', 'we[ir]d/_data/topics/b.yaml': 'name: B\n', 'we[ir]d/news/x.md': '---\ntitle: x\n---\n' });
    trees.push(dir);
    const inner = path.join(dir, 'we[ir]d', '_data', 'topics');
    expect(await findTaxonomyDir(['we\\[ir\\]d/news/*.md'], dir)).toBe(inner);
    expect(await findTaxonomyDir(['we[ir]d/news/x.md'], dir)).toBe(inner);
    expect(await findTaxonomyDir(['we[ir]d/news/*.md'], dir)).toBe(path.join(dir, '_data', 'topics'));
    // The current folder's real path typed out is read literally, as the walk reads it.
    const weird = path.join(dir, 'we[ir]d');
    expect(await findTaxonomyDir([`${weird}/news/*.md`], weird)).toBe(inner);
  });

  it('looks from the first input that exists: a mistyped first path does not lose it', async () => {
    const outside = makeTree({ 'x.md': '---\ntitle: x\n---\n' });
    const dir = makeTree({ 'site/_data/topics/a.yaml': 'name: A\n', 'site/_news/x.md': '---\ntitle: x\n---\n' });
    trees.push(dir, outside);
    expect(await findTaxonomyDir([path.join(outside, 'no', 'such'), 'site/_news'], dir)).toBe(path.join(dir, 'site', '_data', 'topics'));
    expect(await findTaxonomyDir(['-', 'nothing/*.md', 'site/_news/x.md'], dir)).toBe(path.join(dir, 'site', '_data', 'topics'));
  });
});
