// Reading the emails the server sends. For now the server only logs them
// (JSON lines with message "mail (log only)" on its stdout, whose file is
// SERVER_LOG); switching to an SMTP test server means changing this file only.

import { readFileSync } from "node:fs";

const SERVER_LOG = process.env.SERVER_LOG;

function loggedMails() {
  if (!SERVER_LOG) throw new Error("SERVER_LOG is not set (scripts/test-web sets it)");
  const mails = [];
  for (const line of readFileSync(SERVER_LOG, "utf8").split("\n")) {
    if (!line.includes("mail (log only)")) continue;
    try {
      const { fields } = JSON.parse(line);
      if (fields?.message === "mail (log only)") mails.push({ to: fields.to, subject: fields.subject, text: fields.text });
    } catch {
      // a line cut mid-write; the next poll sees it whole
    }
  }
  return mails;
}

/**
 * Waits for the newest email to `to` (optionally whose subject matches) and
 * returns it with the links in its text.
 */
export async function waitForMail(to, { subject, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = loggedMails()
      .filter((m) => m.to === to && (!subject || subject.test(m.subject)))
      .at(-1);
    if (mail) return { ...mail, links: mail.text.match(/https?:\/\/\S+/g) ?? [] };
    if (Date.now() > deadline) throw new Error(`no email to ${to}${subject ? ` matching ${subject}` : ""} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link in the newest email to `to` whose path contains `pathPart`. */
export async function waitForLink(to, pathPart, options) {
  const deadline = Date.now() + (options?.timeoutMs ?? 10_000);
  for (;;) {
    const mail = await waitForMail(to, { ...options, timeoutMs: Math.max(0, deadline - Date.now()) });
    const link = mail.links.find((l) => l.includes(pathPart));
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no ${pathPart} link in the email to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
