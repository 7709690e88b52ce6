import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray } from "../lib/values.js";

export const alarmHasActions = resourcePolicy({
  name: "alarm-has-actions",
  concern: "monitoring",
  description:
    "CloudWatch alarms (CDC latency, CPU, memory, storage) have actions enabled and at least one alarmActions target, so a lagging or failing migration reaches a person instead of turning a console widget red.",
  control: "Security Hub CloudWatch.15",
  enforcementLevel: "mandatory",
  types: [T.metricAlarm],
  validate: (props, _args, report) => {
    if (props.actionsEnabled === false) {
      report("actionsEnabled is false; set actionsEnabled: true (or leave it unset)");
    }
    if (asArray(props.alarmActions).length === 0) {
      report(
        `alarmActions is ${props.alarmActions === undefined ? "not set" : "[]"}; set alarmActions to an SNS topic ARN so the alarm notifies someone`,
      );
    }
  },
});
