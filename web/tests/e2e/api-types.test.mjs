// The web app's API types are generated from the server's OpenAPI
// document (web/scripts/api-types.mjs); this fails when the committed
// file no longer matches what the running server documents.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { SCHEMA_FILE, generate } from "../../scripts/api-types.mjs";
import { BASE_URL } from "./support/browser.mjs";

describe("generated API types", () => {
  it("src/lib/api/schema.d.ts is what the server's /api/openapi.json generates", async () => {
    const spec = await (await fetch(`${BASE_URL}/api/openapi.json`)).json();
    const committed = await readFile(SCHEMA_FILE, "utf8");
    const fresh = await generate(spec);
    assert.ok(
      committed === fresh,
      "src/lib/api/schema.d.ts is stale: regenerate it with `cargo run -q -- openapi > /tmp/openapi.json && node web/scripts/api-types.mjs /tmp/openapi.json`",
    );
  });
});
