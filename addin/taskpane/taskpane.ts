/// <reference types="office-js" />
/**
 * Excel task pane entry: mounts the shared wizard over the Excel bridge once Office is ready.
 * Outside Excel (the page opened in a plain browser) it says where to go instead.
 */
// The shared runtime: this page also registers the SHNOR.* custom functions.
import '../functions/functions';
import { mountWizard } from '../../wizard/wizard';
import { ExcelBridge } from './excel-bridge';

function root(): HTMLElement {
  return document.getElementById('app') ?? document.body;
}

Office.onReady((info) => {
  if (info.host === Office.HostType.Excel) {
    const charts = Office.context.requirements.isSetSupported('ExcelApi', '1.7');
    mountWizard(root(), new ExcelBridge(undefined, undefined, { charts }));
    return;
  }
  root().innerHTML = '';
  const note = document.createElement('div');
  note.className = 'shw-outside';
  note.setAttribute('data-testid', 'outside-excel');
  note.innerHTML = '<h1>ШНОР Монитор</h1><p>Эта страница — область задач надстройки Excel. Откройте её в Excel: вкладка «Главная» → «Идентификация ШНОР».</p>' +
    '<p>Попробовать мастер без Excel можно в <a href="demo.html">демонстрационном режиме</a>.</p>';
  root().appendChild(note);
});
