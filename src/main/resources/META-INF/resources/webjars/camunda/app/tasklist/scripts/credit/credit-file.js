/*
 * 信用档案 (credit file) tab of a task in Camunda Tasklist 7.24.
 *
 * When the task's case has a `creditCode` variable, shows that enterprise's credit file entries the
 * logged-in user may see: the joint inspection, findings, rectification and result of each case, and what
 * each unit recorded. Data: the task's variable through the webapp's engine API, then the platform's
 * GET {app}/api/shudi/credit-files/{code} (cn.shudi.credit.CreditFileController), both with the webapp
 * session (cookie), read-only, so no CSRF header is needed.
 *
 * Registered in ../config.js: customScripts: ['scripts/credit/credit-file'].
 */

const LEVELS = {none: '未发现隐患', general: '一般隐患', major: '重大隐患'};

function escape(value) {
  return String(value === null || value === undefined ? '' : value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function lines(value) {
  return escape(value).replace(/\n/g, '<br>');
}

function time(value) {
  if (!value) {
    return '';
  }
  // 2026-03-05T10:15:30+08:00 → 2026-03-05 10:15
  return String(value).replace('T', ' ').substring(0, 16);
}

function message(node, text, kind) {
  node.innerHTML = '<div class="alert alert-' + (kind || 'info') + '" style="margin:12px">' + escape(text) + '</div>';
}

function row(label, value) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  return '<tr><th style="width:7em;white-space:nowrap">' + escape(label) + '</th><td>' + lines(value) + '</td></tr>';
}

function contributions(list) {
  if (!list || !list.length) {
    return '';
  }
  const body = list.map(c => {
    const hazards = [
      c.hazardCount !== null && c.hazardCount !== undefined ? '隐患 ' + c.hazardCount + ' 处' : '',
      c.hazardLevel ? (LEVELS[c.hazardLevel] || c.hazardLevel) : ''
    ].filter(Boolean).join('，');
    return '<tr>'
      + '<td>' + escape(c.unitName || c.unitGroup || '未知单位') + '</td>'
      + '<td>' + escape(c.stepName || c.stepId) + '</td>'
      + '<td>' + lines([hazards, c.findings].filter(Boolean).join('；')) + '</td>'
      + '<td>' + lines([c.result, c.rectification].filter(Boolean).join('；')) + '</td>'
      + '<td>' + escape(c.recordedByName || c.recordedBy || '') + '<br><small>' + escape(time(c.recordedAt)) + '</small></td>'
      + '</tr>';
  }).join('');
  return '<tr><th>各单位记录</th><td><table class="table table-condensed" style="margin:0">'
    + '<thead><tr><th>单位</th><th>环节</th><th>发现问题</th><th>办理结果</th><th>办理人</th></tr></thead>'
    + '<tbody>' + body + '</tbody></table></td></tr>';
}

function entry(e, byId) {
  const corrected = e.correctedBy && e.correctedBy.length;
  const title = [time(e.recordedAt), e.itemCode, e.itemName].filter(Boolean).join(' ');
  let notes = '';
  if (e.correctsEntryId) {
    const old = byId[e.correctsEntryId];
    notes += '<span class="label label-info">更正记录</span> 更正 '
      + escape(old ? time(old.recordedAt) + ' 的记录' : '记录 ' + e.correctsEntryId) + ' ';
  }
  if (corrected) {
    notes += '<span class="label label-warning">已被更正</span> ';
  }
  return '<div class="panel panel-default" style="margin:12px' + (corrected ? ';opacity:.7' : '') + '">'
    + '<div class="panel-heading"><strong>' + escape(title) + '</strong> ' + notes + '</div>'
    + '<table class="table table-condensed" style="margin:0"><tbody>'
    + row('检查', e.inspection)
    + row('发现问题', e.findings)
    + row('隐患数量', e.hazardCount === null || e.hazardCount === undefined ? '' : e.hazardCount + ' 处')
    + row('整改情况', e.rectification)
    + row('处理结果', e.result)
    + contributions(e.contributions)
    + row('来源', '案件 ' + e.caseId + '，环节 ' + e.stepId + (e.subject ? '，对象 ' + e.subject : ''))
    + row('记录人', e.recordedByName || e.recordedBy || '系统')
    + '</tbody></table></div>';
}

function show(node, file) {
  const byId = {};
  file.entries.forEach(e => {
    byId[e.id] = e;
  });
  node.innerHTML = '<div style="margin:12px 12px 0">统一社会信用代码 <strong>' + escape(file.creditCode)
    + '</strong>，共 ' + file.entries.length + ' 条记录（按记录时间排列，只显示您可以查看的记录）</div>'
    + file.entries.map(e => entry(e, byId)).join('');
}

async function getJson(url) {
  const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  return {status: response.status, body};
}

// the tab may be rendered again for another task before an answer arrives: only the latest call writes
function latest(node, taskId) {
  const token = {taskId};
  node.shudiCreditFile = token;
  const isCurrent = () => node.shudiCreditFile === token;
  return {
    message: (text, kind) => isCurrent() && message(node, text, kind),
    show: file => isCurrent() && show(node, file)
  };
}

async function load(node, taskId, api) {
  const view = latest(node, taskId);
  view.message('正在读取信用档案……');
  const variable = await getJson(api.engineApi + '/task/' + encodeURIComponent(taskId)
    + '/variables/creditCode?deserializeValue=false');
  if (variable.status === 404 || (variable.status === 200 && (!variable.body || !variable.body.value))) {
    view.message('本案件未填写统一社会信用代码（监管对象不是企业），没有信用档案。');
    return;
  }
  if (variable.status !== 200) {
    view.message('读取案件的统一社会信用代码失败（HTTP ' + variable.status + '）。', 'warning');
    return;
  }
  const code = String(variable.body.value).trim();
  // api.adminApi is "{app}/api/admin": the platform's own webapp API is beside it
  const apiRoot = api.adminApi.replace(/\/admin\/?$/, '');
  const file = await getJson(apiRoot + '/shudi/credit-files/' + encodeURIComponent(code));
  if (file.status === 200) {
    view.show(file.body);
  } else if (file.status === 404) {
    view.message('统一社会信用代码 ' + code + ' 的信用档案中暂无您可以查看的记录。');
  } else if (file.status === 400) {
    view.message((file.body && file.body.error) || '统一社会信用代码有误', 'warning');
  } else if (file.status === 401) {
    view.message('登录已失效，请重新登录。', 'warning');
  } else {
    view.message('读取信用档案失败（HTTP ' + file.status + '）。', 'danger');
  }
}

export default {
  id: 'shudi-credit-file',
  pluginPoint: 'tasklist.task.detail',
  priority: 50,
  properties: {
    label: '信用档案'
  },
  render(node, {taskId, api}) {
    load(node, taskId, api).catch(e => {
      if (node.shudiCreditFile && node.shudiCreditFile.taskId === taskId) {
        message(node, '读取信用档案失败：' + e.message, 'danger');
      }
    });
  }
};
