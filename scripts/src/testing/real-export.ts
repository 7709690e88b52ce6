import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Turn the checkpoints `plan --write-state` writes into what `pulumi stack export` prints after a
 * real `pulumi up` of the same programs, so tests can plan the unchanged tree against exports that
 * look like a deployed stack's. What changes, and where the rule comes from:
 *
 * - ids: the cloud's, not the offline mock's hashes (EC2 `vpc-0…` ids re-drawn, KMS key UUIDs
 *   re-drawn, a RandomPassword's id `none` as the random provider sets it, an IAM role's id its
 *   name), replaced everywhere the programs used them (inputs, ARNs, JSON documents, stack outputs,
 *   the StackReference outputs the replication stack read), across every file of the directory;
 * - provider resources: UUID ids, and every `provider` reference `<urn>::<id>` with them;
 * - inputs as the bridge's Check returns them (pulumi-terraform-bridge pkg/tfbridge/provider.go,
 *   Check; schema.go, `__defaults`): `__defaults` on every resource and nested block, `tagsAll`
 *   among the inputs of every tagged resource (pulumi-aws provider/tags.go, `applyTags`), values the
 *   provider treats as unset (false, "", [], {}) left out;
 * - outputs the provider fills (`id`, `tagsAll`) added;
 * - secrets as the service or passphrase secrets provider writes them: base64 ciphertext in the
 *   `4dabf18193072939515e22adb298388d` envelope (pulumi/pulumi pkg/resource/stack/deployment.go);
 * - the fields a real checkpoint carries besides (`created`, `modified`, the manifest's plugins, the
 *   deployment's `secrets_providers`: sdk/go/common/apitype/core.go, DeploymentV3 and ResourceV3),
 *   and the resources in another order than the program registers them.
 */

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const hex = (text: string, length: number) => createHash("sha256").update(text).digest("hex").slice(0, length);
const uuid = (text: string) => {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

type Resource = Record<string, unknown> & {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  provider?: string;
};
type Checkpoint = { version: number; deployment: { manifest: Record<string, unknown>; resources: Resource[] } };

/** The id the cloud would have given a resource whose offline id is `id`, or undefined to keep it. */
function realId(r: Resource): string | undefined {
  const id = r.id;
  if (!id) return undefined;
  if (r.type.startsWith("pulumi:providers:")) return uuid(`provider ${id}`);
  if (r.type === "random:index/randomPassword:RandomPassword") return "none";
  if (r.type === "aws:iam/role:Role") {
    const name = r.inputs?.name ?? r.outputs?.name;
    return typeof name === "string" ? name : undefined;
  }
  const ec2 = /^([a-z]+)-([0-9a-f]{17})$/.exec(id);
  if (ec2) return `${ec2[1]}-0${hex(`ec2 ${id}`, 16)}`;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return uuid(`kms ${id}`);
  return undefined;
}

function replaceAll(value: unknown, pattern: RegExp | undefined, map: Map<string, string>): unknown {
  if (typeof value === "string") return pattern ? value.replace(pattern, (m) => map.get(m) ?? m) : value;
  if (Array.isArray(value)) return value.map((v) => replaceAll(v, pattern, map));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceAll(v, pattern, map)]));
  }
  return value;
}

const unset = (v: unknown) =>
  v === false || v === "" || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/** Inputs as the bridge's Check leaves them: unset values out, `__defaults` in every block. */
function checkedInputs(value: Record<string, unknown>, top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (unset(v)) continue;
    if (v !== null && isObject(v) && !(SIG_KEY in v) && k !== "tags" && k !== "tagsAll") {
      out[k] = checkedInputs(v, false);
    } else if (Array.isArray(v)) {
      out[k] = v.map((e) => (isObject(e) && !(SIG_KEY in e) ? checkedInputs(e, false) : e));
    } else {
      out[k] = v;
    }
  }
  if (top || Object.keys(out).length > 0) out.__defaults = [];
  return out;
}

function secretsReencrypted(value: unknown, seed: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => secretsReencrypted(v, `${seed}.${i}`));
  if (!isObject(value)) return value;
  if (SIG_KEY in value) {
    return {
      [SIG_KEY]: value[SIG_KEY],
      ciphertext: `v1:${Buffer.from(hex(seed, 24), "hex").toString("base64")}:${Buffer.from(hex(`${seed}!`, 48), "hex").toString("base64")}`,
    };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretsReencrypted(v, `${seed}.${k}`)]));
}

/** One resource as a real export holds it (ids already replaced). */
function realResource(r: Resource): Resource {
  const out: Resource = { ...r };
  if (r.custom && !r.type.startsWith("pulumi:") && r.inputs) {
    const inputs = checkedInputs(r.inputs, true);
    const outputs = { ...(r.outputs ?? {}) };
    if (r.type.startsWith("aws:") && "tags" in r.inputs) {
      const tagsAll = outputs.tagsAll ?? r.inputs.tags;
      inputs.tagsAll = tagsAll;
      outputs.tagsAll = tagsAll;
    }
    if (r.id !== undefined) outputs.id = r.id;
    out.inputs = inputs;
    out.outputs = outputs;
  }
  out.created = "2026-11-30T09:12:44.123456789Z";
  out.modified = "2026-11-30T09:14:02.987654321Z";
  return secretsReencrypted(out, r.urn) as Resource;
}

/**
 * Read every `<stack>.<env>.state.json` of `fromDir` (as `plan --write-state` writes them) and write
 * its realistic export, under the same name, to `toDir`. Returns the file names written.
 */
export function realisticExports(fromDir: string, toDir: string): string[] {
  const names = readdirSync(fromDir).filter((n) => n.endsWith(".state.json"));
  const docs = new Map(names.map((n) => [n, JSON.parse(readFileSync(join(fromDir, n), "utf8")) as Checkpoint]));
  const ids = new Map<string, string>();
  for (const doc of docs.values()) {
    for (const r of doc.deployment.resources) {
      const id = realId(r);
      if (r.id && id !== undefined && id !== r.id) ids.set(r.id, id);
    }
  }
  const escaped = [...ids.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = escaped.length > 0 ? new RegExp(escaped.join("|"), "g") : undefined;
  mkdirSync(toDir, { recursive: true });
  for (const [name, doc] of docs) {
    const resources = (replaceAll(doc.deployment.resources, pattern, ids) as Resource[]).map(realResource);
    // Providers and the stack first, as the engine writes them; the rest in another order.
    const first = resources.filter((r) => r.type === "pulumi:pulumi:Stack" || r.type.startsWith("pulumi:providers:"));
    const rest = resources.filter((r) => !first.includes(r)).reverse();
    const real = {
      version: 3,
      deployment: {
        manifest: {
          time: "2026-11-30T09:14:03.5Z",
          magic: hex(name, 64),
          version: "v3.210.0",
          plugins: [
            {
              name: "aws",
              path: "/home/runner/.pulumi/plugins/resource-aws-v7.48.0",
              type: "resource",
              version: "7.48.0",
            },
            {
              name: "nodejs",
              path: "/home/runner/.pulumi/bin/pulumi-language-nodejs",
              type: "language",
              version: "3.210.0",
            },
          ],
        },
        secrets_providers: {
          type: "service",
          state: { url: "https://api.pulumi.com", owner: "acme", project: "p", stack: "s" },
        },
        resources: [...first, ...rest],
      },
    };
    writeFileSync(join(toDir, name), `${JSON.stringify(real, null, 4)}\n`);
  }
  return names;
}
