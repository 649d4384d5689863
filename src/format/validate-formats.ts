// Names of the validate output formats, kept apart so option definitions load no formatting code.

export const VALIDATE_FORMATS = ['stylish', 'json', 'unix', 'github', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];
