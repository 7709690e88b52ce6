// Fallback peak-RSS probe when GNU time (/usr/bin/time) is missing: loaded into every Node
// process of a measured tree through NODE_OPTIONS=--require, it appends the process's peak
// resident set size (kilobytes) to $DMS_BENCH_RSS_FILE at exit; the runner keeps the largest.
const { appendFileSync } = require("node:fs");

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by bench/lib/measure.mjs for this probe; no turbo task reads it
const file = process.env.DMS_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // A probe must never change the measured process's outcome.
    }
  });
}
