// `@clara/server/testing`: what suites outside the server (the admin's and the widget's browser
// tests in admin/test and widget/test) need to drive the real server. Never imported by product
// code (boundaries.test.ts).

// Server functions the suites call in-process: the commands `clara keys` and `clara owner invite`
// run, and where the server finds the built admin app and widget.
export { keysCommand } from '../src/cli/keys-command';
export { ownerInviteCommand } from '../src/cli/owner-command';
export { adminDistDir, widgetScriptFile } from '../src/http/built-apps';
// The real server on a random port, an owner's API client, and the widget's host page and driver.
export * from './admin/admin-client';
export * from './admin/sample-transcript';
export * from './clarify-choice';
export * from './test-server';
export * from './widget/host-page';
/** Drives the embedded widget on a Playwright page (`ui`, `loadWidget`, `openWidget`, `ask`, …). */
export * as widgetPage from './widget/widget-page';
