import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { securityGroupNoInternetReach } from "./security-group-no-internet-reach.js";

const EGRESS_FIX =
  "allow egress only on the ports it needs, to the groups or networks that need them (the databases' ports, 443 to the VPC endpoints)";
const INGRESS_FIX = "list only the private or on-premises networks that need access";

/** A DMS replication instance using the group `dms-sg`. */
const dmsInstance: ResourceSpec = {
  type: T.dmsReplicationInstance,
  name: "replication",
  inputs: { vpcSecurityGroupIds: ["sg-1"] },
  propertyDependencies: { vpcSecurityGroupIds: ["dms-sg"] },
};
const dmsGroup = (inputs: Record<string, unknown> = {}, deps: Record<string, string[]> = {}): ResourceSpec => ({
  type: T.securityGroup,
  name: "dms-sg",
  inputs: { vpcId: "vpc-1", ...inputs },
  propertyDependencies: deps,
});
const egressRule = (inputs: Record<string, unknown>, deps: Record<string, string[]> = {}): ResourceSpec => ({
  type: T.vpcSecurityGroupEgressRule,
  name: "egress",
  inputs: { securityGroupId: "sg-1", ...inputs },
  propertyDependencies: { securityGroupId: ["dms-sg"], ...deps },
});
const prefixList = (cidrs: string[]): ResourceSpec => ({
  type: T.managedPrefixList,
  name: "partners",
  inputs: { addressFamily: "IPv4", maxEntries: 5, entries: cidrs.map((cidr) => ({ cidr })) },
});

describePolicy(securityGroupNoInternetReach, {
  passes: [
    {
      title: "the DMS group's egress to a database group and to the VPC on 443 (what DmsReplication declares)",
      fixture: [
        dmsInstance,
        dmsGroup(),
        egressRule({ ipProtocol: "tcp", fromPort: 3306, toPort: 3306, referencedSecurityGroupId: "sg-db" }),
        { ...egressRule({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.20.0.0/16" }), name: "https" },
      ],
    },
    {
      title: "all-port egress to the internet from a group no DMS or database uses",
      fixture: [
        {
          type: T.securityGroup,
          name: "bastion",
          inputs: { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
        },
      ],
    },
    {
      title: "port 443 egress to the internet from the DMS group (a public source or target)",
      fixture: [
        dmsInstance,
        dmsGroup(),
        egressRule({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }),
      ],
    },
    {
      title: "all-port egress from the DMS group to an on-premises range",
      fixture: [dmsInstance, dmsGroup(), egressRule({ ipProtocol: "-1", cidrIpv4: "172.16.0.0/12" })],
    },
    {
      title: "ingress through a prefix list of private and partner ranges",
      fixture: [
        prefixList(["10.0.0.0/8", "203.0.113.0/24"]),
        {
          type: T.securityGroupRule,
          name: "from-partners",
          inputs: { type: "ingress", protocol: "tcp", fromPort: 5432, toPort: 5432, prefixListIds: ["pl-1"] },
          propertyDependencies: { prefixListIds: ["partners"] },
        },
      ],
    },
    {
      title: "egress to an AWS-managed prefix list named by id (the S3 gateway endpoint's)",
      fixture: [
        dmsInstance,
        dmsGroup(),
        egressRule({ ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-6da54004" }),
      ],
    },
  ],
  fails: [
    {
      title: "all-port egress to 0.0.0.0/0 inline in the DMS group",
      fixture: [
        dmsInstance,
        dmsGroup({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }),
      ],
      messages: [
        `egress[0].cidrBlocks "0.0.0.0/0" reaches the internet on all protocols and ports, from the security group of the DMS replication instance "replication"; ${EGRESS_FIX}`,
      ],
    },
    {
      title: "TCP 0-65535 egress to ::/0 from a database's group (a rule resource)",
      fixture: [
        {
          type: T.rdsInstance,
          name: "target",
          inputs: { vpcSecurityGroupIds: ["sg-1"] },
          propertyDependencies: { vpcSecurityGroupIds: ["dms-sg"] },
        },
        dmsGroup(),
        {
          type: T.securityGroupRule,
          name: "all-out",
          inputs: {
            type: "egress",
            protocol: "tcp",
            fromPort: 0,
            toPort: 65535,
            ipv6CidrBlocks: ["::/0"],
            securityGroupId: "sg-1",
          },
          propertyDependencies: { securityGroupId: ["dms-sg"] },
        },
      ],
      messages: [
        `ipv6CidrBlocks "::/0" reaches the internet on ports 0-65535, from the security group of the RDS instance "target"; ${EGRESS_FIX}`,
      ],
    },
    {
      title: "all-port egress from a Serverless replication's group to a prefix list that reaches the internet",
      fixture: [
        {
          type: T.dmsReplicationConfig,
          name: "serverless",
          inputs: { computeConfig: { vpcSecurityGroupIds: ["sg-1"] } },
          propertyDependencies: { computeConfig: ["dms-sg"] },
        },
        prefixList(["0.0.0.0/1", "128.0.0.0/1"]),
        dmsGroup(),
        egressRule({ ipProtocol: "-1", prefixListId: "pl-1" }, { prefixListId: ["partners"] }),
      ],
      messages: [
        `prefixListId names the managed prefix list "partners", whose entries (0.0.0.0/1, 128.0.0.0/1) reach the internet on all protocols and ports, from the security group of the DMS Serverless replication "serverless"; ${EGRESS_FIX}`,
      ],
    },
    {
      title:
        "ingress to any group through a prefix list whose entries (one added as an entry resource) reach the internet",
      fixture: [
        prefixList(["10.0.0.0/8"]),
        {
          type: T.managedPrefixListEntry,
          name: "everyone",
          inputs: { cidr: "0.0.0.0/0", prefixListId: "pl-1" },
          propertyDependencies: { prefixListId: ["partners"] },
        },
        {
          type: T.securityGroup,
          name: "web",
          inputs: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: ["pl-1"] }] },
          propertyDependencies: { ingress: ["partners"] },
        },
      ],
      messages: [
        `ingress[0].prefixListIds names the managed prefix list "partners", whose entries (10.0.0.0/8, 0.0.0.0/0) reach the internet (port 22); ${INGRESS_FIX}`,
      ],
    },
  ],
  unknown: {
    fixture: [dmsInstance, dmsGroup(), egressRule({ ipProtocol: UNKNOWN, cidrIpv4: "0.0.0.0/0" })],
    path: "ipProtocol",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
