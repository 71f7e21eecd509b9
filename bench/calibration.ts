// A fixed pure-JS workload timed at the start and the end of `npm run bench`. This shared
// machine has long slow stretches (every CPU-bound figure about 1.6× slower, minutes at a
// time); the calibration says which kind of stretch a run met, so its absolute figures
// (analyzer rate, panel times) can be read against docs/performance.md's.

/** Milliseconds to sort 300,000 numbers five times; the median of three tries. */
export function calibrationMs(): number {
  let seed = 1;
  const values = Array.from(
    { length: 300_000 },
    () => (seed = (seed * 16807) % 2147483647) / 2147483647,
  );
  const tries: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const t0 = performance.now();
    for (let round = 0; round < 5; round++) [...values].sort((a, b) => a - b);
    tries.push(performance.now() - t0);
  }
  return tries.sort((a, b) => a - b)[1] ?? NaN;
}
