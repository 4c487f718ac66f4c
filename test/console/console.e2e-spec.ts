import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startKeyward, type KeywardUnderTest } from '../support/keyward-under-test';
import { accessToken, adminApi, requestToken } from '../support/oauth-client';
import { launchChromium, screenshot, seriousAccessibilityViolations } from './support/console-browser';

/**
 * The admin console in a real browser (Debian's Chromium through playwright-core) against the real
 * server: one browser for the file, one page walked through an admin's day, step by step (serial).
 */
describe('admin console (browser)', () => {
  let keyward: KeywardUnderTest;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: { clientId: string; clientSecret: string };
  const pageProblems: string[] = [];
  const exporter: { clientId?: string; firstSecret?: string; secondSecret?: string } = {};
  let apiToken = '';
  let resourceServer: { clientId: string; clientSecret: string };

  const url = (path: string) => `${keyward.baseUrl}/console${path}`;
  const byRole = (role: Parameters<Page['getByRole']>[0], name: string | RegExp) =>
    page.getByRole(role, { name, exact: typeof name === 'string' });
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  let failures = 0;
  /** Waits until the locator shows (the condition, never a fixed time); on a timeout the page is kept as failure-N.png. */
  const visible = async (locator: ReturnType<Page['locator']>) => {
    try {
      await locator.waitFor({ state: 'visible' });
    } catch (error) {
      await screenshot(page, `failure-${++failures}`).catch(() => undefined);
      throw error;
    }
    return locator;
  };
  /** React Aria draws radios and checkboxes on their label (the input is visually hidden): click the label, as a user does. */
  const choose = async (role: 'radio' | 'checkbox', name: RegExp | string, within: Page | ReturnType<Page['locator']> = page) => {
    const label = within.locator(`label.${role}`).filter({ has: page.getByRole(role, { name }) });
    await label.click();
    expect(await label.getByRole(role).isChecked()).toBe(true);
  };
  const tokenStatus = async (clientId: string, clientSecret: string) =>
    (await requestToken(keyward.baseUrl, { clientId, clientSecret })).status;
  const expectAccessible = async (what: string) =>
    expect({ page: what, violations: await seriousAccessibilityViolations(page) }).toEqual({ page: what, violations: [] });

  async function introspect(token: string): Promise<{ active: boolean }> {
    const response = await fetch(`${keyward.baseUrl}/oauth/introspect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${resourceServer.clientId}:${resourceServer.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }),
    });
    return (await response.json()) as { active: boolean };
  }

  beforeAll(async () => {
    // The audit test fetches 30 tokens at once for a second page: above the free plan's 20 grants a second.
    keyward = await startKeyward({ env: { ORG_GRANTS_PER_SECOND_FREE: '1000' } });
    const org = await keyward.bootstrap('Acme');
    admin = { clientId: org.clientId, clientSecret: org.clientSecret };
    // A resource server that introspects the API token made in the console (the introspect scope).
    const api = adminApi(keyward.baseUrl, await accessToken(keyward.baseUrl, admin));
    resourceServer = (
      await api('POST', `/service-accounts/${org.serviceAccountId}/credentials`, {
        type: 'oauth_client',
        name: 'introspector',
        scopes: ['introspect'],
      })
    ).body;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: keyward.baseUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // A CSP violation or a script error anywhere fails the run (checked at the end).
    page.on(
      'console',
      (message) => message.type() === 'error' && !/Failed to load resource/.test(message.text()) && pageProblems.push(message.text()),
    );
    page.on('pageerror', (error) => pageProblems.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await keyward?.dispose();
  });

  it('serves the console with a strict CSP and no inline script', async () => {
    const response = await fetch(url(''));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'; frame-ancestors 'none'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/style=/);
  });

  it('signs in with an admin credential; the token lives only in an HttpOnly SameSite=Strict cookie', async () => {
    await page.goto(url(''));
    await visible(heading('Sign in to keyward'));
    await expectAccessible('sign-in');
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Client ID').fill(admin.clientId);
    await page.getByLabel('Client secret').fill('kw_cs_wrong');
    await byRole('button', 'Sign in').click();
    expect(await (await visible(page.getByRole('alert'))).innerText()).toContain('the client ID or the client secret is wrong');

    await page.getByLabel('Client secret').fill(admin.clientSecret);
    await byRole('button', 'Sign in').click();
    await visible(heading('Service accounts'));
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'keyward_console_session', httpOnly: true, sameSite: 'Strict', secure: false, path: '/console' });
    const storage = await page.evaluate(() => {
      const { document, localStorage, sessionStorage } = globalThis as unknown as {
        document: { cookie: string };
        localStorage: { length: number };
        sessionStorage: { length: number };
      };
      return { cookie: document.cookie, local: localStorage.length, session: sessionStorage.length };
    });
    expect(storage).toEqual({ cookie: '', local: 0, session: 0 });
    for (const name of ['Service accounts', 'Scopes', 'Audit log', 'Organization'])
      await visible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }));
  });

  it('refuses state-changing calls without the CSRF token, or from another origin', async () => {
    const [cookie] = await context.cookies();
    const headers = { cookie: `${cookie.name}=${cookie.value}`, 'content-type': 'application/json' };
    const noToken = await fetch(url('/api/admin/v1/scopes'), {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'x:y', description: 'x' }),
    });
    expect([noToken.status, ((await noToken.json()) as { error: string }).error]).toEqual([403, 'csrf_refused']);
    const crossSite = await fetch(url('/api/session'), {
      method: 'DELETE',
      headers: { cookie: headers.cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const scopes = await fetch(url('/api/admin/v1/scopes'), { headers });
    expect(((await scopes.json()) as { items: { name: string }[] }).items.map((scope: { name: string }) => scope.name)).not.toContain(
      'x:y',
    );
  });

  it('defines a scope', async () => {
    await byRole('link', 'Scopes').click();
    await visible(heading('Scopes'));
    await byRole('button', 'Define scope').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Bad Scope!');
    await dialog.getByLabel('Description').fill('Read reports');
    await dialog.getByRole('button', { name: 'Define' }).click();
    // The API's own message, next to the field it names.
    await visible(dialog.locator('.field-error').first());
    await dialog.getByLabel('Name').fill('read:reports');
    await dialog.getByRole('button', { name: 'Define' }).click();
    await visible(page.getByRole('rowheader', { name: 'read:reports' }));
    await expectAccessible('scopes');
    await screenshot(page, '02-scopes');
  });

  it('walks the wizard for an OAuth 2.0 client; the API’s messages show on their step; the secret is shown once and works', async () => {
    await byRole('link', 'Service accounts').click();
    await byRole('button', 'Create service account').click();
    await visible(heading('Create service account'));
    await visible(byRole('heading', 'Details'));
    await expectAccessible('wizard details');
    await screenshot(page, '03-wizard-details');
    await page.getByLabel('Description').fill('Exports the monthly reports');
    await byRole('button', 'Next').click();
    // No name: Next asks the API's dry run, which refuses; its message shows on Name, before any "Create".
    const name = page.getByLabel('Name', { exact: true });
    await visible(page.locator('.field-error', { hasText: 'must be longer than or equal to 1 characters' }));
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await visible(byRole('heading', 'Details'));
    await name.fill('reports-exporter');
    await byRole('button', 'Next').click();
    await choose('radio', 'OAuth 2.0');
    await expectAccessible('wizard method');
    await byRole('button', 'Next').click();
    await page.getByLabel('Credential name').fill('production');
    await byRole('button', 'Next').click();
    await choose('checkbox', /read:reports/);
    await expectAccessible('wizard scopes');
    await byRole('button', 'Next').click();
    await visible(byRole('heading', 'Review'));
    await visible(page.getByText('read:reports', { exact: true }));
    await screenshot(page, '04-wizard-review');
    await byRole('button', 'Create').click();

    await visible(page.getByText('is shown once', { exact: false }));
    exporter.clientId = await page.getByLabel('Client ID').inputValue();
    exporter.firstSecret = await page.getByLabel('Client secret').inputValue();
    expect(exporter.firstSecret).toMatch(/^kw_cs_/);
    await byRole('button', 'Copy').click();
    await visible(page.getByRole('status').filter({ hasText: 'Copied' }));
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      ),
    ).toBe(exporter.firstSecret);
    await expectAccessible('wizard secret');
    await screenshot(page, '05-wizard-secret');

    const token = await requestToken(keyward.baseUrl, { clientId: exporter.clientId, clientSecret: exporter.firstSecret });
    expect([token.status, token.body.scope]).toEqual([200, 'read:reports']);

    // Leaving the page forgets the secret.
    await byRole('link', 'Service accounts').click();
    // The router navigates after the click returns: wait for the list, or goBack could run first.
    await visible(heading('Service accounts'));
    await page.goBack();
    await visible(heading('Create service account'));
    expect(await page.getByText(exporter.firstSecret).count()).toBe(0);
  });

  it('walks the wizard for an API token, with the expiry the API checks', async () => {
    await page.goto(url('/service-accounts/new'));
    await page.getByLabel('Name', { exact: true }).fill('ci-uploader');
    await byRole('button', 'Next').click();
    await choose('radio', 'API token');
    await byRole('button', 'Next').click();
    await page.getByLabel('Credential name').fill('pipeline');
    await page.getByLabel('Expires in days').fill('400');
    await byRole('button', 'Next').click();
    // The credential's dry run (its body's own checks: the account does not exist yet) keeps it here.
    await visible(page.locator('.field-error', { hasText: 'must not be greater than 365' }));
    await visible(byRole('heading', 'Credential'));
    await page.getByLabel('Expires in days').fill('30');
    await byRole('button', 'Next').click();
    await choose('checkbox', /read:reports/);
    await byRole('button', 'Next').click();
    await byRole('button', 'Create').click();
    await visible(page.getByText('is shown once', { exact: false }));
    apiToken = await page.getByLabel('API token').inputValue();
    expect(apiToken).toMatch(/^kw_at_/);
    expect(await introspect(apiToken)).toMatchObject({ active: true, scope: 'read:reports' });
  });

  it('lists the accounts with status, credentials and last use', async () => {
    await byRole('link', 'Service accounts').click();
    const row = await visible(page.getByRole('row', { name: /reports-exporter/ }));
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Active', '1', expect.not.stringMatching(/^Never$/)]);
    await expectAccessible('service accounts');
    await screenshot(page, '06-service-accounts');
  });

  it('rotates a secret with a grace period: both secrets work until it ends', async () => {
    await byRole('link', 'reports-exporter').click();
    await visible(heading('reports-exporter'));
    const card = page.getByRole('region', { name: 'production' });
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Grace period/ }).click();
    await page.getByRole('option', { name: '7 days' }).click();
    await visible(dialog.getByText('The previous secret stops working at'));
    await expectAccessible('rotate dialog');
    await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
    exporter.secondSecret = await (await visible(dialog.getByLabel('Client secret'))).inputValue();
    expect(exporter.secondSecret).not.toBe(exporter.firstSecret);
    expect(await tokenStatus(exporter.clientId!, exporter.firstSecret!)).toBe(200);
    expect(await tokenStatus(exporter.clientId!, exporter.secondSecret)).toBe(200);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await visible(card.getByText('Previous secret stops'));
    await expectAccessible('service account');
    await screenshot(page, '07-service-account');
  });

  it('edits the scopes of a credential', async () => {
    const card = page.getByRole('region', { name: 'production' });
    await card.getByRole('button', { name: 'Edit scopes' }).click();
    const dialog = page.getByRole('dialog');
    await choose('checkbox', /read:audit-log/, dialog);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(card.getByText('read:reports, read:audit-log'));
  });

  it('suspends (after confirming) and reactivates an account', async () => {
    await byRole('button', 'Suspend').click();
    const confirm = page.getByRole('alertdialog');
    await visible(confirm.getByRole('heading', { name: 'Suspend reports-exporter?' }));
    await confirm.getByRole('button', { name: 'Suspend' }).click();
    await visible(page.getByText('Suspended', { exact: true }));
    const refused = await requestToken(keyward.baseUrl, { clientId: exporter.clientId!, clientSecret: exporter.secondSecret! });
    expect([refused.status, refused.body.error]).toEqual([400, 'unauthorized_client']);
    await byRole('button', 'Reactivate').click();
    await visible(page.getByText('Active', { exact: true }));
    expect(await tokenStatus(exporter.clientId!, exporter.secondSecret!)).toBe(200);
  });

  it('revokes a credential after confirming', async () => {
    await byRole('link', 'Service accounts').click();
    await byRole('link', 'ci-uploader').click();
    const card = page.getByRole('region', { name: 'pipeline' });
    await card.getByRole('button', { name: 'Revoke' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await introspect(apiToken)).toMatchObject({ active: true });
    await card.getByRole('button', { name: 'Revoke' }).click();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await visible(page.getByText('No working credential.'));
    expect(await introspect(apiToken)).toEqual({ active: false });
  });

  it('reads the audit log: newest first, filtered, paged, and new events appear while it is open', async () => {
    // Enough token events for more than one page of 25.
    for (let i = 0; i < 30; i++) expect(await tokenStatus(exporter.clientId!, exporter.secondSecret!)).toBe(200);
    await byRole('link', 'Audit log').click();
    await visible(heading('Audit log'));
    const rows = page.locator('tbody tr');
    await visible(rows.first());
    expect(await rows.first().getByRole('rowheader').innerText()).toBe('Access token issued');
    expect(await rows.count()).toBe(25);
    await byRole('button', 'Load older events').click();
    await page.locator('tbody tr:nth-child(26)').waitFor();
    await expectAccessible('audit log');
    await screenshot(page, '08-audit-log');

    await page.getByRole('button', { name: /Event type/ }).click();
    await page.getByRole('option', { name: 'Client secret rotated' }).click();
    await visible(page.getByRole('rowheader', { name: 'Client secret rotated' }));
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: /Event type/ }).click();
    await page.getByRole('option', { name: 'All event types' }).click();
    await page.getByRole('button', { name: /Service account/ }).click();
    await page.getByRole('option', { name: 'ci-uploader' }).click();
    await visible(page.getByRole('rowheader', { name: 'Credential revoked' }));
    expect(await page.getByRole('rowheader', { name: 'Access token issued' }).count()).toBe(0);

    // A new event while the page is open.
    await page.getByRole('button', { name: /Service account/ }).click();
    await page.getByRole('option', { name: 'reports-exporter' }).click();
    await visible(page.getByRole('rowheader', { name: 'Access token issued' }).first());
    await keyward.bootstrap('Other org'); // events of another organization never show
    expect(
      await requestToken(keyward.baseUrl, { clientId: exporter.clientId!, clientSecret: 'kw_cs_wrong' }).then((answer) => answer.status),
    ).toBe(401);
    await visible(page.getByRole('rowheader', { name: 'Token request refused' }));
    await visible(page.getByRole('status').filter({ hasText: /new event/ }));
  });

  it('shows the organization: plan, quota used and policy', async () => {
    await byRole('link', 'Organization').click();
    await visible(heading('Organization'));
    await visible(page.getByText('3 of 5 service accounts'));
    await visible(page.getByText('Token lifetime cap'));
    await expectAccessible('organization');
    await screenshot(page, '09-organization');
  });

  it('reads on a narrow window without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ['/service-accounts', '/organization', '/service-accounts/new']) {
      await page.goto(url(path));
      await visible(page.getByRole('heading', { level: 1 }));
      const fits = await page.evaluate(() => {
        const { document, innerWidth } = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return document.documentElement.scrollWidth <= innerWidth;
      });
      expect({ path, fits }).toEqual({ path, fits: true });
    }
    await page.goto(url('/service-accounts'));
    await visible(heading('Service accounts'));
    await screenshot(page, '10-narrow-service-accounts');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('works from the keyboard alone: skip link, wizard steps, radio group and checkboxes', async () => {
    await page.goto(url('/service-accounts/new'));
    await visible(heading('Create service account'));
    // The skip link (first in the document) jumps over the navigation to the page's main region.
    const activeId = () =>
      page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id);
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    expect(await activeId()).toBe('main');
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('keyboard-bot');
    await page.keyboard.press('Enter');
    await visible(byRole('heading', 'Authentication method'));
    await page.getByRole('radio', { name: 'OAuth 2.0' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'API token' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await visible(byRole('heading', 'Credential'));
    // Focus is on the new step's heading (announced); Tab leads into its first field.
    await page.keyboard.press('Tab');
    expect(
      await page
        .getByLabel('Credential name')
        .evaluate((input) => input === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Enter');
    await visible(byRole('heading', 'Scopes'));
    await page.getByRole('checkbox', { name: /read:reports/ }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: /read:reports/ }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await visible(byRole('heading', 'Review'));
    await visible(page.getByText('keyboard-bot', { exact: true }));
  });

  it('signs out: the access token is revoked and the session is gone', async () => {
    const [cookie] = await context.cookies();
    await byRole('button', 'Sign out').click();
    await visible(heading('Sign in to keyward'));
    expect(await context.cookies()).toEqual([]);
    const oldSession = await fetch(url('/api/session'), { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(oldSession.status).toBe(401);
    const direct = await fetch(`${keyward.baseUrl}/admin/v1/service-accounts`, { headers: { authorization: `Bearer ${cookie.value}` } });
    expect([direct.status, ((await direct.json()) as { message: string }).message]).toEqual([401, 'the access token was revoked']);
    await page.goto(url('/service-accounts'));
    await visible(heading('Sign in to keyward'));
  });

  it('had no CSP violation and no script error on any page', () => {
    expect(pageProblems).toEqual([]);
  });
});
