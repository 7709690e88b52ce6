import assert from "node:assert/strict";
import { checkReferencedStackPlacement } from "./stack-fit.js";

const foundation = (values: Record<string, unknown>) => ({ file: "foundation/Pulumi.dev.yaml", values });
const replication = (values: Record<string, unknown>) => ({ file: "replication/Pulumi.dev.yaml", values });
const ref = { name: "organization/dms-platform-foundation/dev" };

describe("checkReferencedStackPlacement", () => {
  it("refuses a stack in another region than the stack it reads, naming both files", () => {
    assert.throws(
      () =>
        checkReferencedStackPlacement(
          replication({ "aws:region": "us-east-1" }),
          foundation({ "aws:region": "eu-west-1" }),
          ref,
        ),
      {
        message:
          'replication/Pulumi.dev.yaml: aws:region: must be the region of the stack it reads, organization/dms-platform-foundation/dev: foundation/Pulumi.dev.yaml has aws:region eu-west-1, and DMS can only use a VPC, subnets and security groups of its own region; set the same aws:region in both files (got "us-east-1")',
      },
    );
  });

  it("refuses account lists that share no account", () => {
    assert.throws(
      () =>
        checkReferencedStackPlacement(
          replication({ "aws:allowedAccountIds": ["111122223333"] }),
          foundation({ "aws:allowedAccountIds": '["444455556666"]' }),
          ref,
        ),
      /^ConfigError: replication\/Pulumi\.dev\.yaml: aws:allowedAccountIds: must share an account with .*foundation\/Pulumi\.dev\.yaml has aws:allowedAccountIds 444455556666.*\(got 111122223333\)$/,
    );
  });

  it("accepts the same region, overlapping account lists, and a setting present in one file only", () => {
    checkReferencedStackPlacement(
      replication({ "aws:region": "eu-west-1", "aws:allowedAccountIds": ["111122223333"] }),
      foundation({ "aws:region": "eu-west-1", "aws:allowedAccountIds": ["444455556666", "111122223333"] }),
      ref,
    );
    checkReferencedStackPlacement(replication({}), foundation({ "aws:region": "eu-west-1" }), ref);
    checkReferencedStackPlacement(replication({ "aws:allowedAccountIds": ["111122223333"] }), foundation({}), ref);
  });
});
