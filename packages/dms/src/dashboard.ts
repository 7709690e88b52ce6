import type { AlarmThresholds } from "@dms-platform/config";
import { z } from "zod";
import {
  type AlarmSpec,
  DMS_NAMESPACE,
  hasCdc,
  INSTANCE_DIMENSION,
  instanceAlarmSpecs,
  SERVERLESS_DIMENSION,
  SERVERLESS_METRICS,
  serverlessAlarmSpecs,
  TASK_DIMENSION,
  taskAlarmSpecs,
} from "./alarms.js";

/**
 * The migration's CloudWatch dashboard, decided here and declared by DmsReplication. Metric names
 * and dimensions are the DMS user guide's (awsdocs/aws-dms-user-guide doc_source/CHAP_Monitoring.md,
 * "Replication Instance Metrics" and "Replication Task Metrics"); the dimensions are the ones the
 * alarms use (alarms.ts). The body follows CloudWatch's "Dashboard Body Structure and Syntax"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html)
 * and is checked against `dashboardBodySchema` before it is returned.
 */

/** One task (instance) or Serverless replication as the dashboard shows it. */
export interface DashboardTask {
  /** The task's name in the migration definition (widget titles). */
  name: string;
  migrationType: string;
  /**
   * Instance task: the task's resource id (the last part of its ARN, the ReplicationTaskIdentifier
   * dimension). Serverless: `<account id>:<config resource id>` (serverlessMetricId of the config's
   * ARN, the SERVERLESS_DIMENSION value).
   */
  metricId: string;
}

export interface DashboardPlan {
  /** The region the metrics live in (a metric widget must name it). */
  region: string;
  /** Shown in the header: application and environment. */
  application: string;
  environment: string;
  capacity: { kind: "instance"; replicationInstanceId: string } | { kind: "serverless" };
  tasks: ReadonlyArray<DashboardTask>;
  /** The profile's alarm thresholds, drawn as horizontal annotations. */
  thresholds: AlarmThresholds;
}

// --- The documented body structure (the parts this platform writes, strictly) -----------------

const nonEmpty = z.string().min(1);
/** Rendering properties: the optional last element of a metric array. */
const renderingSchema = z
  .object({
    accountId: nonEmpty.optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "a six-digit hex color such as #d62728")
      .optional(),
    expression: nonEmpty.optional(),
    id: z
      .string()
      .regex(/^[a-z][A-Za-z0-9_]*$/, "starts with a lowercase letter, then letters, digits and underscores")
      .optional(),
    label: z.string().optional(),
    period: z.number().int().positive().optional(),
    region: nonEmpty.optional(),
    stat: nonEmpty.optional(),
    visible: z.boolean().optional(),
    yAxis: z.enum(["left", "right"]).optional(),
  })
  .strict();

/**
 * `[Namespace, MetricName, DimName, DimValue, ..., {rendering}]`: strings then an optional rendering
 * object; dimension names and values come in pairs ("." repeats the previous row's value).
 */
const metricRowSchema = z
  .array(z.union([z.string(), renderingSchema]))
  .min(1)
  .superRefine((row, ctx) => {
    const last = row.at(-1);
    const strings = typeof last === "object" ? row.slice(0, -1) : row;
    if (strings.some((v) => typeof v !== "string")) {
      ctx.addIssue({ code: "custom", message: "only the last element may be a rendering-properties object" });
      return;
    }
    const isExpression = typeof last === "object" && last.expression !== undefined;
    if (isExpression) return;
    if (strings.length < 2 || strings.length % 2 !== 0) {
      ctx.addIssue({
        code: "custom",
        message: `a metric is namespace, metric name, then dimension name/value pairs (got ${strings.length} strings)`,
      });
    }
  });

const horizontalAnnotationSchema = z
  .object({
    value: z.number(),
    label: z.string().optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    fill: z.enum(["above", "below", "between"]).optional(),
    visible: z.boolean().optional(),
    yAxis: z.enum(["left", "right"]).optional(),
  })
  .strict();

