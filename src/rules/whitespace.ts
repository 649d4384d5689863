// whitespace: text with leading, trailing, repeated or non-space whitespace (tabs, line breaks).
import { textFixRule } from './text-fix.js';

export const whitespace = textFixRule(
  'whitespace',
  'text fields have no leading or trailing whitespace, runs of spaces, tabs or line breaks',
  () => 'has leading, trailing or repeated whitespace, tabs or line breaks: expected single spaces between words',
);
