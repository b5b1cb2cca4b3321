import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AdminClient,
  adminDistDir,
  signUpOwner,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '@clara/server/testing';
import { launchChromium } from '@clara/testkit/chromium';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** What the admin's Chromium suites set up: a real server with one owner, and Chromium. */
export interface AdminHarness {
  server: TestServer;
  browser: Browser;
  /** The owner signed up through the API, with the workspace the options name. */
  owner: AdminClient;
  /** `admin/test-artifacts`, where the suites write their screenshots. */
  artifacts: string;
  /** Opens a new page in a new browser context and signs the owner in through the sign-in form. */
  signIn(options?: BrowserContextOptions): Promise<Page>;
  /** Closes Chromium, then the server. */
  close(): Promise<void>;
}

/** What `startAdmin` passes on: the server's options and the owner's workspace name. */
export interface AdminHarnessOptions extends TestServerOptions {
  workspaceName?: string;
}

/** The built admin's `dist` (built first if missing) and the artifacts folder next to it. */
export function adminArtifacts(): string {
  const dist = adminDistDir() ?? '';
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@clara/admin'], {
      cwd: join(dist, '..', '..'),
      stdio: 'ignore',
    });
  }
  const artifacts = join(dist, '..', 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}

/** Builds the admin if needed, starts the test server, signs up an owner and launches Chromium. */
export async function startAdmin(options: AdminHarnessOptions = {}): Promise<AdminHarness> {
  const { workspaceName, ...serverOptions } = options;
  const artifacts = adminArtifacts();
  const server = await startTestServer(serverOptions);
  let browser: Browser | undefined;
  try {
    const owner = await signUpOwner(server.url, workspaceName === undefined ? {} : { workspaceName });
    browser = await launchChromium();
    const chromium = browser;
    return {
      server,
      browser: chromium,
      owner,
      artifacts,
      async signIn(contextOptions) {
        const context = await chromium.newContext(contextOptions);
        const page = await context.newPage();
        await page.goto(`${server.url}/admin/`);
        await page.getByLabel('Email').fill(owner.email);
        await page.getByLabel('Password').fill(owner.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
        return page;
      },
      async close() {
        await chromium.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
