import { DMS_QUOTAS, type DmsQuotaName } from "@dms-platform/config";
import type { GraphResource } from "@dms-platform/offline";
import { planFileBase, planLabel } from "../report.js";
import type { QuotaFinding, RaisedQuotas, StackPlacement, StackPlan } from "../types.js";

/**
 * DMS quotas across the fleet: what every planned stack × migration creates, summed per AWS account
 * (`aws:allowedAccountIds`) and region (`aws:region`), and per replication instance, against the
 * quotas of the DMS User Guide (DMS_QUOTAS) or the ones a foundation of that account declares raised
 * (`dms-platform-foundation:quotas`). AWS refuses the create that goes over (DMS User Guide,
 * "Quotas": "additional calls to create that resource fail with an exception"), so over a quota is
 * a plan problem (exit 1), above WARN_SHARE of it a warning.
 */

/** Above this share of a quota the plan warns. */
export const WARN_SHARE = 0.8;

export const UNKNOWN_ACCOUNT = "unknown account";
export const UNKNOWN_REGION = "unknown region";

const INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const TASK = "aws:dms/replicationTask:ReplicationTask";
/** Each counts against "Endpoints per user account" (CreateEndpoint; the S3 target endpoint too). */
const ENDPOINT_TYPES = new Set(["aws:dms/endpoint:Endpoint", "aws:dms/s3Endpoint:S3Endpoint"]);

/** The account-and-region quotas, and the resource types each counts. */
const ACCOUNT_QUOTAS: ReadonlyArray<{ quota: DmsQuotaName; counts: (type: string) => boolean }> = [
  { quota: "replicationInstances", counts: (t) => t === INSTANCE },
  { quota: "eventSubscriptions", counts: (t) => t === "aws:dms/eventSubscription:EventSubscription" },
  {
    quota: "replicationSubnetGroups",
    counts: (t) => t === "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup",
  },
  { quota: "endpoints", counts: (t) => ENDPOINT_TYPES.has(t) },
  { quota: "tasks", counts: (t) => t === TASK },
];

/** A plan's placement and how messages name it. */
interface Placed {
  plan: StackPlan;
  key: string;
  account: string;
  region: string;
}

/** How a finding names its plan: `replication/orders (dev)`. */
const shown = (p: StackPlan) => `${planLabel(p)} (${p.environment})`;
/** How JSON and --out match a finding to its plans. */
export const planKey = (p: StackPlan) => `${planFileBase(p)}.${p.environment}`;

/** Resources the stack creates and manages (not a read, not a component). */
const created = (p: StackPlan): GraphResource[] => p.graph.resources.filter((r) => r.custom && !r.read);

/**
 * The quota findings of a fleet, and a warning for each plan that cannot be placed in an account or
 * region (counted under "unknown account" / "unknown region", together).
 */
