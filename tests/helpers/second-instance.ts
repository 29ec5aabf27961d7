import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { PLAYGROUND, TEST_ENV, definedEnv } from './strapi';

/** Ports a test may give a second Strapi (this worktree's range; one per concurrently running file). */
export const SECOND_INSTANCE_PORTS = { first: 1410, last: 1419 };
/** Ports of the destination sites of `transfer.test.ts` (a range of their own, so it may run next to the others). */
export const TRANSFER_PORTS = { first: 1430, last: 1439 };

export interface SecondInstance {
  url: string;
  /** Milliseconds from spawn to the first healthy answer. */
  bootMs: number;
  stop: () => Promise<void>;
}

// Boots the compiled playground exactly like `strapi start` does (load, then listen), in its own process:
// Strapi keeps a process-wide global, so two instances cannot share one jest process.
const CHILD = `
const { createStrapi } = require('@strapi/strapi');
const path = require('path');
const appDir = process.env.JM_APP_DIR;
// Ends with the test process, even when that one is killed before its afterAll runs.
const parent = Number(process.env.JM_PARENT_PID);
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 2000).unref();
createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).start().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

/**
 * Starts a second Strapi on the database of `dbEnv` (the same one a test's first instance uses), as a
 * child process listening on 127.0.0.1:`port`, and resolves once it answers /_health. Its log goes to
 * playground/.tmp/second-instance-<port>.log. `stop()` ends the child (only it) and waits for its exit.
 */
export async function startSecondInstance(
  dbEnv: Record<string, string | undefined>,
  port: number,
  env: Record<string, string> = {},
  ports: { first: number; last: number } = SECOND_INSTANCE_PORTS
): Promise<SecondInstance> {
  if (port < ports.first || port > ports.last) throw new Error(`port ${port} is outside ${ports.first}-${ports.last}`);
  const logDir = path.join(PLAYGROUND, '.tmp');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `second-instance-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['-e', CHILD], {
    cwd: path.resolve(PLAYGROUND, '..'),
    env: {
      ...process.env,
      ...definedEnv(dbEnv),
      ...TEST_ENV,
      JM_APP_DIR: PLAYGROUND,
      JM_PARENT_PID: String(process.pid),
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code ?? -1), resolve())));

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`the second Strapi exited with ${exited} before answering; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      await stop();
      throw new Error(`the second Strapi did not answer on ${url} within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, bootMs: Date.now() - started, stop };
}
