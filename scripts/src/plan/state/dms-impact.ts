import type { GraphResource, ResourceChange, ResourceGraph } from "@dms-platform/offline";

/**
 * What a change does to a running migration, decided from what the Terraform AWS provider's
 * Update does (lonegunmanb/terraform-provider-aws-index, internal/service/dms, v6.x):
 * - func.resourceReplicationTaskUpdate @ 4aeea4f: any change but tags / start_replication_task
 *   stops the task, calls ModifyReplicationTask and, with start_replication_task, starts it again;
 *   func.startReplicationTask starts a task that has run with `resume-processing` (from its CDC
 *   checkpoint). A new replication_instance_arn stops the task and MoveReplicationTask-s it.
 * - func.resourceReplicationConfigUpdate (hashicorp/terraform-provider-aws @ 0db7510,
 *   internal/service/dms/replication_config.go): any change but tags / start_replication calls
 *   stopReplication (StopReplication, then waits for `stopped`), ModifyReplicationConfig and, with
 *   start_replication, startReplication at once: StartReplication with `resume-processing` for a
 *   replication that has run. It does not wait for the modification to finish, and DMS refuses to
 *   start a replication that is MODIFYING ("is in MODIFYING state and cannot start",
 *   terraform-provider-aws issue 35650, open): the `up` can fail with the change applied and the
 *   replication stopped.
 *   DMS API Reference, StartReplication (StartReplicationType): `resume-processing` replicates the
 *   changes from the last stop position of a full-load-and-cdc replication, and is not applicable to
 *   a full-load replication (partially loaded tables cannot be resumed). A Serverless start goes
 *   through its start states (initializing, preparing metadata resources, testing connection,
 *   fetching metadata, calculating and provisioning capacity) before it replicates again (DMS User
 *   Guide, CHAP_Serverless.Components): the replication is down from the stop until then.
 * - func.resourceEndpointUpdate @ 081a8c1: with pause_replication_tasks the provider stops the
 *   tasks using the endpoint, modifies it and resumes them; without it, it only calls
 *   ModifyEndpoint, which DMS refuses while a task using the endpoint runs
 *   (hashicorp/terraform-provider-aws issue 27661).
 * And from the DMS User Guide, "Modifying a task" (CHAP_Tasks.Modifying): a task's endpoints and
 * migration type cannot be modified, and a task that has run must be Stopped or Failed to be
 * modified. A replaced task is a new task: it starts from scratch (a full load again when its
 * migration type has one; the CDC position is lost either way).
 */
export type ImpactCode = "restart" | "downtime" | "reload" | "recreate" | "pause-tasks";

export interface DmsImpact {
  codes: ImpactCode[];
  /** The impact in words a migration owner understands. */
  words: string[];
  /** Why `up` would fail, with the fix. */
  problems: string[];
}

const TASK = "aws:dms/replicationTask:ReplicationTask";
const CONFIG = "aws:dms/replicationConfig:ReplicationConfig";
const ENDPOINT = "aws:dms/endpoint:Endpoint";
/** An S3 target endpoint: its Update only calls ModifyEndpoint (func.resourceS3EndpointUpdate, no pause_replication_tasks). */
const S3_ENDPOINT = "aws:dms/s3Endpoint:S3Endpoint";

/** Keys whose change the provider applies without touching the task (tags) or by start/stop alone. */
const QUIET = new Set(["tags", "tagsAll", "startReplicationTask", "startReplication", "pauseReplicationTasks"]);

