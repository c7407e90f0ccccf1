/**
 * The import graph of src/ and the three boundary rules the guard test checks (see
 * src/modules/README.md): SQL files do not import the HTTP layer, modules import each other only
 * through service.ts, and no two modules import each other (directly or round a longer cycle).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import: `from` imports `to`; both are paths relative to the repository root ('src/…'). */
export interface ImportEdge {
  from: string;
  to: string;
}

export interface Violation {
  rule: 'queries-import-server' | 'module-bypasses-service' | 'module-cycle';
  text: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base.endsWith('.js') ? resolveImport(fromFile, spec.slice(0, -3)) : null;
}

/** Every relative import (static, re-export, dynamic) of the files under `root`/src, tests excluded. */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(join(root, 'src'))) {
    if (/\.test\.tsx?$/.test(file)) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      const target = resolveImport(file, ref.fileName);
      if (target) edges.push({ from: relative(root, file), to: relative(root, target) });
    }
  }
  return edges;
}

/** The module a file belongs to ('src/modules/<name>/…' → name), or null. */
export function moduleOf(path: string): string | null {
  const m = /^src\/modules\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

const isQueries = (path: string) => /(^|\/)([A-Za-z]*Queries|queries)\.ts$/.test(path);

/**
 * The rule breaks of an import graph. `allowed` lists edges ('from -> to') that are known and
 * excused (each with its reason in the caller); they are not reported.
 */
export function boundaryViolations(edges: readonly ImportEdge[], allowed: ReadonlySet<string> = new Set()): Violation[] {
  const out: Violation[] = [];
  const moduleEdges = new Map<string, Set<string>>();
  for (const e of edges) {
    const key = `${e.from} -> ${e.to}`;
    if (allowed.has(key)) continue;
    if (isQueries(e.from) && e.to.startsWith('src/server/')) out.push({ rule: 'queries-import-server', text: key });
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (a && b && a !== b) {
      if (!e.to.endsWith(`src/modules/${b}/service.ts`)) out.push({ rule: 'module-bypasses-service', text: key });
      if (!moduleEdges.has(a)) moduleEdges.set(a, new Set());
      moduleEdges.get(a)!.add(b);
    }
  }
  for (const cycle of moduleCycles(moduleEdges)) out.push({ rule: 'module-cycle', text: cycle.join(' -> ') });
  return out;
}

/** Cycles of the module graph, one per strongly connected component of more than one module. */
export function moduleCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's strongly connected components.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return components.map((c) => [...c, c[0]]);
}
