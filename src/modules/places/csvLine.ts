/**
 * One line of a comma-separated file (RFC 4180 quoting: "…" with "" for a quote). The place
 * source files are large and simple, so they are split line by line here rather than by a
 * general CSV parser, which took several times longer on the 620,000 village lines.
 */
export function splitCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) throw new Error(`${where}：引号未闭合`);
        value += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i < line.length && line[i] !== ',') throw new Error(`${where}：引号后应为逗号，实为「${line[i]}」`);
      fields.push(value);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}
