import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import { SERVERLESS_METRICS, serverlessMetricId } from "./alarms.js";
import {
  type DashboardBody,
  DashboardBodyError,
  type DashboardPlan,
  dashboardBody,
  dashboardWidgetTitles,
  parseDashboardBody,
} from "./dashboard.js";
import { dashboardName, dashboardUrl } from "./identifiers.js";

const prod = getProfile("prod").alarms;
const instancePlan: DashboardPlan = {
  region: "eu-west-1",
  application: "orders",
  environment: "prod",
  capacity: { kind: "instance", replicationInstanceId: "prod-orders-replication-dms" },
  tasks: [
    { name: "customers", migrationType: "full-load-and-cdc", metricId: "UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA" },
    { name: "archive", migrationType: "full-load", metricId: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" },
  ],
  thresholds: prod,
};

type MetricWidget = Extract<DashboardBody["widgets"][number], { type: "metric" }>;
function widget(body: DashboardBody, title: string): MetricWidget {
  const found = body.widgets.find((w): w is MetricWidget => w.type === "metric" && w.properties.title === title);
  assert.ok(found, `no widget "${title}"`);
  return found;
}
/** `metricName dimName=dimValue ...` of each metric of a widget. */
function metrics(w: MetricWidget): string[] {
  return w.properties.metrics.map((row) => {
    const strings = row.filter((e): e is string => typeof e === "string");
    const [ns, name, ...dims] = strings;
    const pairs: string[] = [];
    for (let i = 0; i < dims.length; i += 2) pairs.push(`${dims[i]}=${dims[i + 1]}`);
    return [`${ns}/${name}`, ...pairs].join(" ");
  });
}

describe("migration dashboard", () => {
  const body = dashboardBody(instancePlan);

  it("shows per task full-load throughput, CDC latency, CDC throughput and incoming changes, then the instance", () => {
    assert.deepEqual(dashboardWidgetTitles(body), [
      "customers: full-load throughput",
      "customers: CDC latency",
      "customers: CDC throughput",
      "customers: CDC incoming changes",
      "archive: full-load throughput",
      "replication instance: CPU",
      "replication instance: freeable memory",
      "replication instance: free storage",
      "replication instance: swap usage",
    ]);
  });

  it("addresses task metrics by instance identifier and task resource id, as DMS publishes them", () => {
    const task =
      "ReplicationInstanceIdentifier=prod-orders-replication-dms ReplicationTaskIdentifier=UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA";
    assert.deepEqual(metrics(widget(body, "customers: CDC latency")), [
      `AWS/DMS/CDCLatencySource ${task}`,
      `AWS/DMS/CDCLatencyTarget ${task}`,
    ]);
    assert.deepEqual(
      metrics(widget(body, "customers: CDC throughput")).map((m) => m.split(" ")[0]),
      [
        "AWS/DMS/CDCThroughputRowsSource",
        "AWS/DMS/CDCThroughputRowsTarget",
        "AWS/DMS/CDCThroughputBandwidthSource",
        "AWS/DMS/CDCThroughputBandwidthTarget",
      ],
    );
    assert.deepEqual(metrics(widget(body, "replication instance: swap usage")), [
      "AWS/DMS/SwapUsage ReplicationInstanceIdentifier=prod-orders-replication-dms",
    ]);
  });

  it("draws each alarm's threshold as a horizontal annotation on the side that alarms", () => {
    assert.deepEqual(widget(body, "customers: CDC latency").properties.annotations?.horizontal, [
      { value: 120, label: "alarm: > 120", color: "#d62728", fill: "above" },
    ]);
    assert.deepEqual(widget(body, "replication instance: freeable memory").properties.annotations?.horizontal, [
      { value: 1024 ** 3, label: `alarm: < ${1024 ** 3}`, color: "#d62728", fill: "below" },
    ]);
    assert.equal(widget(body, "replication instance: swap usage").properties.annotations, undefined);
  });

  it("lays widgets on the 24-column grid without overlap, each task on its own rows", () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      const { x = 0, y = 0, width = 6, height = 6 } = w;
      assert.ok(x + width <= 24);
      for (let i = x; i < x + width; i++)
        for (let j = y; j < y + height; j++) {
          assert.ok(!cells.has(`${i},${j}`), `widgets overlap at ${i},${j}`);
          cells.add(`${i},${j}`);
        }
    }
    assert.equal(widget(body, "archive: full-load throughput").x, 0, "the second task starts a row");
  });

  it("leaves out widgets a task's migration type does not publish", () => {
    const cdcOnly = dashboardBody({
      ...instancePlan,
      tasks: [{ name: "orders", migrationType: "cdc", metricId: "X" }],
    });
    assert.ok(!dashboardWidgetTitles(cdcOnly).includes("orders: full-load throughput"));
    assert.ok(dashboardWidgetTitles(cdcOnly).includes("orders: CDC latency"));
  });

  it("addresses a Serverless replication as <account>:<resource id> and plots only the metrics Serverless publishes", () => {
    const metricId = serverlessMetricId(
      "arn:aws:dms:eu-west-1:123456789012:replication-config:prod-orders-customers-dms",
    );
    const serverless = dashboardBody({
      ...instancePlan,
      capacity: { kind: "serverless" },
      tasks: [{ name: "customers", migrationType: "full-load-and-cdc", metricId }],
    });
    assert.deepEqual(metrics(widget(serverless, "customers: capacity utilization")), [
      "AWS/DMS/CapacityUtilization ReplicationConfigId=123456789012:prod-orders-customers-dms",
      "AWS/DMS/CPUUtilization ReplicationConfigId=123456789012:prod-orders-customers-dms",
    ]);
    assert.equal(widget(serverless, "customers: capacity utilization").properties.annotations?.horizontal?.length, 1);
    assert.deepEqual(
      metrics(widget(serverless, "customers: full-load throughput")).map((m) => m.split(" ")[0]),
      ["AWS/DMS/FullLoadThroughputRowsTarget", "AWS/DMS/FullLoadThroughputBandwidthTarget"],
    );
    const plotted = serverless.widgets.flatMap((w) =>
      w.type === "metric" ? w.properties.metrics.map((r) => String(r[1])) : [],
    );
    assert.deepEqual(
      plotted.filter((m) => !SERVERLESS_METRICS.has(m)),
      [],
      "a metric the Serverless metric list does not have",
    );
    assert.ok(!dashboardWidgetTitles(serverless).some((t) => t.startsWith("replication instance")));
  });

  it("serialises to a body that parses back unchanged", () => {
    assert.deepEqual(parseDashboardBody(JSON.stringify(body)), body);
  });

  it("names the dashboard by the naming rules and links the console of the region's partition", () => {
    const name = dashboardName({ environment: "prod", application: "orders" });
    assert.equal(name, "prod-orders-migration-dms");
    assert.equal(
      dashboardUrl("eu-west-1", name),
      "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/prod-orders-migration-dms",
    );
    assert.match(dashboardUrl("cn-north-1", name), /^https:\/\/console\.amazonaws\.cn\//);
  });
});

