#include "app/console_page.h"

namespace sfsync {

// Hand-written: a page this small needs no framework, and the daemon must not fetch one.
const char* console_html() {
  return R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sfsync console</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h2{font-size:1.05em;margin-top:1.6em}
table{border-collapse:collapse}td,th{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left}
.failed{color:#b00}.partial{color:#a60}.ok{color:#070}pre{background:#f6f6f6;padding:.8em;max-width:60em;overflow:auto}
button{font-size:12px}
</style></head><body>
<h1>sfsync</h1>
<p>API token (if the daemon has one): <input id="token" type="password" size="30">
<button onclick="saveToken()">use</button> <span id="msg"></span></p>
<h2>Syncs</h2><table id="syncs"></table>
<h2>Schedule</h2><table id="schedule"></table>
<h2>Recent runs</h2><table id="runs"></table>
<h2>Record errors</h2><table id="errors"></table>
<h2>Store</h2><pre id="stats"></pre>
<h2>Find a profile</h2>
<p><select id="key"><option>email</option><option>phone</option><option>record</option><option>id</option></select>
<input id="value" size="40" placeholder="ada@example.org, contacts:003..., 42"> <button onclick="findProfile()">find</button></p>
<pre id="profile"></pre>
<script>
const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
function saveToken() { sessionStorage.setItem('sfsync-token', $('token').value); refresh(); }
async function api(path, method) {
  const token = sessionStorage.getItem('sfsync-token');
  const headers = {'X-Requested-With': 'sfsync-console'};
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const r = await fetch('/api' + path, {method: method || 'GET', headers});
  const body = await r.json();
  if (!r.ok && r.status !== 404) throw new Error(body.error || r.status);
  return r.status === 404 ? null : body;
}
function table(el, head, rows) {
  $(el).innerHTML = '<tr>' + head.map(h => '<th>' + h + '</th>').join('') + '</tr>' +
    rows.map(r => '<tr>' + r.map(c => '<td>' + c + '</td>').join('') + '</tr>').join('');
}
async function run(sync, full) {
  await api('/syncs/' + encodeURIComponent(sync) + '/run' + (full ? '?full=true' : ''), 'POST');
  $('msg').textContent = sync + (full ? ' (full)' : '') + ' queued'; setTimeout(refresh, 1500);
}
async function showErrors(id) {
  const errors = await api('/runs/' + id + '/errors?limit=100');
  table('errors', ['run ' + id + ': record', 'code', 'message', 'skipped'],
        errors.map(e => [esc(e.record), esc(e.code), esc(e.message), e.skipped ? 'yes' : 'no']));
}
async function findProfile() {
  const p = await api('/profile?' + $('key').value + '=' + encodeURIComponent($('value').value));
  $('profile').textContent = p ? JSON.stringify(p, null, 2) : 'no profile found';
}
async function refresh() {
  try {
    const syncs = await api('/syncs');
    table('syncs', ['sync', 'kind', 'schedule', 'full schedule', ''], syncs.map(s => [esc(s.name), esc(s.kind),
      esc(s.schedule), esc(s.full_schedule), '<button data-sync="' + esc(s.name) + '" data-full="false">run</button> ' +
      '<button data-sync="' + esc(s.name) + '" data-full="true">' + (s.kind === 'push' ? 'resend all' : 'full re-read') +
      '</button>']));
    const schedule = await api('/schedule');
    table('schedule', ['sync', 'kind', 'cron', 'next', ''], schedule.map(s => [esc(s.sync), s.full ? 'full' : 'incremental',
      esc(s.cron), esc(s.next), '<button data-sync="' + esc(s.sync) + '" data-full="' + s.full + '">run now</button>']));
    const runs = await api('/runs?limit=25');
    table('runs', ['run', 'sync', 'status', 'started', 'read', 'written', 'skipped', 'failed', 'API calls', 'reason and notes'],
      runs.map(r => ['<a href="#" onclick="showErrors(' + r.run + ');return false">' + r.run + '</a>', esc(r.sync),
        '<span class="' + esc(r.status) + '">' + esc(r.status) + '</span>', esc(r.started), r.read, r.written,
        r.skipped, r.failed, r.api_calls,
        [r.reason].concat((r.detail && r.detail.notes) || []).filter(x => x).map(esc).join('<br>')]));
    $('stats').textContent = JSON.stringify(await api('/stats'), null, 2);
    $('msg').textContent = '';
  } catch (e) { $('msg').textContent = 'the API said: ' + e.message; }
}
$('syncs').onclick = $('schedule').onclick = e => { if (e.target.dataset && e.target.dataset.sync) run(e.target.dataset.sync, e.target.dataset.full === 'true'); };
refresh(); setInterval(refresh, 10000);
</script></body></html>
)HTML";
}

}  // namespace sfsync
