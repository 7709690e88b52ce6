import { join, resolve } from "node:path";
import type { AssessAws } from "./operate/assess-aws.js";
import type { OperateAws } from "./operate/aws.js";
import type { WorkerRegistryRef } from "./plan/execute/worker.js";
import type { PlanRegistry } from "./stacks.js";

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What commands read from the outside world; tests replace any of it. */
export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths given on the command line (--out, --stacks-dir) are resolved against. */
  cwd: string;
  /** The repository root: the default stacks dir is `<root>/stacks`; report paths are relative to it. */
  repoRoot: string;
  /** The stacks and policy pack `plan` runs (the repo's own, imported lazily, by default). */
  loadRegistry(): Promise<PlanRegistry>;
  /**
   * The same registry as a module a plan worker imports (`plan --jobs N`): functions do not cross
   * threads. Absent: plans run in this process. `main()` drops it when a caller replaces
   * `loadRegistry` without giving its own, so workers never plan another registry's stacks.
   */
  workerRegistry?: WorkerRegistryRef;
  /** The AWS calls of `status` and `cutover-check` for a region. @default the SDK's clients (operate/aws.ts) */
  operateAws?: (region: string) => OperateAws;
  /** The AWS calls of `assess` and `start-migration` for a region. @default the SDK's clients (operate/assess-aws.ts) */
  assessAws?: (region: string) => AssessAws;
  /** The clock and the wait between `status --watch` rounds (tests replace them). */
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Set by the command that ran: the process's exit code (see EXIT). */
  exitCode?: number;
}

/** The real process: its streams, environment and working directory, and the repo's own stacks. */
export function defaultContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    // dist/context.js -> scripts/ -> the repository.
    repoRoot: resolve(__dirname, "..", ".."),
    loadRegistry: async () => (await import("./registry.js")).defaultRegistry(),
    workerRegistry: { module: join(__dirname, "registry.js"), exportName: "defaultRegistry" },
  };
}
