/*
 * 属地管理督查看板 — Cockpit plugin "shudi-monitoring" (Camunda 7.24 frontend plugin API: an ES module whose
 * default export is an array of plugins). Plain DOM and hand-drawn SVG, no library, no network beyond the
 * plugin's own REST resource:
 *   GET {cockpitApi}/plugin/shudi-monitoring/{engine}/dashboard?days=&jurisdiction=
 *   GET {cockpitApi}/plugin/shudi-monitoring/{engine}/process-definition/{id}?days=
 *   GET {cockpitApi}/plugin/shudi-monitoring/{engine}/intake-rates?month=&jurisdiction=
 * Stable hooks for browser tests: #shudi-dashboard[data-state=loading|loaded|error], [data-kpi=…],
 * .shudi-items tr[data-jurisdiction][data-item] .shudi-open-cases, .shudi-overdue-chart, .shudi-duration-chart,
 * .shudi-ranking-chart, .shudi-intake-units / .shudi-intake-townships tr[data-unit], .shudi-toggle, tr[data-process-instance-id], #shudi-definition-figures, .shudi-badge.
 */

const PLUGIN = 'shudi-monitoring';
const SVG = 'http://www.w3.org/2000/svg';
const WINDOWS = [30, 90, 180, 365];
const state = new WeakMap();

// ------------------------------------------------------------------ plumbing

/**
 * The engine's name. Cockpit 7.24 derives api.engine from the page address and, at the process
 * definition's plugin points, hands over the whole address instead: then read it from the path.
 */
function engineName(api) {
  const given = api && api.engine;
  if (given && /^[A-Za-z0-9_.-]+$/.test(given)) {
    return given;
  }
  const match = window.location.pathname.match(/\/app\/cockpit\/([^/]+)/);
  return match ? decodeURIComponent(match[1]) : 'default';
}

function apiBase(api) {
  let base = api && api.cockpitApi;
  if (!base) {
    const tag = document.querySelector('base');
    base = (tag && tag.getAttribute('cockpit-api')) || '/camunda/api/cockpit/';
  }
  return base.replace(/\/+$/, '') + '/plugin/' + PLUGIN + '/' + encodeURIComponent(engineName(api));
}

async function load(api, path, params) {
  const query = Object.entries(params || {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v))
    .join('&');
  const headers = { Accept: 'application/json' };
  if (api && api.CSRFToken) {
    headers['X-XSRF-TOKEN'] = api.CSRFToken;
  }
  const response = await fetch(apiBase(api) + path + (query ? '?' + query : ''), {
    credentials: 'same-origin',
    headers
  });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try {
      const body = await response.json();
      if (body && body.message) {
        message = body.message;
      }
    } catch (e) {
      // not JSON: keep the status line
    }
    throw new Error(message);
  }
  return response.json();
}

/** Element with attributes and children; text goes in as text, never as HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) {
      return;
    }
    if (k === 'className') {
      node.className = v;
    } else if (k === 'onclick' || k === 'onchange') {
      node.addEventListener(k.substring(2), v);
    } else {
      node.setAttribute(k, v === true ? '' : v);
    }
  });
  children.flat().forEach(child => {
    if (child === undefined || child === null || child === false) {
      return;
    }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  });
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => v !== undefined && v !== null && node.setAttribute(k, v));
  children.flat().forEach(child => {
    if (child !== undefined && child !== null) {
      node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
  });
  return node;
}

// ------------------------------------------------------------------ formatting

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 3天4小时, 5.5小时, 12分钟 */
function duration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms >= DAY) {
    const days = Math.floor(ms / DAY);
    const hours = Math.round((ms - days * DAY) / HOUR);
    return hours ? days + '天' + hours + '小时' : days + '天';
  }
  if (ms >= HOUR) {
    const hours = ms / HOUR;
    return (hours >= 10 ? Math.round(hours) : Math.round(hours * 10) / 10) + '小时';
  }
  return Math.max(0, Math.round(ms / MINUTE)) + '分钟';
}

