import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { show } from "../lib/values.js";

export const vpcFlowLogsEnabled = stackPolicy({
  name: "vpc-flow-logs-enabled",
  concern: "network",
  description:
    'Every VPC the stack creates has a flow log (aws.ec2.FlowLog with vpcId set to it) recording at least rejected traffic (trafficType "ALL" or "REJECT"): the record that tells a blocked DMS endpoint connection from a DNS or route problem.',
  control: "Security Hub EC2.6; checkov CKV2_AWS_11",
  enforcementLevel: "mandatory",
  types: [T.vpc],
  validate: (args, report) => {
    const flowLogs = args.resources.filter((r) => r.type === T.flowLog);
    for (const vpc of args.resources) {
      if (vpc.type !== T.vpc) continue;
      const own = flowLogs.filter((f) => f.propertyDependencies.vpcId?.includes(vpc));
      if (own.length === 0) {
        report('no aws.ec2.FlowLog has vpcId set to this VPC; add one with trafficType: "ALL"', vpc.urn);
        continue;
      }
      if (!own.some((f) => f.props.trafficType === "ALL" || f.props.trafficType === "REJECT")) {
        const types = own.map((f) => show(f.props.trafficType)).join(", ");
        report(`the VPC's flow logs record trafficType ${types}; set trafficType: "ALL" (or "REJECT")`, vpc.urn);
      }
    }
  },
});
