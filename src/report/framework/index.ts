/**
 * Per-framework reports over the evidence ledger: `frameworkReport(catalog, records, options)`
 * renders HTML, Markdown, JSON, CSV or OSCAL assessment results from the same data.
 */
import type { PostureRecord } from '../../posture/records.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import {
  buildReport,
  type FrameworkReportData,
  type ReportCatalog,
  type ReportOptions,
} from './model.js';
import { renderOscal } from './oscal.js';

export type FrameworkReportFormat = 'html' | 'md' | 'json' | 'oscal' | 'csv';

export const FRAMEWORK_REPORT_FORMATS: readonly FrameworkReportFormat[] = [
  'html',
  'md',
  'json',
  'oscal',
  'csv',
];

export interface FrameworkReportOptions extends ReportOptions {
  readonly format: FrameworkReportFormat;
}

export function frameworkReport(
  catalog: ReportCatalog,
  records: readonly PostureRecord[],
  options: FrameworkReportOptions,
): string {
  return renderReport(buildReport(catalog, records, options), options.format);
}

export function renderReport(data: FrameworkReportData, format: FrameworkReportFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(data);
    case 'md':
      return renderMarkdown(data);
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'csv':
      return renderCsv(data);
    case 'oscal':
      return renderOscal(data);
    default:
      throw new Error(
        `Unknown report format "${String(format)}" (expected ${FRAMEWORK_REPORT_FORMATS.join(', ')})`,
      );
  }
}

export {
  buildReport,
  type FrameworkReportData,
  type ReportCatalog,
  type ReportOptions,
} from './model.js';
export { groupRequirements, type ReportGroup } from './groups.js';
export { oscalToken } from './oscal.js';
export { uuidV5 } from './uuid.js';
