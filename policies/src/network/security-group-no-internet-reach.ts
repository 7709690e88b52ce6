import { opensToInternet } from "@dms-platform/config";
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject } from "../lib/values.js";

/** One security group rule, wherever it is declared (inline in the group, or a rule resource). */
interface Rule {
  direction: "ingress" | "egress";
  /** The rule as written: `egress[0]` of a group, or a rule resource's own properties. */
  props: Record<string, unknown>;
  /** How a message names it: `egress[0]` (inline) or "" (a rule resource). */
  at: string;
  /** The resource reported (the group for an inline rule). */
  urn: string;
  /** The group the rule belongs to, when the stack declares it. */
  group: PolicyResource | undefined;
  /** Managed prefix lists of the stack the rule's prefix list property depends on. */
  prefixLists: PolicyResource[];
  /** The rule's CIDR properties and its protocol property, by resource type. */
  cidrProperties: readonly string[];
  protocolProperty: "protocol" | "ipProtocol";
  prefixListProperty: string;
}

const ALL_PROTOCOLS = new Set(["-1", "all", -1]);

/** Whether the rule admits every port: protocol -1 ("all"), or TCP/UDP from port 0 (or 1) to 65535. */
function allPorts(rule: Rule): boolean {
  const protocol = rule.props[rule.protocolProperty];
  if (ALL_PROTOCOLS.has(protocol as string | number)) return true;
  const from = Number(rule.props.fromPort);
  const to = Number(rule.props.toPort);
  return from <= 1 && to >= 65535;
}

function portsOf(rule: Rule): string {
  if (ALL_PROTOCOLS.has(rule.props[rule.protocolProperty] as string | number)) return "all protocols and ports";
  const { fromPort: from, toPort: to } = rule.props;
  return from === to ? `port ${String(from)}` : `ports ${String(from)}-${String(to)}`;
}

/** The CIDRs of each managed prefix list of the stack: its `entries` and its ManagedPrefixListEntry resources. */
function prefixListCidrs(resources: readonly PolicyResource[]): Map<PolicyResource, string[]> {
  const cidrs = new Map<PolicyResource, string[]>();
  for (const r of resources) {
    if (r.type !== T.managedPrefixList) continue;
    const entries = asArray(r.props.entries).map((e) => asObject(e)?.cidr);
    cidrs.set(
      r,
      entries.filter((c): c is string => typeof c === "string"),
    );
  }
  for (const r of resources) {
    if (r.type !== T.managedPrefixListEntry) continue;
    for (const list of r.propertyDependencies.prefixListId ?? []) {
      const known = cidrs.get(list);
      if (known && typeof r.props.cidr === "string") known.push(r.props.cidr);
    }
  }
  return cidrs;
}

/** The security groups of DMS replication capacity and databases, with what uses each. */
function guardedGroups(resources: readonly PolicyResource[]): Map<PolicyResource, string> {
  const users: Array<[type: string, property: string, what: string]> = [
    [T.dmsReplicationInstance, "vpcSecurityGroupIds", "DMS replication instance"],
    [T.dmsReplicationConfig, "computeConfig", "DMS Serverless replication"],
    [T.rdsInstance, "vpcSecurityGroupIds", "RDS instance"],
    [T.rdsCluster, "vpcSecurityGroupIds", "RDS cluster"],
  ];
  const groups = new Map<PolicyResource, string>();
  for (const r of resources) {
    for (const [type, property, what] of users) {
      if (r.type !== type) continue;
      for (const sg of r.propertyDependencies[property] ?? []) {
        if (sg.type === T.securityGroup && !groups.has(sg)) groups.set(sg, `the ${what} "${r.name}"`);
      }
    }
  }
  return groups;
}