function shortDuration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms >= DAY) {
    return Math.round((ms / DAY) * 10) / 10 + '天';
  }
  if (ms >= HOUR) {
    return Math.round((ms / HOUR) * 10) / 10 + '时';
  }
  return Math.round(ms / MINUTE) + '分';
}

function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' +
    pad(d.getMinutes());
}

function number(n) {
  return n === null || n === undefined ? '—' : String(n);
}

/** 0.875 → 87.5%; a rate without a denominator (null) → — */
function percent(rate) {
  return rate === null || rate === undefined ? '—' : Math.round(rate * 1000) / 10 + '%';
}

// ------------------------------------------------------------------ building blocks

function table(className, columns, rows, rowAttrs) {
  return el('table', { className: 'table table-striped table-condensed shudi-table ' + (className || '') },
    el('thead', {}, el('tr', {}, columns.map(c => el('th', { className: c.numeric ? 'shudi-num' : '' }, c.label)))),
    el('tbody', {}, rows.length === 0
      ? el('tr', { className: 'shudi-empty-row' }, el('td', { colspan: columns.length }, '暂无数据'))
      : rows.map(row => el('tr', rowAttrs ? rowAttrs(row) : {}, columns.map(c => {
        const value = c.value(row);
        return el('td', { className: (c.numeric ? 'shudi-num ' : '') + (c.className || '') },
          value instanceof Node ? value : (value === null || value === undefined ? '—' : String(value)));
      })))));
}

/** A chart with its numbers one click away: the toggle switches between picture and table. */
function chartWithTable(name, chart, data) {
  const chartBox = el('div', { className: 'shudi-chart-box' }, chart);
  const tableBox = el('div', { className: 'shudi-table-box', hidden: true }, data);
  const toggle = el('button', {
    type: 'button',
    className: 'btn btn-default btn-xs shudi-toggle',
    'data-toggle-for': name,
    onclick: () => {
      const showTable = tableBox.hidden;
      tableBox.hidden = !showTable;
      chartBox.hidden = showTable;
      toggle.textContent = showTable ? '查看图表' : '查看数据表';
    }
  }, '查看数据表');
  return el('div', { className: 'shudi-chart-and-table', 'data-chart': name }, toggle, chartBox, tableBox);
}

/**
 * Horizontal bars. series: [{key, label, className}]; rows: [{label, values: {key: n}, title}].
 * format(value) writes the value at the end of the bar.
 */
function barChart(className, rows, series, format, emptyText) {
  if (!rows.length) {
    return el('p', { className: 'shudi-muted ' + className }, emptyText || '暂无数据');
  }
  const labelWidth = 170;
  const width = 720;
  const barArea = width - labelWidth - 120;
  const rowHeight = 24;
  const height = rows.length * rowHeight + 28;
  const max = Math.max(1, ...rows.flatMap(r => series.map(s => r.values[s.key] || 0)));
  const chart = svg('svg', {
    class: 'shudi-chart ' + className,
    viewBox: '0 0 ' + width + ' ' + height,
    width: '100%',
    role: 'img',
    preserveAspectRatio: 'xMinYMin meet'
  });
  rows.forEach((row, i) => {
    const y = i * rowHeight + 4;
    const g = svg('g', { class: 'shudi-bar-row', 'data-label': row.label });
    g.appendChild(svg('title', {}, row.title || row.label));
    g.appendChild(svg('text', { x: labelWidth - 8, y: y + 14, 'text-anchor': 'end', class: 'shudi-bar-label' },
      row.label.length > 14 ? row.label.substring(0, 13) + '…' : row.label));
    series.forEach((s, j) => {
      const value = row.values[s.key] || 0;
      const barHeight = series.length > 1 ? 16 - j * 6 : 16;
      const w = Math.max(value > 0 ? 2 : 0, (value / max) * barArea);
      g.appendChild(svg('rect', {
        x: labelWidth, y: y + (16 - barHeight) / 2, width: w, height: barHeight,
        class: 'shudi-bar ' + s.className, 'data-series': s.key, 'data-value': value
      }));
    });
    const last = series[series.length - 1];
    const shown = series.map(s => format(row.values[s.key] || 0, s)).join(' / ');
    const widest = Math.max(...series.map(s => row.values[s.key] || 0));
    g.appendChild(svg('text', {
      x: labelWidth + (widest / max) * barArea + 6, y: y + 13, class: 'shudi-bar-value', 'data-series': last.key
    }, shown));
    chart.appendChild(g);
  });
  const legendY = height - 8;
  series.forEach((s, j) => {
    chart.appendChild(svg('rect', { x: labelWidth + j * 110, y: legendY - 9, width: 10, height: 10,
      class: 'shudi-bar ' + s.className }));
    chart.appendChild(svg('text', { x: labelWidth + j * 110 + 14, y: legendY, class: 'shudi-legend' }, s.label));
  });
  return chart;
}