export function fleetQuotas(
  plans: ReadonlyArray<{ plan: StackPlan; placement: StackPlacement }>,
  raised: readonly RaisedQuotas[],
): { findings: QuotaFinding[]; unplaced: string[] } {
  const placed: Placed[] = plans.map(({ plan, placement }) => ({
    plan,
    key: planKey(plan),
    account: placement.account ?? UNKNOWN_ACCOUNT,
    region: placement.region ?? UNKNOWN_REGION,
  }));
  const unplaced = placed
    .filter((p) => p.account === UNKNOWN_ACCOUNT || p.region === UNKNOWN_REGION)
    .filter((p) => created(p.plan).some((r) => r.type.startsWith("aws:dms/")))
    .map(
      (p) =>
        `${shown(p.plan)}: ${p.plan.configFile} has ${p.account === UNKNOWN_ACCOUNT ? "no single account in aws:allowedAccountIds" : "no aws:region"}: its DMS resources are counted under "${p.account}, ${p.region}" with the other unplaced stacks, not with the account they deploy to; set ${p.account === UNKNOWN_ACCOUNT ? "aws:allowedAccountIds to the one account" : "aws:region"}`,
    );
  const limitOf = (account: string, region: string, quota: DmsQuotaName) => {
    const declared = raised.find((r) => r.account === account && r.region === region && r.quotas[quota] !== undefined);
    const value = declared?.quotas[quota];
    return value !== undefined ? { limit: value, raised: true } : { limit: DMS_QUOTAS[quota].default, raised: false };
  };
  const findings: QuotaFinding[] = [];
  const judge = (
    quota: DmsQuotaName,
    account: string,
    region: string,
    counted: ReadonlyArray<{ key: string; plan: StackPlan; count: number }>,
    instance?: string,
  ) => {
    const count = counted.reduce((n, c) => n + c.count, 0);
    const { limit, raised: isRaised } = limitOf(account, region, quota);
    if (count <= WARN_SHARE * limit) return;
    const level = count > limit ? "problem" : "warning";
    const spec = DMS_QUOTAS[quota];
    const where = `account ${account}, ${region}${instance ? `, replication instance ${instance}` : ""}`;
    const from = counted
      .filter((c) => c.count > 0)
      .map((c) => `${shown(c.plan)} ${c.count}`)
      .join(", ");
    const quotaText = `"${spec.guide}" (${quota}) is ${limit}${isRaised ? " (raised: dms-platform-foundation:quotas)" : " (the default, DMS User Guide, Quotas)"}`;
    const fix =
      level === "problem"
        ? spec.perInstance
          ? `AWS refuses the create past the quota and \`pulumi up\` fails there: move migrations to another replication instance, or request a quota increase (Service Quotas, AWS DMS) and record the granted value as dms-platform-foundation:quotas.${quota} in the foundation stack file of that account`
          : `AWS refuses the create past the quota and \`pulumi up\` fails there: request a quota increase (Service Quotas, AWS DMS) and record the granted value as dms-platform-foundation:quotas.${quota} in the foundation stack file of that account, or spread the migrations over another account or region`
        : `above ${Math.round(WARN_SHARE * 100)} % of it: request an increase before the next migrations (dms-platform-foundation:quotas.${quota} once granted)`;
    findings.push({
      level,
      quota,
      account,
      region,
      ...(instance ? { instance } : {}),
      count,
      limit,
      raised: isRaised,
      plans: counted.filter((c) => c.count > 0).map((c) => c.key),
      message: `${where}: ${count} counted against ${quotaText}, from ${from}: ${fix}`,
    });
  };

  const groups = new Map<string, Placed[]>();
  for (const p of placed) {
    const group = `${p.account}\u0000${p.region}`;
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  for (const members of groups.values()) {
    const { account, region } = members[0] as Placed;
    for (const { quota, counts } of ACCOUNT_QUOTAS) {
      judge(
        quota,
        account,
        region,
        members.map((m) => ({ key: m.key, plan: m.plan, count: created(m.plan).filter((r) => counts(r.type)).length })),
      );
    }
    // Per replication instance: its tasks, and the endpoints they use. An instance is the stack's own
    // (the task depends on it) or one read by ARN (then keyed by that ARN, across stacks).
    const perInstance = new Map<string, { name: string; tasks: Map<Placed, number>; endpoints: Set<string> }>();
    for (const m of members) {
      const resources = created(m.plan);
      const instances = new Map(resources.filter((r) => r.type === INSTANCE).map((r) => [r.urn, r]));
      for (const task of resources.filter((r) => r.type === TASK)) {
        const urn = (task.propertyDependencies.replicationInstanceArn ?? []).find((u) => instances.has(u));
        const arn = task.inputs.replicationInstanceArn;
        const key = urn ?? (typeof arn === "string" ? arn : undefined);
        if (!key) continue;
        const instance = urn ? instances.get(urn) : undefined;
        const name = String(instance?.inputs.replicationInstanceId ?? instance?.name ?? key);
        const entry = perInstance.get(key) ?? { name, tasks: new Map(), endpoints: new Set<string>() };
        entry.tasks.set(m, (entry.tasks.get(m) ?? 0) + 1);
        for (const k of ["sourceEndpointArn", "targetEndpointArn"]) {
          const dep = (task.propertyDependencies[k] ?? [])[0];
          const value = task.inputs[k];
          const endpoint = dep ?? (typeof value === "string" ? value : undefined);
          if (endpoint) entry.endpoints.add(endpoint);
        }
        perInstance.set(key, entry);
      }
    }
    for (const { name, tasks, endpoints } of perInstance.values()) {
      const counted = [...tasks].map(([m, count]) => ({ key: m.key, plan: m.plan, count }));
      judge("tasksPerInstance", account, region, counted, name);
      // The endpoints are counted once each; attributed to the plans whose tasks use them.
      const byPlan = [...tasks.keys()].map((m) => ({
        key: m.key,
        plan: m.plan,
        count: [...endpoints].filter((e) => created(m.plan).some((r) => r.urn === e)).length,
      }));
      const attributed = byPlan.reduce((n, c) => n + c.count, 0);
      const others = endpoints.size - attributed;
      const first = byPlan[0];
      judge(
        "endpointsPerInstance",
        account,
        region,
        first && others > 0 ? [{ ...first, count: first.count + others }, ...byPlan.slice(1)] : byPlan,
        name,
      );
    }
  }
  return { findings, unplaced };
}
