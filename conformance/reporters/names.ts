// The output formats by name, apart from the reporters: help text lists them without loading each
// reporter (and what the HTML, SARIF and JUnit ones import).

/** Every output format, in the order help text lists them. */
export const FORMAT_NAMES = ['stylish', 'json', 'junit', 'sarif', 'markdown', 'html', 'github'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

/** `stylish, json, … or github`, for option help. */
export const formatNames = (): string => `${FORMAT_NAMES.slice(0, -1).join(', ')} or ${FORMAT_NAMES.at(-1)}`;
