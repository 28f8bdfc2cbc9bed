// Benchmarks (DESIGN §7) are not written yet: see the open benchmarks issue.
console.error('npm run bench: the benchmark suite is not written yet.');
process.exit(1);