const axisSchema = z
  .object({
    min: z.number().optional(),
    max: z.number().optional(),
    label: z.string().optional(),
    showUnits: z.boolean().optional(),
  })
  .strict();

// A period is 1, 5, 10, 30 (high resolution) or a multiple of 60 seconds.
const periodSchema = z
  .number()
  .int()
  .refine((p) => [1, 5, 10, 30].includes(p) || (p > 0 && p % 60 === 0), "1, 5, 10, 30 or a multiple of 60");

/**
 * CloudWatch's dashboard quotas (CloudWatch User Guide, "CloudWatch service quotas", Dashboards:
 * "Up to 500 widgets per dashboard. Up to 500 metrics per dashboard widget. Up to 2500 metrics per
 * dashboard, across all widgets."). A metric row counts once, an expression row too.
 */
export const DASHBOARD_LIMITS = { widgets: 500, metricsPerWidget: 500, metricsPerDashboard: 2500 } as const;

const metricPropertiesSchema = z
  .object({
    metrics: z
      .array(metricRowSchema)
      .min(1)
      .max(
        DASHBOARD_LIMITS.metricsPerWidget,
        `CloudWatch allows at most ${DASHBOARD_LIMITS.metricsPerWidget} metrics on a dashboard widget`,
      ),
    region: nonEmpty,
    title: z.string().optional(),
    view: z.enum(["timeSeries", "singleValue", "gauge", "bar", "pie"]).optional(),
    stacked: z.boolean().optional(),
    stat: nonEmpty.optional(),
    period: periodSchema.optional(),
    liveData: z.boolean().optional(),
    legend: z
      .object({ position: z.enum(["bottom", "right", "hidden"]) })
      .strict()
      .optional(),
    annotations: z
      .object({
        horizontal: z
          .array(
            z.union([horizontalAnnotationSchema, z.tuple([horizontalAnnotationSchema, horizontalAnnotationSchema])]),
          )
          .optional(),
        vertical: z.array(z.record(z.string(), z.unknown())).optional(),
      })
      .strict()
      .optional(),
    yAxis: z.object({ left: axisSchema.optional(), right: axisSchema.optional() }).strict().optional(),
  })
  .strict();

const textPropertiesSchema = z
  .object({ markdown: z.string(), background: z.enum(["solid", "transparent"]).optional() })
  .strict();

const position = {
  // The grid is 24 columns wide; widths 1-24, heights 1-1000 (default 6).
  x: z.number().int().min(0).max(23).optional(),
  y: z.number().int().min(0).optional(),
  width: z.number().int().min(1).max(24).optional(),
  height: z.number().int().min(1).max(1000).optional(),
};

const widgetSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("metric"), ...position, properties: metricPropertiesSchema }).strict(),
    z.object({ type: z.literal("text"), ...position, properties: textPropertiesSchema }).strict(),
  ])
  .refine((w) => (w.x ?? 0) + (w.width ?? 6) <= 24, "x + width must fit the 24-column grid");

/** The dashboard body as CloudWatch documents it: 0 to 500 widgets, an optional time range. */
export const dashboardBodySchema = z
  .object({
    start: z.string().optional(),
    end: z.string().optional(),
    periodOverride: z.enum(["auto", "inherit"]).optional(),
    widgets: z
      .array(widgetSchema)
      .max(DASHBOARD_LIMITS.widgets, `CloudWatch allows at most ${DASHBOARD_LIMITS.widgets} widgets on a dashboard`)
      .superRefine((widgets, ctx) => {
        const metrics = widgets.reduce((sum, w) => sum + (w.type === "metric" ? w.properties.metrics.length : 0), 0);
        if (metrics > DASHBOARD_LIMITS.metricsPerDashboard) {
          ctx.addIssue({
            code: "custom",
            message: `CloudWatch allows at most ${DASHBOARD_LIMITS.metricsPerDashboard} metrics on a dashboard, across all widgets (got ${metrics})`,
          });
        }
      }),
  })
  .strict();