function section(id, title, ...content) {
  return el('section', { className: 'shudi-section', id }, el('h4', { className: 'shudi-section-title' }, title),
    content);
}

function instanceLink(row) {
  return el('a', { href: '#/process-instance/' + encodeURIComponent(row.processInstanceId) + '/runtime' },
    row.caseSubject || row.processInstanceId.substring(0, 8));
}

function jurisdictionColumn(data) {
  return data.scope.jurisdictions.length > 1
    ? [{ label: '辖区', value: r => jurisdictionName(data, r.jurisdiction) }]
    : [];
}

function jurisdictionName(data, code) {
  const j = data.scope.jurisdictions.find(x => x.code === code);
  return j ? j.name.replace(/^.*市/, '') : (code || '—');
}

// ------------------------------------------------------------------ dashboard

function kpis(data) {
  const t = data.totals;
  const tiles = [
    ['openCases', '在办案件', t.openCases, ''],
    ['openTasks', '在办任务', t.openTasks, ''],
    ['overdueTasks', '超期任务', t.overdueTasks, t.overdueTasks > 0 ? 'shudi-alert' : ''],
    ['waitingCalls', '待受理呼叫', t.waitingCalls, t.overdueCalls > 0 ? 'shudi-alert' : ''],
    ['openEscalations', '督办中', t.openEscalations, ''],
    ['openJointMeetings', '联席会议（进行中）', t.openJointMeetings, '']
  ];
  return el('div', { className: 'shudi-kpis' }, tiles.map(([key, label, value, extra]) =>
    el('div', { className: 'shudi-kpi ' + extra, 'data-kpi': key },
      el('div', { className: 'shudi-kpi-value' }, number(value)),
      el('div', { className: 'shudi-kpi-label' }, label))));
}

function unitsSection(data) {
  const units = data.units.filter(u => u.openTasks > 0 || u.overdueTasks > 0);
  const top = units.slice(0, 15);
  const chart = barChart('shudi-overdue-chart', top.map(u => ({
    label: (data.scope.jurisdictions.length > 1 ? jurisdictionName(data, u.jurisdiction) + ' ' : '') + u.name,
    title: u.name + '：在办 ' + u.openTasks + '，超期 ' + u.overdueTasks,
    values: { open: u.openTasks, overdue: u.overdueTasks }
  })), [
    { key: 'open', label: '在办任务', className: 'shudi-bar-open' },
    { key: 'overdue', label: '超期任务', className: 'shudi-bar-overdue' }
  ], v => String(v), '没有在办任务');
  const data_ = table('shudi-units', [
    ...jurisdictionColumn(data),
    { label: '单位', value: u => u.name },
    { label: '类别', value: u => u.type || '' },
    { label: '在办任务', numeric: true, value: u => u.openTasks },
    { label: '超期任务', numeric: true, value: u => u.overdueTasks, className: 'shudi-overdue-cell' },
    { label: '待受理呼叫', numeric: true, value: u => u.waitingCalls },
    { label: '督办中', numeric: true, value: u => u.openEscalations },
    { label: '期内督办', numeric: true, value: u => u.escalations }
  ], units, u => ({ 'data-group': u.group, 'data-jurisdiction': u.jurisdiction }));
  return section('shudi-section-units', '各单位超期任务（前 15 个单位，按超期数排序）',
    chartWithTable('units', chart, data_));
}

