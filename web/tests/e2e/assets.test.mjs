// Asset management in the browser: a CSV with one bad row is dry-run (the
// report names the line and the field), fixed and imported; a service's
// page shows its impact picture and the incident on it.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg } from "./support/app.mjs";
import { apiCall, auditPage, openBrowser } from "./support/browser.mjs";
import { setPlan } from "./support/server.mjs";

const HEADER = "externalId,name,type,status,criticality,attr.os,relationships";

describe("assets", () => {
  let admin;
  let org;

  before(async () => {
    admin = await openBrowser();
    org = await adminWithOrg(admin.context, "assets");
    await setPlan(org.slug, "enterprise");
    await apiCall(admin.context, "PATCH", `/api/orgs/${org.orgId}/features`, { assetManagement: true });
    const schema = { type: "object", properties: { os: { enum: ["linux", "windows"] } } };
    await apiCall(admin.context, "PUT", `/api/orgs/${org.orgId}/assets/types/server`, { name: "Server", schema });
  });
  after(async () => {
    await admin?.close();
  });

  it("dry-runs a CSV with a bad row, shows its line and field, then imports the fixed file", async () => {
    const { page } = admin;
    const rows = (os) =>
      [
        HEADER,
        "svc-shop,shop,service,active,critical,,depends_on:app-shop",
        "app-shop,shop-api,application,active,high,,runs_on:srv-1",
        `srv-1,web-1,server,active,high,${os},`,
      ].join("\n") + "\n";
    await page.goto(`/${org.slug}/assets/import`);
    await page.getByLabel("CSV file").setInputFiles({ name: "items.csv", mimeType: "text/csv", buffer: Buffer.from(rows("plan9")) });
    await page.getByRole("button", { name: "Dry run" }).click();
    const invalid = page.getByRole("table", { name: "Invalid rows" });
    await invalid.waitFor();
    assert.deepEqual(await invalid.locator("tbody tr td").allInnerTexts().then((cells) => cells.slice(0, 2)), ["4", "/attributes/os"]);
    await page.getByText("Dry run: nothing was written").waitFor();
    const none = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/assets`);
    assert.deepEqual(none.data, []);

    await page.getByLabel("CSV file").setInputFiles({ name: "items.csv", mimeType: "text/csv", buffer: Buffer.from(rows("linux")) });
    await page.getByRole("button", { name: /^Import/ }).click();
    await page.getByRole("heading", { name: "Imported" }).waitFor();
    assert.match(await page.getByLabel("Import counts").innerText(), /3 row\(s\): 3 to create, 0 to update, 0 unchanged, 2 relationship\(s\) new/);
    assert.deepEqual(await auditPage(page, "assets-import"), []);
  });

  it("a service shows its impact picture and the incident on it", async () => {
    const { page } = admin;
    const items = await apiCall(admin.context, "GET", `/api/orgs/${org.orgId}/assets?q=shop`);
    const shop = items.data.find((i) => i.name === "shop");
    await apiCall(admin.context, "POST", `/api/orgs/${org.orgId}/incidents`, { title: "Shop is down", severity: "P1", services: [shop.id] });
    await page.goto(`/${org.slug}/assets/${shop.number}`);
    await page.getByRole("heading", { name: "shop", exact: true }).waitFor();
    const picture = page.getByRole("group", { name: `Impact of ${shop.number}` });
    await picture.waitFor();
    assert.match(await picture.textContent(), /shop-api/);
    assert.match(await picture.textContent(), /web-1/);
    await page.getByRole("list", { name: "Open incidents" }).getByText("Shop is down").waitFor();
    assert.deepEqual(await auditPage(page, "asset-detail"), []);
    assert.deepEqual(admin.errors, []);
  });
});
