import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { defaultSecurityGroupNoRules } from "./default-security-group-no-rules.js";

describePolicy(defaultSecurityGroupNoRules, {
  passes: [
    {
      title: "a default group emptied of rules",
      fixture: { type: T.defaultSecurityGroup, inputs: { vpcId: "vpc-1", ingress: [], egress: [] } },
    },
  ],
  fails: [
    {
      title: "a default group keeping AWS's self-referencing ingress and open egress",
      fixture: {
        type: T.defaultSecurityGroup,
        inputs: {
          vpcId: "vpc-1",
          ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }],
          egress: [
            { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
            { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] },
          ],
        },
      },
      messages: [
        "ingress has 1 rule; set ingress: [] and egress: [] so the default security group admits nothing",
        "egress has 2 rules; set ingress: [] and egress: [] so the default security group admits nothing",
      ],
    },
  ],
  unknown: { fixture: { type: T.defaultSecurityGroup, inputs: { ingress: UNKNOWN } }, path: "ingress" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
