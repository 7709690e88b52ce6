import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject } from "../lib/values.js";

export const dmsMongodbEndpointAuthentication = resourcePolicy({
  name: "dms-mongodb-endpoint-authentication",
  concern: "dms",
  description:
    'DMS endpoints for MongoDB (and DocumentDB) authenticate: mongodbSettings.authType is not "no". Unset, the provider sends its default "password" (hashicorp/terraform-provider-aws internal/service/dms/endpoint.go, auth_type default AuthTypeValuePassword); the credential itself comes from Secrets Manager (dms-endpoint-no-plaintext-password).',
  control: "Security Hub DMS.11 (AWS Config dms-mongo-db-authentication-enabled)",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    if (props.engineName !== "mongodb" && props.engineName !== "docdb") return;
    const authType = asObject(props.mongodbSettings)?.authType;
    if (typeof authType === "string" && authType.toLowerCase() === "no") {
      report(
        'mongodbSettings.authType is "no" (no authentication); set it to "password" and read the credential from Secrets Manager',
      );
    }
  },
});
