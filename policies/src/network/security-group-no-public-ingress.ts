import { internetReachProblem, opensToInternet } from "@dms-platform/config";
import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject } from "../lib/values.js";

const OPEN = ["0.0.0.0/0", "::/0"];
const FIX = "admit only the security groups or private CIDRs that need access";

function ports(rule: Record<string, unknown>): string {
  const from = rule.fromPort;
  const to = rule.toPort;
  if (rule.protocol === "-1" || rule.ipProtocol === "-1" || (from === undefined && to === undefined))
    return "all ports";
  return from === to ? `port ${String(from)}` : `ports ${String(from)}-${String(to)}`;
}

/**
 * How one rule's CIDR properties open it to the internet: `"0.0.0.0/0"`-style entries as
 * `<property> contains "<cidr>"`, and ranges that only together reach the internet
 * (`0.0.0.0/1` with `128.0.0.0/1`; opensToInternet, shared with the stack config checks) as
 * `<property> "<a>", "<b>" together reach the internet`.
 */
function openCidrs(rule: Record<string, unknown>, prefix: string, properties: readonly string[]): string[] {
  const found: string[] = [];
  for (const property of properties) {
    const cidrs = asArray(rule[property]).filter((c): c is string => typeof c === "string");
    const literal = cidrs.filter((c) => OPEN.includes(c));
    for (const cidr of literal) {
      found.push(`${prefix}${property} ${Array.isArray(rule[property]) ? "contains" : "is"} "${cidr}"`);
    }
    if (literal.length === 0 && opensToInternet(cidrs)) {
      found.push(`${prefix}${property} ${internetReachProblem(cidrs)?.replace(/; name the .*$/, "")}`);
    }
  }
  return found;
}

export const securityGroupNoPublicIngress = resourcePolicy({
  name: "security-group-no-public-ingress",
  concern: "network",
  description:
    "No security group admits ingress from 0.0.0.0/0 or ::/0, on any port: the migration network is private, databases admit the DMS security group only, and an open rule exposes whatever listens behind it. Mandatory in every environment.",
  control: "Security Hub EC2.18, EC2.53, EC2.54; checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277",
  enforcementLevel: "mandatory",
  types: [T.securityGroup, T.securityGroupRule, T.vpcSecurityGroupIngressRule],
  validate: (props, args, report) => {
    if (args.type === T.securityGroup) {
      asArray(props.ingress).forEach((r, i) => {
        const rule = asObject(r) ?? {};
        for (const what of openCidrs(rule, `ingress[${i}].`, ["cidrBlocks", "ipv6CidrBlocks"])) {
          report(`${what} (${ports(rule)}); ${FIX}`);
        }
      });
    } else if (args.type === T.securityGroupRule) {
      if (props.type !== "ingress") return;
      for (const what of openCidrs(props, "", ["cidrBlocks", "ipv6CidrBlocks"]))
        report(`${what} (${ports(props)}); ${FIX}`);
    } else {
      for (const what of openCidrs(props, "", ["cidrIpv4", "cidrIpv6"])) report(`${what} (${ports(props)}); ${FIX}`);
    }
  },
});
