import { z } from "zod";

/**
 * The DMS quotas a fleet of stacks can run into, each per AWS account and region unless it is per
 * replication instance, with its default. Source: AWS DMS User Guide, "Quotas for AWS Database
 * Migration Service", table "Resource quotas for AWS Database Migration Service"
 * (awsdocs/aws-dms-user-guide, doc_source/CHAP_Limits.md at b37f0b098ae381b6e987a0958dd7e3c03a41c4b1,
 * the newest version of the page in that repository). The guide lists no quota for DMS Serverless
 * replication configs, so none is checked for them.
 */
export const DMS_QUOTAS = {
  replicationInstances: { default: 60, guide: "Replication instances per user account", perInstance: false },
  eventSubscriptions: { default: 60, guide: "Event subscriptions per user account", perInstance: false },
  replicationSubnetGroups: { default: 60, guide: "Replication subnet groups per user account", perInstance: false },
  endpoints: { default: 1000, guide: "Endpoints per user account", perInstance: false },
  endpointsPerInstance: { default: 100, guide: "Endpoints per replication instance", perInstance: true },
  tasks: { default: 600, guide: "Tasks per user account", perInstance: false },
  tasksPerInstance: { default: 200, guide: "Tasks per replication instance", perInstance: true },
} as const;

export type DmsQuotaName = keyof typeof DMS_QUOTAS;

export const DMS_QUOTA_NAMES = Object.keys(DMS_QUOTAS) as DmsQuotaName[];

const raised = (name: DmsQuotaName) =>
  z
    .number()
    .int("must be a whole number")
    .min(
      DMS_QUOTAS[name].default,
      `a raised quota is at least the default (${DMS_QUOTAS[name].default}, DMS User Guide "Quotas"): remove it to use the default`,
    )
    .optional();

/**
 * `dms-platform-foundation:quotas`: the DMS quotas AWS has raised for the foundation's account in
 * its region (`aws:allowedAccountIds`, `aws:region`), by quota name, after a Service Quotas
 * increase was granted. `npm run plan` sums what every planned stack of that account and region
 * creates against these instead of the defaults. Environment-specific, never promoted.
 */
export const dmsQuotasSchema = z
  .object({
    replicationInstances: raised("replicationInstances"),
    eventSubscriptions: raised("eventSubscriptions"),
    replicationSubnetGroups: raised("replicationSubnetGroups"),
    endpoints: raised("endpoints"),
    endpointsPerInstance: raised("endpointsPerInstance"),
    tasks: raised("tasks"),
    tasksPerInstance: raised("tasksPerInstance"),
  })
  .strict();

export type DmsQuotas = z.output<typeof dmsQuotasSchema>;
