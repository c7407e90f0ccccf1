/**
 * A small streaming scanner for the XML parts of an .xlsx (SpreadsheetML is regular: elements,
 * attributes in double or single quotes, entities, the odd comment or CDATA). Text is handed
 * over in pieces as it arrives and only where a subclass collects it, so a 50 MB cell is never
 * held: the subclass refuses it once it passes Excel's limit. Tags longer than 64 KB are refused.
 *
 * A general SAX parser (saxes) buffers a text node whole before reporting it and costs an event
 * and an attribute object per tag; a sheet of a million rows has some 200 million tags. The
 * scanner reads bytes, not decoded text (see XmlScanner).
 */
import { SheetFileError as ImportFileError } from './fileError';

const MAX_TAG = 64 * 1024;
const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The value of attribute `name` in a tag's text (`c r="A1" t="s"`), or null. */
export function attributeOf(tag: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    if (at === 0 || !(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let i = from;
    while (tag.charCodeAt(i) === 32) i++;
    if (tag.charCodeAt(i) !== 61) continue;
    i++;
    while (tag.charCodeAt(i) === 32) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") return null;
    const end = tag.indexOf(quote, i + 1);
    return end < 0 ? null : decodeEntities(tag.slice(i + 1, end));
  }
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const AMP = 38;
const SEMICOLON = 59;
const COMMENT_OPEN = Buffer.from('<!--');
const COMMENT_CLOSE = Buffer.from('-->');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');

/**
 * Where byte `b` next occurs in s from `from`, or -1. A loop in JavaScript: the distances here
 * are a few bytes (tag to tag), where Buffer#indexOf's call into C++ costs more than the search.
 */
export function findByte(s: Uint8Array, b: number, from: number): number {
  for (let i = from; i < s.length; i++) if (s[i] === b) return i;
  return -1;
}

/** True when bytes s[at…] begin with `prefix`. */
function startsWithBytes(s: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > s.length) return false;
  for (let i = 0; i < prefix.length; i++) if (s[at + i] !== prefix[i]) return false;
  return true;
}

/**
 * Where text s[from..end) can be cut without splitting a UTF-8 sequence or an entity (&am|p;):
 * end itself, or the start of the unfinished sequence or entity at its end.
 */
function safeCut(s: Uint8Array, from: number, end: number): number {
  let cut = end;
  // Back over continuation bytes to the lead byte of the last sequence; cut before it if it is incomplete.
  let lead = end - 1;
  while (lead >= from && lead > end - 4 && (s[lead] & 0xc0) === 0x80) lead--;
  if (lead >= from) {
    const b = s[lead];
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (lead + length > end) cut = lead;
  }
  for (let i = cut - 1; i >= from && i > cut - 12; i--) {
    if (s[i] === SEMICOLON) break;
    if (s[i] === AMP) return i;
  }
  return cut;
}

/**
 * Scans UTF-8 bytes as they arrive: nothing is decoded but the names of tags taken by the general
 * path, their text, and text a subclass collects. A sheet of cells with shared strings is ASCII
 * tags around digits: read as bytes, it needs no text decoder and no string per tag.
 */
export abstract class XmlScanner {
  /** When true, text between tags is passed to `onText`. */
  protected collecting = false;
  private carry: Buffer | null = null;

  /** An opening (or self-closing) tag: local name (namespace prefix dropped) and the tag's text after '<'. */
  protected abstract onOpen(name: string, tag: string, selfClosing: boolean): void;
  protected abstract onClose(name: string): void;
  /** A piece of collected text, entities decoded. */
  protected abstract onText(text: string): void;

  /**
   * A subclass's shortcut for its most frequent tags, read in place: given the tag starting at
   * bytes[lt] (it may be cut by the block's end; `buffer` is the same bytes, for string methods),
   * return where scanning continues (past what it consumed), or -1 for the general path.
   */
  protected fastTag(_bytes: Uint8Array, _lt: number, _buffer: Buffer): number {
    return -1;
  }

  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const carry = this.carry;
    if (carry === null) return this.scan(bytes);
    this.carry = null;
    // What the last chunk left unfinished (a tag, a cut character) usually ends before the first '<'
    // of this one: finish it on its own, so that the chunk itself is not copied.
    const first = findByte(bytes, LT, 0);
    if (first > 0) {
      this.scan(Buffer.concat([carry, bytes.subarray(0, first)]));
      if (this.carry === null) return this.scan(bytes.subarray(first));
      const rest = this.carry;
      this.carry = null;
      return this.scan(Buffer.concat([rest, bytes.subarray(first)]));
    }
    this.scan(Buffer.concat([carry, bytes]));
  }

  private scan(s: Buffer): void {
    // Bytes are read through a plain Uint8Array: element reads on a Buffer are markedly slower in V8.
    const u = new Uint8Array(s.buffer, s.byteOffset, s.length);
    const len = u.length;
    let pos = 0;
    while (pos < len) {
      const lt = findByte(u, LT, pos);
      if (this.collecting && lt !== pos) {
        const end = lt < 0 ? len : lt;
        if (lt < 0) {
          // Keep a cut UTF-8 sequence or entity for the next chunk.
          const cut = safeCut(u, pos, end);
          if (cut > pos) this.onText(decodeEntities(s.toString('utf8', pos, cut)));
          if (cut < end) this.carry = Buffer.from(s.subarray(cut, end));
          return;
        }
        this.onText(decodeEntities(s.toString('utf8', pos, end)));
      }
      if (lt < 0) return;
      const second = u[lt + 1];
      if (second === BANG && lt + 9 > len) return this.keep(s, lt);
      if (second === BANG && (startsWithBytes(u, lt, COMMENT_OPEN) || startsWithBytes(u, lt, CDATA_OPEN))) {
        const cdata = startsWithBytes(u, lt, CDATA_OPEN);
        const close = s.indexOf(cdata ? CDATA_CLOSE : COMMENT_CLOSE, lt + 4);
        if (close < 0) return this.keep(s, lt);
        if (cdata && this.collecting) this.onText(s.toString('utf8', lt + 9, close));
        pos = close + 3;
        continue;
      }
      const next = this.fastTag(u, lt, s);
      if (next >= 0) {
        pos = next;
        continue;
      }
      const gt = findByte(u, GT, lt + 1);
      if (gt < 0) return this.keep(s, lt);
      pos = gt + 1;
      if (second === SLASH) {
        this.onClose(localName(s.toString('utf8', lt + 2, gt).trimEnd()));
      } else if (second !== QUESTION && second !== BANG) {
        const selfClosing = u[gt - 1] === SLASH;
        const tag = s.toString('utf8', lt + 1, selfClosing ? gt - 1 : gt);
        let n = 0;
        while (n < tag.length) {
          const c = tag.charCodeAt(n);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          n++;
        }
        this.onOpen(localName(n === tag.length ? tag : tag.slice(0, n)), tag, selfClosing);
      }
    }
  }

  private keep(s: Buffer, from: number): void {
    if (s.length - from > MAX_TAG) throw new ImportFileError('工作簿的 XML 内容异常（标签过长），文件已损坏或不是 Excel 生成的文件');
    this.carry = Buffer.from(s.subarray(from));
  }

  /** Call after the last chunk: an unfinished tag means a truncated part. */
  end(): void {
    if (this.carry !== null && this.carry.toString('utf8').trim().length > 0 && !this.collecting) throw new ImportFileError('工作簿的 XML 内容不完整，文件已损坏');
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
