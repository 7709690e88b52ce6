import { resourcePolicy } from "../lib/policy.js";
import { show } from "../lib/values.js";
import { isTrue, R } from "./types.js";

export const redshiftClusterEncryptedWithCustomerKey = resourcePolicy({
  name: "redshift-cluster-encrypted-with-customer-key",
  concern: "redshift",
  description:
    'Redshift clusters are encrypted at rest with a customer-managed KMS key (`encrypted` true, the provider\'s default "true", and `kmsKeyId` set), and so are Redshift Serverless namespaces (`kmsKeyId` set; unset, Redshift encrypts with an AWS-owned key), so the key policy decides who can read the warehouse and its snapshots.',
  control: "Security Hub Redshift.10, RedshiftServerless.4; checkov CKV_AWS_64, CKV_AWS_142, CKV_AWS_282",
  enforcementLevel: "mandatory",
  types: [R.cluster, R.namespace],
  validate: (props, args, report) => {
    // terraform-provider-aws v6 resourceCluster: `encrypted` defaults to "true" when unset.
    if (args.type === R.cluster && props.encrypted !== undefined && !isTrue(props.encrypted)) {
      report(`encrypted is ${show(props.encrypted)}; set encrypted: "true" and kmsKeyId to a customer-managed key`);
      return;
    }
    if (props.kmsKeyId === undefined || props.kmsKeyId === "") {
      report(
        "kmsKeyId is not set, so Redshift encrypts with an AWS-owned key; set kmsKeyId to a customer-managed key ARN",
      );
    }
  },
});
