import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asObject } from "../lib/values.js";

export const dmsRedisEndpointTls = resourcePolicy({
  name: "dms-redis-endpoint-tls",
  concern: "dms",
  description:
    'DMS endpoints for Redis OSS encrypt the connection: redisSettings.sslSecurityProtocol is not "plaintext". Unset, the provider sends its default "ssl-encryption" (hashicorp/terraform-provider-aws internal/service/dms/endpoint.go, ssl_security_protocol default SslSecurityProtocolValueSslEncryption).',
  control: "Security Hub DMS.12 (AWS Config dms-redis-tls-enabled)",
  enforcementLevel: "mandatory",
  types: [T.dmsEndpoint],
  validate: (props, _args, report) => {
    if (props.engineName !== "redis") return;
    const protocol = asObject(props.redisSettings)?.sslSecurityProtocol;
    if (protocol === "plaintext") {
      report(
        'redisSettings.sslSecurityProtocol is "plaintext"; set it to "ssl-encryption" (with sslCaCertificateArn to verify the server)',
      );
    }
  },
});
