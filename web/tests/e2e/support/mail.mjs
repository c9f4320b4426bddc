// Reading the emails the server sends: scripts/test-web runs a real SMTP
// server (tests/support/smtp_sink.py, aiosmtpd) that files each message it
// receives as JSON in MAIL_DIR.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const MAIL_DIR = process.env.MAIL_DIR;

function receivedMails() {
  if (!MAIL_DIR) throw new Error("MAIL_DIR is not set (scripts/test-web sets it)");
  return readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const mail = JSON.parse(readFileSync(join(MAIL_DIR, name), "utf8"));
      return { to: mail.rcptTos[0], subject: mail.headers.subject, text: mail.text ?? "", html: mail.html ?? "" };
    });
}

/**
 * Waits for the newest email to `to` (optionally whose subject matches) and
 * returns it with the links in its text.
 */
export async function waitForMail(to, { subject, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = receivedMails()
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
