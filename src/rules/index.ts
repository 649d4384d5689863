// The registry of validate rules: one explicit list, sorted by id.
import { binaryFile } from './binary-file.js';
import { boilerplateText } from './boilerplate-text.js';
import { controlCharacter } from './control-character.js';
import { duplicateId } from './duplicate-id.js';
import { duplicateUrl } from './duplicate-url.js';
import { fieldType } from './field-type.js';
import { fileTooLarge } from './file-too-large.js';
import { filenameDateMismatch } from './filename-date-mismatch.js';
import { frontMatterNotMapping } from './front-matter-not-mapping.js';
import { futureDate } from './future-date.js';
import { htmlEntity } from './html-entity.js';
import { idCaseConflict } from './id-case-conflict.js';
import { insecureUrl } from './insecure-url.js';
import { invalidDate } from './invalid-date.js';
import { invalidUrl } from './invalid-url.js';
import { mojibake } from './mojibake.js';
import { noFrontMatter } from './no-front-matter.js';
import { notUtf8 } from './not-utf8.js';
import { parseError } from './parse-error.js';
import { providerDomainMismatch } from './provider-domain-mismatch.js';
import { requiredField } from './required-field.js';
import { scoreRange } from './score-range.js';
import { unclosedFrontMatter } from './unclosed-front-matter.js';
import { unknownTopic } from './unknown-topic.js';
import { unicodeNfc } from './unicode-nfc.js';
import { unreadable } from './unreadable.js';
import { unsafeFrontMatter } from './unsafe-front-matter.js';
import { urlDateMismatch } from './url-date-mismatch.js';
import { urlEntity } from './url-entity.js';
import { urlSiteMismatch } from './url-site-mismatch.js';
import { whitespace } from './whitespace.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  binaryFile,
  boilerplateText,
  controlCharacter,
  duplicateId,
  duplicateUrl,
  fieldType,
  fileTooLarge,
  filenameDateMismatch,
  frontMatterNotMapping,
  futureDate,
  htmlEntity,
  idCaseConflict,
  insecureUrl,
  invalidDate,
  invalidUrl,
  mojibake,
  noFrontMatter,
  notUtf8,
  parseError,
  providerDomainMismatch,
  requiredField,
  scoreRange,
  unclosedFrontMatter,
  unicodeNfc,
  unknownTopic,
  unreadable,
  unsafeFrontMatter,
  urlDateMismatch,
  urlEntity,
  urlSiteMismatch,
  whitespace,
];

/** The rule with this id, if there is one. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