describe("dashboard body structure", () => {
  const metric = (properties: Record<string, unknown>, position: Record<string, number> = {}) => ({
    widgets: [{ type: "metric", x: 0, y: 0, width: 6, height: 6, ...position, properties }],
  });
  const ok = { region: "eu-west-1", metrics: [["AWS/DMS", "CPUUtilization", "ReplicationInstanceIdentifier", "x"]] };
  const refusal = (body: unknown): string => {
    try {
      parseDashboardBody(body);
    } catch (err) {
      assert.ok(err instanceof DashboardBodyError, String(err));
      return err.message;
    }
    assert.fail("the body should have been refused");
  };

  it("accepts the documented example shape", () => {
    assert.equal(parseDashboardBody(metric(ok)).widgets.length, 1);
  });

  it("refuses a metric widget without a region, naming the path", () => {
    assert.match(refusal(metric({ metrics: ok.metrics })), /^dashboard body: widgets\[0\]\.properties\.region: /);
  });

  it("refuses a widget that overflows the 24-column grid", () => {
    assert.match(refusal(metric(ok, { x: 20 })), /24-column grid/);
  });

  it("refuses a metric whose dimensions are not name/value pairs", () => {
    assert.match(
      refusal(metric({ ...ok, metrics: [["AWS/DMS", "CPUUtilization", "ReplicationInstanceIdentifier"]] })),
      /widgets\[0\]\.properties\.metrics\[0\]: a metric is namespace, metric name, then dimension name\/value pairs/,
    );
  });

  it("refuses a misspelt property instead of letting CloudWatch ignore it", () => {
    assert.match(refusal(metric({ ...ok, annotation: { horizontal: [] } })), /annotation/);
  });

  it("refuses a horizontal annotation without a value", () => {
    assert.match(refusal(metric({ ...ok, annotations: { horizontal: [{ label: "x" }] } })), /annotations/);
  });
});