export type DashboardBody = z.infer<typeof dashboardBodySchema>;
export type DashboardWidget = DashboardBody["widgets"][number];

/** A dashboard body that breaks the documented structure; names the JSON path and the rule. */
export class DashboardBodyError extends Error {
  override readonly name = "DashboardBodyError";
  constructor(
    readonly path: string,
    readonly rule: string,
  ) {
    super(`dashboard body: ${path}: ${rule}`);
  }
}

/** Parse a body (object or JSON text) against the documented structure; throws DashboardBodyError. */
export function parseDashboardBody(body: unknown): DashboardBody {
  const value = typeof body === "string" ? (JSON.parse(body) as unknown) : body;
  const result = dashboardBodySchema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = (issue?.path ?? []).map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  throw new DashboardBodyError(path === "" ? "(root)" : path.replace(/^\./, ""), issue?.message ?? "invalid");
}

// --- Deciding the widgets ------------------------------------------------------------------

const WIDTH = 6;
const HEIGHT = 6;
const ALARM_COLOR = "#d62728";
/** Graph period: one-minute points while a migration is watched (the alarms keep their own period). */
const PERIOD = 60;

type MetricRow = Array<string | z.infer<typeof renderingSchema>>;

function annotation(spec: AlarmSpec) {
  const above = spec.comparisonOperator === "GreaterThanThreshold";
  return {
    value: spec.threshold,
    label: `alarm: ${above ? ">" : "<"} ${spec.threshold}`,
    color: ALARM_COLOR,
    fill: above ? ("above" as const) : ("below" as const),
  };
}

interface WidgetDraft {
  title: string;
  metrics: MetricRow[];
  stat: string;
  annotations?: AlarmSpec[];
  /** Label of the left (and right, when some metric uses it) axis. */
  left: string;
  right?: string;
}

/** The dimensions of a task's metrics, as the alarms use them. */
function taskDimensions(plan: DashboardPlan, task: DashboardTask): string[] {
  return plan.capacity.kind === "instance"
    ? [INSTANCE_DIMENSION, plan.capacity.replicationInstanceId, TASK_DIMENSION, task.metricId]
    : [SERVERLESS_DIMENSION, task.metricId];
}

/** Whether the task's capacity publishes a metric (Serverless publishes fewer: SERVERLESS_METRICS). */
function published(plan: DashboardPlan, metricName: string): boolean {
  return plan.capacity.kind === "instance" || SERVERLESS_METRICS.has(metricName);
}

function taskWidgets(plan: DashboardPlan, task: DashboardTask): WidgetDraft[] {
  const dims = taskDimensions(plan, task);
  const m = (metricName: string, label: string, yAxis: "left" | "right" = "left"): MetricRow => [
    DMS_NAMESPACE,
    metricName,
    ...dims,
    { label, ...(yAxis === "right" ? { yAxis } : {}) },
  ];
  const widgets: WidgetDraft[] = [];
  const specs =
    plan.capacity.kind === "instance"
      ? taskAlarmSpecs(task.name, task.migrationType, plan.thresholds)
      : serverlessAlarmSpecs(task.name, task.migrationType, plan.thresholds);
  if (task.migrationType !== "cdc") {
    widgets.push({
      title: `${task.name}: full-load throughput`,
      stat: "Average",
      metrics: [
        m("FullLoadThroughputRowsSource", "rows/s from source"),
        m("FullLoadThroughputRowsTarget", "rows/s to target"),
        m("FullLoadThroughputBandwidthSource", "KB/s from source", "right"),
        m("FullLoadThroughputBandwidthTarget", "KB/s to target", "right"),
      ],
      left: "rows/s",
      right: "KB/s",
    });
  }
  if (hasCdc(task.migrationType)) {
    widgets.push(
      {
        title: `${task.name}: CDC latency`,
        stat: "Maximum",
        metrics: [m("CDCLatencySource", "source latency"), m("CDCLatencyTarget", "target latency")],
        annotations: specs.filter((s) => s.metricName === "CDCLatencySource"),
        left: "seconds",
      },
      {
        title: `${task.name}: CDC throughput`,
        stat: "Average",
        metrics: [
          m("CDCThroughputRowsSource", "rows/s from source"),
          m("CDCThroughputRowsTarget", "rows/s to target"),
          m("CDCThroughputBandwidthSource", "KB/s from source", "right"),
          m("CDCThroughputBandwidthTarget", "KB/s to target", "right"),
        ],
        left: "rows/s",
        right: "KB/s",
      },
      {
        title: `${task.name}: CDC incoming changes`,
        stat: "Maximum",
        metrics: [m("CDCIncomingChanges", "changes waiting to be applied")],
        left: "changes",
      },
    );
  }
  if (plan.capacity.kind === "serverless") {
    widgets.push({
      title: `${task.name}: capacity utilization`,
      stat: "Average",
      metrics: [m("CapacityUtilization", "capacity used"), m("CPUUtilization", "CPU used")],
      annotations: specs.filter((s) => s.metricName === "CapacityUtilization"),
      left: "percent",
    });
  }
  // Plot only what the capacity publishes; a widget left with no metric is dropped.
  return widgets
    .map((w) => ({ ...w, metrics: w.metrics.filter((r) => published(plan, String(r[1]))) }))
    .filter((w) => w.metrics.length > 0);
}

