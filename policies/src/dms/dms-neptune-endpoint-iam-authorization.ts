import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const dmsNeptuneEndpointIamAuthorization = resourcePolicy({
  name: "dms-neptune-endpoint-iam-authorization",
  concern: "dms",
  description:
    "DMS endpoints for Amazon Neptune use IAM authorization (NeptuneSettings.IamAuthEnabled), so DMS writes to the graph with its role's permissions rather than through an open endpoint. aws:dms/endpoint cannot set it: the provider's schema has no neptune_settings block (hashicorp/terraform-provider-aws internal/service/dms/endpoint.go), so IamAuthEnabled stays false on every Neptune endpoint it creates; create such an endpoint where IamAuthEnabled can be set (CloudFormation AWS::DMS::Endpoint NeptuneSettings).",
  control: "Security Hub DMS.10 (AWS Config dms-neptune-iam-authorization-enabled)",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    if (props.engineName !== "neptune") return;
    report(
      'engineName is "neptune", and aws:dms/endpoint has no neptuneSettings: IamAuthEnabled stays false; create the Neptune endpoint with NeptuneSettings.IamAuthEnabled: true (CloudFormation AWS::DMS::Endpoint) instead',
    );
  },
});
