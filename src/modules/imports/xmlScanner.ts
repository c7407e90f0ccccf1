/**
 * A small streaming scanner for the XML parts of an .xlsx (SpreadsheetML is regular: elements,
 * attributes in double or single quotes, entities, the odd comment or CDATA). Text is handed
 * over in pieces as it arrives and only where a subclass collects it, so a 50 MB cell is never
 * held: the subclass refuses it once it passes Excel's limit. Tags longer than 64 KB are refused.
 *
 * A general SAX parser (saxes) buffers a text node whole before reporting it and costs an event
 * and an attribute object per tag; a sheet of a million rows has some 200 million tags.
 */
import { ImportFileError } from './problems';

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

export abstract class XmlScanner {
  /** When true, text between tags is passed to `onText`. */
  protected collecting = false;
  private carry = '';

  /** An opening (or self-closing) tag: local name (namespace prefix dropped) and the tag's text after '<'. */
  protected abstract onOpen(name: string, tag: string, selfClosing: boolean): void;
  protected abstract onClose(name: string): void;
  /** A piece of collected text, entities decoded. */
  protected abstract onText(text: string): void;

  /**
   * A subclass's shortcut for its most frequent tags, read in place without slicing: given the
   * tag at s[lt..gt], return where scanning continues (past what it consumed), or -1 for the
   * general path.
   */
  protected fastTag(_s: string, _lt: number, _gt: number): number {
    return -1;
  }

  push(chunk: string): void {
    const s = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = '';
    const len = s.length;
    let pos = 0;
    while (pos < len) {
      const lt = s.indexOf('<', pos);
      if (this.collecting && lt !== pos) {
        const end = lt < 0 ? len : lt;
        if (lt < 0) {
          // Keep a possibly cut entity (&am|p;) for the next chunk.
          const amp = s.lastIndexOf('&', end - 1);
          if (amp >= pos && s.indexOf(';', amp) < 0 && end - amp < 12) {
            this.onText(decodeEntities(s.slice(pos, amp)));
            this.carry = s.slice(amp);
            return;
          }
        }
        this.onText(decodeEntities(s.slice(pos, end)));
      }
      if (lt < 0) return;
      const second = s.charCodeAt(lt + 1);
      if (second === 33 /* ! */ && lt + 9 > len) return this.keep(s.slice(lt));
      if (second === 33 && (s.startsWith('<!--', lt) || s.startsWith('<![CDATA[', lt))) {
        const cdata = s.startsWith('<![CDATA[', lt);
        const close = s.indexOf(cdata ? ']]>' : '-->', lt + 4);
        if (close < 0) return this.keep(s.slice(lt));
        if (cdata && this.collecting) this.onText(s.slice(lt + 9, close));
        pos = close + 3;
        continue;
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) return this.keep(s.slice(lt));
      const next = this.fastTag(s, lt, gt);
      if (next >= 0) {
        pos = next;
        continue;
      }
      pos = gt + 1;
      if (second === 47 /* / */) {
        this.onClose(localName(s.slice(lt + 2, gt).trimEnd()));
      } else if (second !== 63 /* ? */ && second !== 33) {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const tag = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
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

  private keep(rest: string): void {
    if (rest.length > MAX_TAG) throw new ImportFileError('工作簿的 XML 内容异常（标签过长），文件已损坏或不是 Excel 生成的文件');
    this.carry = rest;
  }

  /** Call after the last chunk: an unfinished tag means a truncated part. */
  end(): void {
    if (this.carry.trim().length > 0 && !this.collecting) throw new ImportFileError('工作簿的 XML 内容不完整，文件已损坏');
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