function instanceWidgets(plan: DashboardPlan, replicationInstanceId: string): WidgetDraft[] {
  const specs = instanceAlarmSpecs(plan.thresholds);
  const m = (metricName: string, label: string): MetricRow => [
    DMS_NAMESPACE,
    metricName,
    INSTANCE_DIMENSION,
    replicationInstanceId,
    { label },
  ];
  const of = (metricName: string) => specs.filter((s) => s.metricName === metricName);
  return [
    {
      title: "replication instance: CPU",
      stat: "Average",
      metrics: [m("CPUUtilization", "CPU")],
      annotations: of("CPUUtilization"),
      left: "percent",
    },
    {
      title: "replication instance: freeable memory",
      stat: "Average",
      metrics: [m("FreeableMemory", "freeable memory")],
      annotations: of("FreeableMemory"),
      left: "bytes",
    },
    {
      title: "replication instance: free storage",
      stat: "Average",
      metrics: [m("FreeStorageSpace", "free storage")],
      annotations: of("FreeStorageSpace"),
      left: "bytes",
    },
    {
      // No alarm: swap that grows or fluctuates means the instance is too small (CHAP_Monitoring.md).
      title: "replication instance: swap usage",
      stat: "Average",
      metrics: [m("SwapUsage", "swap used")],
      left: "bytes",
    },
  ];
}

function header(plan: DashboardPlan, layout: DashboardLayout = "per-task"): string {
  const capacity =
    plan.capacity.kind === "instance"
      ? `replication instance \`${plan.capacity.replicationInstanceId}\``
      : "DMS Serverless";
  const t = plan.thresholds;
  return [
    `# DMS migration ${plan.application} (${plan.environment})`,
    `${plan.tasks.length} task(s) on ${capacity}. Red lines are the alarm thresholds (CDC latency ${t.cdcLatencySeconds} s, alarm period ${t.periodSeconds} s x ${t.evaluationPeriods}).`,
    "Before cutover run `npm run cutover-check` (docs/runbook.md); `npm run status` shows the tables.",
    ...(layout === "per-task"
      ? []
      : [
          layout === "per-metric"
            ? "Too many tasks for a widget each (CloudWatch allows 500 widgets): one widget per metric, a line per task."
            : "Too many tasks for one line each (CloudWatch allows 2,500 metrics): one SEARCH per metric over the replication instance; lines are task resource ids (`npm run status` maps them).",
        ]),
  ].join("\n\n");
}

