import { Taxonomy } from '../../src/core/taxonomy.js';
import { doc, TAXONOMY, testRule, validLines } from './rule-tester.js';

const WITH_KEYWORDS = new Taxonomy([
  { name: 'AI', id: 'ai', parent: null, keywords: ['artificial intelligence', 'Shared Word'] },
  { name: 'Machine Learning', id: 'machine-learning', parent: 'AI', keywords: ['deep learning', 'shared word'] },
]);

testRule('unknown-topic', {
  valid: [
    { name: 'a known topic', taxonomy: TAXONOMY, source: doc(...validLines()) },
    { name: 'by id, any case', taxonomy: TAXONOMY, source: doc(...validLines({ topics: 'topics:\n  - machine-learning\n  - ROBOTICS' })) },
    { name: 'by short name', taxonomy: TAXONOMY, source: doc(...validLines({ topics: 'topics:\n  - ml' })) },
    { name: 'no taxonomy known', source: doc(...validLines({ topics: 'topics:\n  - Knitting' })) },
    { name: 'known topics written as text (field-type reports the text)', taxonomy: TAXONOMY, source: doc(...validLines({ topics: 'topics: AI, machine-learning' })) },
  ],
  invalid: [
    {
      name: 'topics written as text: each name records would hold is checked, placed at the text',
      taxonomy: TAXONOMY,
      source: doc(...validLines({ topics: 'topics: AI, Machine Lerning, Knitting' })),
      problems: [
        { line: 10, column: 9, message: "topics: 'Machine Lerning' is not in the topic taxonomy (did you mean 'Machine Learning'?)" },
        { line: 10, column: 9, message: "topics: 'Knitting' is not in the topic taxonomy" },
      ],
    },
    {
      name: 'one topic written as text, and a number in a list, as records read them',
      taxonomy: TAXONOMY,
      source: doc(...validLines({ topics: 'topics: Knitting', related: 'related:\n  - title: R\n    topics: [2024, true]' })),
      problems: [
        { line: 10, column: 9, message: "topics: 'Knitting' is not in the topic taxonomy" },
        { line: 13, column: 14, message: "related[0].topics[0]: '2024' is not in the topic taxonomy" },
        { line: 13, column: 20, message: "related[0].topics[1]: 'true' is not in the topic taxonomy" },
      ],
    },
    {
      name: 'a keyword of one topic names that topic (keywords do not stand for it); a keyword of two, or a typo of one, does not',
      taxonomy: WITH_KEYWORDS,
      source: doc(...validLines({ topics: 'topics:\n  - Deep  Learning\n  - shared word\n  - deep lerning' })),
      problems: [
        { line: 11, column: 5, message: "topics[0]: 'Deep  Learning' is not in the topic taxonomy (it is a keyword of 'Machine Learning', and keywords do not stand for their topic: expected 'Machine Learning')" },
        { line: 12, column: 5, message: "topics[1]: 'shared word' is not in the topic taxonomy" },
        { line: 13, column: 5, message: "topics[2]: 'deep lerning' is not in the topic taxonomy" },
      ],
    },
    {
      name: 'one unknown topic',
      taxonomy: TAXONOMY,
      source: doc(...validLines({ topics: 'topics:\n  - AI\n  - Knitting' })),
      problems: [{ line: 12, column: 5, message: "topics[1]: 'Knitting' is not in the topic taxonomy" }],
    },
    {
      name: 'a typo names the closest topic',
      taxonomy: TAXONOMY,
      source: doc(...validLines({ topics: 'topics:\n  - Machine Learnin\n  - robotcs\n  - MLL\n  - Knitting' })),
      problems: [
        { line: 11, column: 5, message: "topics[0]: 'Machine Learnin' is not in the topic taxonomy (did you mean 'Machine Learning'?)" },
        { line: 12, column: 5, message: "topics[1]: 'robotcs' is not in the topic taxonomy (did you mean 'Robotics'?)" },
        { line: 13, column: 5, message: "topics[2]: 'MLL' is not in the topic taxonomy (did you mean 'Machine Learning'?)" },
        { line: 14, column: 5, message: "topics[3]: 'Knitting' is not in the topic taxonomy" },
      ],
    },
    { name: 'a flow list', taxonomy: TAXONOMY, source: doc(...validLines({ topics: 'topics: [AI, "Quantum"]' })), problems: [{ line: 10, column: 14 }] },
    { name: 'in a related article', taxonomy: TAXONOMY, source: doc(...validLines({ related: 'related:\n  - title: x\n    topics: [Chess]' })), problems: [{ line: 14, column: 14, message: /^related\[0\]\.topics\[0\]/ }] },
  ],
});
