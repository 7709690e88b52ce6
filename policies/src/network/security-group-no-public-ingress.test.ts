import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { securityGroupNoPublicIngress } from "./security-group-no-public-ingress.js";

const FIX = "admit only the security groups or private CIDRs that need access";

describePolicy(securityGroupNoPublicIngress, {
  passes: [
    {
      title: "a database group admitting the DMS group on 3306",
      fixture: {
        type: T.securityGroup,
        inputs: {
          ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, securityGroups: ["sg-0123456789abcdef0"] }],
          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
      },
    },
    {
      title: "an egress rule to anywhere",
      fixture: {
        type: T.securityGroupRule,
        inputs: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      },
    },
    {
      title: "an on-premises range and a partner's public /24",
      fixture: {
        type: T.securityGroupRule,
        inputs: {
          type: "ingress",
          protocol: "tcp",
          fromPort: 3306,
          toPort: 3306,
          cidrBlocks: ["172.16.0.0/20", "203.0.113.0/24"],
        },
      },
    },
    {
      title: "a VPC ingress rule from a private range",
      fixture: {
        type: T.vpcSecurityGroupIngressRule,
        inputs: { cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 },
      },
    },
  ],
  fails: [
    {
      title: "a group open to the world on the database port, over IPv4 and IPv6",
      fixture: {
        type: T.securityGroup,
        inputs: {
          ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
          ],
        },
      },
      messages: [
        `ingress[1].cidrBlocks contains "0.0.0.0/0" (port 3306); ${FIX}`,
        `ingress[1].ipv6CidrBlocks contains "::/0" (port 3306); ${FIX}`,
      ],
    },
    {
      title: "an ingress rule open on every port",
      fixture: {
        type: T.securityGroupRule,
        inputs: { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      },
      messages: [`cidrBlocks contains "0.0.0.0/0" (all ports); ${FIX}`],
    },
    {
      title: "a VPC ingress rule from ::/0 on a port range",
      fixture: {
        type: T.vpcSecurityGroupIngressRule,
        inputs: { cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 1024, toPort: 2048 },
      },
      messages: [`cidrIpv6 is "::/0" (ports 1024-2048); ${FIX}`],
    },
    {
      title: "a database port open to two halves of the internet (0.0.0.0/1 + 128.0.0.0/1)",
      fixture: {
        type: T.securityGroup,
        inputs: {
          ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }],
        },
      },
      messages: [
        `ingress[0].cidrBlocks "0.0.0.0/1", "128.0.0.0/1" together reach the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses) (port 5432); ${FIX}`,
      ],
    },
    {
      title: "a rule whose public /9s together reach a /8 of the internet",
      fixture: {
        type: T.securityGroupRule,
        inputs: {
          type: "ingress",
          protocol: "tcp",
          fromPort: 3306,
          toPort: 3306,
          cidrBlocks: ["16.0.0.0/9", "16.128.0.0/9"],
        },
      },
      messages: [
        `cidrBlocks "16.0.0.0/9", "16.128.0.0/9" together reach the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses) (port 3306); ${FIX}`,
      ],
    },
  ],
  unknown: { fixture: { type: T.securityGroup, inputs: { ingress: UNKNOWN } }, path: "ingress" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
