/**
 * Wildcards in table mapping: % any run, _ one character, [_] a literal underscore, [ab] / [a-d] a set or
 * range.
 */

/**
 * True when a schema or table name in an object-locator is a pattern rather than one exact name.
 * `%` and bracket sets are patterns; `_` alone is not counted, because it also matches itself and
 * real names are full of underscores (`order_items`), and `[_]` is the documented literal underscore.
 */
export function isWildcardName(name: string): boolean {
  return name.includes("%") || /\[(?!_\])[^\]]*\]/.test(name);
}

/** Does a DMS name pattern (`%`, `_`, `[_]`, `[ab]`, `[a-d]`) match `name`? */
export function matchesPattern(pattern: string, name: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) {
        re += "\\[";
        continue;
      }
      const body = pattern.slice(i + 1, end);
      re += `[${body.replace(/[\\^]/g, "\\$&")}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|\\\]]/g, "\\$&");
  }
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return pattern === name;
  }
}