function stepsSection(data) {
  const steps = data.slowestSteps;
  const chart = barChart('shudi-duration-chart', steps.map(a => ({
    label: a.name + (a.unit ? '·' + a.unit : ''),
    title: a.itemName + ' / ' + a.name + '：中位 ' + duration(a.medianMillis) + '，90% ' + duration(a.p90Millis) +
      '（' + a.completed + ' 件）',
    values: { median: a.medianMillis || 0, p90: a.p90Millis || 0 }
  })), [
    { key: 'p90', label: '90%用时', className: 'shudi-bar-p90' },
    { key: 'median', label: '中位用时', className: 'shudi-bar-median' }
  ], v => shortDuration(v), '所选时段内没有办结的环节');
  const data_ = table('shudi-steps', [
    ...jurisdictionColumn(data),
    { label: '事项', value: a => a.itemName },
    { label: '环节', value: a => a.name },
    { label: '办理单位', value: a => a.unit || '' },
    { label: '期内办结', numeric: true, value: a => a.completed },
    { label: '中位用时', numeric: true, value: a => duration(a.medianMillis) },
    { label: '90%用时', numeric: true, value: a => duration(a.p90Millis) },
    { label: '最长', numeric: true, value: a => duration(a.maxMillis) },
    { label: '在办', numeric: true, value: a => a.openTasks },
    { label: '超期', numeric: true, value: a => a.overdueTasks }
  ], data.activities.filter(a => a.completed > 0 || a.openTasks > 0)
    .sort((x, y) => (y.medianMillis || -1) - (x.medianMillis || -1)),
  a => ({ 'data-activity': a.activityId, 'data-item': a.key }));
  return section('shudi-section-steps', '各环节用时（最慢的 10 个环节；表中为全部环节）',
    chartWithTable('steps', chart, data_));
}

function itemsSection(data) {
  return section('shudi-section-items', '按事项', table('shudi-items', [
    ...jurisdictionColumn(data),
    { label: '编码', value: i => i.code },
    { label: '事项', value: i => i.name },
    { label: '领域', value: i => i.domain },
    { label: '在办案件', numeric: true, value: i => i.openCases, className: 'shudi-open-cases' },
    { label: '在办任务', numeric: true, value: i => i.openTasks, className: 'shudi-open-tasks' },
    { label: '超期任务', numeric: true, value: i => i.overdueTasks, className: 'shudi-overdue-cell' },
    { label: '期内办结环节', numeric: true, value: i => i.completedTasks },
    { label: '督办中', numeric: true, value: i => i.openEscalations },
    { label: '联席会议', numeric: true, value: i => i.jointMeetings }
  ], data.items, i => ({ 'data-jurisdiction': i.jurisdiction, 'data-item': i.key })));
}

function domainsSection(data) {
  return section('shudi-section-domains', '按领域', table('shudi-domains', [
    ...jurisdictionColumn(data),
    { label: '领域', value: d => d.domain },
    { label: '在办案件', numeric: true, value: d => d.openCases },
    { label: '在办任务', numeric: true, value: d => d.openTasks },
    { label: '超期任务', numeric: true, value: d => d.overdueTasks, className: 'shudi-overdue-cell' }
  ], data.domains, d => ({ 'data-jurisdiction': d.jurisdiction, 'data-domain': d.domain })));
}

function jurisdictionsSection(data) {
  if (data.jurisdictions.length < 2) {
    return null;
  }
  return section('shudi-section-jurisdictions', '按辖区', table('shudi-jurisdictions', [
    { label: '辖区', value: j => j.name },
    { label: '在办案件', numeric: true, value: j => j.openCases },
    { label: '在办任务', numeric: true, value: j => j.openTasks },
    { label: '超期任务', numeric: true, value: j => j.overdueTasks },
    { label: '待受理呼叫', numeric: true, value: j => j.waitingCalls },
    { label: '督办中', numeric: true, value: j => j.openEscalations },
    { label: '联席会议', numeric: true, value: j => j.openJointMeetings }
  ], data.jurisdictions, j => ({ 'data-jurisdiction': j.code })));
}

