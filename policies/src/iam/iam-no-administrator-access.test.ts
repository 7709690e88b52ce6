import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { iamNoAdministratorAccess } from "./iam-no-administrator-access.js";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const FIX = "attach a policy granting only what the principal needs";

describePolicy(iamNoAdministratorAccess, {
  passes: [
    {
      title: "the DMS VPC management role",
      fixture: {
        type: T.iamRolePolicyAttachment,
        inputs: { role: "dms-vpc-role", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole" },
      },
    },
  ],
  fails: [
    {
      title: "AdministratorAccess attached to a role",
      fixture: { type: T.iamRolePolicyAttachment, inputs: { role: "dms-secrets", policyArn: ADMIN } },
      messages: [`policyArn is "${ADMIN}"; ${FIX}`],
    },
    {
      title: "AdministratorAccess among a role's managed policies (GovCloud partition)",
      fixture: {
        type: T.iamRole,
        inputs: { managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"] },
      },
      messages: [`managedPolicyArns[0] is "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"; ${FIX}`],
    },
  ],
  unknown: { fixture: { type: T.iamUserPolicyAttachment, inputs: { policyArn: UNKNOWN } }, path: "policyArn" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
