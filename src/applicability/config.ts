/**
 * Writes the `.crosswalk.yaml` text for `crosswalk init`: the frameworks that apply (or likely
 * apply), each with a comment giving the reason and citation, and the ones left out as comments
 * so a reviewer sees the whole decision.
 */
import type { FrameworkDecision } from './decide.js';

export interface WriteConfigOptions {
  /** Organisation name for the header comment. */
  readonly name?: string;
  /** Comment wrap width; the YAML itself is never wrapped. */
  readonly width?: number;
}

const TITLES: Record<string, string> = {
  soc2: 'SOC 2',
  hipaa: 'HIPAA',
  'pci-dss': 'PCI DSS v4.0.1',
  gdpr: 'GDPR',
  iso27001: 'ISO/IEC 27001:2022',
  ccpa: 'CCPA/CPRA',
};

export function writeConfig(
  decisions: readonly FrameworkDecision[],
  options: WriteConfigOptions = {},
): string {
  const width = options.width ?? 100;
  const chosen = decisions.filter((d) => d.applies !== false);
  const left = decisions.filter((d) => d.applies === false);
  const lines: string[] = [
    '# yaml-language-server: $schema=./node_modules/crosswalk/docs/config.schema.json',
    `# crosswalk configuration${options.name ? ` for ${oneLine(options.name)}` : ''}, written by \`crosswalk init\`.`,
    '# Frameworks chosen from the organisation profile (decision tree: regulatory.md §5).',
    '# This is guidance, not legal advice: review each reason before relying on it.',
  ];

  if (chosen.length === 0) {
    lines.push('frameworks: []');
  } else {
    lines.push('frameworks:');
    for (const d of chosen) {
      lines.push(...comment(describe(d), '  ', width));
      lines.push(`  - ${d.framework}`);
    }
  }
  if (left.length > 0) {
    lines.push('# Not selected:');
    for (const d of left) lines.push(...comment(describe(d), '', width, '  '));
  }
  lines.push(
    '# Fail the scan on findings at or above this severity (critical, high, medium, low, info).',
    '# failOn: high',
    '',
  );
  return lines.join('\n');
}

function describe(d: FrameworkDecision): string {
  const verdict =
    d.applies === true
      ? 'applies'
      : d.applies === 'likely'
        ? 'likely applies (confirm)'
        : 'does not apply';
  const level =
    d.merchantLevel !== undefined && !d.reason.includes(`Merchant level ${d.merchantLevel}`)
      ? ` Merchant level ${d.merchantLevel}.`
      : '';
  return `${TITLES[d.framework] ?? d.framework} ${verdict}: ${oneLine(d.reason)}${level} Citation: ${oneLine(d.citation)}`;
}

/** Wraps text into `#` comment lines; `hang` indents continuation lines. */
function comment(text: string, indent: string, width: number, hang = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const prefix = `${indent}# ${out.length > 0 ? hang : ''}`;
    if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
      out.push(prefix + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') out.push(`${indent}# ${out.length > 0 ? hang : ''}${line}`);
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
