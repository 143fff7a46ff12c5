/**
 * Waiver comments for CloudFormation resources: `# crosswalk:ignore ...` lines written in or
 * directly above a resource (YAML only; JSON has no comments), and the structured form
 * `Metadata: { crosswalk: { ignore: [{ rule, reason, expires }] } }`, which is turned into
 * the same comment text so that the engine's waiver code reads both alike.
 */
import { isUnknown, type SourceComment, type SourceLocation, type Value } from '../types.js';

/** The comment on each line of a YAML text, keyed by 1-based line number. */
export function yamlComments(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const at = commentStart(line);
    if (at >= 0) out.set(i + 1, line.slice(at + 1).trim());
  });
  return out;
}

/** Where a `#` comment starts on a line, ignoring `#` inside quotes or inside a word. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) {
        // `''` inside a single-quoted scalar is an escaped quote.
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = undefined;
      } else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return i;
    if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1] ?? ''))) quote = c;
  }
  return -1;
}

/** Comments inside a resource's lines and on the comment-only lines just above it. */
export function commentsFor(
  comments: ReadonlyMap<number, string>,
  textLines: readonly string[],
  startLine: number,
  endLine: number,
): SourceComment[] {
  const out: SourceComment[] = [];
  let above = startLine - 1;
  while (above >= 1 && /^\s*#/.test(textLines[above - 1] ?? '')) above--;
  for (let line = above + 1; line <= endLine; line++) {
    const text = comments.get(line);
    if (text !== undefined) out.push({ text, line });
  }
  return out;
}

/** Waivers declared under `Metadata.crosswalk.ignore`, as comment text. */
export function metadataWaivers(
  metadata: Value | undefined,
  locations: ReadonlyMap<string, SourceLocation>,
  fallbackLine: number,
): SourceComment[] {
  if (!isRecord(metadata)) return [];
  const crosswalk = metadata['crosswalk'];
  if (!isRecord(crosswalk)) return [];
  const raw = crosswalk['ignore'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: SourceComment[] = [];
  list.forEach((item, i) => {
    const line =
      locations.get(`Metadata.crosswalk.ignore.${i}`)?.startLine ??
      locations.get('Metadata.crosswalk.ignore')?.startLine ??
      fallbackLine;
    if (typeof item === 'string') {
      // A bare rule id: no reason, which the waiver code reports.
      out.push({ text: `crosswalk:ignore ${item}`, line });
      return;
    }
    if (!isRecord(item)) return;
    const rule = typeof item['rule'] === 'string' ? item['rule'] : '';
    const reason =
      typeof item['reason'] === 'string' ? item['reason'].replace(/\s+/g, ' ').trim() : '';
    const expires = item['expires'];
    const expiry =
      typeof expires === 'string' || typeof expires === 'number'
        ? ` expires=${String(expires)}`
        : '';
    out.push({
      text: `crosswalk:ignore ${rule} ${reason}${expiry}`.replace(/\s+/g, ' ').trim(),
      line,
    });
  });
  return out;
}

function isRecord(v: Value | undefined): v is { [key: string]: Value } {
  return (
    v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v)
  );
}
