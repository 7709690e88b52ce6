import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { iamNoFullAdminStatement } from "./iam-no-full-admin-statement.js";

const FIX = "grant only the actions and resources the role needs (for DMS, the AWS managed service-role policies)";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describePolicy(iamNoFullAdminStatement, {
  passes: [
    {
      title: "a policy reading one secret",
      fixture: {
        type: T.iamPolicy,
        inputs: {
          policy: doc({
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:src-*",
          }),
        },
      },
    },
    {
      title: "a Deny of everything",
      fixture: { type: T.iamRolePolicy, inputs: { policy: doc({ Effect: "Deny", Action: "*", Resource: "*" }) } },
    },
  ],
  fails: [
    {
      title: "a policy allowing * on *",
      fixture: {
        type: T.iamPolicy,
        inputs: {
          policy: doc(
            { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
            { Effect: "Allow", Action: ["*"], Resource: "*" },
          ),
        },
      },
      messages: [`policy Statement[1] allows Action "*" on Resource "*"; ${FIX}`],
    },
    {
      title: "a role whose inline policy (an object) allows * on *",
      fixture: {
        type: T.iamRole,
        inputs: {
          inlinePolicies: [{ name: "all", policy: { Statement: { Effect: "Allow", Action: "*", Resource: ["*"] } } }],
        },
      },
      messages: [`inlinePolicies[0].policy Statement[0] allows Action "*" on Resource "*"; ${FIX}`],
    },
  ],
  unknown: { fixture: { type: T.iamRolePolicy, inputs: { policy: UNKNOWN } }, path: "policy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