function taskColumns(data, waiting) {
  return [
    ...jurisdictionColumn(data),
    { label: '案件', value: r => instanceLink(r) },
    { label: '事项', value: r => r.itemName },
    { label: '环节', value: r => r.name },
    { label: waiting ? '被呼叫单位' : '办理单位', value: r => r.unitName },
    { label: '镇街', value: r => r.township || '' },
    { label: waiting ? '呼叫时间' : '期限', value: r => dateTime(waiting ? r.created : r.due) },
    waiting
      ? { label: '已等待', numeric: true, value: r => duration(r.waitingMillis) }
      : { label: '已超期', numeric: true, value: r => duration(r.overdueMillis), className: 'shudi-overdue-cell' }
  ];
}

function overdueSection(data) {
  return section('shudi-section-overdue', '超期最久的任务（前 20 条）', table('shudi-overdue-tasks',
    taskColumns(data, false), data.overdueTasks,
    r => ({ 'data-process-instance-id': r.processInstanceId, 'data-task-id': r.taskId })));
}

function incidentsSection(data) {
  const incidents = data.incidents || [];
  return section('shudi-section-incidents', '作业故障（重试用尽，待处理）',
    el('p', { className: 'shudi-summary' }, '待处理 ',
      el('strong', { className: 'shudi-incident-count' + (incidents.length ? ' shudi-alert-text' : '') }, incidents.length),
      ' 件。点击“处理”打开案件的“事故”页，查明原因后重试。'),
    table('shudi-incidents', [
      ...jurisdictionColumn(data),
      { label: '事项', value: r => r.itemName },
      { label: '环节', value: r => r.activityId },
      { label: '原因', value: r => r.message || '' },
      { label: '发生时间', value: r => dateTime(r.time) },
      { label: '处理', value: r => el('a', { href: '#/process-instance/' + encodeURIComponent(r.processInstanceId)
        + '/runtime?tab=incidents-tab' }, '处理') }
    ], incidents, r => ({ 'data-process-instance-id': r.processInstanceId, 'data-incident-id': r.id })));
}

function callsSection(data) {
  const c = data.calls;
  return section('shudi-section-calls', '待受理的呼叫（乡呼县应）',
    el('p', { className: 'shudi-summary' }, '待受理 ', el('strong', { className: 'shudi-calls-waiting' }, c.waiting),
      ' 件，其中超过响应时限 ', el('strong', { className: 'shudi-calls-overdue shudi-alert-text' }, c.overdue), ' 件。'),
    table('shudi-calls', taskColumns(data, true), c.longestWaiting,
      r => ({ 'data-process-instance-id': r.processInstanceId, 'data-task-id': r.taskId })));
}

function escalationSection(data) {
  const line = (name, e) => el('p', { className: 'shudi-summary' }, name + '：进行中 ',
    el('strong', {}, e.open), ' 件，所选时段内发起 ', el('strong', {}, e.started), ' 件。');
  const columns = [
    ...jurisdictionColumn(data),
    { label: '名称', value: l => l.name || '—' },
    { label: '进行中', numeric: true, value: l => l.open },
    { label: '期内发起', numeric: true, value: l => l.started }
  ];
  return section('shudi-section-escalations', '督办与联席会议',
    el('div', { className: 'shudi-columns' },
      el('div', { className: 'shudi-escalations' }, line('督办', data.escalations),
        el('h5', {}, '按超期单位'), table('shudi-escalations-units', columns, data.escalations.byUnit),
        el('h5', {}, '按事项'), table('shudi-escalations-items', columns, data.escalations.byItem)),
      el('div', { className: 'shudi-joint-meetings' }, line('联席会议', data.jointMeetings),
        el('h5', {}, '按事项'), table('shudi-joint-meetings-items', columns, data.jointMeetings.byItem))));
}

