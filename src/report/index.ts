/**
 * One entry point for every output format of a scan.
 */
import type { ScanResult } from '../engine/types.js';
import { formatJson, type JsonOptions } from './json.js';
import { formatJunit, type JunitOptions } from './junit.js';
import { formatMarkdown, type MarkdownOptions } from './markdown.js';
import { formatSarif, type SarifOptions } from './sarif.js';
import { formatText, type TextOptions } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;

export type Format = (typeof FORMATS)[number];

/** Options of every format; each formatter reads the ones it knows. */
export type FormatOptions = TextOptions &
  JsonOptions &
  SarifOptions &
  JunitOptions &
  MarkdownOptions;

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export function formatResult(
  result: ScanResult,
  format: Format,
  options: FormatOptions = {},
): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result, options);
    case 'sarif':
      return formatSarif(result, options);
    case 'junit':
      return formatJunit(result, options);
    case 'markdown':
      return formatMarkdown(result, options);
  }
}

export { formatJson, formatJunit, formatMarkdown, formatSarif, formatText };
export type { JsonOptions, JunitOptions, MarkdownOptions, SarifOptions, TextOptions };
