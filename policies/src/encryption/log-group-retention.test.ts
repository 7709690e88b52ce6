import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { logGroupRetention } from "./log-group-retention.js";

const group = (retentionInDays?: unknown) => ({
  type: T.logGroup,
  inputs: retentionInDays === undefined ? { name: "/dms/tasks" } : { name: "/dms/tasks", retentionInDays },
});

describePolicy(logGroupRetention, {
  passes: [
    { title: "a year in prod", fixture: group(365) },
    { title: "30 days in dev", fixture: group(30), env: "dev" },
    { title: "90 days in test", fixture: group(90), env: "test" },
  ],
  fails: [
    {
      title: "90 days in prod",
      fixture: group(90),
      messages: ["retentionInDays is 90; set retentionInDays to at least 365"],
    },
    {
      title: "a group that never expires events, in dev",
      fixture: group(),
      env: "dev",
      messages: ["retentionInDays is not set (events never expire); set retentionInDays to at least 30"],
    },
  ],
  unknown: { fixture: group(UNKNOWN), path: "retentionInDays" },
  levelFixture: { fixture: group(1) },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
