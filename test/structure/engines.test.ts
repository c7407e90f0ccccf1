/**
 * Every installed package supports the Node.js version the README and package.json state:
 * the lowest version allowed by package.json's `engines.node` must satisfy the `engines.node`
 * of every package in the lock file (optional platform binaries included, since npm may pick any).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** Packages whose engines.node the given Node.js version does not satisfy. */
export function unsupported(nodeVersion: string, packages: typeof lock.packages): string[] {
  const out: string[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (!path) continue;
    const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
    if (range && !semver.satisfies(nodeVersion, range)) out.push(`${path}@${entry.version}: node ${range}`);
  }
  return out;
}

describe('Node.js version', () => {
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('package.json states the same lowest Node.js version as the README', () => {
    const [major, minor] = lowest.split('.');
    expect(readme).toContain(`Node.js ${major}.${minor}+`);
  });

  it('every locked package supports the lowest stated Node.js version', () => {
    expect(unsupported(lowest, lock.packages)).toEqual([]);
  });

  it('flags a package that needs a newer Node.js', () => {
    const crafted = { '': {}, 'node_modules/x': { version: '1.0.0', engines: { node: '>=22' } } };
    expect(unsupported(lowest, crafted)).toEqual(['node_modules/x@1.0.0: node >=22']);
  });
});
