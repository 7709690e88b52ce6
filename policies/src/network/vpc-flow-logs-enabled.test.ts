import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { vpcFlowLogsEnabled } from "./vpc-flow-logs-enabled.js";

const vpc: ResourceSpec = { type: T.vpc, name: "vpc", inputs: { cidrBlock: "10.0.0.0/16" } };
const flowLog = (trafficType: unknown, name = "flow-log"): ResourceSpec => ({
  type: T.flowLog,
  name,
  inputs: { vpcId: "vpc-0123456789abcdef0", trafficType, logDestinationType: "cloud-watch-logs" },
  propertyDependencies: { vpcId: ["vpc"] },
});

describePolicy(vpcFlowLogsEnabled, {
  passes: [
    { title: "a VPC with an ALL flow log", fixture: [vpc, flowLog("ALL")] },
    { title: "a VPC with a REJECT flow log", fixture: [vpc, flowLog("REJECT")] },
  ],
  fails: [
    {
      title: "a VPC without a flow log (one for an existing VPC does not count)",
      fixture: [vpc, { type: T.flowLog, name: "other", inputs: { vpcId: "vpc-existing", trafficType: "ALL" } }],
      messages: ['no aws.ec2.FlowLog has vpcId set to this VPC; add one with trafficType: "ALL"'],
    },
    {
      title: "a VPC logging accepted traffic only",
      fixture: [vpc, flowLog("ACCEPT")],
      messages: ['the VPC\'s flow logs record trafficType "ACCEPT"; set trafficType: "ALL" (or "REJECT")'],
    },
  ],
  unknown: { fixture: [vpc, flowLog(UNKNOWN)], path: "trafficType" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
