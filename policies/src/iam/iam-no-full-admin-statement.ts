import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { isFullAdmin, policyDocumentsOf, statementsOf } from "./policy-document.js";

const FIX = "grant only the actions and resources the role needs (for DMS, the AWS managed service-role policies)";

export const iamNoFullAdminStatement = resourcePolicy({
  name: "iam-no-full-admin-statement",
  concern: "iam",
  description:
    'No IAM policy document allows Action "*" on Resource "*": a DMS or Secrets Manager access role with full administrator rights turns any leak of the role into a leak of the account.',
  control: "Security Hub IAM.1; checkov CKV_AWS_62",
  enforcementLevel: "mandatory",
  types: [T.iamPolicy, T.iamRolePolicy, T.iamUserPolicy, T.iamGroupPolicy, T.iamRole],
  validate: (props, args, report) => {
    for (const [property, document] of policyDocumentsOf(args.type, props)) {
      const statements = statementsOf(document) ?? [];
      statements.forEach((s, i) => {
        if (isFullAdmin(s)) report(`${property} Statement[${i}] allows Action "*" on Resource "*"; ${FIX}`);
      });
    }
  },
});
