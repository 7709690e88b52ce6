import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray } from "../lib/values.js";
import { policyDocumentsOf, type Statement, statementsOf } from "./policy-document.js";

const FIX =
  "list the DMS actions the role needs and scope them by the Application tag (aws:ResourceTag), as @dms-platform/access does";

// `dms:*` in any case, or a run of stars after the prefix: every DMS action.
const ALL_DMS = /^dms:\*+$/i;
// "*", or a DMS ARN with every region, account and resource wildcarded.
const EVERY_RESOURCE = /^(\*|arn:(\*|aws[a-z-]*):dms:\*:\*:\*)$/;

/** What a statement grants of DMS on every resource, in words; undefined when it grants less. */
function dmsFullAccess(s: Statement): string | undefined {
  if (s.Effect !== "Allow") return undefined;
  const everywhere = asArray(s.Resource).find((r) => typeof r === "string" && EVERY_RESOURCE.test(r));
  if (everywhere === undefined) return undefined;
  // "*" grants all of DMS too; on Resource "*" it is iam-no-full-admin-statement's to report, on
  // every DMS ARN it is this policy's (iam-simulate agrees: policies/src/iam/iam-oracle.test.ts).
  const all = asArray(s.Action).find(
    (a) => typeof a === "string" && (ALL_DMS.test(a) || (a === "*" && everywhere !== "*")),
  );
  if (all !== undefined) return `allows Action ${JSON.stringify(all)} on Resource ${JSON.stringify(everywhere)}`;
  // Allow + NotAction grants every action not listed: all of DMS unless a DMS pattern is excluded.
  if (
    s.NotAction !== undefined &&
    !asArray(s.NotAction).some((a) => typeof a === "string" && /^(\*|dms:.*)$/i.test(a))
  ) {
    return `allows every DMS action (NotAction ${JSON.stringify(s.NotAction)}) on Resource ${JSON.stringify(everywhere)}`;
  }
  return undefined;
}

export const iamNoDmsFullAccess = resourcePolicy({
  name: "iam-no-dms-full-access",
  concern: "iam",
  description:
    'No IAM policy document allows every DMS action ("dms:*", "*" on every DMS ARN, or NotAction without DMS) on every resource: an operator or role with it can delete any migration\'s tasks, endpoints and instances in the account, and read their settings; DMS ARNs carry random ids, so scope DMS permissions by the Application tag instead.',
  control:
    "AWS DMS User Guide: identity-based policy examples (least privilege); Security Hub IAM.21 (no wildcard service actions)",
  enforcementLevel: "mandatory",
  types: [T.iamPolicy, T.iamRolePolicy, T.iamUserPolicy, T.iamGroupPolicy, T.iamRole],
  validate: (props, args, report) => {
    for (const [property, document] of policyDocumentsOf(args.type, props)) {
      (statementsOf(document) ?? []).forEach((s, i) => {
        const grant = dmsFullAccess(s);
        if (grant) report(`${property} Statement[${i}] ${grant}; ${FIX}`);
      });
    }
  },
});
