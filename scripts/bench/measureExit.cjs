// Preloaded into a measured process (node --require): on exit, writes its CPU time and peak RSS as
// JSON to the file named by BENCH_MEASURE_OUT.
const fs = require('node:fs');
const started = performance.now();
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(
    process.env.BENCH_MEASURE_OUT,
    JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMB: usage.maxRSS / 1024, wallMs: performance.now() - started }),
  );
});
