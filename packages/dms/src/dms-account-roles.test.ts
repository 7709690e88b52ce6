import assert from "node:assert/strict";
import { INVOKE_MOCKS, ProgramError, runProgram } from "@dms-platform/offline";
import { adoptedRoleArn, DmsAccountRoles } from "./dms-account-roles.js";
import { labTags, ofType, REGION, runOptions } from "./lab.test.fixture.js";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

describe("DmsAccountRoles", () => {
  it("creates dms-vpc-role and dms-cloudwatch-logs-role with their managed policies, deleted with their stack", async () => {
    const graph = await runProgram(() => {
      new DmsAccountRoles("roles", { environment: "dev", application: "lab", tags: labTags("dev") });
    }, runOptions("dev"));
    const roles = ofType(graph, ROLE);
    assert.deepEqual(roles.map((r) => r.inputs.name).sort(), ["dms-cloudwatch-logs-role", "dms-vpc-role"]);
    for (const role of roles) {
      // Retained roles would make the creating stack's re-creation fail with EntityAlreadyExists.
      assert.equal(role.options.retainOnDelete, false);
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      assert.deepEqual(trust.Statement[0].Principal, { Service: "dms.amazonaws.com" });
      assert.equal((role.inputs.tags as Record<string, string>).Environment, "dev");
    }
    const attachments = ofType(graph, ATTACHMENT);
    assert.deepEqual(attachments.map((a) => a.inputs.policyArn).sort(), [
      "arn:aws:iam::aws:policy/service-role/AmazonDMSCloudWatchLogsRole",
      "arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole",
    ]);
    assert.ok(attachments.every((a) => !a.options.retainOnDelete));
    const component = graph.resources.find((r) => r.type === "dms-platform:dms:DmsAccountRoles");
    assert.equal(component?.outputs.vpcRoleArn, "arn:aws:iam::123456789012:role/dms-vpc-role");
  });

  it("adopts existing roles: reads them and manages nothing", async () => {
    const looked: string[] = [];
    let dependencies = -1;
    const graph = await runProgram(
      () => {
        const roles = new DmsAccountRoles("roles", {
          environment: "dev",
          application: "lab",
          tags: labTags("dev"),
          mode: "adopt",
        });
        dependencies = roles.dependencies.length;
      },
      {
        ...runOptions("dev"),
        mocks: {
          invokes: {
            "aws:iam/getRoles:getRoles": (inputs, ctx) => {
              looked.push(String(inputs.nameRegex));
              const handler = INVOKE_MOCKS["aws:iam/getRoles:getRoles"];
              assert.ok(handler);
              return handler(inputs, ctx);
            },
          },
        },
      },
    );
    assert.deepEqual(looked.sort(), ["^dms-cloudwatch-logs-role$", "^dms-vpc-role$"]);
    assert.equal(ofType(graph, ROLE).length + ofType(graph, ATTACHMENT).length, 0);
    assert.equal(dependencies, 0);
    const component = graph.resources.find((r) => r.type === "dms-platform:dms:DmsAccountRoles");
    assert.equal(component?.outputs.cloudwatchLogsRoleArn, "arn:aws:iam::123456789012:role/dms-cloudwatch-logs-role");
    assert.equal(component?.outputs.mode, "adopt");
  });

  it("fails at preview, saying which stack creates them, when the account has no such role", async () => {
    await assert.rejects(
      runProgram(
        () => {
          const roles = new DmsAccountRoles("roles", {
            environment: "test",
            application: "lab",
            tags: labTags("test"),
            mode: "adopt",
          });
          return { vpcRoleArn: roles.vpcRoleArn };
        },
        {
          ...runOptions("test"),
          mocks: { invokes: { "aws:iam/getRoles:getRoles": () => ({ id: "x", names: [], arns: [] }) } },
        },
      ),
      (err: unknown) =>
        err instanceof Error &&
        /the account has no IAM role dms-(vpc|cloudwatch-logs)-role, which DMS needs: deploy the foundation stack that creates the account's DMS roles first \(dms-platform-foundation:accountRoles: create/.test(
          err.message,
        ),
    );
    assert.equal(
      adoptedRoleArn("dms-vpc-role", ["arn:aws:iam::1:role/dms-vpc-role"]),
      "arn:aws:iam::1:role/dms-vpc-role",
    );
  });

  it("refuses an unknown mode, naming the argument", async () => {
    await assert.rejects(
      runProgram(() => {
        new DmsAccountRoles("roles", {
          environment: "dev",
          application: "lab",
          tags: labTags("dev"),
          mode: "import" as "adopt",
        });
      }, runOptions("dev")),
      (err: unknown) => err instanceof ProgramError && /DmsAccountRoles "roles": mode: /.test(err.message),
    );
  });

  it("uses the stack's partition in the policy ARNs", async () => {
    const graph = await runProgram(
      () => {
        new DmsAccountRoles("roles", { environment: "dev", application: "lab", tags: labTags("dev") });
      },
      {
        ...runOptions("dev"),
        config: { "aws:region": REGION },
        mocks: {
          invokes: {
            "aws:index/getPartition:getPartition": () => ({
              id: "aws-cn",
              partition: "aws-cn",
              dnsSuffix: "amazonaws.com.cn",
            }),
          },
        },
      },
    );
    assert.ok(
      ofType(graph, ATTACHMENT).every((a) => String(a.inputs.policyArn).startsWith("arn:aws-cn:iam::aws:policy/")),
    );
  });
});
