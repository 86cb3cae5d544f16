/*
 * What staff see in Camunda Tasklist 7.24, beside Camunda's own locale files (cn.shudi, issue 17):
 *
 * 1. form-js (Camunda Forms, bundled 1.8.7) has no translations: its validation messages ("Field is
 *    required.") and widget texts ("Select", "Search") are put into Chinese where they appear.
 * 2. The credit code (统一社会信用代码) is checked where it is typed: length, characters and both check
 *    characters (GB 11714, GB 32100), the same rule the server applies again at the case's start
 *    (cn.shudi.credit.CreditCode); the form's pattern alone cannot compute a check character.
 * 3. The 发起流程 dialog names each blueprint by item code and name (ZQ054 食品生产经营企业日常安全监管) and its
 *    county by name (济南市章丘区, not the tenant id); a search for an item code (zq054, ZQ054) finds it by key.
 * 4. After a case is started, the starter is shown where it went: its open steps, the unit of each and the
 *    due date (the starting unit may read the case's tasks: cn.shudi.casework.CaseCard), and where to follow
 *    it (the filter 我发起的案件).
 *
 * A module without a plugin: Tasklist imports every entry of customScripts (../config.js) and only
 * registers what it exports as default.
 */

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must match pattern .*\.$/, () => '填写的格式不符合要求，请核对。'],
  [/^Field must have minimum value of (.+)\.$/, m => '不能小于 ' + m[1] + '。'],
  [/^Field must have maximum value of (.+)\.$/, m => '不能大于 ' + m[1] + '。'],
  [/^Field must have minimum length of (.+)\.$/, m => '至少填写 ' + m[1] + ' 个字。'],
  [/^Field must have maximum length of (.+)\.$/, m => '最多填写 ' + m[1] + ' 个字。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请填写有效的电话号码（如 +8653188888888）。'],
  [/^Value must be a number\.?$/, () => '请填写数字。'],
  [/^Select$/, () => '请选择'],
  [/^Search$/, () => '搜索'],
  [/^No values$/, () => '没有可选的项'],
  [/^No options source defined in the form definition$/, () => '表单未定义选项']
];

export function translate(text) {
  const trimmed = (text || '').trim();
  for (const [pattern, chinese] of MESSAGES) {
    const match = trimmed.match(pattern);
    if (match) {
      return chinese(match);
    }
  }
  return null;
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** What is wrong with a credit code, in Chinese, or null when it is valid (mirrors CreditCode.problem). */
export function creditCodeProblem(input) {
  const code = String(input || '').replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xFEE0))
    .replace(/\s/g, '').toUpperCase();
  if (!code) {
    return null;
  }
  if (code.length !== 18) {
    return '统一社会信用代码应为18位，现为' + code.length + '位';
  }
  for (let i = 0; i < 18; i++) {
    if (CHARSET.indexOf(code[i]) < 0) {
      return '第' + (i + 1) + '位「' + code[i] + '」不是合法字符（只能是数字或大写字母，不含 I、O、S、V、Z）';
    }
  }
  if (!/^[0-9]{6}$/.test(code.substring(2, 8))) {
    return '第3–8位应为数字（登记管理机关的行政区划码）';
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = code[8 + i];
    const value = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += value * ORGANIZATION_WEIGHTS[i];
  }
  const organization = 11 - sum % 11;
  const organizationCheck = organization === 10 ? 'X' : organization === 11 ? '0' : String(organization);
  if (code[16] !== organizationCheck) {
    return '第17位（组织机构代码的校验码）应为「' + organizationCheck + '」，现为「' + code[16] + '」';
  }
  sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(code[i]) * weight;
    weight = weight * 3 % 31;
  }
  const check = CHARSET[(31 - sum % 31) % 31];
  if (code[17] !== check) {
    return '第18位校验码应为「' + check + '」，现为「' + code[17] + '」，请核对';
  }
  return null;
}

function translateTree(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) {
    nodes.push(walker.currentNode);
  }
  nodes.forEach(node => {
    if (node.parentElement && node.parentElement.closest('.fjs-container')) {
      const chinese = translate(node.nodeValue);
      if (chinese) {
        node.nodeValue = chinese;
      }
    }
  });
  root.querySelectorAll('.fjs-container input[placeholder]').forEach(input => {
    const chinese = translate(input.getAttribute('placeholder'));
    if (chinese) {
      input.setAttribute('placeholder', chinese);
    }
  });
}

