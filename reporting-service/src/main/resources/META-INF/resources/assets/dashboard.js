// The managers' dashboard: reads the reports through /dashboard/reports (session cookie from the
// Keycloak login) and draws them with ECharts. Filters live in the page's URL, so a view can be shared.
'use strict';

const FILTERS = ['from', 'to', 'source', 'campaign', 'segment', 'team', 'owner', 'priority', 'cohort'];
const form = document.getElementById('filters');
const charts = {};

function isoDay(d) { return d.toISOString().slice(0, 10); }

function readFilters() {
  const url = new URLSearchParams(location.search);
  const today = new Date();
  const defaults = { from: isoDay(new Date(today.getTime() - 182 * 86400000)), to: isoDay(today), cohort: 'month' };
  for (const name of FILTERS) {
    const value = url.get(name) ?? defaults[name] ?? '';
    form.elements[name].value = value;
  }
}

function query(extra) {
  const q = new URLSearchParams();
  for (const name of FILTERS) {
    const v = form.elements[name].value.trim();
    if (v) q.set(name, v);
  }
  for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
  return q;
}

async function report(name, extra) {
  const response = await fetch('/dashboard/reports/' + name + '?' + query(extra), { headers: { Accept: 'application/json' } });
  if (response.status === 401 || response.redirected) { location.reload(); throw new Error('signed out'); }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    throw new Error(problem.detail || response.statusText);
  }
  return response.json();
}

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init(document.getElementById(id));
  return charts[id];
}

function pct(v) { return v == null ? '-' : (v * 100).toFixed(1) + '%'; }

function drawFunnel(r) {
  const s = r.summary;
  const kpis = [['leads', s.leads ?? '-'], ['mql', s.mql], ['sal', s.sal], ['sql', s.sql], ['won', s.won],
    ['MQL→SAL', pct(s.mqlToSal)], ['SAL→SQL', pct(s.salToSql)], ['MQL→SQL', pct(s.mqlToSql)], ['breached', s.breached]];
  document.getElementById('kpis').innerHTML = kpis.map(([k, v]) =>
    `<div class="kpi" id="kpi-${k.replace(/[^a-zA-Z]/g, '')}"><b>${v}</b><span>${k}</span></div>`).join('');
  document.getElementById('diagnosis').innerHTML = r.notes.map(n => `<li>${escape(n)}</li>`).join('');
  const rows = r.tables.funnel.rows;
  const series = ['mql', 'sal', 'sql', 'won'].map(k => ({ name: k.toUpperCase(), type: 'bar', data: rows.map(x => x[k]) }));
  series.push({ name: 'MQL→SQL', type: 'line', yAxisIndex: 1, data: rows.map(x => x.mqlToSql == null ? null : +(x.mqlToSql * 100).toFixed(1)) });
  chart('funnel-chart').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 50 },
    xAxis: { type: 'category', data: rows.map(x => x.cohort) },
    yAxis: [{ type: 'value', name: 'cycles' }, { type: 'value', name: '%', max: 100 }],
    series
  }, true);
}

function drawVelocity(r) {
  const rows = r.tables.velocity.rows;
  chart('velocity-chart').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60 },
    xAxis: { type: 'category', data: rows.map(x => x.group ?? '(none)') },
    // over many cycles the report estimates its percentiles from histograms (within 1%)
    yAxis: { type: 'value', name: r.summary.estimated ? 'hours (median, estimated)' : 'hours (median)' },
    series: [
      { name: 'MQL→first touch', type: 'bar', data: rows.map(x => x.mqlToFirstTouchMedianHours) },
      { name: 'MQL→decision', type: 'bar', data: rows.map(x => x.mqlToDecisionMedianHours) },
      { name: 'SAL→SQL', type: 'bar', data: rows.map(x => x.salToSqlMedianHours) }
    ]
  }, true);
}

