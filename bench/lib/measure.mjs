// Whole-process measurements: wall time from spawn to exit, and peak resident set size.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, kilobytes), which reports the largest
// of the child and the descendants it waited for. Without GNU time, a preload (rss-preload.cjs)
// makes every Node process of the tree append its own `maxRSS` to a file at exit, and the
// largest wins: the same figure for a process tree.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";
const PRELOAD = new URL("../rss-preload.cjs", import.meta.url).pathname;

/** How peak RSS is measured on this machine: "gnu-time" or "preload". */
export const rssMethod = existsSync(GNU_TIME) ? "gnu-time" : "preload";

/**
 * Run `argv` once and measure it.
 * @param {string[]} argv command and arguments
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, okCodes?: number[] }} [opts]
 * @returns {Promise<{ wallMs: number, rssKb: number | undefined, code: number, stdout: string, stderr: string }>}
 */
export async function measure(argv, opts = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "dms-bench-rss-"));
  const rssFile = join(scratch, "rss");
  let command = argv;
  let env = { ...process.env, ...opts.env };
  if (rssMethod === "gnu-time") {
    command = [GNU_TIME, "-q", "-o", rssFile, "-f", "%M", ...argv];
  } else {
    const nodeOptions = [env.NODE_OPTIONS, `--require=${PRELOAD}`].filter(Boolean).join(" ");
    env = { ...env, NODE_OPTIONS: nodeOptions, DMS_BENCH_RSS_FILE: rssFile };
  }
  const [file, ...args] = command;
  const started = process.hrtime.bigint();
  const child = spawn(file, args, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const out = [];
  const err = [];
  child.stdout.on("data", (b) => out.push(b));
  child.stderr.on("data", (b) => err.push(b));
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let rssKb;
  if (existsSync(rssFile)) {
    const values = readFileSync(rssFile, "utf8")
      .split(/\s+/)
      .map(Number)
      .filter((n) => Number.isFinite(n) && n > 0);
    if (values.length > 0) rssKb = Math.max(...values);
  }
  rmSync(scratch, { recursive: true, force: true });
  const stdout = Buffer.concat(out).toString("utf8");
  const stderr = Buffer.concat(err).toString("utf8");
  const okCodes = opts.okCodes ?? [0];
  if (!okCodes.includes(code)) {
    const tail = stderr.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${argv.join(" ")} exited ${code}\n${tail}`);
  }
  return { wallMs, rssKb, code, stdout, stderr };
}

/** Smallest value. */
export function min(values) {
  return Math.min(...values);
}

/** Median (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Least-squares line y = slope * x + intercept, with r². */
export function linearFit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}
