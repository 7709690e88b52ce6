/** Output formats of `plan` (kept apart from the renderers so `--help` loads none of them). */
export const PLAN_FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** File extension of each format when written with --out (`<stack>.<env>.<ext>`). */
export const FORMAT_EXTENSIONS: Readonly<Record<PlanFormat, string>> = {
  text: "txt",
  markdown: "md",
  json: "json",
  sarif: "sarif",
};
