import { isDeepStrictEqual } from "node:util";
import { ConfigError, parseYaml } from "@dms-platform/config";
import { type Document, isAlias, isMap, isNode, type Node, visit } from "yaml";
import { CliError } from "../errors.js";
import { concretePaths, type StackPromotion, splitKeyPath } from "./promotable.js";

/** One promotable key whose value the promotion changes in the target file. */
export interface KeyChange {
  /** The key path, as listed in promotable.ts (`dms-platform-foundation:target.engine`). */
  path: string;
  /** added: the target had no value; removed: the source has none; changed: both differ. */
  change: "added" | "changed" | "removed";
}

/** A target config file, promoted. */
export interface PromotedText {
  /** The new text: the old text when nothing changes. */
  text: string;
  changes: KeyChange[];
}

/** Parse a Pulumi.<env>.yaml for editing; a syntax error is a ConfigError naming `shown` and the line. */
export function parseConfigDocument(text: string, shown: string): Document {
  const { doc, value: root } = parseYaml(text, shown);
  if (root !== null && root !== undefined && (typeof root !== "object" || Array.isArray(root))) {
    throw new ConfigError(shown, "", "must be a YAML mapping");
  }
  const config = doc.get("config", true);
  if (config !== undefined && config !== null && !isMap(config)) {
    throw new ConfigError(shown, "config", "must be a mapping of namespace:key to value");
  }
  return doc;
}

function containsSecure(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecure);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === "secure") return true;
    return entries.some(([, v]) => containsSecure(v));
  }
  return false;
}

/**
 * The source's node, ready to live in the target document: a clone keeps its comments and its
 * scalars' quoting; a subtree with aliases (which point into the source document) is rebuilt from its
 * value; anchors are dropped so they cannot collide with the target's.
 */
function transplant(source: Document, node: unknown, target: Document): unknown {
  if (!isNode(node)) return node;
  let hasAlias = false;
  visit(node, {
    Alias: () => {
      hasAlias = true;
      return visit.BREAK;
    },
  });
  const copy = (hasAlias ? target.createNode(node.toJS(source)) : node.clone()) as Node;
  visit(copy, (_key, n) => {
    if (isNode(n) && !isAlias(n)) n.anchor = undefined;
  });
  return copy;
}

/**
 * Copy a stack's promotable keys from the source environment's file into the target's, through the
 * `yaml` Document API: comments, key order and formatting of everything else are kept, a value that
 * is already equal is not touched, and the old text comes back unchanged when nothing differs (so a
 * second promotion changes nothing).
 */
export function promoteText(
  promotion: StackPromotion,
  source: { text: string; shown: string },
  target: { text: string; shown: string },
): PromotedText {
  const from = parseConfigDocument(source.text, source.shown);
  const to = parseConfigDocument(target.text, target.shown);
  const changes: KeyChange[] = [];
  // A `<name>` path (`targets.<name>.engine`) stands for each named entry either file holds.
  const configOf = (doc: Document) => (doc.toJS() as { config?: Record<string, unknown> } | null)?.config ?? {};
  const paths = concretePaths(
    promotion.promotable.map((k) => k.path),
    configOf(from),
    configOf(to),
  );
  for (const path of paths) {
    const full = ["config", ...splitKeyPath(path)];
    const inSource = from.hasIn(full);
    const inTarget = to.hasIn(full);
    const sourceNode = from.getIn(full, true);
    const sourceValue: unknown = isNode(sourceNode) ? sourceNode.toJS(from) : sourceNode;
    const targetNode = to.getIn(full, true);
    const targetValue: unknown = isNode(targetNode) ? targetNode.toJS(to) : targetNode;
    if (!inSource && !inTarget) continue;
    if (inSource && inTarget && isDeepStrictEqual(sourceValue, targetValue)) continue;
    if (containsSecure(sourceValue)) {
      // A `secure:` value is encrypted with the source stack's key: the target cannot decrypt it.
      throw new CliError(
        `${source.shown}: ${path}: is a secret; promotion cannot copy secrets (set it in the target with \`pulumi config set --secret\`)`,
      );
    }
    if (!inSource) {
      to.deleteIn(full);
      changes.push({ path, change: "removed" });
      continue;
    }
    to.setIn(full, transplant(from, sourceNode, to));
    changes.push({ path, change: inTarget ? "changed" : "added" });
  }
  if (changes.length === 0) return { text: target.text, changes };
  // lineWidth 0: never fold long scalars the author wrote on one line.
  return { text: to.toString({ lineWidth: 0 }), changes };
}
