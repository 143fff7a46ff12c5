/**
 * Line tables and lazily resolved ranges. A Range built by the parser stores two offsets;
 * `start` and `end` (line, column, offset) are computed when read. This keeps the tree
 * small: a 5 MB file would otherwise hold millions of Pos objects.
 */
import type { Pos, Range } from './ast.js';

export class LineTable {
  private readonly starts: number[];
  private hint = 0;

  constructor(
    /** The text the offsets index into (for JSON strings: the decoded string). */
    readonly text: string,
    private readonly mapper?: (offset: number) => Pos,
  ) {
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  pos(offset: number): Pos {
    if (this.mapper) return this.mapper(offset);
    const ls = this.starts;
    let lo = this.hint;
    if ((ls[lo] as number) <= offset && (lo + 1 >= ls.length || (ls[lo + 1] as number) > offset)) {
      // same line as last time
    } else {
      lo = 0;
      let hi = ls.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((ls[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      this.hint = lo;
    }
    return { line: lo + 1, column: Math.max(1, offset - (ls[lo] as number) + 1), offset };
  }
}

export class SpanRange implements Range {
  constructor(
    readonly file: string,
    private readonly table: LineTable,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get start(): Pos {
    return this.table.pos(this.startOffset);
  }

  get end(): Pos {
    return this.table.pos(this.endOffset);
  }

  /** The source text this range covers. */
  text(): string {
    return this.table.text.slice(this.startOffset, this.endOffset);
  }

  toJSON(): Range {
    return { file: this.file, start: this.start, end: this.end };
  }
}

export function startOffset(r: Range): number {
  return r instanceof SpanRange ? r.startOffset : r.start.offset;
}

export function endOffset(r: Range): number {
  return r instanceof SpanRange ? r.endOffset : r.end.offset;
}

/** A plain-object copy of a range (for callers that spread or compare ranges). */
export function plainRange(r: Range): Range {
  return { file: r.file, start: r.start, end: r.end };
}
