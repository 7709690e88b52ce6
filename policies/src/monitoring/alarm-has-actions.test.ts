import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { alarmHasActions } from "./alarm-has-actions.js";

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:prod-orders-alerts";

describePolicy(alarmHasActions, {
  passes: [
    { title: "an alarm notifying a topic", fixture: { type: T.metricAlarm, inputs: { alarmActions: [TOPIC] } } },
  ],
  fails: [
    {
      title: "an alarm without actions",
      fixture: { type: T.metricAlarm, inputs: { metricName: "CDCLatencyTarget" } },
      messages: ["alarmActions is not set; set alarmActions to an SNS topic ARN so the alarm notifies someone"],
    },
    {
      title: "an alarm with actions disabled and an empty list",
      fixture: { type: T.metricAlarm, inputs: { actionsEnabled: false, alarmActions: [] } },
      messages: [
        "actionsEnabled is false; set actionsEnabled: true (or leave it unset)",
        "alarmActions is []; set alarmActions to an SNS topic ARN so the alarm notifies someone",
      ],
    },
  ],
  unknown: { fixture: { type: T.metricAlarm, inputs: { alarmActions: UNKNOWN } }, path: "alarmActions" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