function rankingSection(data) {
  const r = data.ranking;
  const note = el('p', { className: 'shudi-muted shudi-ranking-note' }, r.note);
  if (!r.available || !r.rows.length) {
    return section('shudi-section-ranking', '评价排名', note);
  }
  const ranked = r.rows.filter(x => x.score !== null && x.score !== undefined);
  const chart = barChart('shudi-ranking-chart', ranked.map(x => ({
    label: (x.rank ? x.rank + '. ' : '') + x.unitName,
    title: x.unitName + '（' + x.kindName + '）：' + x.score + ' 分' + (x.outcomeName ? '，' + x.outcomeName : ''),
    values: { score: Math.max(0, x.score) }
  })), [{ key: 'score', label: '得分', className: 'shudi-bar-score' }], v => String(Math.round(v * 100) / 100),
  '本期没有参评单位');
  const data_ = table('shudi-ranking', [
    ...jurisdictionColumn(data),
    { label: '期间', value: x => x.period },
    { label: '类别', value: x => x.kindName },
    { label: '名次', numeric: true, value: x => x.rank === null || x.rank === undefined ? '未参评' : x.rank },
    { label: '单位', value: x => x.unitName },
    { label: '得分', numeric: true, value: x => x.score },
    { label: '结果', value: x => x.outcomeName || '' }
  ], r.rows, x => ({ 'data-unit': x.unit, 'data-outcome': x.outcome }));
  return section('shudi-section-ranking', '评价排名', note, chartWithTable('ranking', chart, data_));
}

function intakeSection(data, intake) {
  if (!intake) {
    return null;
  }
  if (intake.error) {
    return section('shudi-section-intake', '诉求办理（本月）',
      el('p', { className: 'shudi-muted shudi-intake-note' }, '诉求办理率加载失败：' + intake.error));
  }
  const note = el('p', { className: 'shudi-muted shudi-intake-note' }, intake.note);
  const title = '诉求办理（' + (intake.month || '本月') + '）';
  if (!intake.available) {
    return section('shudi-section-intake', title, note);
  }
  const columns = first => [
    ...jurisdictionColumn(data),
    { label: first, value: x => x.name },
    { label: '派单数', numeric: true, value: x => x.dispatched },
    { label: '按时响应', numeric: true, value: x => x.answeredInTime },
    { label: '响应率', numeric: true, value: x => percent(x.responseRate) },
    { label: '有效回访', numeric: true, value: x => x.validCallbacks },
    { label: '解决率', numeric: true, value: x => percent(x.solutionRate) },
    { label: '满意率', numeric: true, value: x => percent(x.satisfactionRate) },
    { label: '退单', numeric: true, value: x => x.returned },
    { label: '清单外', numeric: true, value: x => x.offList }
  ];
  const attrs = x => ({ 'data-unit': x.unit, 'data-jurisdiction': x.jurisdiction });
  return section('shudi-section-intake', title, note,
    el('h5', {}, '按承办单位'), table('shudi-intake-units', columns('单位'), intake.units, attrs),
    el('h5', {}, '按镇街（诉求来源地）'), table('shudi-intake-townships', columns('单位'), intake.townships, attrs));
}

function toolbar(root, data, options, reload) {
  const days = el('select', {
    className: 'form-control input-sm shudi-days',
    onchange: e => reload({ ...options, days: Number(e.target.value) })
  }, WINDOWS.map(d => el('option', { value: d, selected: d === data.days }, '近 ' + d + ' 天')));
  const parts = [el('label', {}, '时段 ', days)];
  if (data.scope.all || data.scope.jurisdictions.length > 1 || options.jurisdiction) {
    const jurisdictions = el('select', {
      className: 'form-control input-sm shudi-jurisdiction',
      onchange: e => reload({ ...options, jurisdiction: e.target.value })
    }, el('option', { value: '' }, '全部辖区'), (options.allJurisdictions || data.scope.jurisdictions)
      .map(j => el('option', { value: j.code, selected: j.code === options.jurisdiction }, j.name)));
    parts.push(el('label', {}, '辖区 ', jurisdictions));
  }
  parts.push(el('button', { type: 'button', className: 'btn btn-default btn-sm shudi-refresh',
    onclick: () => reload(options) }, '刷新'));
  parts.push(el('span', { className: 'shudi-muted shudi-as-of' },
    '截至 ' + dateTime(data.now) + '；用时统计自 ' + dateTime(data.since) + ' 起办结的环节（日历时间）'));
  return el('div', { className: 'shudi-toolbar form-inline' }, parts);
}

