// Names of the output formats, kept apart so option definitions load no formatting code.

export const LIST_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
