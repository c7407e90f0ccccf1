/**
 * COPY input as UTF-8 bytes, written line by line into buffers of about 1 MB. A million-row
 * import then hands PostgreSQL whole buffers instead of strings joined from a million line
 * strings, which V8 would keep alive until the chunk is full (copying them at each young-
 * generation collection), join, and encode to UTF-8 once more on the way to the socket.
 */

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

export class CopyBuffer {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Where the line being written starts in `buffer`. */
  private lineStart = 0;
  /** Filled buffers, each holding whole lines. */
  private readonly full: Buffer[] = [];
  private fullBytes = 0;

  /** Bytes of whole lines written and not yet taken. */
  get size(): number {
    return this.fullBytes + this.lineStart;
  }

  /** Append text to the line being written (a line may be written in several pieces). */
  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) this.grow(text.length * 3);
    this.used += this.buffer.write(text, this.used);
  }

  /** End the line being written. */
  endLine(): void {
    if (this.used === this.buffer.length) this.grow(1);
    this.buffer[this.used++] = NEWLINE;
    this.lineStart = this.used;
  }

  /** Append bytes (UTF-8 COPY text) to the line being written. */
  writeBytes(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) this.grow(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Write `text` and end the line. */
  line(text: string): void {
    this.write(text);
    this.endLine();
  }

  /** Room for `bytes` more: the line being written moves to a new buffer, so that every buffer holds whole lines. */
  private grow(bytes: number): void {
    const partial = this.used - this.lineStart;
    const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, partial + bytes + 1));
    this.buffer.copy(next, 0, this.lineStart, this.used);
    if (this.lineStart > 0) {
      this.full.push(this.buffer.subarray(0, this.lineStart));
      this.fullBytes += this.lineStart;
    }
    this.buffer = next;
    this.used = partial;
    this.lineStart = 0;
  }

  /** The buffers of whole lines written so far, once they hold at least `min` bytes (else none); a line being written stays. */
  take(min = CHUNK_BYTES): Buffer[] {
    if (this.size === 0 || this.size < min) return [];
    const out = this.full.splice(0);
    this.fullBytes = 0;
    if (this.lineStart > 0) {
      out.push(this.buffer.subarray(0, this.lineStart));
      const partial = this.used - this.lineStart;
      const next = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, partial * 2));
      this.buffer.copy(next, 0, this.lineStart, this.used);
      this.buffer = next;
      this.used = partial;
      this.lineStart = 0;
    }
    return out;
  }
}

/**
 * Text kept to the end of a million-row import (a household's columns), held outside the
 * JavaScript heap: strings retained by the hundred thousand are copied by every young-generation
 * collection until promoted and then marked by every full one. `add` returns a small number to
 * keep instead of the string.
 */
export class TextStore {
  private readonly chunks: Buffer[] = [];
  private current = Buffer.allocUnsafe(0);
  private used = 0;
  /** Per text: its chunk, start and end (bytes). */
  private chunkOf = new Int32Array(1024);
  private startOf = new Int32Array(1024);
  private endOf = new Int32Array(1024);
  private count = 0;

  /** utf8: the bytes go to COPY as they are; utf16le: the exact text back (lone surrogates too). */
  constructor(private readonly encoding: 'utf8' | 'utf16le') {}

  add(text: string): number {
    const most = this.encoding === 'utf8' ? text.length * 3 : text.length * 2;
    if (this.used + most > this.current.length) {
      this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      this.chunks.push(this.current);
      this.used = 0;
    }
    const n = this.count++;
    if (n === this.chunkOf.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.chunkOf = grow(this.chunkOf);
      this.startOf = grow(this.startOf);
      this.endOf = grow(this.endOf);
    }
    this.chunkOf[n] = this.chunks.length - 1;
    this.startOf[n] = this.used;
    this.used += this.current.write(text, this.used, this.encoding);
    this.endOf[n] = this.used;
    return n;
  }

  text(n: number): string {
    return this.chunks[this.chunkOf[n]].toString(this.encoding, this.startOf[n], this.endOf[n]);
  }

  /** The stored bytes of text n (a view, not a copy). */
  bytes(n: number): Buffer {
    return this.chunks[this.chunkOf[n]].subarray(this.startOf[n], this.endOf[n]);
  }
}
