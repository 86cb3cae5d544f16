/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // 属地管理清单平台 (shudi platform): the header and the browser title read "属地管理清单平台 任务办理"
  // (Camunda shows vendor + ' ' + name; an empty vendor falls back to 'Camunda').
  app: {
    name: '任务办理',
    vendor: '属地管理清单平台'
  },

  // Chinese for staff: the browser language decides ('zh-CN' → 'zh', only the part before '-' counts),
  // any other language gets Chinese too; English stays selectable. Files: ../locales/zh.json, en.json.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },

  // the platform's Tasklist plugins (ES modules; the path is relative to app/tasklist/, without .js):
  // 信用档案 tab of a task (cn.shudi.credit); form-js in Chinese, the credit code checked as typed and the
  // 发起流程 dialog with item codes and county names (staff/staff.js)
  customScripts: ['scripts/credit/credit-file', 'scripts/staff/staff'],

  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  // Camunda's default keyboard shortcuts, kept (this file replaces the default one), described in Chinese
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '转到筛选器列表的第一项'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '转到任务列表的第一项'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '转到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框'
    }
  }
};