/**
 * How a dashboard shows its tasks, from the most detailed to the most compact; `dashboardBody`
 * takes the first whose body fits CloudWatch's quotas (DASHBOARD_LIMITS):
 * - `per-task`: four widgets a task (about 120 instance or 100 Serverless tasks fit);
 * - `per-metric`: one widget per metric, a line per task, explicit metrics (rows/s only, no
 *   bandwidth): at most 8 metrics a task, so 200 tasks (the DMS quota per replication instance)
 *   fit in 1,600 of the 2,500 metrics a dashboard may hold, instance or Serverless;
 * - `search` (instance only): one widget per metric, each a single SEARCH expression over the
 *   migration's own replication instance (CloudWatch User Guide, "CloudWatch search expression
 *   syntax": `SEARCH('{Namespace,Dim1,Dim2} SearchTerm', 'Statistic', Period)`, exact match with
 *   `Name="value"`), so any number of tasks fits; its lines are labelled by task resource id, and
 *   a search finds only metrics that reported in the last two weeks ("Use search expressions in graphs").
 */
export type DashboardLayout = "per-task" | "per-metric" | "search";

/** A metric shown across all tasks in the compact layouts. */
interface FleetMetric {
  metricName: string;
  title: string;
  stat: string;
  unit: string;
  applies: (migrationType: string, plan: DashboardPlan) => boolean;
}

const FLEET_METRICS: readonly FleetMetric[] = [
  {
    metricName: "CDCLatencySource",
    title: "CDC latency, source",
    stat: "Maximum",
    unit: "seconds",
    applies: (t) => hasCdc(t),
  },
  {
    metricName: "CDCLatencyTarget",
    title: "CDC latency, target",
    stat: "Maximum",
    unit: "seconds",
    applies: (t) => hasCdc(t),
  },
  {
    metricName: "CDCIncomingChanges",
    title: "CDC incoming changes",
    stat: "Maximum",
    unit: "changes",
    applies: (t) => hasCdc(t),
  },
  {
    metricName: "CDCThroughputRowsSource",
    title: "CDC rows/s from source",
    stat: "Average",
    unit: "rows/s",
    applies: (t) => hasCdc(t),
  },
  {
    metricName: "CDCThroughputRowsTarget",
    title: "CDC rows/s to target",
    stat: "Average",
    unit: "rows/s",
    applies: (t) => hasCdc(t),
  },
  {
    metricName: "FullLoadThroughputRowsSource",
    title: "full-load rows/s from source",
    stat: "Average",
    unit: "rows/s",
    applies: (t) => t !== "cdc",
  },
  {
    metricName: "FullLoadThroughputRowsTarget",
    title: "full-load rows/s to target",
    stat: "Average",
    unit: "rows/s",
    applies: (t) => t !== "cdc",
  },
  {
    metricName: "CapacityUtilization",
    title: "capacity utilization",
    stat: "Average",
    unit: "percent",
    applies: (_t, plan) => plan.capacity.kind === "serverless",
  },
];

/** The alarm specs of a metric (the first task's: every task has the same thresholds). */
function fleetAnnotations(plan: DashboardPlan, metricName: string): AlarmSpec[] {
  const specs =
    plan.capacity.kind === "instance"
      ? taskAlarmSpecs("task", "full-load-and-cdc", plan.thresholds)
      : serverlessAlarmSpecs("task", "full-load-and-cdc", plan.thresholds);
  return specs.filter((s) => s.metricName === metricName);
}

