import { type EnvironmentProfile, PROVIDER_SCHEMAS } from "@dms-platform/config";

/**
 * Inputs whose change makes the AWS provider replace the resource: the `ForceNew` inputs of the
 * provider's schema, from the cited table in @dms-platform/config (PROVIDER_SCHEMAS). Replacing a
 * task or a serverless config restarts the migration from scratch (a full reload). A task's
 * `replicationInstanceArn` is not ForceNew in the provider (it would move the task with
 * MoveReplicationTask), so replacing the instance would not replace its tasks by itself: the
 * instance is deleted first and DMS refuses to delete an instance with tasks. The component adds
 * `replaceOnChanges: ["replicationInstanceArn"]` on every task (TASK_FOLLOWS_INSTANCE in
 * replication-capacity.ts), so a replaced instance takes its tasks with it: deleted before it,
 * created again after it.
 *
 * Every other input is updated in place: for a task or config the provider stops it if it is
 * running, calls Modify…, waits, and starts it again when `startReplicationTask` /
 * `startReplication` is true (resuming CDC from its checkpoint); an instance is modified with
 * `applyImmediately`.
 */
export const REPLACEMENT_PROPERTIES = {
  "aws:dms/replicationTask:ReplicationTask": forceNewOf("aws:dms/replicationTask:ReplicationTask"),
  "aws:dms/replicationConfig:ReplicationConfig": forceNewOf("aws:dms/replicationConfig:ReplicationConfig"),
  "aws:dms/replicationInstance:ReplicationInstance": forceNewOf("aws:dms/replicationInstance:ReplicationInstance"),
} as const satisfies Record<string, readonly string[]>;

function forceNewOf(type: string): readonly string[] {
  const schema = PROVIDER_SCHEMAS[type];
  if (!schema) throw new Error(`internal: no provider schema for ${type}`);
  return schema.forceNew;
}

/** Inputs updated in place on a running task (stop, modify, resume). */
export const IN_PLACE_TASK_PROPERTIES = [
  "migrationType",
  "tableMappings",
  "replicationTaskSettings",
  "cdcStartPosition",
  "cdcStartTime",
  "startReplicationTask",
  "tags",
] as const;

/**
 * Resource options for long-lived replication resources (instance, tasks, serverless configs).
 * - `protect` from the profile (prod) unless `allowReplacement`: Pulumi refuses, already at
 *   preview, to replace or delete a protected resource, so a change that would force a full
 *   reload fails before anything is touched.
 * - `deleteBeforeReplace`: these resources carry fixed physical identifiers; Pulumi's default
 *   create-before-delete would collide with the old one's identifier (ResourceAlreadyExistsFault).
 */
export function replicationResourceOptions(
  profile: Pick<EnvironmentProfile, "protect">,
  allowReplacement: boolean,
): { protect: boolean; deleteBeforeReplace: true } {
  return { protect: profile.protect && !allowReplacement, deleteBeforeReplace: true };
}
