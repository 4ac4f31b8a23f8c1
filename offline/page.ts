/**
 * The offline page (dist/shnor.html, one self-contained file opened from a USB stick by double
 * click): the user opens a region workbook or a folder's CSV files (file picker or drag and drop),
 * walks the same wizard as the Excel task pane (wizard/, over offline/offline-bridge.ts) and
 * downloads the result workbook, the analytical note and the recommendations. A thin adapter:
 * reading files is formats/region-files.ts, the engine is shared/, the writer formats/xlsx-book.ts.
 * The page makes no request: the Content-Security-Policy of offline/shnor.html forbids any.
 */
import { type InputFile, RegionFileError, WORKBOOK_READERS, readRegionFiles } from '../formats/region-files';
import { layoutSheet } from '../wizard/layout';
import { h } from '../wizard/dom';
import { type WizardHandle, mountWizard } from '../wizard/wizard';
import { type DownloadFile, OfflineBridge, type OfflineRun } from './offline-bridge';
import { PAGE_CSS } from './page-styles';
import { SheetView } from './sheet-view';

const PRIVACY = 'Страница работает без интернета. Файлы открываются только в этом окне браузера: страница ничего не отправляет ни на какой сервер и ничего не загружает из сети, данные школ не покидают компьютер. Результаты сохраняются только туда, куда вы их скачаете.';

interface Page {
  status: HTMLElement;
  downloads: HTMLElement;
  pane: HTMLElement;
  view: SheetView;
  wizard: WizardHandle | null;
  bridge: OfflineBridge | null;
  urls: string[];
}

const extensions = () => [...new Set(WORKBOOK_READERS.flatMap((r) => r.extensions))];

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The files of a drop: plain files, and the files of dropped folders (one level of subfolders too). */
async function droppedFiles(dt: DataTransfer): Promise<InputFile[]> {
  const entries = Array.from(dt.items).map((it) => (typeof it.webkitGetAsEntry === 'function' ? it.webkitGetAsEntry() : null));
  if (!entries.some((e) => e && e.isDirectory)) {
    return Promise.all(Array.from(dt.files).map(async (f) => ({ name: f.name, bytes: await bytesOf(f) })));
  }
  const out: InputFile[] = [];
  const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
  const children = (dir: FileSystemDirectoryEntry) => new Promise<FileSystemEntry[]>((resolve, reject) => {
    const reader = dir.createReader();
    const all: FileSystemEntry[] = [];
    const next = () => reader.readEntries((batch) => { if (!batch.length) resolve(all); else { all.push(...batch); next(); } }, reject);
    next();
  });
  const walk = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (entry.isFile) {
      const f = await fileOf(entry as FileSystemFileEntry);
      out.push({ name: entry.fullPath || f.name, bytes: await bytesOf(f) });
    } else if (entry.isDirectory && depth < 2) {
      for (const child of await children(entry as FileSystemDirectoryEntry)) await walk(child, depth + 1);
    }
  };
  for (const e of entries) if (e) await walk(e, 0);
  return out;
}

function saveFile(page: Page, file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.data as BlobPart], { type: file.mime }));
  page.urls.push(url);
  const a = h('a', { href: url, download: file.fileName, style: { display: 'none' } });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function showDownloads(page: Page, run: OfflineRun | null): void {
  const bridge = page.bridge;
  if (!run || !bridge) {
    page.downloads.replaceChildren(h('p', { class: 'muted' }, 'Кнопки скачивания появятся после расчёта на шаге «Расчёт» мастера.'));
    return;
  }
  const line = h('p', { class: 'muted', 'data-testid': 'download-status' }, '');
  const button = (id: string, title: string, hint: string, make: () => Promise<DownloadFile>) => h('div', { class: 'dl' },
    h('button', {
      class: id === 'result' ? 'primary' : '', 'data-testid': `download-${id}`,
      onclick: async (ev: Event) => {
        const b = ev.currentTarget as HTMLButtonElement;
        b.disabled = true;
        line.textContent = 'Готовим файл…';
        try {
          const file = await make();
          saveFile(page, file);
          line.textContent = `Скачан файл «${file.fileName}».`;
        } catch (e) {
          line.textContent = `Не удалось подготовить файл: ${(e as Error).message || String(e)}`;
        } finally {
          b.disabled = false;
        }
      },
    }, title), h('span', { class: 'muted' }, hint));
  page.downloads.replaceChildren(
    h('p', null, `Идентификация ${run.year} года готова. Скачайте:`),
    button('result', 'Скачать книгу с результатами', `(.xlsx) исходные листы без изменений и листы «${run.sheets.map((s) => s.name).join('», «')}»`, () => bridge.resultWorkbook()),
    button('note', 'Аналитическая справка', '(.html) с карточками школ в приложении; открывается в браузере и в Word', () => bridge.note()),
    button('cards', 'Рекомендации: карточки школ', '(.html) по странице на каждую ШНОР и ШФНСУ с мерами', () => bridge.recommendationCards()),
    button('recommendations', 'Рекомендации: книга', '(.xlsx) листы результатов и листы рекомендаций школам и муниципалитетам', () => bridge.recommendationWorkbook()),
    line,
  );
}

