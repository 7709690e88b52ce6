import type { GraphResource, ResourceChange, ResourceGraph } from "@dms-platform/offline";

/**
 * What a change does to a running migration, decided from what the Terraform AWS provider's
 * Update does (lonegunmanb/terraform-provider-aws-index, internal/service/dms, v6.x):
 * - func.resourceReplicationTaskUpdate @ 4aeea4f: any change but tags / start_replication_task
 *   stops the task, calls ModifyReplicationTask and, with start_replication_task, starts it again;
 *   func.startReplicationTask starts a task that has run with `resume-processing` (from its CDC
 *   checkpoint). A new replication_instance_arn stops the task and MoveReplicationTask-s it.
 * - func.resourceReplicationConfigUpdate @ 4aeea4f: the same stop / Modify / start for a
 *   Serverless replication config (start_replication).
 * - func.resourceEndpointUpdate @ 081a8c1: with pause_replication_tasks the provider stops the
 *   tasks using the endpoint, modifies it and resumes them; without it, it only calls
 *   ModifyEndpoint, which DMS refuses while a task using the endpoint runs
 *   (hashicorp/terraform-provider-aws issue 27661).
 * And from the DMS User Guide, "Modifying a task" (CHAP_Tasks.Modifying): a task's endpoints and
 * migration type cannot be modified, and a task that has run must be Stopped or Failed to be
 * modified. A replaced task is a new task: it starts from scratch (a full load again when its
 * migration type has one; the CDC position is lost either way).
 */
export type ImpactCode = "restart" | "reload" | "recreate" | "pause-tasks";

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
