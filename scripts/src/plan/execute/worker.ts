import { parentPort, workerData } from "node:worker_threads";
import type { PlanRegistry } from "../../stacks.js";
import { programLoader, runUnit, serializeError, type UnitJob } from "./unit.js";

/**
 * A plan worker (worker_threads): loads the registry once (by module specifier: functions do not
 * cross threads), then plans each unit the pool sends, one at a time, and posts back the graph and
 * the violations (plain JSON) or the error. Each stack's program is imported once per worker.
 */

/** Where a worker finds the registry: `(await import(module))[exportName]()` returns the PlanRegistry. */
export interface WorkerRegistryRef {
  module: string;
  exportName: string;
}

export type WorkerRequest = { id: number; job: UnitJob };
export type WorkerReply =
  | { id: number; result: import("./unit.js").UnitResult }
  | { id: number; error: import("./unit.js").SerializedError };

const port = parentPort;
if (port) {
  const ref = workerData as WorkerRegistryRef;
  const registry: Promise<PlanRegistry> = import(ref.module).then((mod: Record<string, unknown>) => {
    const make = mod[ref.exportName];
    if (typeof make !== "function") throw new Error(`${ref.module} does not export a function ${ref.exportName}`);
    return (make as () => PlanRegistry | Promise<PlanRegistry>)();
  });
  const modules = Promise.all([import("@dms-platform/offline"), import("@dms-platform/config")]).then(
    ([offline, config]) => ({ offline, config }),
  );
  const programOf = programLoader();
  port.on("message", async ({ id, job }: WorkerRequest) => {
    try {
      const reg = await registry;
      const def = reg.stacks.find((s) => s.name === job.stack);
      if (!def) throw new Error(`the worker's registry has no stack "${job.stack}"`);
      const result = await runUnit(job, await programOf(def), reg.policies, await modules);
      port.postMessage({ id, result } satisfies WorkerReply);
    } catch (err) {
      port.postMessage({ id, error: serializeError(err) } satisfies WorkerReply);
    }
  });
}