async function open(page: Page, files: InputFile[]): Promise<void> {
  page.status.replaceChildren(h('p', null, h('span', { class: 'spinner' }), 'Читаем файлы…'));
  try {
    const region = await readRegionFiles(files);
    page.wizard?.unmount();
    for (const url of page.urls.splice(0)) URL.revokeObjectURL(url);
    const bridge = new OfflineBridge(region, {
      onRun: (run) => showDownloads(page, run),
      onSelect: (sheet, cell) => page.view.select(sheet, cell),
      onSheets: (sheets) => page.view.setOutput(sheets.map((s) => ({ name: s.name, grid: layoutSheet(s).grid }))),
    });
    page.bridge = bridge;
    page.view.setInput(region.sheets);
    showDownloads(page, null);
    page.status.replaceChildren(h('p', { 'data-testid': 'opened' }, 'Открыто: ', h('b', null, region.label)));
    page.wizard = mountWizard(page.pane, bridge);
  } catch (e) {
    const text = e instanceof RegionFileError ? e.message : `Не удалось прочитать файлы: ${(e as Error).message || String(e)}`;
    page.status.replaceChildren(h('div', { class: 'bar error', role: 'alert', 'data-testid': 'file-error' }, text));
  }
}

function start(): void {
  const style = document.createElement('style');
  style.textContent = PAGE_CSS;
  document.head.appendChild(style);
  const accept = [...extensions(), '.csv', '.tsv', '.txt'].join(',');
  const bookInput = h('input', { type: 'file', accept: extensions().join(','), 'data-testid': 'pick-book', class: 'hidden-input' });
  const folderInput = h('input', { type: 'file', multiple: true, webkitdirectory: true, 'data-testid': 'pick-folder', class: 'hidden-input' });
  const filesInput = h('input', { type: 'file', multiple: true, accept, 'data-testid': 'pick-files', class: 'hidden-input' });
  const page: Page = {
    status: h('div', { 'data-testid': 'status' }),
    downloads: h('div', { 'data-testid': 'downloads' }),
    pane: h('div', { class: 'off-pane', 'data-testid': 'taskpane' },
      h('div', { class: 'off-empty' }, h('h1', null, 'Идентификация ШНОР и ШФНСУ'),
        h('p', null, 'Откройте книгу региона (.xlsx, .ods или .xls с листами «Школы», «Результаты», «Социальные показатели», «Настройки») или папку с файлами schools.csv, results.csv, social.csv, settings.csv — кнопками слева или перетащив их в это окно.'))),
    view: new SheetView(),
    wizard: null, bridge: null, urls: [],
  };
  const pick = (input: HTMLInputElement) => {
    input.addEventListener('change', () => {
      const list = Array.from(input.files ?? []);
      input.value = '';
      if (!list.length) return;
      void Promise.all(list.map(async (f) => ({ name: f.webkitRelativePath || f.name, bytes: await bytesOf(f) }))).then((files) => open(page, files));
    });
  };
  [bookInput, folderInput, filesInput].forEach(pick);
  const drop = h('div', { class: 'off-drop', 'data-testid': 'drop' },
    h('p', null, h('b', null, 'Перетащите сюда'), ' книгу (.xlsx, .ods, .xls) или папку с CSV-файлами'),
    h('div', { class: 'off-buttons' },
      h('button', { class: 'primary', onclick: () => bookInput.click() }, 'Открыть книгу…'),
      h('button', { onclick: () => folderInput.click() }, 'Открыть папку с CSV…'),
      h('button', { class: 'link', onclick: () => filesInput.click() }, 'или выбрать CSV-файлы')),
    bookInput, folderInput, filesInput);
  document.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
  document.addEventListener('dragleave', (ev) => { if (!ev.relatedTarget) drop.classList.remove('over'); });
  document.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    if (ev.dataTransfer) void droppedFiles(ev.dataTransfer).then((files) => open(page, files));
  });
  showDownloads(page, null);
  document.getElementById('app')!.replaceChildren(h('div', { class: 'off' },
    h('header', { class: 'off-top' }, h('b', null, 'ШНОР Монитор'), h('span', null, 'идентификация ШНОР и ШФНСУ без установки и без интернета')),
    h('aside', { class: 'off-side' },
      h('div', { class: 'off-privacy', 'data-testid': 'privacy', role: 'note' }, PRIVACY),
      h('h2', null, '1. Данные'), drop, page.status,
      h('h2', null, '2. Результаты'), page.downloads,
      page.view.element),
    page.pane));
}

start();
