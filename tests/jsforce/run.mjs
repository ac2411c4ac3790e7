// An independent Salesforce client (jsforce, written by others against the real Salesforce) drives
// sfsync-emulator: if jsforce accepts our answers, a real-world client does.
//
// Usage: node run.mjs <path to sfsync-emulator>   (CTest passes the built binary)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';

const binary = process.argv[2];
const CONTACTS = Number(process.env.JSFORCE_CONTACTS ?? 100000);
const CLIENT_ID = 'sfsync-emulator-client';
const CLIENT_SECRET = 'sfsync-emulator-secret';
const REDIRECT_URI = 'http://localhost:1717/OauthRedirect';
const USERNAME = 'integration@example.com';
const PASSWORD = 'emulator-password';

let emulator;
let baseUrl;
let workDir;

function startEmulator() {
  workDir = mkdtempSync(join(tmpdir(), 'sfsync-jsforce-'));
  const config = join(workDir, 'emulator.yaml');
  writeFileSync(config, [
    'custom_fields:',
    '  Contact:',
    '    - {name: External_Id__c, type: string, length: 64, external_id: true, unique: true}',
    '',
  ].join('\n'));
  emulator = spawn(binary, ['--port', '0', '--seed', '1', '--contacts', String(CONTACTS),
                            '--accounts', '2000', '--config', config],
                   { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: emulator.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    emulator.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
}

function oauth2(extra = {}) {
  return new jsforce.OAuth2({ loginUrl: baseUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
                              redirectUri: REDIRECT_URI, ...extra });
}

async function passwordConnection() {
  const conn = new jsforce.Connection({ oauth2: oauth2(), version: '63.0' });
  await conn.login(USERNAME, PASSWORD);
  return conn;
}

before(async () => {
  baseUrl = await startEmulator();
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
});

after(() => {
  emulator?.kill('SIGTERM');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('OAuth password grant gives a session on the emulator instance', async () => {
  const conn = await passwordConnection();
  assert.ok(conn.accessToken.startsWith('00D'), 'Salesforce session ids start with the org id');
  assert.equal(conn.instanceUrl, baseUrl);
  assert.ok(conn.userInfo.id.startsWith('005'));
  assert.ok(conn.userInfo.organizationId.startsWith('00D'));
});

test('OAuth authorization code with PKCE, then refresh', async () => {
  const auth = oauth2({ useVerifier: true });
  const authorizeUrl = auth.getAuthorizationUrl({ scope: 'api refresh_token', state: 'xyz' });
  const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  const location = new URL(redirect.headers.get('location'));
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  assert.equal(location.searchParams.get('state'), 'xyz');
  const code = location.searchParams.get('code');
  assert.ok(code);

  const conn = new jsforce.Connection({ oauth2: auth, version: '63.0' });
  const userInfo = await conn.authorize(code);
  assert.ok(userInfo.id.startsWith('005'));
  assert.ok(conn.refreshToken, 'authorization code flow with refresh_token scope returns a refresh token');

  const refreshed = await auth.refreshToken(conn.refreshToken);
  assert.ok(refreshed.access_token);
  assert.equal(refreshed.refresh_token, undefined, 'the refresh grant returns no new refresh token');

  // A wrong verifier is refused: the code is single-use and the challenge is checked.
  const other = oauth2({ useVerifier: true });
  const again = await fetch(auth.getAuthorizationUrl({ scope: 'api' }), { redirect: 'manual' });
  const code2 = new URL(again.headers.get('location')).searchParams.get('code');
  await assert.rejects(other.requestToken(code2), /invalid_grant|code/i);
});

test('query with autoFetch walks every page of the Contacts', async () => {
  const conn = await passwordConnection();
  const records = [];
  const result = await conn.query('SELECT Id, FirstName, LastName, Email, Account.Name FROM Contact')
    .on('record', (r) => records.push(r))
    .run({ autoFetch: true, maxFetch: CONTACTS + 1 });
  assert.equal(result.totalSize, CONTACTS);
  assert.equal(records.length, CONTACTS);
  assert.equal(new Set(records.map((r) => r.Id)).size, CONTACTS, 'no duplicate across pages');
  assert.equal(records[0].attributes.type, 'Contact');
  const withAccount = records.find((r) => r.Account !== null);
  assert.ok(withAccount, 'some contacts are linked to accounts');
  assert.equal(withAccount.Account.attributes.type, 'Account');
});

test('describe reports real field metadata', async () => {
  const conn = await passwordConnection();
  const describe = await conn.sobject('Contact').describe();
  assert.equal(describe.name, 'Contact');
  assert.equal(describe.keyPrefix, '003');
  const byName = Object.fromEntries(describe.fields.map((f) => [f.name, f]));
  assert.equal(byName.LastName.nillable, false);
  assert.equal(byName.Email.type, 'email');
  assert.deepEqual(byName.AccountId.referenceTo, ['Account']);
  assert.equal(byName.AccountId.relationshipName, 'Account');
  assert.equal(byName.External_Id__c.externalId, true);
  const global = await conn.describeGlobal();
  assert.ok(global.sobjects.some((s) => s.name === 'Opportunity'));
});

test('sObject Collections upsert creates, then updates, and reports failures per record', async () => {
  const conn = await passwordConnection();
  const records = [
    { LastName: 'Lovelace', FirstName: 'Ada', External_Id__c: 'jsforce-1' },
    { LastName: 'Hopper', FirstName: 'Grace', External_Id__c: 'jsforce-2' },
  ];
  const created = await conn.sobject('Contact').upsert(records, 'External_Id__c', { allOrNone: false });
  assert.equal(created.length, 2);
  assert.ok(created.every((r) => r.success && r.created));

  const updated = await conn.sobject('Contact').upsert(
    [{ LastName: 'Lovelace-King', External_Id__c: 'jsforce-1' },
     { FirstName: 'NoLastName', External_Id__c: 'jsforce-3' }],
    'External_Id__c', { allOrNone: false });
  assert.equal(updated[0].success, true);
  assert.equal(updated[0].created, false);
  assert.equal(updated[1].success, false);
  assert.equal(updated[1].errors[0].statusCode, 'REQUIRED_FIELD_MISSING');

  const back = await conn.query("SELECT Name FROM Contact WHERE External_Id__c = 'jsforce-1'");
  assert.equal(back.records[0].Name, 'Ada Lovelace-King');
});

// jsforce 3.10.8 pipes every results page (Sforce-Locator) into one CSV parser without waiting for the
// previous page to end, so a result longer than one page (100,000 rows by default here) reaches the
// parser interleaved. The query stays under one page; paging itself is covered by bulk_query_test.
test('Bulk API 2.0 query streams every record as CSV', async () => {
  const conn = await passwordConnection();
  const stream = await conn.bulk2.query('SELECT Id, LastName FROM Contact WHERE Email != null');
  let count = 0;
  for await (const record of stream) {
    assert.ok(record.Id.startsWith('003'));
    count += 1;
  }
  const expected = await conn.query('SELECT COUNT() FROM Contact WHERE Email != null');
  assert.equal(count, expected.totalSize);
});
