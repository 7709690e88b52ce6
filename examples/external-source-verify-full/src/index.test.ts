// Plans this example offline as its prod stack (Pulumi.prod.yaml) and judges it with the policy
// pack under policies/config/prod.json, as `pulumi preview --policy-pack` would in production.
import assert from "node:assert/strict";
import { join } from "node:path";
import { readPulumiConfigFile } from "@dms-platform/config";
import { evaluatePolicies, ProgramError, type ResourceGraph, runProgram, type Violation } from "@dms-platform/offline";
import { loadPolicyConfig, POLICY_PACK_NAME, policies, policyConfigPath } from "@dms-platform/policies/rules";

const projectDir = join(__dirname, "..");
const program = () => {
  // index.ts declares its resources when loaded: load it afresh for each run.
  delete require.cache[require.resolve("./index.js")];
  return { ...(require("./index.js") as Record<string, unknown>) };
};

describe("example external-source-verify-full (prod)", () => {
  let graph: ResourceGraph;
  let violations: Violation[];
  before(async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    graph = await runProgram(program, { project: "dms-example-external-source", stack: "prod", config: values });
    violations = await evaluatePolicies(graph, policies, {
      config: loadPolicyConfig("prod"),
      configFile: policyConfigPath("prod"),
      policyPackName: POLICY_PACK_NAME,
    });
  });
  const ofType = (type: string) => graph.resources.filter((r) => r.type === type);

  it("passes every mandatory policy of prod", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    assert.deepEqual(mandatory, [], mandatory.map((v) => `${v.policy}: ${v.message}`).join("\n"));
  });

  it("connects to both servers with verify-full against the imported CAs, never with a password", () => {
    const endpoints = ofType("aws:dms/endpoint:Endpoint");
    const byType = Object.fromEntries(endpoints.map((e) => [e.inputs.endpointType, e.inputs]));
    assert.equal(byType.source?.sslMode, "verify-full");
    assert.equal(byType.source?.certificateArn, "arn:aws:dms:eu-west-1:444455556666:cert:CORPROOTCA2024EXAMPLE");
    assert.equal(
      byType.source?.secretsManagerArn,
      "arn:aws:secretsmanager:eu-west-1:444455556666:secret:ledger/prod/source-GhIjKl",
    );
    assert.equal(byType.target?.sslMode, "verify-full");
    assert.equal(byType.target?.certificateArn, "arn:aws:dms:eu-west-1:444455556666:cert:RDSGLOBALBUNDLEEXAMPLE");
    assert.ok(endpoints.every((e) => e.inputs.password === undefined));
  });

  it("lets DMS reach the source only on its port in its CIDR blocks, and routes those to the VPN gateway", () => {
    const egress = ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
      (r) => r.inputs.cidrIpv4 !== undefined,
    );
    assert.deepEqual(
      egress.map((r) => [r.inputs.cidrIpv4, r.inputs.fromPort, r.inputs.toPort]),
      [["172.16.8.0/24", 3306, 3306]],
    );
    const routes = ofType("aws:ec2/route:Route").filter((r) => r.inputs.destinationCidrBlock === "172.16.0.0/16");
    assert.ok(routes.length >= 2, "a route per private route table");
    assert.ok(routes.every((r) => r.inputs.gatewayId === "vgw-0a1b2c3d4e5f60718"));
  });

  it("refuses a bad stack config value naming the stack file and the key", async () => {
    const { values } = readPulumiConfigFile(join(projectDir, "Pulumi.prod.yaml"));
    const source = values["dms-example-external-source:source"] as Record<string, unknown>;
    const bad = { ...values, "dms-example-external-source:source": { ...source, cidrBlocks: ["172.16.8.0/33"] } };
    await assert.rejects(
      runProgram(program, { project: "dms-example-external-source", stack: "prod", config: bad }),
      (err: unknown) =>
        err instanceof ProgramError &&
        /Pulumi\.prod\.yaml: dms-example-external-source:source\.cidrBlocks\[0\]: must be an IPv4 CIDR block such as 172\.16\.0\.0\/20 \(got "172\.16\.8\.0\/33"\)/.test(
          err.message,
        ),
    );
  });
});
