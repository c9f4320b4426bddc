// Account flows around the edges: confirming an email, resetting a
// password, an existing account accepting an invite after signing in, and
// switching between organisations.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { adminWithOrg, confirmEmailWithUi, createOrgWithUi, signUpWithUi, waitForPath } from "./support/app.mjs";
import { apiCall, openBrowser, PASSWORD, unique } from "./support/browser.mjs";
import { waitForLink } from "./support/mail.mjs";

describe("account flows", () => {
  let person;
  let other;
  const email = `${unique("carol")}@example.com`;
  let slug;

  before(async () => {
    person = await openBrowser();
    other = await openBrowser();
  });
  after(async () => {
    await person?.close();
    await other?.close();
  });

  it("confirms the email address from the emailed link", async () => {
    const { page } = person;
    await signUpWithUi(page, { name: "Carol", email });
    // No organisation before the address is confirmed.
    await page.getByText("Confirm your email address first").waitFor();
    assert.equal(await page.getByRole("button", { name: "Create organisation" }).count(), 0);
    await confirmEmailWithUi(page, email);
    await waitForPath(page, "/new-org");
    slug = await createOrgWithUi(page, `Carol Co ${unique("c")}`);
    await waitForPath(page, `/${slug}/incidents`);
    assert.equal(await page.getByText("Please confirm your email address").count(), 0);
  });

  it("resets a forgotten password and signs in with the new one", async () => {
    const { page } = person;
    await page.getByRole("button", { name: "Sign out" }).click();
    await waitForPath(page, "/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByText("Check your email").waitFor();
    const link = await waitForLink(email, "/reset-password");
    await page.goto(new URL(link).pathname + new URL(link).search);
    const newPassword = "a much better passphrase 2";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Password changed").waitFor();
    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await waitForPath(page, `/${slug}/incidents`);
  });

  it("an existing account signs in from the invite, accepts it and switches organisations", async () => {
    const inviter = await adminWithOrg(other.context, "dave");
    await apiCall(other.context, "POST", `/api/orgs/${inviter.orgId}/invites`, { email, roles: ["oncall"] });
    const link = await waitForLink(email, "/invite/", { subject: /Join/ });
    const { page } = person;
    await page.getByRole("button", { name: "Sign out" }).click();
    await waitForPath(page, "/login");

    await page.goto(new URL(link).pathname);
    await page.getByRole("link", { name: "Sign in to accept" }).click();
    await waitForPath(page, "/login");
    assert.equal(await page.getByLabel("Email", { exact: true }).inputValue(), email);
    await page.getByLabel("Password", { exact: true }).fill("a much better passphrase 2");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await waitForPath(page, new URL(link).pathname);
    await page.getByRole("button", { name: `Join ${inviter.org.name}` }).click();
    await waitForPath(page, `/${inviter.slug}/incidents`);

    const switcher = page.getByLabel("Organisation");
    assert.equal(await switcher.inputValue(), inviter.slug);
    await switcher.selectOption(slug);
    await waitForPath(page, `/${slug}/incidents`);
    await page.goBack();
    await waitForPath(page, `/${inviter.slug}/incidents`);
    await page.getByRole("heading", { name: "Incidents", exact: true }).waitFor();
    assert.deepEqual(person.errors, []);
  });

  it("a page of an organisation one is not a member of says so", async () => {
    await person.page.goto(`/no-such-org-${unique("x")}/incidents`);
    await person.page.getByText("or you are not a member of it").waitFor();
  });
});
