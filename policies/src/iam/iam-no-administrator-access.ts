import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, show } from "../lib/values.js";

const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const FIX = "attach a policy granting only what the principal needs";

export const iamNoAdministratorAccess = resourcePolicy({
  name: "iam-no-administrator-access",
  concern: "iam",
  description:
    "No role, user or group gets the AWS managed AdministratorAccess policy attached: migration roles need DMS, Secrets Manager, KMS and CloudWatch Logs permissions, never the whole account.",
  control: "checkov CKV_AWS_274",
  enforcementLevel: "mandatory",
  types: [
    T.iamRolePolicyAttachment,
    T.iamUserPolicyAttachment,
    T.iamGroupPolicyAttachment,
    T.iamPolicyAttachment,
    T.iamRole,
  ],
  validate: (props, args, report) => {
    if (args.type === T.iamRole) {
      asArray(props.managedPolicyArns).forEach((arn, i) => {
        if (typeof arn === "string" && ADMINISTRATOR_ACCESS.test(arn)) {
          report(`managedPolicyArns[${i}] is ${show(arn)}; ${FIX}`);
        }
      });
      return;
    }
    const arn = props.policyArn;
    if (typeof arn === "string" && ADMINISTRATOR_ACCESS.test(arn)) report(`policyArn is ${show(arn)}; ${FIX}`);
  },
});