function renderDashboard(root, api, options) {
  const current = state.get(root) || {};
  const ticket = (current.ticket || 0) + 1;
  state.set(root, { ...current, ticket });
  root.setAttribute('data-state', 'loading');
  const intake = load(api, '/intake-rates', { jurisdiction: options.jurisdiction })
    .catch(error => ({ error: error.message }));
  Promise.all([load(api, '/dashboard', { days: options.days, jurisdiction: options.jurisdiction }), intake])
    .then(([data, intakeRates]) => {
      if ((state.get(root) || {}).ticket !== ticket) {
        return; // a newer request is on its way
      }
      if (!options.allJurisdictions && !options.jurisdiction) {
        options = { ...options, allJurisdictions: data.scope.jurisdictions };
      }
      const reload = next => renderDashboard(root, api, next);
      root.replaceChildren(...[
        el('h3', { className: 'shudi-title' }, '属地管理督查看板'),
        toolbar(root, data, options, reload),
        kpis(data),
        incidentsSection(data),
        unitsSection(data),
        stepsSection(data),
        itemsSection(data),
        overdueSection(data),
        callsSection(data),
        escalationSection(data),
        rankingSection(data),
        intakeSection(data, intakeRates),
        domainsSection(data),
        jurisdictionsSection(data)].filter(Boolean));
      root.setAttribute('data-state', 'loaded');
      root.setAttribute('data-days', data.days);
    })
    .catch(error => {
      if ((state.get(root) || {}).ticket !== ticket) {
        return;
      }
      root.replaceChildren(el('h3', { className: 'shudi-title' }, '属地管理督查看板'),
        el('div', { className: 'alert alert-danger shudi-error' }, '督查看板加载失败：' + error.message));
      root.setAttribute('data-state', 'error');
    });
}

// ------------------------------------------------------------------ process definition tab and overlay

function renderDefinition(root, api, processDefinitionId, days) {
  root.setAttribute('data-state', 'loading');
  load(api, '/process-definition/' + encodeURIComponent(processDefinitionId), { days })
    .then(f => {
      const select = el('select', {
        className: 'form-control input-sm shudi-days',
        onchange: e => renderDefinition(root, api, processDefinitionId, Number(e.target.value))
      }, WINDOWS.map(d => el('option', { value: d, selected: d === f.days }, '近 ' + d + ' 天')));
      const timed = f.activities.filter(a => a.medianMillis !== null && a.medianMillis !== undefined);
      const chart = barChart('shudi-duration-chart', timed.map(a => ({
        label: a.name + (a.unit ? '·' + a.unit : ''),
        title: a.name + '：中位 ' + duration(a.medianMillis) + '，90% ' + duration(a.p90Millis),
        values: { median: a.medianMillis, p90: a.p90Millis || 0 }
      })), [
        { key: 'p90', label: '90%用时', className: 'shudi-bar-p90' },
        { key: 'median', label: '中位用时', className: 'shudi-bar-median' }
      ], v => shortDuration(v), '所选时段内没有办结的环节');
      const data_ = table('shudi-definition-activities', [
        { label: '环节', value: a => a.name },
        { label: '办理单位', value: a => a.unit || '' },
        { label: '在办', numeric: true, value: a => a.openTasks },
        { label: '超期', numeric: true, value: a => a.overdueTasks, className: 'shudi-overdue-cell' },
        { label: '期内办结', numeric: true, value: a => a.completed },
        { label: '中位用时', numeric: true, value: a => duration(a.medianMillis) },
        { label: '90%用时', numeric: true, value: a => duration(a.p90Millis) },
        { label: '平均', numeric: true, value: a => duration(a.averageMillis) },
        { label: '最长', numeric: true, value: a => duration(a.maxMillis) }
      ], f.activities, a => ({ 'data-activity': a.activityId }));
      root.replaceChildren(
        el('div', { className: 'shudi-toolbar form-inline' },
          el('strong', {}, f.code + ' ' + f.name), ' ',
          el('span', { className: 'shudi-muted' }, f.jurisdictionName + ' · ' + f.domain + ' · 本事项所有版本'), ' ',
          el('label', {}, '时段 ', select)),
        el('div', { className: 'shudi-kpis' },
          [['openCases', '在办案件', f.openCases], ['openTasks', '在办任务', f.openTasks],
            ['overdueTasks', '超期任务', f.overdueTasks], ['openEscalations', '督办中', f.openEscalations],
            ['openJointMeetings', '联席会议', f.openJointMeetings]]
            .map(([k, label, v]) => el('div', {
              className: 'shudi-kpi' + (k === 'overdueTasks' && v > 0 ? ' shudi-alert' : ''), 'data-kpi': k },
            el('div', { className: 'shudi-kpi-value' }, number(v)), el('div', { className: 'shudi-kpi-label' }, label)))),
        chartWithTable('definition-steps', chart, data_));
      root.setAttribute('data-state', 'loaded');
    })
    .catch(error => {
      root.replaceChildren(el('div', { className: 'alert alert-danger shudi-error' }, '加载失败：' + error.message));
      root.setAttribute('data-state', 'error');
    });
}

