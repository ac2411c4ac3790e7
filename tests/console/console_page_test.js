// The web console's script (src/app/console_page.cpp) run in Node against fake API answers with a
// minimal DOM: it must render the schedule, the runs with their notes and the counts, and escape
// what the API returns. Usage: node console_page_test.js <path to console_page.cpp>
'use strict';
const fs = require('fs');
const source = fs.readFileSync(process.argv[2], 'utf8');
const script = source.slice(source.indexOf('<script>') + 8, source.indexOf('</script>'));

const elements = {};
const element = id => elements[id] || (elements[id] = {innerHTML: '', textContent: '', value: ''});
global.document = {getElementById: element};
global.sessionStorage = {getItem: () => 'the-token', setItem: () => {}};
global.setInterval = () => {};
global.setTimeout = () => {};
const requests = [];
const answers = {
  '/api/syncs': [{name: 'contacts', kind: 'pull', schedule: '*/15 * * * *', full_schedule: ''}],
  '/api/schedule': [{sync: 'contacts', full: false, cron: '*/15 * * * *', next: '2026-11-25T03:15:00.000Z'}],
  '/api/runs?limit=25': [{run: 7, sync: 'contacts', status: 'partial', started: 'x', read: 5, written: 4, skipped: 1,
                          failed: 0, api_calls: 3, reason: '<img src=x>', detail: {notes: ['a <b>note</b>']}}],
  '/api/stats': {profiles: 5},
};
global.fetch = async (url, options) => {
  requests.push({url, headers: options.headers});
  return {ok: true, status: 200, json: async () => answers[url]};
};

new Function(script)();

const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
setImmediate(() => setImmediate(() => setImmediate(() => {
  check(elements.schedule.innerHTML.includes('data-sync="contacts"'), 'a run-now button for contacts');
  check(elements.syncs.innerHTML.includes('data-full="true">full re-read'), 'a full re-read button per sync');
  check(elements.runs.innerHTML.includes('&lt;img src=x&gt;<br>a &lt;b&gt;note&lt;/b&gt;'), 'escaped reason and notes');
  check(!elements.runs.innerHTML.includes('<img'), 'no markup from the API');
  check(elements.stats.textContent.includes('"profiles": 5'), 'the counts');
  check(requests.length === 4 && requests.every(r => r.headers.Authorization === 'Bearer the-token' &&
                                                     r.headers['X-Requested-With']), 'token and header on every call');
  if (failures.length) {
    console.error('console page: ' + failures.join('; ') + '\n' + JSON.stringify(elements, null, 1));
    process.exit(1);
  }
  console.log('console page ok');
})));
