import assert from "node:assert/strict";
import { planSecurityGroupRules } from "./security-group-plan.js";

describe("planSecurityGroupRules", () => {
  it("reaches each database by reference on its port and the VPC endpoints on 443, nothing else", () => {
    const plan = planSecurityGroupRules<string | number>(
      [
        { role: "source", port: 3306, securityGroupId: "sg-src" },
        { role: "target", port: 5432, securityGroupId: "sg-tgt" },
      ],
      "sg-vpce",
    );
    assert.deepEqual(
      plan.egress.map((r) => `${r.referencedSecurityGroupId ?? r.cidrIpv4}:${r.port}`),
      ["sg-src:3306", "sg-tgt:5432", "sg-vpce:443"],
    );
    assert.deepEqual(
      plan.ingress.map((r) => `${r.securityGroupId}:${r.port}`),
      ["sg-src:3306", "sg-tgt:5432"],
    );
    assert.deepEqual(plan.unreachable, []);
  });

  it("adds one rule when source and target share a security group and port", () => {
    const plan = planSecurityGroupRules<string | number>(
      [
        { role: "source", port: 3306, securityGroupId: "sg-db" },
        { role: "target", port: 3306, securityGroupId: "sg-db" },
      ],
      "sg-vpce",
    );
    assert.equal(plan.ingress.length, 1);
    assert.equal(plan.egress.length, 2);
  });

  it("reaches an external host by its CIDR blocks, and reports one with none", () => {
    const plan = planSecurityGroupRules<string | number>(
      [
        { role: "source", port: 3306, cidrBlocks: ["192.168.10.0/24"] },
        { role: "target", port: 3306 },
      ],
      "sg-vpce",
    );
    assert.deepEqual(
      plan.egress.map((r) => r.cidrIpv4 ?? r.referencedSecurityGroupId),
      ["192.168.10.0/24", "sg-vpce"],
    );
    assert.deepEqual(plan.unreachable, ["target"]);
    assert.equal(plan.ingress.length, 0);
  });
});
