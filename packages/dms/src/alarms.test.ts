import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import {
  instanceAlarmSpecs,
  serverlessAlarmSpecs,
  serverlessMetricId,
  taskAlarmSpecs,
  taskResourceId,
} from "./alarms.js";

const prod = getProfile("prod").alarms;

describe("alarm specs", () => {
  it("watch CDC latency of tasks that capture changes, with the profile's threshold and periods", () => {
    const specs = taskAlarmSpecs("customers", "full-load-and-cdc", prod);
    assert.deepEqual(
      specs.map((s) => [s.purpose, s.metricName, s.threshold, s.period, s.evaluationPeriods]),
      [
        ["customers-cdc-latency-source", "CDCLatencySource", 120, 60, 5],
        ["customers-cdc-latency-target", "CDCLatencyTarget", 120, 60, 5],
      ],
    );
    assert.deepEqual(taskAlarmSpecs("customers", "full-load", prod), [], "a full load has no CDC latency");
  });

  it("alarm on high CPU, low memory and low storage of an instance", () => {
    assert.deepEqual(
      instanceAlarmSpecs(prod).map((s) => `${s.metricName} ${s.comparisonOperator} ${s.threshold}`),
      [
        "CPUUtilization GreaterThanThreshold 80",
        "FreeableMemory LessThanThreshold 1073741824",
        "FreeStorageSpace LessThanThreshold 21474836480",
      ],
    );
  });

  it("watch capacity utilization of a Serverless replication", () => {
    assert.deepEqual(
      serverlessAlarmSpecs("customers", "cdc", prod).map((s) => s.metricName),
      ["CapacityUtilization", "CDCLatencySource", "CDCLatencyTarget"],
    );
  });

  it("count a Serverless period without data as missing, an instance's as not breaching", () => {
    assert.deepEqual(
      [...new Set(serverlessAlarmSpecs("customers", "cdc", prod).map((s) => s.treatMissingData))],
      ["missing"],
    );
    assert.deepEqual(
      [...new Set(taskAlarmSpecs("customers", "cdc", prod).map((s) => s.treatMissingData))],
      ["notBreaching"],
    );
  });

  it("address a Serverless replication as <account>:<resource id>, from its config's ARN", () => {
    assert.equal(
      serverlessMetricId("arn:aws:dms:eu-west-1:123456789012:replication-config:dev-dmslab-customers-dms"),
      "123456789012:dev-dmslab-customers-dms",
    );
    assert.equal(serverlessMetricId(""), "", "no ARN yet: no id");
  });

  it("take a task's dimension from the end of its ARN", () => {
    assert.equal(
      taskResourceId("arn:aws:dms:us-east-2:123456789012:task:UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA"),
      "UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA",
    );
  });
});
