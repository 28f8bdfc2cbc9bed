// Summarise a .cpuprofile: self time (and inclusive time with a 4th argument) per function.
// usage: node tests/bench/prof-summary.mjs file.cpuprofile [top-n] [incl]
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const n = Number(process.argv[3] ?? 40);
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const self = new Map();
const dt = p.timeDeltas;
let total = 0;
const counts = new Map();
for (let i = 0; i < p.samples.length; i++) {
  counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
  total += dt[i] ?? 0;
}
// parent map
const parent = new Map();
for (const x of p.nodes) {
  for (const c of x.children ?? []) {
    parent.set(c, x.id);
  }
}
const incl = new Map();
for (const [id, t] of counts) {
  const x = byId.get(id);
  const key = `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/main\//, '')}:${x.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
  const seen = new Set();
  let cur = id;
  while (cur !== undefined) {
    const y = byId.get(cur);
    const k = `${y.callFrame.functionName || '(anon)'} ${y.callFrame.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/main\//, '')}:${y.callFrame.lineNumber}`;
    if (!seen.has(k)) {
      incl.set(k, (incl.get(k) ?? 0) + t);
      seen.add(k);
    }
    cur = parent.get(cur);
  }
}
const pr = (m, title) => {
  console.log(`== ${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
};
pr(self, 'self');
if (process.argv[4]) {
  pr(incl, 'inclusive');
}