function checkCreditCode(input) {
  const field = input.closest('.fjs-form-field') || input.parentElement;
  let hint = field.querySelector('.shudi-credit-code-problem');
  const problem = creditCodeProblem(input.value);
  if (!problem) {
    if (hint) {
      hint.remove();
    }
    input.removeAttribute('aria-invalid');
    return;
  }
  if (!hint) {
    hint = document.createElement('div');
    hint.className = 'fjs-form-field-error shudi-credit-code-problem';
    hint.setAttribute('role', 'alert');
    field.appendChild(hint);
  }
  hint.textContent = problem;
  input.setAttribute('aria-invalid', 'true');
}

const CODE = /^[a-z]{2}[0-9]{3}$/;
let tenantNames = null;
/** The keys of the process definitions the dialog listed, by name and tenant (from the dialog's own requests). */
const keys = {};

function engineApi() {
  const base = document.querySelector('base');
  return (base && base.getAttribute('engine-api') || '/camunda/api/engine/') + 'engine/default';
}

async function loadTenantNames() {
  if (tenantNames) {
    return tenantNames;
  }
  tenantNames = {};
  try {
    const response = await fetch(engineApi() + '/tenant', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (response.ok) {
      (await response.json()).forEach(t => {
        tenantNames[t.id] = t.name || t.id;
      });
    }
  } catch (e) {
    // the tenant id stays
  }
  return tenantNames;
}

function decorateStartDialog(root) {
  root.querySelectorAll('.modal-content ul.processes li').forEach(item => {
    const link = item.querySelector('a');
    const tenant = item.querySelector('.tenant-id');
    const id = tenant ? (tenant.dataset.tenantId || tenant.textContent.trim()) : '';
    const key = link && keys[link.textContent.trim() + '|' + id];
    if (link && key && !link.querySelector('.shudi-item-code') && CODE.test(key)) {
      const code = document.createElement('strong');
      code.className = 'shudi-item-code';
      code.textContent = key.toUpperCase() + ' ';
      link.insertBefore(code, link.firstChild);
    }
  });
}

/** Every tenant id Tasklist shows (the start dialog, the task's header) becomes the county's name. */
function nameTenants(root) {
  root.querySelectorAll('.tenant-id').forEach(tenant => {
    if (tenant.dataset.tenantId) {
      return;
    }
    const id = tenant.textContent.trim();
    if (!id) {
      return;
    }
    tenant.dataset.tenantId = id;
    loadTenantNames().then(names => {
      if (names[id]) {
        tenant.textContent = names[id];
        tenant.setAttribute('title', names[id]);
      }
    });
  });
}

/** The open task's header also tells its case: subject, township, the unit it is for (the card variables). */
function describeTaskHeader(root) {
  const names = root.querySelector('.task-card header .names');
  const match = /[?&]task=([^&]+)/.exec(window.location.hash || '');
  if (!names || !match) {
    return;
  }
  const taskId = decodeURIComponent(match[1]);
  let line = names.querySelector('.shudi-case-line');
  if (line && line.dataset.taskId === taskId) {
    return;
  }
  if (!line) {
    line = document.createElement('h5');
    line.className = 'shudi-case-line';
    names.appendChild(line);
  }
  line.dataset.taskId = taskId;
  line.textContent = '';
  fetch(engineApi() + '/task/' + encodeURIComponent(taskId) + '/localVariables',
    {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(r => (r.ok ? r.json() : {}))
    .then(local => {
      if (line.dataset.taskId !== taskId) {
        return;
      }
      line.textContent = (local.card && local.card.value) || '';
    })
    .catch(() => {});
}

// the dialog searches process definitions by name (nameLike); an item code is the definition's key
const open = typeof XMLHttpRequest === 'undefined' ? null : XMLHttpRequest.prototype.open;

// a request (诉求, shared_intake) is registered, not a case: its business key is the request's number
function started(processInstanceId, request) {
  const api = engineApi();
  const get = path => fetch(api + path, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(r => (r.ok ? r.json() : null));
  get('/task?processInstanceId=' + encodeURIComponent(processInstanceId)).then(async tasks => {
    const steps = [];
    for (const task of tasks || []) {
      const local = (await get('/task/' + encodeURIComponent(task.id) + '/localVariables')) || {};
      const card = local.card ? String(local.card.value) : '';
      steps.push({
        name: task.name,
        unit: cardPart(card, '办理单位'),
        subject: cardPart(card, '对象'),
        due: task.due ? String(task.due).replace('T', ' ').substring(0, 16) : ''
      });
    }
    showStarted(steps, request);
  }).catch(() => showStarted([], request));
}

// a task's card is one line, '对象：…　镇街：…　办理单位：…　事项：…' (casework's CaseCard)
function cardPart(card, label) {
  const part = card.split('\u3000').find(p => p.startsWith(label + '：'));
  return part ? part.substring(label.length + 1) : '';
}

function showStarted(steps, request) {
  let panel = document.querySelector('.shudi-started');
  if (!panel) {
    panel = document.createElement('div');
    panel.className = 'alert alert-success shudi-started';
    panel.setAttribute('role', 'status');
    document.body.appendChild(panel);
  }
  const subject = steps.map(s => s.subject).find(Boolean);
  const lines = steps.map(s => s.name + '（' + (s.unit || '承办单位') + (s.due ? '，期限 ' + s.due : '') + '）');
  panel.textContent = '';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => panel.remove());
  const text = document.createElement('div');
  text.textContent = request
    ? '诉求已登记（编号 ' + request + '）。' + (lines.length ? '现由 ' + lines.join('；') + ' 办理。' : '')
    : '案件已发起' + (subject ? '：' + subject : '') + '。'
      + (lines.length ? '现由 ' + lines.join('；') + ' 办理。' : '')
      + '可在筛选器“我发起的案件”中跟踪办理情况。';
  panel.append(close, text);
}

function searchAndRemember(method, url, ...rest) {
  const submitted = typeof url === 'string' && String(method).toUpperCase() === 'POST'
    && /\/process-definition\/[^/]+\/submit-form$/.test(url.split('?')[0]);
  if (submitted) {
    this.addEventListener('load', () => {
      try {
        const instance = this.status === 200 ? JSON.parse(this.responseText) : null;
        if (instance && instance.id) {
          const request = String(instance.definitionId || '').startsWith('shared_intake:') ? instance.businessKey : null;
          started(instance.id, request);
        }
      } catch (e) {
        // no instance
      }
    });
  }
  if (typeof url === 'string' && /\/process-definition(\/count)?\?/.test(url)) {
    url = url.replace(/([?&])nameLike=%25([A-Za-z]{2}[0-9]{1,3})%25/, (all, sep, code) =>
      sep + 'keyLike=%25' + code.toLowerCase() + '%25');
    this.addEventListener('load', () => {
      try {
        const list = JSON.parse(this.responseText);
        if (Array.isArray(list)) {
          list.forEach(d => {
            keys[(d.name || d.key) + '|' + (d.tenantId || '')] = d.key;
          });
          setTimeout(() => decorateStartDialog(document.body), 0);
        }
      } catch (e) {
        // not a list
      }
    });
  }
  return open.call(this, method, url, ...rest);
}
if (open) {
  XMLHttpRequest.prototype.open = searchAndRemember;
}

function watch() {
  translateTree(document.body);
  decorateStartDialog(document.body);
  new MutationObserver(mutations => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        const chinese = mutation.target.parentElement && mutation.target.parentElement.closest('.fjs-container')
          && translate(mutation.target.nodeValue);
        if (chinese) {
          mutation.target.nodeValue = chinese;
        }
      }
      mutation.addedNodes.forEach(node => {
        if (node.nodeType === Node.ELEMENT_NODE) {
          translateTree(node.closest('.fjs-container') || node);
        } else if (node.nodeType === Node.TEXT_NODE && node.parentElement) {
          translateTree(node.parentElement);
        }
      });
    }
    decorateStartDialog(document.body);
    nameTenants(document.body);
    describeTaskHeader(document.body);
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
  document.addEventListener('input', event => {
    if (event.target && event.target.id && /-Field_creditCode$/.test(event.target.id)) {
      checkCreditCode(event.target);
    }
  }, true);
}

if (typeof document !== 'undefined' && document.body) {
  watch();
} else if (typeof document !== 'undefined') {
  document.addEventListener('DOMContentLoaded', watch);
}