/** Every security group rule of the stack, inline or standalone. */
function rulesOf(resources: readonly PolicyResource[]): Rule[] {
  const rules: Rule[] = [];
  const groupOf = (r: PolicyResource) =>
    (r.propertyDependencies.securityGroupId ?? []).find((g) => g.type === T.securityGroup);
  const lists = (r: PolicyResource, property: string) =>
    (r.propertyDependencies[property] ?? []).filter((d) => d.type === T.managedPrefixList);
  for (const r of resources) {
    if (r.type === T.securityGroup) {
      for (const direction of ["ingress", "egress"] as const) {
        // An inline rule's prefix list shows as a dependency of the whole ingress/egress property:
        // it is ascribed to each of the group's rules that names a prefix list.
        const dependsOn = lists(r, direction);
        asArray(r.props[direction]).forEach((entry, i) => {
          const props = asObject(entry) ?? {};
          rules.push({
            direction,
            props,
            at: `${direction}[${i}].`,
            urn: r.urn,
            group: r,
            prefixLists: asArray(props.prefixListIds).length > 0 ? dependsOn : [],
            cidrProperties: ["cidrBlocks", "ipv6CidrBlocks"],
            protocolProperty: "protocol",
            prefixListProperty: "prefixListIds",
          });
        });
      }
    } else if (r.type === T.securityGroupRule) {
      rules.push({
        direction: r.props.type === "egress" ? "egress" : "ingress",
        props: r.props as Record<string, unknown>,
        at: "",
        urn: r.urn,
        group: groupOf(r),
        prefixLists: lists(r, "prefixListIds"),
        cidrProperties: ["cidrBlocks", "ipv6CidrBlocks"],
        protocolProperty: "protocol",
        prefixListProperty: "prefixListIds",
      });
    } else if (r.type === T.vpcSecurityGroupIngressRule || r.type === T.vpcSecurityGroupEgressRule) {
      rules.push({
        direction: r.type === T.vpcSecurityGroupEgressRule ? "egress" : "ingress",
        props: r.props as Record<string, unknown>,
        at: "",
        urn: r.urn,
        group: groupOf(r),
        prefixLists: lists(r, "prefixListId"),
        cidrProperties: ["cidrIpv4", "cidrIpv6"],
        protocolProperty: "ipProtocol",
        prefixListProperty: "prefixListId",
      });
    }
  }
  return rules;
}

export const securityGroupNoInternetReach = stackPolicy({
  name: "security-group-no-internet-reach",
  concern: "network",
  description:
    "No security group rule reaches the internet through a managed prefix list of the stack whose entries together cover it (ingress on any group; the CIDR rules are security-group-no-public-ingress's), and the security group of a DMS replication instance, a DMS Serverless replication or an RDS database allows no all-port egress (protocol -1, or 0-65535) to the internet, by CIDR or prefix list: DMS needs its databases' ports and the VPC endpoints only, and a database initiates no connections. Mandatory in every environment.",
  control: "checkov CKV_AWS_382 (all-port egress to 0.0.0.0/0); no Security Hub or checkov control reads prefix lists",
  enforcementLevel: "mandatory",
  types: [T.securityGroup, T.securityGroupRule, T.vpcSecurityGroupIngressRule, T.vpcSecurityGroupEgressRule],
  validate: (args, report) => {
    const listCidrs = prefixListCidrs(args.resources);
    const publicLists = new Set([...listCidrs].filter(([, cidrs]) => opensToInternet(cidrs)).map(([list]) => list));
    const guarded = guardedGroups(args.resources);
    for (const rule of rulesOf(args.resources)) {
      const open = rule.prefixLists.filter((l) => publicLists.has(l));
      const viaList = open.map(
        (l) =>
          `${rule.at}${rule.prefixListProperty} names the managed prefix list "${l.name}", whose entries (${(listCidrs.get(l) ?? []).join(", ")}) reach the internet`,
      );
      if (rule.direction === "ingress") {
        for (const what of viaList) {
          report(
            `${what} (${portsOf(rule)}); list only the private or on-premises networks that need access`,
            rule.urn,
          );
        }
        continue;
      }
      const user = rule.group ? guarded.get(rule.group) : undefined;
      if (!user || !allPorts(rule)) continue;
      const viaCidr = rule.cidrProperties.flatMap((property) => {
        const cidrs = asArray(rule.props[property]).filter((c): c is string => typeof c === "string");
        return opensToInternet(cidrs)
          ? [`${rule.at}${property} ${cidrs.map((c) => `"${c}"`).join(", ")} reaches the internet`]
          : [];
      });
      for (const what of [...viaCidr, ...viaList]) {
        report(
          `${what} on ${portsOf(rule)}, from the security group of ${user}; allow egress only on the ports it needs, to the groups or networks that need them (the databases' ports, 443 to the VPC endpoints)`,
          rule.urn,
        );
      }
    }
  },
});
