import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsNeptuneEndpointIamAuthorization } from "./dms-neptune-endpoint-iam-authorization.js";

describePolicy(dmsNeptuneEndpointIamAuthorization, {
  passes: [{ title: "a MySQL endpoint", fixture: { type: T.dmsEndpoint, inputs: { engineName: "mysql" } } }],
  fails: [
    {
      title: "a Neptune target endpoint (IamAuthEnabled cannot be set through the provider)",
      fixture: { type: T.dmsEndpoint, inputs: { engineName: "neptune", endpointType: "target" } },
      messages: [
        'engineName is "neptune", and aws:dms/endpoint has no neptuneSettings: IamAuthEnabled stays false; create the Neptune endpoint with NeptuneSettings.IamAuthEnabled: true (CloudFormation AWS::DMS::Endpoint) instead',
      ],
    },
  ],
  unknown: { fixture: { type: T.dmsEndpoint, inputs: { engineName: UNKNOWN } }, path: "engineName" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
