import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { ConfigError } from "./errors.js";

/**
 * Aliases a config file may expand. A Pulumi.<stack>.yaml written by hand or by `pulumi config
 * set` uses few or none; an "alias bomb" (a billion laughs) nests aliases of aliases so a few
 * hundred bytes expand to gigabytes. The `yaml` package refuses expansions above this count.
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Parse YAML text into a document and its JavaScript value. Malformed YAML, a hostile document
 * (alias expansion beyond MAX_YAML_ALIAS_COUNT) or any other failure of the parser is a
 * ConfigError naming `shown` and the line: one line for the user, never a stack trace.
 */
export function parseYaml(text: string, shown: string): { doc: Document; value: unknown } {
  let doc: Document;
  const lines = new LineCounter();
  try {
    // Merge keys (`<<: *defaults`) are applied as the Pulumi CLI applies them: it reads stack files
    // with gopkg.in/yaml.v3 (pulumi/pulumi sdk/go/common/encoding), whose decoder merges `<<` into
    // the mapping (decode.go, `merge`): the mapping's own keys win, then earlier merged maps.
    doc = parseDocument(text, { prettyErrors: true, merge: true, lineCounter: lines });
  } catch (err) {
    throw new ConfigError(shown, "", `not valid YAML: ${firstLine(err)}`);
  }
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    throw new ConfigError(
      shown,
      line ? `line ${line.line}` : "",
      `not valid YAML: ${first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "parse error"}`,
    );
  }
  try {
    return { doc, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }) };
  } catch (err) {
    if (err instanceof ReferenceError && /alias count/i.test(err.message)) {
      throw new ConfigError(
        shown,
        "",
        `refused: its aliases (*name) expand to more than ${MAX_YAML_ALIAS_COUNT} nodes, as in a YAML "alias bomb"; write the values out instead of aliasing them`,
      );
    }
    const merge = badMerge(doc, lines);
    if (merge) {
      throw new ConfigError(
        shown,
        `line ${merge}`,
        "a merge key (<<) must merge a mapping, an alias of one (*name) or a list of them, as the Pulumi CLI requires",
      );
    }
    throw new ConfigError(shown, "", `not valid YAML: ${firstLine(err)}`);
  }
}

/** The line of the first merge key (`<<`) whose value is not a mapping or a list of mappings. */
function badMerge(doc: Document, lines: LineCounter): number | undefined {
  const isMapping = (n: unknown): boolean => isMap(n) || (isAlias(n) && isMap(n.resolve(doc)));
  let line: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || typeof pair.key.value !== "symbol") return;
      const v = pair.value;
      if (isMapping(v) || (isSeq(v) && v.items.every(isMapping))) return;
      line = lines.linePos(pair.key.range?.[0] ?? 0).line;
      return visit.BREAK;
    },
  });
  return line;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "parse error";
}