function fleetWidgets(plan: DashboardPlan, layout: "per-metric" | "search"): WidgetDraft[] {
  const drafts: WidgetDraft[] = [];
  for (const metric of FLEET_METRICS) {
    if (!published(plan, metric.metricName)) continue;
    const tasks = plan.tasks.filter((t) => metric.applies(t.migrationType, plan));
    if (tasks.length === 0) continue;
    let metrics: MetricRow[];
    if (layout === "search") {
      if (plan.capacity.kind !== "instance") return [];
      const id = plan.capacity.replicationInstanceId;
      const query = `{${DMS_NAMESPACE},${INSTANCE_DIMENSION},${TASK_DIMENSION}} ${INSTANCE_DIMENSION}="${id}" MetricName="${metric.metricName}"`;
      metrics = [[{ expression: `SEARCH('${query}', '${metric.stat}', ${PERIOD})`, id: "tasks", label: "" }]];
    } else {
      metrics = tasks.map((task) => [
        DMS_NAMESPACE,
        metric.metricName,
        ...taskDimensions(plan, task),
        { label: task.name },
      ]);
    }
    drafts.push({
      title: `${metric.title} (${tasks.length} task(s))`,
      stat: metric.stat,
      metrics,
      annotations: fleetAnnotations(plan, metric.metricName),
      left: metric.unit,
    });
  }
  return drafts;
}

/**
 * The dashboard of one migration: a header, then the tasks (per `layout`), then for an instance
 * its CPU, freeable memory, free storage (with the alarms' thresholds) and swap. In the per-task
 * layout every task has its full-load throughput, CDC latency (with the latency alarm's
 * threshold), CDC throughput and incoming changes (and for Serverless its capacity utilization).
 * Rows of four widgets on the 24-column grid; each task starts a new row. Validated against the
 * documented structure and quotas.
 */
export function dashboardBodyWithLayout(plan: DashboardPlan, layout: DashboardLayout): DashboardBody {
  const widgets: DashboardWidget[] = [
    { type: "text", x: 0, y: 0, width: 24, height: 3, properties: { markdown: header(plan, layout) } },
  ];
  let y = 3;
  const row = (drafts: WidgetDraft[]) => {
    drafts.forEach((d, i) => {
      const x = (i % 4) * WIDTH;
      if (i > 0 && x === 0) y += HEIGHT;
      const rightUsed = d.metrics.some((r) => r.some((e) => typeof e === "object" && e.yAxis === "right"));
      widgets.push({
        type: "metric",
        x,
        y,
        width: WIDTH,
        height: HEIGHT,
        properties: {
          title: d.title,
          region: plan.region,
          view: "timeSeries",
          stacked: false,
          stat: d.stat,
          period: PERIOD,
          metrics: d.metrics,
          ...(d.annotations && d.annotations.length > 0
            ? { annotations: { horizontal: d.annotations.map(annotation) } }
            : {}),
          yAxis: {
            left: { label: d.left, showUnits: false, min: 0 },
            ...(rightUsed && d.right ? { right: { label: d.right, showUnits: false, min: 0 } } : {}),
          },
        },
      });
    });
    if (drafts.length > 0) y += HEIGHT;
  };
  if (layout === "per-task") for (const task of plan.tasks) row(taskWidgets(plan, task));
  else row(fleetWidgets(plan, layout));
  if (plan.capacity.kind === "instance") row(instanceWidgets(plan, plan.capacity.replicationInstanceId));
  return parseDashboardBody({ start: "-PT6H", periodOverride: "inherit", widgets });
}

/** The layouts a plan may use, most detailed first (`search` needs a replication instance). */
export function dashboardLayouts(plan: Pick<DashboardPlan, "capacity">): DashboardLayout[] {
  return plan.capacity.kind === "instance" ? ["per-task", "per-metric", "search"] : ["per-task", "per-metric"];
}

/**
 * The most detailed body that fits CloudWatch's quotas; when none does, the last layout's
 * DashboardBodyError (naming the quota) is thrown.
 */
export function dashboardBody(plan: DashboardPlan): DashboardBody {
  const layouts = dashboardLayouts(plan);
  let last: unknown;
  for (const layout of layouts) {
    try {
      return dashboardBodyWithLayout(plan, layout);
    } catch (err) {
      if (!(err instanceof DashboardBodyError)) throw err;
      last = err;
    }
  }
  throw last;
}

/** The titles of a body's metric widgets, in order (what the plan lists). */
export function dashboardWidgetTitles(body: DashboardBody): string[] {
  return body.widgets.flatMap((w) => (w.type === "metric" && w.properties.title ? [w.properties.title] : []));
}
