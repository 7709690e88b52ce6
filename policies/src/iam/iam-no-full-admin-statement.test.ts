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
      title: "every action of one service's resources (arn:aws:s3:::*), and one service's actions on every resource",
      fixture: {
        type: T.iamPolicy,
        inputs: {
          policy: doc(
            { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::dms-target-*" },
            { Effect: "Allow", Action: "dms:*", Resource: "arn:aws:*:*:*:*" },
            { Effect: "Allow", Action: "*", Resource: "arn:aws:dms:*:*:*" },
          ),
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
      messages: [
        `policy Statement[1] allows Action "*" on Resource "*" (every action, on the resources of every service); ${FIX}`,
      ],
    },
    {
      title: "a role whose inline policy (an object) allows * on *",
      fixture: {
        type: T.iamRole,
        inputs: {
          inlinePolicies: [{ name: "all", policy: { Statement: { Effect: "Allow", Action: "*", Resource: ["*"] } } }],
        },
      },
      messages: [
        `inlinePolicies[0].policy Statement[0] allows Action "*" on Resource "*" (every action, on the resources of every service); ${FIX}`,
      ],
    },
    {
      title: 'a role policy allowing "*:*" on the all-services ARN pattern arn:aws:*:*:*:*',
      fixture: {
        type: T.iamRolePolicy,
        inputs: { policy: doc({ Effect: "Allow", Action: ["dms:Describe*", "*:*"], Resource: "arn:aws:*:*:*:*" }) },
      },
      messages: [
        `policy Statement[0] allows Action "*:*" on Resource "arn:aws:*:*:*:*" (every action, on the resources of every service); ${FIX}`,
      ],
    },
    {
      title:
        "a managed policy allowing * on every service of one account (arn:aws:*:eu-west-1:123456789012:*) and on arn:*",
      fixture: {
        type: T.iamPolicy,
        inputs: {
          policy: doc(
            { Effect: "Allow", Action: "*", Resource: "arn:aws:*:eu-west-1:123456789012:*" },
            { Effect: "Allow", Action: "*", Resource: ["arn:*"] },
          ),
        },
      },
      messages: [
        `policy Statement[0] allows Action "*" on Resource "arn:aws:*:eu-west-1:123456789012:*" (every action, on the resources of every service); ${FIX}`,
        `policy Statement[1] allows Action "*" on Resource "arn:*" (every action, on the resources of every service); ${FIX}`,
      ],
    },
  ],
  unknown: { fixture: { type: T.iamRolePolicy, inputs: { policy: UNKNOWN } }, path: "policy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
