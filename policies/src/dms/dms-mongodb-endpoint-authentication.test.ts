import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { dmsMongodbEndpointAuthentication } from "./dms-mongodb-endpoint-authentication.js";

const endpoint = (inputs: Record<string, unknown>) => ({ type: T.dmsEndpoint, inputs });

describePolicy(dmsMongodbEndpointAuthentication, {
  passes: [
    { title: "a MongoDB endpoint on the default (password)", fixture: endpoint({ engineName: "mongodb" }) },
    {
      title: "a DocumentDB endpoint with password authentication",
      fixture: endpoint({
        engineName: "docdb",
        mongodbSettings: { authType: "password", authMechanism: "scram_sha_1" },
      }),
    },
    { title: "a MySQL endpoint", fixture: endpoint({ engineName: "mysql", mongodbSettings: { authType: "no" } }) },
  ],
  fails: [
    {
      title: "a MongoDB endpoint without authentication",
      fixture: endpoint({ engineName: "mongodb", mongodbSettings: { authType: "no" } }),
      messages: [
        'mongodbSettings.authType is "no" (no authentication); set it to "password" and read the credential from Secrets Manager',
      ],
    },
  ],
  unknown: {
    fixture: endpoint({ engineName: "mongodb", mongodbSettings: UNKNOWN }),
    path: "mongodbSettings",
  },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
