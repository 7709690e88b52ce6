import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { deserializeError, type UnitJob, type UnitResult } from "./unit.js";
import type { WorkerRegistryRef, WorkerReply } from "./worker.js";

interface Pending {
  job: UnitJob;
  resolve(result: UnitResult): void;
  reject(err: unknown): void;
}

/**
 * A fixed set of plan workers. A job goes to an idle worker, or waits in a FIFO queue: each worker
 * plans one unit at a time, so memory is bounded by the number of workers, not of units.
 */
export class PlanWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending & { id: number }>();
  private readonly queue: Pending[] = [];
  private readonly workers: Worker[] = [];
  private nextId = 0;
  private failure: unknown;

  constructor(size: number, registry: WorkerRegistryRef) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(join(__dirname, "worker.js"), { workerData: registry });
      worker.on("message", (reply: WorkerReply) => this.settle(worker, reply));
      worker.on("error", (err) => this.crash(worker, err));
      worker.on("exit", (code) => {
        if (this.busy.has(worker)) this.crash(worker, new Error(`a plan worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(job: UnitJob): Promise<UnitResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      const id = this.nextId++;
      this.busy.set(worker, { ...pending, id });
      worker.postMessage({ id, job: pending.job });
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.busy.get(worker);
    if (!pending || pending.id !== reply.id) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    if ("error" in reply) pending.reject(deserializeError(reply.error));
    else pending.resolve(reply.result);
    this.dispatch();
  }

  /** A worker that dies (out of memory, a crash) fails its job and everything queued. */
  private crash(worker: Worker, err: unknown): void {
    this.failure ??= err;
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    pending?.reject(err);
    for (const p of this.queue.splice(0)) p.reject(err);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
