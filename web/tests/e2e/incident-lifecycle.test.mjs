// The main journey: sign up, create an org, invite a teammate who joins,
// open a P1 that the teammate sees live, acknowledge, note, resolve, and
// find MTTA/MTTR on the dashboard. Also checks accessibility and takes
// light/dark screenshots of the main pages on the way.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { auditPage, openBrowser, screenshots, unique } from "./support/browser.mjs";
import { confirmEmailWithUi, createOrgWithUi, signUpWithUi, waitForPath } from "./support/app.mjs";
import { waitForLink } from "./support/mail.mjs";
import { PASSWORD } from "./support/browser.mjs";

const a11yProblems = [];
async function audit(page, name) {
  a11yProblems.push(...(await auditPage(page, name)).map((p) => ({ page: name, ...p })));
}

describe("incident lifecycle across two people", () => {
  let alice;
  let bob;
  let slug;
  const bobEmail = `${unique("bob")}@example.com`;
  const title = `Checkout is down ${unique("t")}`;

  before(async () => {
    alice = await openBrowser();
    bob = await openBrowser();
  });
  after(async () => {
    await alice?.close();
    await bob?.close();
  });

  it("sends a signed-out visitor to sign in, and the sign-in and sign-up pages are accessible", async () => {
    const { page } = alice;
    await page.goto("/");
    await waitForPath(page, "/login");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await audit(page, "login");
    await page.getByRole("link", { name: "Create an account" }).click();
    await waitForPath(page, "/signup");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await audit(page, "signup");
  });

  it("shows the server's field errors inline on sign-up", async () => {
    const { page } = alice;
    await page.getByLabel("Your name").fill("Alice");
    await page.getByLabel("Work email").fill(`${unique("alice")}@example.com`);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("must be at least 10 characters").waitFor();
    assert.equal(await page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid"), "true");
  });

  it("signs up and creates an organisation", async () => {
    const email = `${unique("alice")}@example.com`;
    await signUpWithUi(alice.page, { name: "Alice Admin", email });
    await confirmEmailWithUi(alice.page, email);
    slug = await createOrgWithUi(alice.page, `Acme ${unique("o")}`);
    await alice.page.getByText("No incidents yet").waitFor();
  });

  it("invites a second person, who accepts the emailed link and sets a password", async () => {
    const { page } = alice;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await waitForPath(page, `/${slug}/settings/members`);
    await page.getByLabel("Email address").fill(bobEmail);
    await page.getByRole("button", { name: "Send invite" }).click();
    await page.getByText(`Invite sent to ${bobEmail}.`).waitFor();
    await page.getByRole("list", { name: "Pending invites" }).getByText(bobEmail).waitFor();
    await audit(page, "settings-members");

    const link = await waitForLink(bobEmail, "/invite/");
    await bob.page.goto(new URL(link).pathname);
    await bob.page.getByRole("heading", { name: /^Join / }).waitFor();
    await bob.page.getByLabel("Your name").fill("Bob Builder");
    await bob.page.getByLabel("Choose a password").fill(PASSWORD);
    await bob.page.getByRole("button", { name: "Create account and join" }).click();
    await waitForPath(bob.page, `/${slug}/incidents`);
    await bob.page.getByText("No incidents yet").waitFor();
  });

  it("shows a new P1 on the teammate's open incidents page live, without a reload", async () => {
    await bob.page.evaluate(() => {
      window.__sameDocument = true;
    });
    await bob.page.getByText("Live", { exact: true }).waitFor();

    const { page } = alice;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await waitForPath(page, `/${slug}/incidents`);
    await page.getByText("No incidents yet").waitFor();
    await page.keyboard.press("c");
    await waitForPath(page, `/${slug}/incidents/new`);
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel(/P1 · Critical/).check();
    await page.getByLabel("Description", { exact: true }).fill("Customers get **500 errors** at checkout.\n\n- started 10:02\n- payments only");
    await page.getByLabel("Bob Builder").check();
    await audit(page, "incident-new");
    await page.getByRole("button", { name: "Open incident" }).click();
    await waitForPath(page, `/${slug}/incidents/1`);
    await page.getByRole("heading", { name: title }).waitFor();

    const row = bob.page.getByRole("link", { name: title });
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await bob.page.evaluate(() => window.__sameDocument), true, "the list updated without a page load");
    const cells = await bob.page.getByRole("row").filter({ has: row }).innerText();
    assert.match(cells, /INC-1/);
    assert.match(cells, /P1/);
    assert.match(cells, /Open/);
  });

  it("acknowledges with the a shortcut, adds a Markdown note and resolves", async () => {
    const { page } = alice;
    await page.getByText("Customers get").waitFor();
    assert.equal(await page.locator("strong", { hasText: "500 errors" }).count(), 1, "description rendered as Markdown");
    await audit(page, "incident-detail");
    await page.keyboard.press("a");
    await page.getByRole("button", { name: "Acknowledge", exact: true }).waitFor({ state: "detached" });
    assert.equal(await page.getByRole("button", { name: "Start investigating" }).count(), 1);
    await page.getByText("Status changed from open to acknowledged").waitFor();

    await page.getByLabel("Add a note", { exact: true }).fill("Rolled back **deploy 42**; <script>alert(1)</script>");
    await page.getByRole("button", { name: "Add note" }).click();
    const note = page.getByRole("list", { name: "Timeline" }).locator("strong", { hasText: "deploy 42" });
    await note.waitFor();
    await page.getByText("<script>alert(1)</script>").waitFor();

    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    await page.getByTestId("sla-resolve").getByText(/Done in/).waitFor();
    await screenshots(page, "incident-detail-resolved");
    assert.deepEqual(alice.errors, []);
  });

  it("updates the teammate's open detail page live", async () => {
    await bob.page.getByRole("link", { name: title }).click();
    await waitForPath(bob.page, `/${slug}/incidents/1`);
    await bob.page.getByRole("button", { name: "Reopen" }).waitFor();
    await alice.page.getByRole("button", { name: "Reopen" }).click();
    await alice.page.getByRole("button", { name: "Acknowledge", exact: true }).waitFor();
    await bob.page.getByRole("button", { name: "Acknowledge", exact: true }).waitFor({ timeout: 10_000 });
    await alice.page.getByRole("button", { name: "Resolve" }).click();
    await bob.page.getByRole("button", { name: "Reopen" }).waitFor({ timeout: 10_000 });
  });

  it("keeps deep links working on reload", async () => {
    await bob.page.reload();
    await bob.page.getByRole("heading", { name: title }).waitFor();
    await bob.page.goto(`/${slug}/incidents?status=resolved&severity=P1`);
    await bob.page.getByRole("link", { name: title }).waitFor();
    assert.equal(await bob.page.getByLabel("Status", { exact: true }).inputValue(), "resolved");
    await bob.page.getByLabel("Status", { exact: true }).selectOption("active");
    await bob.page.getByText("No incidents match these filters").waitFor();
    assert.match(bob.page.url(), /status=active/);
    await bob.page.keyboard.press("/");
    assert.equal(await bob.page.evaluate(() => document.activeElement?.id), "incident-search");
    assert.deepEqual(bob.errors, []);
  });

  it("shows MTTA and MTTR for the resolved incident on the dashboard", async () => {
    const { page } = alice;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await waitForPath(page, `/${slug}/dashboard`);
    const mtta = page.getByTestId("mtta-mean");
    const mttr = page.getByTestId("mttr-mean");
    await mtta.waitFor();
    assert.match(await mtta.innerText(), /^\d+(s|m)/);
    assert.match(await mttr.innerText(), /^\d+(s|m)/);
    await page.locator(".recharts-surface").first().waitFor();
    await audit(page, "dashboard");
  });

  it("lists incidents accessibly, on desktop and phone", async () => {
    const { page } = alice;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("link", { name: title }).waitFor();
    await audit(page, "incidents-list");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("link", { name: title }).waitFor();
    await screenshots(page, "incidents-list-phone");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.locator("#mobile-nav").getByRole("link", { name: "Dashboard" }).waitFor();
    await screenshots(page, "nav-phone");
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole("link", { name: "Settings" }).first().click();
    await page.getByRole("link", { name: "Modules" }).click();
    await page.getByRole("switch", { name: "Knowledge base" }).waitFor();
    await audit(page, "settings-modules");
  });

  it("has no serious or critical accessibility violations on the main pages", () => {
    assert.deepEqual(a11yProblems, []);
  });
});
