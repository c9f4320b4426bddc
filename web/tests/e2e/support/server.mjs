// Another copy of the server for tests that need a different configuration
// (Stripe, say): the same binary scripts/test-web started, on its own port
// with its own fresh SQLite database, the same web build and SMTP server.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACTS } from "./browser.mjs";

const BIN = process.env.SIMPLICITY_SERVER_BIN;

/** Why `startServer` cannot run here, or undefined when it can (for `it(…, { skip })`). */
export const cannotStartServer = BIN ? undefined : "SIMPLICITY_SERVER_BIN is not set (scripts/test-web sets it)";

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server with `env` on top of the usual settings; resolves once it
 * is ready. Its log goes to test-artifacts/server-<name>.log.
 */
export async function startServer(name, env = {}) {
  if (!BIN) throw new Error(cannotStartServer);
  const dir = mkdtempSync(join(tmpdir(), `simplicity-${name}-`));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(join(ARTIFACTS, `server-${name}.log`), "w");
  const child = spawn(BIN, ["serve", "--port", String(port)], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: "sqlite://./web-test.db?mode=rwc",
      WEB_DIR: process.env.WEB_DIR ?? join(ARTIFACTS, "..", "out"),
      SMTP_URL: process.env.SMTP_URL,
      SECRETS_KEY: process.env.SECRETS_KEY,
      // The Slack and webhook receivers are on 127.0.0.1.
      OUTBOUND_ALLOW_PRIVATE: "true",
      PUBLIC_URL: baseUrl,
      RUST_LOG: process.env.RUST_LOG ?? "info",
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  let exited = null;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve((exited = code ?? signal))));
  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the ${name} server exited (${exited}); see test-artifacts/server-${name}.log`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${name} server was not ready within 30 s; see test-artifacts/server-${name}.log`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, stop };
}

/**
 * Moves an organisation of the main server to `plan`, as its operator
 * would: `simplicity org set-plan` on the server's database.
 */
export async function setPlan(slug, plan) {
  if (!BIN || !process.env.SERVER_DATABASE_URL) throw new Error("scripts/test-web sets SIMPLICITY_SERVER_BIN and SERVER_DATABASE_URL");
  const child = spawn(BIN, ["org", "set-plan", slug, plan], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.SERVER_DATABASE_URL, RUST_LOG: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`set-plan ${slug} ${plan} failed (${code}): ${output}`);
}
