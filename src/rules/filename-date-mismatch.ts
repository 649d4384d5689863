// filename-date-mismatch: a `YYYY-MM-DD-` file name more than a day away from publishedDateTime.
import { dateFromFileName, parseDate } from '../core/dates.js';
import type { DocumentRule } from './types.js';

const DAY = 24 * 60 * 60 * 1000;

export const filenameDateMismatch: DocumentRule = {
  id: 'filename-date-mismatch',
  description: 'a YYYY-MM-DD- file-name prefix is within a day of publishedDateTime',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields || document.fileName === null) return;
    const fromName = dateFromFileName(document.fileName);
    const published = parseDate(document.fields.publishedDateTime);
    if (fromName === null || published === null) return;
    const dayStart = Date.parse(fromName);
    const time = Date.parse(published);
    // The name names a whole day: a time within that day, or within 24 hours of it, agrees.
    const distance = time < dayStart ? dayStart - time : Math.max(0, time - (dayStart + DAY));
    if (distance <= DAY) return;
    const days = Math.floor((time - dayStart) / DAY);
    const direction = days >= 0 ? `${days} days after` : `${-days} days before`;
    report(
      document.locate.valueOrNearest('publishedDateTime'),
      `publishedDateTime: ${published.replace('.000Z', 'Z')} is ${direction} the date in the file name (${fromName.slice(0, 10)}): expected them within a day of each other`,
    );
  },
};
