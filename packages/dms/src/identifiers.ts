import { type NameParts, physicalName } from "@dms-platform/config";

/**
 * The physical identifiers of a migration's DMS resources, from the naming rules. The component
 * names its resources with these, and `dms-platform status` / `cutover-check` find them in AWS with
 * the same functions, so the two can never disagree. Pure: no Pulumi.
 */
export type MigrationParts = Omit<NameParts, "purpose">;

/** The replication instance: `<env>-<app>-replication-dms`. */
export function replicationInstanceIdentifier(parts: MigrationParts): string {
  return physicalName("dms-replication-instance", { ...parts, purpose: "replication" });
}

/** A replication task on an instance: `<env>-<app>-<task>-dms`. */
export function replicationTaskIdentifier(parts: MigrationParts, taskName: string): string {
  return physicalName("dms-task", { ...parts, purpose: taskName });
}

/** A DMS Serverless replication config: `<env>-<app>-<task>-dms`. */
export function replicationConfigIdentifier(parts: MigrationParts, taskName: string): string {
  return physicalName("dms-replication-config", { ...parts, purpose: taskName });
}

/** The migration's CloudWatch dashboard: `<env>-<app>-migration-dms`. */
export function dashboardName(parts: MigrationParts): string {
  return physicalName("cloudwatch-dashboard", { ...parts, purpose: "migration" });
}

/**
 * The console address of a dashboard. The console's host depends on the partition: the China and
 * GovCloud regions have their own consoles.
 */
export function dashboardUrl(region: string, name: string): string {
  const host = region.startsWith("cn-")
    ? "console.amazonaws.cn"
    : region.startsWith("us-gov-")
      ? "console.amazonaws-us-gov.com"
      : "console.aws.amazon.com";
  return `https://${host}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(name)}`;
}
