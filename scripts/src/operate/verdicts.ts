/**
 * What every state DMS reports means for `status` and `cutover-check`: one table per field, each
 * value listed with its source, and anything not listed judged "unknown", which is never healthy.
 *
 * - Task `Status`: the DMS API reference, ReplicationTask
 *   (https://docs.aws.amazon.com/dms/latest/APIReference/API_ReplicationTask.html; the same list in
 *   @aws-sdk/client-database-migration-service 3.1124 `ReplicationTask.Status`): moving, creating,
 *   deleting, failed, failed-move, modifying, ready, running, starting, stopped, stopping, testing.
 * - Serverless replication `Status`: the API reference documents only "the current status"; the
 *   values are terraform-provider-aws's (internal/service/dms/consts.go, `replicationStatus*`):
 *   created, ready, running, stopping, stopped, failed, initializing, preparing_metadata_resources,
 *   testing_connection, fetching_metadata, calculating_capacity, provisioning_capacity,
 *   replication_starting; the user guide's "AWS DMS Serverless components" page describes the
 *   same states in order (Initializing ... Provisioning Capacity, Replication Starting, Running).
 * - `TableState` and `ValidationState`: API_TableStatistics (SDK `TableStatistics.TableState`:
 *   "Table does not exist | Before load | Full load | Table completed | Table cancelled | Table
 *   error | Table is being reloaded"; `ValidationState`: Not enabled, Pending records, Mismatched
 *   records, Suspended records, No primary key, Table error, Validated, Error, Pending validation,
 *   Preparing table, Pending revalidation).
 */

/**
 * - `replicating`: moving data (the only state a healthy CDC task is in);
 * - `transition`: on its way somewhere (a warning: look again);
 * - `idle`: exists and does nothing (never started, or stopped by design): a warning;
 * - `broken`: failed, or going away: a problem;
 * - `unknown`: a value not documented: a problem, so nothing undocumented reads as healthy.
 */
export type StateVerdict = "replicating" | "transition" | "idle" | "broken" | "unknown";

export const TASK_STATUS: Readonly<Record<string, { verdict: StateVerdict; meaning: string }>> = {
  running: { verdict: "replicating", meaning: "migrating data" },
  starting: { verdict: "transition", meaning: "preparing to migrate (StartReplicationTask)" },
  creating: { verdict: "transition", meaning: "being created" },
  modifying: { verdict: "transition", meaning: "its definition is being modified" },
  moving: { verdict: "transition", meaning: "being moved to another replication instance" },
  testing: { verdict: "transition", meaning: "running a premigration assessment" },
  stopping: { verdict: "transition", meaning: "preparing to stop" },
  ready: { verdict: "idle", meaning: "created and never started (or reloaded), replicating nothing" },
  stopped: { verdict: "idle", meaning: "stopped" },
  failed: { verdict: "broken", meaning: "failed" },
  "failed-move": { verdict: "broken", meaning: "failed to move to another replication instance" },
  deleting: { verdict: "broken", meaning: "being deleted" },
};

export const SERVERLESS_STATUS: Readonly<Record<string, { verdict: StateVerdict; meaning: string }>> = {
  running: { verdict: "replicating", meaning: "replicating data" },
  initializing: { verdict: "transition", meaning: "initializing its parameters" },
  preparing_metadata_resources: { verdict: "transition", meaning: "preparing metadata resources" },
  testing_connection: { verdict: "transition", meaning: "testing the source and target connections" },
  fetching_metadata: { verdict: "transition", meaning: "fetching the source's metadata" },
  calculating_capacity: { verdict: "transition", meaning: "calculating the capacity it needs" },
  provisioning_capacity: { verdict: "transition", meaning: "provisioning capacity" },
  replication_starting: { verdict: "transition", meaning: "starting to replicate" },
  stopping: { verdict: "transition", meaning: "preparing to stop" },
  created: { verdict: "idle", meaning: "created and never started" },
  ready: { verdict: "idle", meaning: "ready to start, replicating nothing" },
  stopped: { verdict: "idle", meaning: "stopped" },
  failed: { verdict: "broken", meaning: "failed" },
};

export function statusVerdict(status: string | undefined, serverless: boolean): StateVerdict {
  if (status === undefined) return "unknown";
  const table = serverless ? SERVERLESS_STATUS : TASK_STATUS;
  return Object.hasOwn(table, status) ? (table[status]?.verdict ?? "unknown") : "unknown";
}

