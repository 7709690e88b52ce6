import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { iamNoDmsFullAccess } from "./iam-no-dms-full-access.js";

const FIX =
  "list the DMS actions the role needs and scope them by the Application tag (aws:ResourceTag), as @dms-platform/access does";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

describePolicy(iamNoDmsFullAccess, {
  passes: [
    {
      title: "DMS reads on * and task changes scoped by the Application tag",
      fixture: {
        type: T.iamPolicy,
        inputs: {
          policy: doc(
            { Effect: "Allow", Action: ["dms:Describe*", "dms:List*"], Resource: "*" },
            {
              Effect: "Allow",
              Action: ["dms:StopReplicationTask", "dms:ModifyReplicationTask"],
              Resource: "arn:aws:dms:eu-west-1:111122223333:task:*",
              Condition: { StringEquals: { "aws:ResourceTag/Application": "dmslab" } },
            },
          ),
        },
      },
    },
    {
      title: "dms:* on one account's tasks only, and a Deny of dms:*",
      fixture: {
        type: T.iamRolePolicy,
        inputs: {
          policy: doc(
            { Effect: "Allow", Action: "dms:*", Resource: "arn:aws:dms:eu-west-1:111122223333:task:*" },
            { Effect: "Deny", Action: "dms:*", Resource: "*" },
            { Effect: "Allow", NotAction: ["dms:*", "iam:*"], Resource: "*" },
          ),
        },
      },
    },
  ],
  fails: [
    {
      title: "a managed policy allowing dms:* on *",
      fixture: {
        type: T.iamPolicy,
        inputs: { policy: doc({ Effect: "Allow", Action: ["dms:Describe*", "DMS:*"], Resource: "*" }) },
      },
      messages: [`policy Statement[0] allows Action "DMS:*" on Resource "*"; ${FIX}`],
    },
    {
      title: "a role's inline policy allowing dms:* on every DMS ARN, and NotAction without DMS on *",
      fixture: {
        type: T.iamRole,
        inputs: {
          inlinePolicies: [
            {
              name: "ops",
              policy: {
                Statement: [
                  { Effect: "Allow", Action: "dms:*", Resource: ["arn:aws:dms:*:*:*"] },
                  { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
                ],
              },
            },
          ],
        },
      },
      messages: [
        `inlinePolicies[0].policy Statement[0] allows Action "dms:*" on Resource "arn:aws:dms:*:*:*"; ${FIX}`,
        `inlinePolicies[0].policy Statement[1] allows every DMS action (NotAction "iam:*") on Resource "*"; ${FIX}`,
      ],
    },
    {
      title: 'Action "*" on every DMS ARN (on Resource "*" iam-no-full-admin-statement reports it)',
      fixture: {
        type: T.iamPolicy,
        inputs: { policy: doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:dms:*:*:*" }) },
      },
      messages: [`policy Statement[0] allows Action "*" on Resource "arn:aws:dms:*:*:*"; ${FIX}`],
    },
  ],
  unknown: { fixture: { type: T.iamPolicy, inputs: { policy: UNKNOWN } }, path: "policy" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