function drawSla(r) {
  const rows = r.tables.compliance.rows;
  const labels = rows.map(x => `${x.kind} · ${x.owner ?? x.team ?? '-'}`);
  chart('sla-chart').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 200 },
    yAxis: { type: 'category', data: labels }, xAxis: { type: 'value' },
    series: [
      { name: 'met', type: 'bar', stack: 'all', color: '#27ae60', data: rows.map(x => x.met) },
      { name: 'breached', type: 'bar', stack: 'all', color: '#c0392b', data: rows.map(x => x.breached) }
    ]
  }, true);
  document.getElementById('open-breaches').textContent = r.summary.openBreaches;
}

function drawRejections(r) {
  const rows = r.tables.reasons.rows;
  const groups = [...new Set(rows.map(x => x.group ?? '(none)'))];
  const reasons = [...new Set(rows.map(x => x.reason ?? '(none)'))];
  const data = rows.map(x => [reasons.indexOf(x.reason ?? '(none)'), groups.indexOf(x.group ?? '(none)'), x.rejected]);
  chart('rejection-chart').setOption({
    tooltip: { position: 'top' }, grid: { left: 100, right: 70, bottom: 120 },
    xAxis: { type: 'category', data: reasons, axisLabel: { rotate: 40, fontSize: 10 } }, yAxis: { type: 'category', data: groups },
    visualMap: { min: 0, max: Math.max(1, ...rows.map(x => x.rejected)), calculable: true, orient: 'vertical', right: 0, top: 'middle',
      itemHeight: 100 },
    series: [{ name: 'rejected', type: 'heatmap', data, label: { show: true } }]
  }, true);
}

function drawRouting(r) {
  const rows = r.tables.shares.rows;
  chart('routing-chart').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60 },
    xAxis: { type: 'category', data: rows.map(x => x.owner) }, yAxis: { type: 'value', name: '%' },
    series: [
      { name: 'share of assignments', type: 'bar', data: rows.map(x => x.share == null ? 0 : +(x.share * 100).toFixed(1)) },
      { name: 'weight share', type: 'bar', data: rows.map(x => +(x.weightShare * 100).toFixed(1)) }
    ]
  }, true);
}

function drawTable(id, table) {
  const head = table.columns.map(c => `<th>${escape(c)}</th>`).join('');
  const body = table.rows.map(r => '<tr' + (r.smallSample ? ' class="small" title="fewer than 30 MQLs"' : '') + '>'
    + table.columns.map(c => `<td>${escape(format(r[c]))}</td>`).join('') + '</tr>').join('');
  document.getElementById(id).innerHTML = `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function format(v) {
  if (v == null) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return v.toFixed(v < 1 ? 4 : 2);
  return String(v);
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function csvLinks() {
  for (const a of document.querySelectorAll('a.csv')) {
    const extra = { table: a.dataset.table };
    if (a.dataset.report === 'velocity') extra.by = document.getElementById('velocity-by').value;
    a.href = '/dashboard/reports/' + a.dataset.report + '.csv?' + query(extra);
    a.setAttribute('download', a.dataset.report + '-' + a.dataset.table + '.csv');
  }
}

async function loadAll() {
  const status = document.getElementById('status');
  status.textContent = 'loading...';
  document.body.dataset.loaded = 'false';
  try {
    const by = document.getElementById('velocity-by').value;
    const [funnel, velocity, sla, rejections, routing, sources] = await Promise.all([
      report('funnel'), report('velocity', { by }), report('sla-compliance'), report('rejections'),
      report('routing-audit'), report('sources')]);
    drawFunnel(funnel); drawVelocity(velocity); drawSla(sla); drawRejections(rejections); drawRouting(routing);
    drawTable('sources-table', sources.tables.sources);
    csvLinks();
    status.textContent = '';
  } catch (e) {
    status.textContent = e.message;
  }
  document.body.dataset.loaded = 'true';
}

async function refreshOpenBreaches() {
  try {
    const sla = await report('sla-compliance');
    document.getElementById('open-breaches').textContent = sla.summary.openBreaches;
  } catch (e) { /* the next tick tries again */ }
}

form.addEventListener('submit', e => {
  e.preventDefault();
  history.replaceState(null, '', '?' + query());
  loadAll();
});
document.getElementById('velocity-by').addEventListener('change', loadAll);
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
readFilters();
loadAll();
setInterval(refreshOpenBreaches, 5000);
