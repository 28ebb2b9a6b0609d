/**
 * Test-only: the data of the streaming guide's examples (shared/reference/how-to-stream.txt), shared by
 * the conformance scenarios and by semantics-differ*.test.ts.
 */

export const JOKE = ["Why", " did", " the", " parrot", " cross", " the", " road", "?"];

export const COUNTRIES_QUESTION =
  'output a list of the countries france, spain and japan and their populations in JSON format. Use a dict with an outer key of "countries" which contains a list of countries. Each country should have the key `name` and `population`';

const COUNTRIES_JSON = `{
 "countries": [
 {
 "name": "France",
 "population": 67413000
 },
 {
 "name": "Spain",
 "population": 47351567
 },
 {
 "name": "Japan",
 "population": 125584000
 }
 ]
}`;

/**
 * Model-like chunks of a JSON text: whitespace, punctuation, quotes and words apart, and numbers in
 * groups of three digits from the right, so populations stream as in the guide (67 → 67413 → 67413000).
 */
export function jsonChunks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\s+|\d+|"|[^\s\d"]+?(?=["\s\d]|$)|[^\s\d"]/g)) {
    const piece = m[0];
    if (/^\d+$/.test(piece)) {
      let first = piece.length % 3 || 3;
      for (let i = 0; i < piece.length; i += first, first = 3) out.push(piece.slice(i, i + first));
    } else out.push(piece);
  }
  return out;
}

export const COUNTRIES_CHUNKS = jsonChunks(COUNTRIES_JSON);

/** The guide's parser output for the countries example, one value per line. */
export const COUNTRIES_STREAM: unknown[] = (() => {
  const France = { name: "France", population: 67413000 };
  const Spain = { name: "Spain", population: 47351567 };
  const steps: unknown[][] = [
    [],
    [{}],
    [{ name: "" }],
    [{ name: "France" }],
    [{ name: "France", population: 67 }],
    [{ name: "France", population: 67413 }],
    [France],
    [France, {}],
    [France, { name: "" }],
    [France, { name: "Spain" }],
    [France, { name: "Spain", population: 47 }],
    [France, { name: "Spain", population: 47351 }],
    [France, Spain],
    [France, Spain, {}],
    [France, Spain, { name: "" }],
    [France, Spain, { name: "Japan" }],
    [France, Spain, { name: "Japan", population: 125 }],
    [France, Spain, { name: "Japan", population: 125584 }],
    [France, Spain, { name: "Japan", population: 125584000 }],
  ];
  return [{}, ...steps.map((countries) => ({ countries }))];
})();

/** The guide's `_extract_country_names`, as an anonymous function (names are a "differ" row). */
export const extractCountryNames = (inputs: unknown): unknown => {
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return "";
  const countries = (inputs as { countries?: unknown }).countries;
  if (!Array.isArray(countries)) return "";
  return countries
    .filter((c): c is { name?: unknown } => typeof c === "object" && c !== null)
    .map((c) => c.name);
};

export const DOCS = [
  { pageContent: "harrison worked at kensho", metadata: {} },
  { pageContent: "harrison likes spicy food", metadata: { source: "notes" } },
];
