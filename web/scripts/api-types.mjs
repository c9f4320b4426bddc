// Generates src/lib/api/schema.d.ts from the API's OpenAPI document, so the
// web app's types are the server's. `node scripts/api-types.mjs <file|url>`
// writes it; `api-types.test.mjs` checks the committed file is not stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

export const SCHEMA_FILE = fileURLToPath(new URL("../src/lib/api/schema.d.ts", import.meta.url));

const HEADER =
  "// Generated from /api/openapi.json by web/scripts/api-types.mjs; do not edit.\n" +
  "// Regenerate: `cargo run -q -- openapi > /tmp/openapi.json && node web/scripts/api-types.mjs /tmp/openapi.json`.\n\n";

/** The generated TypeScript for an OpenAPI document (as parsed JSON). */
export async function generate(spec) {
  const ast = await openapiTS(spec, { alphabetize: true });
  return HEADER + astToString(ast);
}

async function load(source) {
  if (/^https?:\/\//.test(source)) return (await fetch(source)).json();
  return JSON.parse(await readFile(source, "utf8"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: node scripts/api-types.mjs <openapi.json file or URL>");
    process.exit(2);
  }
  await writeFile(SCHEMA_FILE, await generate(await load(source)));
  console.log(`wrote ${SCHEMA_FILE}`);
}