/** `schema.table` of each include selection rule of a table-mapping document. */
export function selectedTables(tableMappings: unknown): string[] {
  if (typeof tableMappings !== "string") return [];
  try {
    const doc = JSON.parse(tableMappings) as { rules?: Array<Record<string, unknown>> };
    return (doc.rules ?? [])
      .filter((r) => r["rule-type"] === "selection" && r["rule-action"] === "include")
      .map((r) => {
        const loc = (r["object-locator"] ?? {}) as Record<string, unknown>;
        return `${String(loc["schema-name"] ?? "%")}.${String(loc["table-name"] ?? "%")}`;
      });
  } catch {
    return [];
  }
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function taskName(r: { inputs: Record<string, unknown> }, fallback: string): string {
  return str(r.inputs.replicationTaskId) ?? str(r.inputs.replicationConfigIdentifier) ?? fallback;
}

function fullLoads(inputs: Record<string, unknown>): boolean {
  const type = str(inputs.migrationType) ?? str(inputs.replicationType) ?? "";
  return type.startsWith("full-load");
}

function reloadWords(name: string, inputs: Record<string, unknown>): string {
  const tables = selectedTables(inputs.tableMappings);
  const what =
    tables.length === 0
      ? ""
      : `: ${tables.length} selection rule${tables.length === 1 ? "" : "s"} (${tables.join(", ")})`;
  return `reloads every table of task ${name}${what}, full load again`;
}

/**
 * A Serverless replication config updated in place: the provider's stop → modify → start
 * (resourceReplicationConfigUpdate, above), which is downtime for the replication.
 */
function serverlessUpdate(impact: DmsImpact, name: string, keys: string[], inputs: Record<string, unknown>): void {
  impact.codes.push("restart", "downtime");
  const applies = `stops Serverless replication ${name} (StopReplication, waiting until it is stopped), applies ${keys.join(", ")} (ModifyReplicationConfig)`;
  if (inputs.startReplication === false) {
    impact.words.push(`${applies} and leaves it stopped (startTasks: false): nothing replicates until it is started`);
    return;
  }
  if (str(inputs.replicationType) === "full-load") {
    impact.words.push(
      `${applies} and starts it again with resume-processing, which StartReplication does not apply to a full-load replication (partially loaded tables cannot be resumed): let the full load finish first, or set startTasks: false for the change and start it with --start-replication-type reload-target, which loads every table again`,
    );
  } else {
    impact.words.push(
      `${applies} and starts it again with resume-processing: CDC continues from its last stop position, so no source change is lost, but nothing replicates from the stop until the replication is running again; DMS Serverless first goes through its start states again (initializing … provisioning capacity), and CDC latency grows by that downtime`,
    );
  }
  impact.words.push(
    `the provider starts ${name} right after ModifyReplicationConfig without waiting for the modification, and DMS refuses to start a MODIFYING replication (terraform-provider-aws issue 35650): if \`up\` fails with "is in MODIFYING state and cannot start", the change is applied and the replication is stopped; start it as docs/runbook.md, "A task or replication left stopped", says, or apply in two steps (startTasks: false with the change, then back to true)`,
  );
}

/** Tasks of a graph that use an endpoint (by the endpoint's urn in their endpoint inputs' dependencies). */
export function tasksUsing(graph: ResourceGraph, endpointUrn: string): GraphResource[] {
  return graph.resources.filter(
    (r) =>
      (r.type === TASK || r.type === CONFIG) &&
      ["sourceEndpointArn", "targetEndpointArn"].some((k) => r.propertyDependencies[k]?.includes(endpointUrn)),
  );
}

/** The DMS impact of one resource's change (empty for anything that is not a task, config or endpoint). */
export function dmsImpact(change: ResourceChange, graph: ResourceGraph): DmsImpact {
  const impact: DmsImpact = { codes: [], words: [], problems: [] };
  const r = change.new ?? change.old;
  if (!r) return impact;
  const name = taskName(r, change.name);
  if (change.type === TASK || change.type === CONFIG) {
    const kind = change.type === TASK ? "task" : "Serverless replication";
    const startKey = change.type === TASK ? "startReplicationTask" : "startReplication";
    if (change.op === "replace") {
      impact.codes.push("recreate");
      impact.words.push(
        `deletes ${kind} ${name} and creates it again (${change.replaceKeys.join(", ")} changed): its CDC position is lost`,
      );
      if (fullLoads(r.inputs)) {
        impact.codes.push("reload");
        impact.words.push(reloadWords(name, r.inputs));
      }
    } else if (change.op === "update") {
      const keys = change.diff.filter((k) => !QUIET.has(k));
      const typeKey = change.type === TASK ? "migrationType" : "replicationType";
      if (keys.includes(typeKey)) {
        impact.codes.push("recreate");
        impact.problems.push(
          `${kind} ${name}: ${typeKey} cannot be changed in place (DMS User Guide, "Modifying a task"), yet the provider sends it as an update: \`up\` fails. Replace the task instead (replaceOnChanges: ["${typeKey}"] with deleteBeforeReplace), which reloads it from scratch.`,
        );
      } else if (keys.length > 0 && change.type === CONFIG) {
        serverlessUpdate(impact, name, keys, r.inputs);
      } else if (keys.length > 0) {
        impact.codes.push("restart");
        const resumes = r.inputs[startKey] === true ? "resumes it from its CDC checkpoint" : "leaves it stopped";
        const move = keys.includes("replicationInstanceArn") ? ", moves it to the other replication instance" : "";
        impact.words.push(`stops ${kind} ${name}, applies ${keys.join(", ")}${move}, and ${resumes}`);
      }
    } else if (change.op === "delete") {
      impact.words.push(`stops and deletes ${kind} ${name}`);
    }
    return impact;
  }
  if ((change.type === ENDPOINT || change.type === S3_ENDPOINT) && change.op === "update" && change.new) {
    const keys = change.diff.filter((k) => !QUIET.has(k));
    const tasks = tasksUsing(graph, change.urn).map((t) => taskName(t, t.name));
    if (keys.length === 0 || tasks.length === 0) return impact;
    const endpoint = str(change.new.inputs.endpointId) ?? change.name;
    if (change.type === S3_ENDPOINT) {
      impact.problems.push(
        `S3 endpoint ${endpoint} changes (${keys.join(", ")}) while ${tasks.join(", ")} may run: aws.dms.S3Endpoint cannot pause its tasks (it has no pauseReplicationTasks) and DMS refuses to modify an endpoint a running task uses (terraform-provider-aws issue 27661), so \`up\` fails. Stop the tasks first (docs/runbook.md), run \`up\`, then start them.`,
      );
      return impact;
    }
    impact.codes.push("pause-tasks");
    impact.words.push(
      `pauses ${tasks.length === 1 ? "task" : "tasks"} ${tasks.join(", ")} while endpoint ${endpoint} is modified (${keys.join(", ")}), then resumes ${tasks.length === 1 ? "it" : "them"}`,
    );
    if (change.new.inputs.pauseReplicationTasks !== true) {
      impact.problems.push(
        `endpoint ${endpoint} changes (${keys.join(", ")}) while ${tasks.join(", ")} may run, and pauseReplicationTasks is not set: DMS refuses to modify an endpoint a running task uses (terraform-provider-aws issue 27661), so \`up\` fails. Set pauseReplicationTasks: true on the endpoint.`,
      );
    }
  }
  return impact;
}