describe("dashboards at the DMS quota", () => {
  const manyTasks = (count: number, kind: "instance" | "serverless"): DashboardPlan => ({
    ...instancePlan,
    capacity: kind === "instance" ? instancePlan.capacity : { kind: "serverless" },
    tasks: Array.from({ length: count }, (_, i) => ({
      name: `t${i}`,
      migrationType: "full-load-and-cdc",
      metricId: kind === "instance" ? `RESOURCEID${i}` : `123456789012:prod-orders-t${i}-dms`,
    })),
  });
  const metricCount = (body: DashboardBody) =>
    body.widgets.reduce((n, w) => n + (w.type === "metric" ? w.properties.metrics.length : 0), 0);

  it("keeps a widget per task while the migration fits CloudWatch's quotas", () => {
    const body = dashboardBody(manyTasks(100, "instance"));
    assert.equal(body.widgets.length, 1 + 100 * 4 + 4);
    assert.ok(widget(body, "t99: CDC latency"));
  });

  for (const kind of ["instance", "serverless"] as const) {
    it(`shows 200 ${kind} tasks (the DMS quota per instance) with one widget per metric and a line per task`, () => {
      const body = dashboardBody(manyTasks(200, kind));
      const latency = widget(body, "CDC latency, source (200 task(s))");
      assert.equal(latency.properties.metrics.length, 200);
      assert.deepEqual(
        metrics(latency)[199],
        kind === "instance"
          ? "AWS/DMS/CDCLatencySource ReplicationInstanceIdentifier=prod-orders-replication-dms ReplicationTaskIdentifier=RESOURCEID199"
          : "AWS/DMS/CDCLatencySource ReplicationConfigId=123456789012:prod-orders-t199-dms",
      );
      assert.equal(latency.properties.annotations?.horizontal?.length, 1, "the latency alarm's line");
      assert.ok(body.widgets.length <= 500);
      assert.ok(metricCount(body) <= 2500, `${metricCount(body)} metrics`);
      assert.match(
        String((body.widgets[0]?.properties as { markdown?: string } | undefined)?.markdown),
        /one widget per metric, a line per task/,
      );
    });
  }

  it("falls back to one SEARCH per metric over the instance when even a line per task is too many", () => {
    const body = dashboardBody(manyTasks(1000, "instance"));
    const latency = widget(body, "CDC latency, source (1000 task(s))");
    assert.deepEqual(latency.properties.metrics, [
      [
        {
          expression:
            "SEARCH('{AWS/DMS,ReplicationInstanceIdentifier,ReplicationTaskIdentifier} ReplicationInstanceIdentifier=\"prod-orders-replication-dms\" MetricName=\"CDCLatencySource\"', 'Maximum', 60)",
          id: "tasks",
          label: "",
        },
      ],
    ]);
    assert.ok(metricCount(body) < 20);
  });

  it("refuses a Serverless migration too large for any layout, naming the quota", () => {
    assert.throws(
      // Seven documented Serverless metrics a full-load-and-cdc task (SERVERLESS_METRICS): 360 x 7.
      () => dashboardBody(manyTasks(360, "serverless")),
      /dashboard body: widgets: CloudWatch allows at most 2500 metrics on a dashboard, across all widgets \(got 2520\)/,
    );
  });

  it("refuses more than 500 metrics on one widget", () => {
    const rows = Array.from({ length: 501 }, (_, i) => [
      "AWS/DMS",
      "CPUUtilization",
      "ReplicationInstanceIdentifier",
      `i${i}`,
    ]);
    assert.throws(
      () => parseDashboardBody({ widgets: [{ type: "metric", properties: { region: "eu-west-1", metrics: rows } }] }),
      /widgets\[0\]\.properties\.metrics: CloudWatch allows at most 500 metrics on a dashboard widget/,
    );
  });
});
