/**
 * Waivers: inline `# crosswalk:ignore <rule-id> <reason> [expires=YYYY-MM-DD]` comments
 * and config-file entries. A waived finding keeps its rule and location and is reported
 * as `waived` with its reason; an expired waiver no longer hides anything and says so.
 */
import type { Diagnostic, RawResource, SourceComment } from '../iac/types.js';
import { isCalendarDate, type ConfigWaiver } from './config.js';
import type { WaiverInfo } from './types.js';

export interface InlineWaiver {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  readonly file: string;
  readonly line: number;
}

const MARKER = /crosswalk:ignore\b(.*)$/;
const EXPIRES = /\s*\bexpires=(\S*)\s*$/i;

/** Parses one comment; returns undefined when it is not a waiver. */
export function parseInlineWaiver(
  comment: SourceComment,
  file: string,
): { waiver?: InlineWaiver; diagnostic?: Diagnostic } | undefined {
  const match = MARKER.exec(comment.text);
  if (!match) return undefined;
  let rest = match[1]!.replace(/\*\/\s*$/, '').trim();
  let expires: string | undefined;
  const expiry = EXPIRES.exec(rest);
  if (expiry) {
    expires = expiry[1]!;
    rest = rest.slice(0, expiry.index).trim();
  }
  // an expiry written any other way must not leave a waiver that never expires
  const misplaced = /\bexpires?\b/i.exec(rest);
  const [rule, ...words] = rest.split(/\s+/);
  const reason = words.join(' ').trim();
  const where = { file, line: comment.line };
  if (!rule) {
    return { diagnostic: problem('CW-WAIVER-003', 'crosswalk:ignore names no rule', where) };
  }
  if (!reason) {
    return {
      diagnostic: problem(
        'CW-WAIVER-001',
        `waiver for rule "${rule}" has no reason; it is not applied`,
        where,
      ),
    };
  }
  if (misplaced) {
    return {
      diagnostic: problem(
        'CW-WAIVER-002',
        `waiver for rule "${rule}" mentions an expiry that is not written as a final "expires=YYYY-MM-DD"; it is not applied`,
        where,
      ),
    };
  }
  if (expires !== undefined && !isCalendarDate(expires)) {
    return {
      diagnostic: problem(
        'CW-WAIVER-002',
        `waiver for rule "${rule}" has an invalid expiry "${expires}" (use YYYY-MM-DD); it is not applied`,
        where,
      ),
    };
  }
  return { waiver: { rule, reason, expires, ...where } };
}

function problem(code: string, message: string, where: { file: string; line: number }): Diagnostic {
  return { code, severity: 'error', message, ...where };
}

/** A waiver stays in force through the whole day of its expiry date (UTC). */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

export class WaiverBook {
  private readonly inline = new Map<RawResource, InlineWaiver[]>();
  private readonly matchers: { waiver: ConfigWaiver; matches: (address: string) => boolean }[];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    configWaivers: readonly ConfigWaiver[],
    private readonly today: string,
  ) {
    this.matchers = configWaivers.map((waiver) => ({
      waiver,
      matches: addressPattern(waiver.resource),
    }));
  }

  private inlineFor(resource: RawResource): InlineWaiver[] {
    let found = this.inline.get(resource);
    if (!found) {
      found = [];
      for (const comment of resource.comments ?? []) {
        const parsed = parseInlineWaiver(comment, resource.location.file);
        if (parsed?.waiver) found.push(parsed.waiver);
        if (
          parsed?.diagnostic &&
          !this.diagnostics.some((d) => sameDiagnostic(d, parsed.diagnostic!))
        ) {
          this.diagnostics.push(parsed.diagnostic);
        }
      }
      this.inline.set(resource, found);
    }
    return found;
  }

  /** Scans every resource's comments once so that bad waivers are reported. */
  collect(resources: readonly RawResource[]): void {
    for (const resource of resources) this.inlineFor(resource);
  }

  /**
   * The waiver for a rule on a resource (or on any of the raw resources an entity was
   * built from), preferring one still in force over an expired one.
   */
  find(ruleId: string, address: string, sources: readonly RawResource[]): WaiverInfo | undefined {
    const candidates: WaiverInfo[] = [];
    for (const source of sources) {
      for (const w of this.inlineFor(source)) {
        if (w.rule !== ruleId && w.rule !== '*') continue;
        candidates.push({
          reason: w.reason,
          source: 'inline',
          expires: w.expires,
          expired: isExpired(w.expires, this.today),
          location: { file: w.file, startLine: w.line, endLine: w.line },
        });
      }
    }
    for (const { waiver, matches } of this.matchers) {
      if (waiver.rule !== ruleId && waiver.rule !== '*') continue;
      if (!matches(address)) continue;
      candidates.push({
        reason: waiver.reason,
        source: 'config',
        owner: waiver.owner,
        expires: waiver.expires,
        expired: isExpired(waiver.expires, this.today),
        location: { file: waiver.file, startLine: waiver.line, endLine: waiver.line },
      });
    }
    return candidates.find((c) => !c.expired) ?? candidates[0];
  }
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.file === b.file && a.line === b.line;
}

/**
 * Resource patterns in config waivers: `*` matches any run of characters (dots and
 * brackets included) and `?` one character; everything else is literal, so addresses
 * such as `module.data["claims"].aws_s3_bucket.this` need no escaping.
 */
export function addressPattern(pattern: string): (address: string) => boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (address) => regex.test(address);
}
