/**
 * COPY input built as UTF-8 buffers: every buffer handed out holds whole lines (PGlite runs one
 * COPY statement per batch of buffers, so a line cut in two would break it), nothing is lost or
 * reordered, and text kept outside the heap comes back as it went in.
 */
import { describe, expect, it } from 'vitest';
import { CopyBuffer, TextStore } from '../../src/modules/imports/copyBuffer';

function drain(out: CopyBuffer, min?: number): Buffer[] {
  return out.take(min);
}

describe('CopyBuffer', () => {
  it('hands out ~1 MB buffers of whole lines, in order, with lines written in pieces and lines longer than a buffer', () => {
    const out = new CopyBuffer();
    const expected: string[] = [];
    const taken: Buffer[] = [];
    for (let i = 0; i < 60_000; i++) {
      // Chinese text (3 bytes a character in UTF-8), tabs, and now and then a line of 1.5 MB.
      const name = i % 10_000 === 7 ? '长'.repeat(500_000) : `户主${i}`;
      const line = `${i}\t${name}\t是\t\\N`;
      expected.push(line);
      out.write(`${i}\t`);
      out.write(name);
      out.write('\t是\t\\N');
      out.endLine();
      taken.push(...drain(out));
    }
    expect(out.size).toBeGreaterThan(0);
    expect(drain(out)).toEqual([]); // less than 1 MB left: kept
    taken.push(...drain(out, 1));
    expect(out.size).toBe(0);
    expect(taken.length).toBeGreaterThan(10);
    for (const b of taken) expect(b[b.length - 1]).toBe(10);
    expect(Buffer.concat(taken).toString('utf8')).toBe(expected.join('\n') + '\n');
  });

  it('keeps a line being written out of what it hands out, and writes bytes as given', () => {
    const out = new CopyBuffer();
    out.line('a\tb');
    out.write('c\t');
    out.writeBytes(Buffer.from('丁\td', 'utf8'));
    expect(drain(out, 1).map((b) => b.toString())).toEqual(['a\tb\n']);
    out.endLine();
    expect(drain(out, 1).map((b) => b.toString())).toEqual(['c\t丁\td\n']);
    expect(drain(out, 1)).toEqual([]);
  });
});

describe('TextStore', () => {
  it('gives back each text as stored, in UTF-8 and in UTF-16 (lone surrogates too), across many chunks', () => {
    const utf8 = new TextStore('utf8');
    const utf16 = new TextStore('utf16le');
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 5000 === 3 ? '村'.repeat(400_000) : `第${i}村\u001f一般贫困户\u001f${'x'.repeat(i % 50)}`));
    const handles = texts.map((t) => [utf8.add(t), utf16.add(t)]);
    texts.forEach((t, i) => {
      expect(utf8.text(handles[i][0])).toBe(t);
      expect(utf8.bytes(handles[i][0]).equals(Buffer.from(t, 'utf8'))).toBe(true);
      expect(utf16.text(handles[i][1])).toBe(t);
    });
    const lone = 'a\ud800b';
    expect(utf16.text(utf16.add(lone))).toBe(lone);
    expect(utf8.text(utf8.add(''))).toBe('');
  });
});