/**
 * A stop reason that means the task stopped on an error, not by design (ReplicationTask.StopReason:
 * RECOVERABLE_ERROR, FATAL_ERROR, EXPRESS_LICENSE_LIMITS_REACHED, STOPPED_DUE_TO_LOW_MEMORY,
 * STOPPED_DUE_TO_LOW_DISK). The others (NORMAL, FULL_LOAD_ONLY_FINISHED, STOPPED_AFTER_*,
 * STOPPED_AT_*, RECONFIGURATION_RESTART, RECYCLE_TASK) are stops someone asked for.
 */
export function isErrorStop(stopReason: string | undefined): boolean {
  return stopReason !== undefined && /ERROR|LOW_MEMORY|LOW_DISK|EXPRESS_LICENSE_LIMITS/.test(stopReason);
}

/**
 * What a table's state says:
 * - `error`: the table failed (table state or validation state in error);
 * - `missing`: selected by the mappings but "Table does not exist" on the source;
 * - `cancelled`: "Table cancelled": DMS stopped loading it;
 * - `suspended`: records DMS could not validate;
 * - `mismatched`: records that differ between source and target;
 * - `unknown`: a table or validation state not documented.
 */
export type TableTrouble = "error" | "missing" | "cancelled" | "suspended" | "mismatched" | "unknown";

/** Troubles that make the task unhealthy (the others are warnings in `status`). */
export const BLOCKING_TROUBLES: ReadonlySet<TableTrouble> = new Set(["error", "missing", "cancelled", "unknown"]);

const TABLE_STATES: Readonly<Record<string, TableTrouble | undefined>> = {
  "Table does not exist": "missing",
  "Before load": undefined,
  "Full load": undefined,
  "Table completed": undefined,
  "Table cancelled": "cancelled",
  "Table error": "error",
  "Table is being reloaded": undefined,
};

const VALIDATION_STATES: Readonly<Record<string, TableTrouble | undefined>> = {
  "Not enabled": undefined,
  "Pending records": undefined,
  "Mismatched records": "mismatched",
  "Suspended records": "suspended",
  // Cannot be validated: dms-validation (which wants "Validated") refuses it, status shows it.
  "No primary key": undefined,
  "Table error": "error",
  Validated: undefined,
  Error: "error",
  "Pending validation": undefined,
  "Preparing table": undefined,
  "Pending revalidation": undefined,
};

const TROUBLE_RANK: Readonly<Record<TableTrouble, number>> = {
  error: 0,
  missing: 1,
  cancelled: 2,
  unknown: 3,
  suspended: 4,
  mismatched: 5,
};

/** The worst trouble first; undefined for a healthy table. */
export function tableTroubleOf(t: {
  TableState?: string | undefined;
  ValidationState?: string | undefined;
  ValidationSuspendedRecords?: number | undefined;
  ValidationFailedRecords?: number | undefined;
}): TableTrouble | undefined {
  const found: TableTrouble[] = [];
  const state = t.TableState ?? "";
  if (!Object.hasOwn(TABLE_STATES, state)) found.push("unknown");
  else {
    const trouble = TABLE_STATES[state];
    if (trouble) found.push(trouble);
  }
  // An absent validation state is what a task without validation may return.
  if (t.ValidationState !== undefined && t.ValidationState !== "") {
    if (!Object.hasOwn(VALIDATION_STATES, t.ValidationState)) found.push("unknown");
    else {
      const trouble = VALIDATION_STATES[t.ValidationState];
      if (trouble) found.push(trouble);
    }
  }
  if ((t.ValidationSuspendedRecords ?? 0) > 0) found.push("suspended");
  if ((t.ValidationFailedRecords ?? 0) > 0) found.push("mismatched");
  return found.sort((a, b) => TROUBLE_RANK[a] - TROUBLE_RANK[b])[0];
}

export function troubleRank(trouble: TableTrouble | undefined): number {
  return trouble === undefined ? 99 : TROUBLE_RANK[trouble];
}

/** How a trouble reads in a sentence ("2 table(s) in error"). */
export const TROUBLE_WORDS: Readonly<Record<TableTrouble, string>> = {
  error: "in error",
  missing: "that do not exist on the source (Table does not exist)",
  cancelled: "cancelled (Table cancelled)",
  unknown: "in a state DMS does not document",
  suspended: "with suspended validation",
  mismatched: "with mismatched records",
};
