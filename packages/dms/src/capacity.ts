import { createHash } from "node:crypto";
import type { EnvironmentProfile } from "@dms-platform/config";
import type { InstanceCapacityArgs, ServerlessCapacityArgs } from "./args.js";

export interface ResolvedInstanceCapacity {
  kind: "instance";
  instanceClass: string;
  allocatedStorageGb: number;
  engineVersion?: string;
  allowMajorVersionUpgrade?: boolean;
  multiAz: boolean;
  maintenanceWindow?: string;
}

export interface ResolvedServerlessCapacity {
  kind: "serverless";
  minCapacityUnits: number;
  maxCapacityUnits: number;
  multiAz: boolean;
}

/** Explicit capacity args over the profile's defaults; an error text when the result is inconsistent. */
export function resolveCapacity(
  capacity: InstanceCapacityArgs | ServerlessCapacityArgs,
  profile: EnvironmentProfile,
): { capacity: ResolvedInstanceCapacity | ResolvedServerlessCapacity; error?: { path: string; rule: string } } {
  if (capacity.kind === "instance") {
    return {
      capacity: {
        kind: "instance",
        instanceClass: capacity.instanceClass ?? profile.replicationInstanceClass,
        allocatedStorageGb: capacity.allocatedStorageGb ?? profile.replicationAllocatedStorageGb,
        multiAz: capacity.multiAz ?? profile.multiAz,
        ...(capacity.engineVersion !== undefined ? { engineVersion: capacity.engineVersion } : {}),
        ...(capacity.allowMajorVersionUpgrade !== undefined
          ? { allowMajorVersionUpgrade: capacity.allowMajorVersionUpgrade }
          : {}),
        ...(capacity.maintenanceWindow !== undefined ? { maintenanceWindow: capacity.maintenanceWindow } : {}),
      },
    };
  }
  const resolved: ResolvedServerlessCapacity = {
    kind: "serverless",
    minCapacityUnits: capacity.minCapacityUnits ?? profile.serverlessCapacity.min,
    maxCapacityUnits: capacity.maxCapacityUnits ?? profile.serverlessCapacity.max,
    multiAz: capacity.multiAz ?? profile.multiAz,
  };
  if (resolved.minCapacityUnits > resolved.maxCapacityUnits) {
    return {
      capacity: resolved,
      error: {
        path: "capacity.minCapacityUnits",
        rule: `must not exceed maxCapacityUnits (${resolved.minCapacityUnits} > ${resolved.maxCapacityUnits})`,
      },
    };
  }
  return { capacity: resolved };
}

/** The log group DMS writes a replication instance's task logs to. */
export function instanceLogGroupName(replicationInstanceId: string): string {
  return `dms-tasks-${replicationInstanceId}`;
}

/**
 * The `resourceIdentifier` of a Serverless ReplicationConfig: the tail of its ARN and of its log
 * group's name. DMS allows 31 letters, digits and hyphens, a letter first, no trailing or double
 * hyphen (CreateReplicationConfig ResourceIdentifier). Setting it makes the log group name known
 * before the config exists: the config identifier when it fits, else a stable digest of it.
 */
export function serverlessResourceIdentifier(replicationConfigIdentifier: string): string {
  if (
    /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/i.test(replicationConfigIdentifier) &&
    replicationConfigIdentifier.length <= 31
  ) {
    return replicationConfigIdentifier;
  }
  return `dms-${createHash("sha256").update(replicationConfigIdentifier).digest("hex").slice(0, 27)}`;
}

/** The log group DMS writes a Serverless replication's logs to. */
export function serverlessLogGroupName(resourceIdentifier: string): string {
  return `dms-serverless-replication-${resourceIdentifier}`;
}