const OVERLAY = 'shudi-bottleneck';

function renderOverlay(viewer, api, processDefinitionId) {
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  load(api, '/process-definition/' + encodeURIComponent(processDefinitionId), {})
    .then(f => {
      overlays.remove({ type: OVERLAY });
      f.activities.forEach(a => {
        if (!registry.get(a.activityId) || (a.medianMillis === null && !a.overdueTasks)) {
          return;
        }
        const badge = el('div', {
          className: 'shudi-badges',
          'data-activity': a.activityId,
          title: a.name + '：近 ' + f.days + ' 天办结 ' + a.completed + ' 件，中位 ' + duration(a.medianMillis) +
            '，90% ' + duration(a.p90Millis) + '；在办 ' + a.openTasks + '，超期 ' + a.overdueTasks
        });
        if (a.medianMillis !== null && a.medianMillis !== undefined) {
          badge.appendChild(el('span', { className: 'shudi-badge shudi-badge-median' }, '中位 ' + shortDuration(a.medianMillis)));
        }
        if (a.overdueTasks) {
          badge.appendChild(el('span', { className: 'shudi-badge shudi-badge-overdue' }, '超期 ' + a.overdueTasks));
        }
        overlays.add(a.activityId, OVERLAY, { position: { top: -14, right: 12 }, scale: { min: 1 }, html: badge });
      });
    })
    .catch(error => console.warn('[shudi-monitoring] overlay:', error.message));
}

// ------------------------------------------------------------------ the plugins

export default [
  {
    id: 'shudi-monitoring-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 10,
    render: (node, { api }) => {
      const root = el('div', { id: 'shudi-dashboard', className: 'shudi-monitoring', 'data-state': 'loading' },
        el('h3', { className: 'shudi-title' }, '属地管理督查看板'), el('p', { className: 'shudi-muted' }, '正在加载…'));
      node.replaceChildren(root);
      renderDashboard(root, api, { days: 90 });
    },
    unmount: node => {
      if (node) {
        const root = node.querySelector && node.querySelector('#shudi-dashboard');
        if (root) {
          state.set(root, { ticket: -1 });
        }
        node.replaceChildren && node.replaceChildren();
      }
    }
  },
  {
    id: 'shudi-monitoring-definition-tab',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    properties: { label: '办理时效' },
    render: (node, { api, processDefinitionId }) => {
      const root = el('div', { id: 'shudi-definition-figures', className: 'shudi-monitoring', 'data-state': 'loading' },
        el('p', { className: 'shudi-muted' }, '正在加载…'));
      node.replaceChildren(root);
      renderDefinition(root, api, processDefinitionId, 90);
    }
  },
  {
    id: 'shudi-monitoring-diagram-overlay',
    pluginPoint: 'cockpit.processDefinition.diagram.plugin',
    priority: 5,
    render: (viewer, { api, processDefinitionId }) => renderOverlay(viewer, api, processDefinitionId),
    unmount: viewer => {
      try {
        viewer && viewer.get && viewer.get('overlays').remove({ type: OVERLAY });
      } catch (e) {
        // the viewer is gone already
      }
    }
  }
];

// for node-based checks of the pure helpers (no effect in the browser)
export const internals = { duration, shortDuration, percent, barChart, apiBase, engineName };
