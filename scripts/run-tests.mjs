#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner. Node 20 expands no globs and finds no
// .ts files by itself, so the list is built here and passed explicitly. Arguments narrow the list:
// `npm test -- test/domain` runs only the files under that path.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

/** Lists *.test.ts files below a directory, sorted for a stable order. */
function list(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return list(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

const files = list(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p.replace(/^\.\//, ''))));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
