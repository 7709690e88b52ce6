import { ConfigError, type EnvironmentProfile } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serverlessMetricId, taskResourceId } from "./alarms.js";
import type { DmsTaskArgs } from "./args.js";
import { DashboardBodyError, type DashboardPlan, type DashboardTask, dashboardBody } from "./dashboard.js";
import { dashboardName, dashboardUrl, type MigrationParts, replicationInstanceIdentifier } from "./identifiers.js";
import type { MonitoringContext } from "./monitoring.js";

type DashboardTasks = ReadonlyArray<Pick<DmsTaskArgs, "name" | "migrationType">>;

function dashboardPlan(
  parts: MigrationParts,
  profile: Pick<EnvironmentProfile, "alarms">,
  capacityKind: "instance" | "serverless",
  tasks: DashboardTasks,
  region: string,
  ids: readonly string[],
): DashboardPlan {
  return {
    region,
    application: parts.application,
    environment: parts.environment,
    capacity:
      capacityKind === "instance"
        ? { kind: "instance", replicationInstanceId: replicationInstanceIdentifier(parts) }
        : { kind: "serverless" },
    tasks: tasks.map(
      (task, i): DashboardTask => ({
        name: task.name,
        migrationType: task.migrationType,
        metricId: ids[i] ?? "",
      }),
    ),
    thresholds: profile.alarms,
  };
}

/**
 * Decide the dashboard with placeholder ids before any resource exists, so one CloudWatch would
 * refuse (over its widget or metric quotas in every layout dashboardBody knows) is a config error
 * at preview rather than a failure inside `up`.
 */
export function checkDashboard(
  where: string,
  parts: MigrationParts,
  profile: Pick<EnvironmentProfile, "alarms">,
  capacityKind: "instance" | "serverless",
  tasks: DashboardTasks,
): void {
  try {
    dashboardBody(
      dashboardPlan(
        parts,
        profile,
        capacityKind,
        tasks,
        "eu-west-1",
        tasks.map(() => "pending"),
      ),
    );
  } catch (err) {
    if (!(err instanceof DashboardBodyError)) throw err;
    throw new ConfigError(
      where,
      "tasks",
      `the migration's dashboard: ${err.path}: ${err.rule} (${tasks.length} tasks): split the tasks into two migrations (docs/migrations.md)`,
    );
  }
}

/**
 * The migration's CloudWatch dashboard (dashboard.ts decides its body). A dashboard takes no tags:
 * aws_cloudwatch_dashboard has no `tags` argument (terraform-provider-aws v6.x,
 * internal/service/cloudwatch/dashboard.go: dashboard_arn, dashboard_body, dashboard_name only).
 * CloudFormation's AWS::CloudWatch::Dashboard has lately gained `Tags` (CDK 2.274 CfnDashboardProps:
 * up to 50), while the CloudWatch API reference's TagResource still names only alarms and
 * Contributor Insights rules; until the provider has the argument the dashboard stays untagged, and
 * the tagging policies, which judge a type outside their list only when it sets `tags`, skip it.
 * `dashboard_name` is ForceNew there and the name is fixed by the naming rules: PutDashboard
 * overwrites a dashboard of the same name, so a create-before-delete replacement would be deleted
 * by its own predecessor's delete: delete first. `dashboard_body` is sdkv2.JSONDocumentSchemaRequired
 * (SuppressEquivalentJSONDocuments), so key order and whitespace as CloudWatch returns them show no diff.
 */
export function createDashboard(
  ctx: MonitoringContext,
  region: pulumi.Input<string>,
  capacityKind: "instance" | "serverless",
  tasks: DashboardTasks,
  taskArns: Record<string, pulumi.Output<string>>,
) {
  const name = dashboardName(ctx.parts);
  // Instance tasks publish under their resource id (the ARN's last part), Serverless replications
  // under `<account>:<resource id>` (alarms.ts): both read from the ARN, known once created.
  const metricIds = tasks.map((task) =>
    (taskArns[task.name] ?? pulumi.output("")).apply(capacityKind === "instance" ? taskResourceId : serverlessMetricId),
  );
  const body = pulumi
    .all([pulumi.output(region), pulumi.all(metricIds)])
    .apply(([r, ids]) =>
      JSON.stringify(dashboardBody(dashboardPlan(ctx.parts, ctx.profile, capacityKind, tasks, r, ids))),
    );
  const dashboard = new aws.cloudwatch.Dashboard(
    `${ctx.name}-dashboard`,
    { dashboardName: name, dashboardBody: body },
    { parent: ctx.parent, deleteBeforeReplace: true },
  );
  const url = pulumi.output(region).apply((r) => dashboardUrl(r, name));
  return { dashboard, url };
}
