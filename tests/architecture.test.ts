import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering docs/ARCHITECTURE.md describes, held against the code: folders import each other in
// one direction only, and views render what they are given without reading the database.
const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Imports that exist at run time (`import type …` and `export type …` vanish when compiled). */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms)) {
    const isTypeOnly =
      !!m[2] ||
      (/^\{[^}]*\}$/s.test(m[3]!.trim()) &&
        m[3]!
          .replace(/[{}\s]/g, '')
          .split(',')
          .filter(Boolean)
          .every((n) => n.startsWith('type')));
    if (!isTypeOnly && m[4]!.startsWith('.')) {
      found.push(path.resolve(path.dirname(file), m[4]!.replace(/\.js$/, '')));
    }
  }
  return found;
}

/** The unit of layering: a folder directly under src/, or a file at the top of src/. */
const unitOf = (file: string) =>
  path
    .relative(SRC, file)
    .split(path.sep)[0]!
    .replace(/\.tsx?$/, '');

const files = sourceFiles(SRC);
const edges = new Map<string, Set<string>>();
const examples = new Map<string, string>();
for (const file of files) {
  for (const target of valueImports(file)) {
    const [from, to] = [unitOf(file), unitOf(target)];
    if (from !== to) {
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
      examples.set(`${from}->${to}`, `${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
    }
  }
}

/** Strongly connected groups of more than one unit (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) {
        out.push(group.sort());
      }
    }
  };
  for (const v of edges.keys()) {
    if (!idx.has(v)) {
      visit(v);
    }
  }
  return out;
}

describe('the layering of src/', () => {
  it('has no import cycle between folders', () => {
    const found = cycles().map((group) =>
      group.flatMap((a) => group.filter((b) => edges.get(a)?.has(b)).map((b) => examples.get(`${a}->${b}`))),
    );
    expect(found).toEqual([]);
  });

  it('keeps the lower layers free of the features above them', () => {
    const lower = ['db', 'changes', 'audit', 'i18n', 'http', 'views', 'clock', 'log'];
    const features = ['statements', 'endorsements', 'live', 'staff', 'privacy', 'pages', 'app', 'server'];
    const wrong = lower.flatMap((l) =>
      features.filter((f) => edges.get(l)?.has(f)).map((f) => examples.get(`${l}->${f}`)),
    );
    expect(wrong).toEqual([]);
  });

  it('composes pages above the features: statements, endorsements and live never import pages', () => {
    const wrong = ['statements', 'endorsements', 'live'].filter((f) => edges.get(f)?.has('pages'));
    expect(wrong).toEqual([]);
  });

  it('has views that read nothing from the database themselves', () => {
    const readers = files
      .filter((f) => f.includes(`${path.sep}views${path.sep}`))
      .filter(
        (f) =>
          valueImports(f).some((t) =>
            /queries$|signatories$|counts$|section$|[\\/]db[\\/](connect|migrate)$/.test(t),
          ) || /from 'kysely'/.test(fs.readFileSync(f, 'utf8')),
      )
      .map((f) => path.relative(SRC, f));
    expect(readers).toEqual([]);
  });
});
