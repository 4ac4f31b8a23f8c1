/**
 * CSV as users' Excel saves it, end to end (issue 13 § 2): an unclosed quote is named first and
 * alone; «Текст Юникод» (UTF-16, tabs) and Windows-1251 are read by every command; 200 000 bad rows
 * give a short list and a full file; control characters from the data never reach the terminal raw.
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodeCsv, parseCsv, sniffSeparator } from '../../cli/csv';
import { MAX_LINES, problemLines, writeProblemsFile } from '../../cli/problems';
import type { Problem } from '../../shared/types';
import { DEMO_CSV, shnor, tempDir } from './run-cli';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Windows-1251 bytes of a text (Node has no encoder for it: invert the decoder). */
function cp1251(text: string): Buffer {
  const decoded = new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  const byChar = new Map([...decoded].map((ch, i) => [ch, i]));
  return Buffer.from([...text].map((ch) => {
    const b = byChar.get(ch);
    if (b === undefined) throw new Error(`no Windows-1251 byte for «${ch}»`);
    return b;
  }));
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

/** The demo CSV folder rewritten: each file's text through `edit`, then its bytes through `encode`. */
function demoCopy(name: string, encode: (text: string) => Buffer, ext = '.csv', edit: (file: string, text: string) => string = (_f, t) => t): string {
  const dir = path.join(tempDir('shnor-csv-'), name);
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(DEMO_CSV)) {
    const text = edit(f, fs.readFileSync(path.join(DEMO_CSV, f), 'utf8').replace(/^\uFEFF/, ''));
    fs.writeFileSync(path.join(dir, f.replace(/\.csv$/, ext)), encode(text));
  }
  return dir;
}

const tabs = (text: string) => text.replace(/;/g, '\t').replace(/\r?\n/g, '\r\n');

describe('reading CSV text', () => {
  test('one decoder: BOM UTF-8 / UTF-16 LE / UTF-16 BE, else UTF-8 when valid, else Windows-1251', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from('Код')])).text).toBe('Код');
    expect(decodeCsv(Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from('Код\tИмя', 'utf16le')]))).toEqual({ text: 'Код\tИмя', encoding: 'utf-16le' });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xFE, 0xFF]), utf16be('Код\tИмя')]))).toEqual({ text: 'Код\tИмя', encoding: 'utf-16be' });
    expect(decodeCsv(Buffer.from('Код;Имя')).encoding).toBe('utf-8');
    expect(decodeCsv(cp1251('Код;Имя «Луч» № 1'))).toEqual({ text: 'Код;Имя «Луч» № 1', encoding: 'windows-1251' });
    // UTF-16 without a BOM: its NUL bytes give it away.
    expect(decodeCsv(Buffer.from('Год\tКод ОО\r\n2025\t010014\r\n', 'utf16le')).text).toBe('Год\tКод ОО\r\n2025\t010014\r\n');
  });

  test('tabs are found; a title line above the header does not make «;» the separator', () => {
    expect(sniffSeparator('Код\tИмя, город\tМуниципалитет\n')).toBe('\t');
    expect(sniffSeparator('Результаты ВПР 2025\nКод ОО\tУчастников\n')).toBe('\t');
    expect(sniffSeparator('Код;Доля, %;Имя\n')).toBe(';');
  });

  test('a quote inside an unquoted value is a character, as Excel reads it', () => {
    expect(parseCsv('Код;Имя;Город\n010024;МАОУ "Лицей № 1;Тында\n010025;МАОУ «СОШ»;Зея\n')).toEqual([
      ['Код', 'Имя', 'Город'], ['010024', 'МАОУ "Лицей № 1', 'Тында'], ['010025', 'МАОУ «СОШ»', 'Зея'],
    ]);
  });
});

describe('shnor identify on CSV as Excel saves it', () => {
  const expected = JSON.parse(shnor(['identify', DEMO_CSV, '--format', 'json']).stdout);

  test.each([
    ['«Текст Юникод»: UTF-16 LE with BOM, tabs, .txt', (t: string) => Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(tabs(t), 'utf16le')]), '.txt'],
    ['UTF-16 BE with BOM, tabs', (t: string) => Buffer.concat([Buffer.from([0xFE, 0xFF]), utf16be(tabs(t))]), '.csv'],
    ['UTF-8 without BOM, tabs', (t: string) => Buffer.from(tabs(t)), '.tsv'],
    ['Windows-1251, tabs', (t: string) => cp1251(tabs(t)), '.csv'],
  ])('%s: the same result as the UTF-8 folder', (_name, encode, ext) => {
    const dir = demoCopy('region', encode, ext);
    const run = shnor(['identify', dir, '--format', 'json']);
    expect(run.stderr).not.toMatch(/не найдена строка заголовков|Ошибка/);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  test.each([['without', ''], ['with', '\uFEFF']])('UTF-8 %s BOM and one stray Windows-1251 byte stays UTF-8, with a warning naming the line', (_w, bom) => {
    const dir = demoCopy('region', (t) => Buffer.from(t), '.csv');
    const file = path.join(dir, 'schools.csv');
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf('№');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(bom + text.slice(0, at)), Buffer.from([0xB9]), Buffer.from(text.slice(at + 1))]));
    const line = text.slice(0, at).split('\n').length;
    const run = shnor(['identify', dir, '--format', 'table']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^При чтении файлов:\\n {2}Предупреждение: Файл «schools\\.csv», строка ${line}: файл в UTF-8, но в 1 месте байты в нём не UTF-8`));
    expect(run.stdout).toMatch(/Школ: 300 в 24 муниципалитетах/);
  });

  test('a quote never closed (schools.csv, line 6) is said first and alone, not as 1 762 «код ОО не найден»', () => {
    const dir = demoCopy('region', (t) => Buffer.from(t), '.csv', (f, t) => (f === 'schools.csv'
      ? t.split('\n').map((l, i) => (i === 5 ? l.replace(';МАОУ', ';"МАОУ') : l)).join('\n')
      : t));
    const run = shnor(['identify', dir, '--format', 'table']);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines[1]).toMatch(/^ {2}Ошибка: Файл «schools\.csv», строка 6: кавычка «"», открытая в этой строке, не закрыта/);
    expect(run.stderr).not.toMatch(/не найден на листе|не указан муниципалитет/);
    expect(lines.length).toBeLessThan(5);
  });

  test('a quote closed many lines later holding separators: a warning, first', () => {
    const dir = demoCopy('region', (t) => Buffer.from(t), '.csv', (f, t) => (f === 'social.csv'
      ? t.split('\n').map((l, i) => (i === 5 ? l.replace(/;(\d+);/, ';"$1;') : i === 9 ? l.replace(/;(\d+);/, ';$1";') : l)).join('\n')
      : t));
    const run = shnor(['identify', dir, '--format', 'table']);
    expect(run.stderr.split('\n').slice(0, 2).join('\n')).toMatch(/^При чтении файлов:\n {2}Предупреждение: Файл «social\.csv», строки 6–10: значение в кавычках/);
  });
});

describe('many problems: the first per sheet and column on the screen, all of them in a file', () => {
  const dir = demoCopy('region', (t) => Buffer.from(t), '.csv', (f, t) => (f === 'results.csv'
    ? t.trimEnd() + '\n' + Array.from({ length: 200_000 }, (_, i) => `2025;99${String(i % 10000).padStart(4, '0')};ВПР;4;Математика;57;;;;1;5;27;24`).join('\n') + '\n'
    : t));
  const file = path.join(path.dirname(dir), 'проблемы.csv');

  test('a few lines and how many more; --problems writes all of them', () => {
    const short = shnor(['identify', dir, '--format', 'table']);
    expect(short.status).toBe(2);
    expect(short.stderr.split('\n').length).toBeLessThan(300);
    expect(short.stderr).toMatch(/^Во входных данных 200 000 ошибок; идентификация не выполнена/);
    expect(short.stderr).toContain('  … и ещё 199 990 ошибок на листе «Результаты» в столбце «Код ОО»');
    expect(short.stderr).toMatch(/--problems/);

    const full = shnor(['identify', dir, '--format', 'table', '--problems', file]);
    expect(full.status).toBe(2);
    expect(full.stderr).toContain(`Все проблемы (200 000) записаны в «${file}»`);
    const rows = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('Вид;Лист;Строка;Столбец;Ячейка;Сообщение');
    expect(rows).toHaveLength(200_001);
    expect(rows[1]).toBe('ошибка;Результаты;3926;Код ОО;B3926;Лист «Результаты», строка 3926, столбец «Код ОО»: код ОО «990000» не найден на листе «Школы»');
  });

  test('many sheets and columns: still at most MAX_LINES lines, the rest counted per sheet', () => {
    const problems: Problem[] = [];
    for (const sheet of ['Результаты', 'Социальные показатели']) {
      for (let c = 0; c < 40; c++) for (let r = 0; r < 50; r++) problems.push({ sheet, row: r + 2, column: `Столбец ${c}`, message: `Лист «${sheet}», строка ${r + 2}: плохо`, severity: 'error' });
    }
    const lines = problemLines(problems).split('\n');
    expect(lines.length).toBeLessThanOrEqual(MAX_LINES + 2);
    expect(lines).toContain('  … и ещё 40 ошибок на листе «Результаты» в столбце «Столбец 0»');
    expect(lines[lines.length - 1]).toBe('  … и ещё 2 000 ошибок на листе «Социальные показатели» в других столбцах');
  });

  test('the problems file: a value Excel would take for a formula stays text', () => {
    const file = path.join(tempDir('shnor-p-'), 'p.csv');
    writeProblemsFile(file, [{ sheet: '=HYPERLINK("x")', row: 2, column: 'a;b', message: 'м', severity: 'error' }]);
    expect(fs.readFileSync(file, 'utf8').split('\r\n')[1]).toBe('ошибка;"\'=HYPERLINK(""x"")";2;"a;b";;м');
  });

  test('report --problems writes the warnings too', () => {
    const out = tempDir('shnor-report-');
    const run = shnor(['report', DEMO_CSV, '--out', path.join(out, 'note.html'), '--problems', path.join(out, 'p.csv')]);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'p.csv'), 'utf8')).toBe('\uFEFFВид;Лист;Строка;Столбец;Ячейка;Сообщение\r\n'
      + 'предупреждение;Социальные показатели;;;;У 3 школ нет всех социальных показателей за год: ИСБШ для них не рассчитан\r\n');
  });

  test('--problems takes .csv, .tsv or .txt', () => {
    const run = shnor(['identify', DEMO_CSV, '--problems', 'p.xlsx']);
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('--problems: список проблем записывается в файл .csv, .tsv или .txt')]);
    expect(shnor(['identify', '--help']).stdout).toMatch(/--problems/);
  });
});

describe('control characters from the data never reach the terminal raw', () => {
  test('a municipality named with «\\x1b[2J» in --format table, a code with OSC and C1 in the problems', () => {
    const named = demoCopy('region', (t) => Buffer.from(t), '.csv', (f, t) => (f === 'schools.csv' ? t.replace(/Константиновский район/g, 'Константиновский\x1b[2J\u009b31m район') : t));
    const table = shnor(['identify', named, '--format', 'table']);
    expect(table.status).toBe(0);
    expect(table.stdout).not.toMatch(RAW_CONTROL);
    expect(table.stdout).toContain('Константиновский\\u001b[2J\\u009b31m район 3 из 6');
    const json = shnor(['identify', named, '--format', 'json']);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout).schools.map((x: { municipality: string }) => x.municipality)).toContain('Константиновский\x1b[2J\u009b31m район');

    const bad = demoCopy('region', (t) => Buffer.from(t), '.csv', (f, t) => (f === 'results.csv' ? t.replace(/\n2024;010014;/, '\n2024;01\x1b]0:pwned\x07\x08;') : t));
    const problems = shnor(['identify', bad, '--format', 'table']);
    expect(problems.status).toBe(2);
    expect(problems.stderr).not.toMatch(RAW_CONTROL);
    expect(problems.stderr).toContain('01\\u001b]0:pwned\\u0007\\u0008');
  });
});

describe('shnor roadmap-status reads CSV like identify and import', () => {
  const roadmap = '№;Мероприятие;Срок исполнения;Ответственный исполнитель;Статус\n1.;Семинар для учителей;Май 2020;МОУО;не начато\n2.;Отчёт о работе «Школы»;Апрель 2020;ОО;не начато\n';
  test.each([
    ['Windows-1251', cp1251(roadmap), 'rm.csv'],
    ['«Текст Юникод»', Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(tabs(roadmap), 'utf16le')]), 'rm.txt'],
  ])('%s', (_name, bytes, name) => {
    const file = path.join(tempDir('shnor-rm-'), name);
    fs.writeFileSync(file, bytes);
    const run = shnor(['roadmap-status', file, '--date', '2020-05-10']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2\. Отчёт о работе «Школы» — «Апрель 2020», срок 30\.04\.2020, просрочено на 10 дней/);
  });

  test('an unclosed quote is an error with file and line', () => {
    const file = path.join(tempDir('shnor-rm-'), 'rm.csv');
    fs.writeFileSync(file, roadmap.replace(';Отчёт', ';"Отчёт'));
    const run = shnor(['roadmap-status', file, '--date', '2020-05-10']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Файл «rm\.csv», строка 3: кавычка «"», открытая в этой строке, не закрыта/);
  });
});

describe('shnor import: the same CSV reading, a short list of unmatched rows, --problems', () => {
  const head = 'Код ОО;Предмет;Участников;Средний балл\n';

  test('an unclosed quote is an error with file and line; nothing is imported', () => {
    const dir = tempDir('shnor-imp-');
    const book = path.join(dir, 'region.xlsx');
    fs.copyFileSync(path.join(path.dirname(DEMO_CSV), 'demo-region.xlsx'), book);
    fs.writeFileSync(path.join(dir, 'ege.csv'), `${head}010014;Математика;12;4,1\n"999999;Математика;10;3,5\n`);
    const run = shnor(['import', 'ege', path.join(dir, 'ege.csv'), '--into', book, '--year', '2025']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Файл «ege\.csv», строка 3: кавычка «"», открытая в этой строке, не закрыта/);
  });

  test('5 000 unmatched rows: the first 100 and how many more on the screen, all of them in the file', () => {
    const dir = tempDir('shnor-imp-');
    const book = path.join(dir, 'region.xlsx');
    fs.copyFileSync(path.join(path.dirname(DEMO_CSV), 'demo-region.xlsx'), book);
    const rows = Array.from({ length: 5000 }, (_, i) => `99${String(i).padStart(4, '0')};Математика;10;3,5`).join('\n');
    fs.writeFileSync(path.join(dir, 'ege.txt'), Buffer.concat([Buffer.from([0xFF, 0xFE]), Buffer.from(tabs(`${head}${rows}\n`), 'utf16le')]));
    const problems = path.join(dir, 'all.tsv');
    const run = shnor(['import', 'ege', path.join(dir, 'ege.txt'), '--into', book, '--out', path.join(dir, 'out.xlsx'), '--year', '2025', '--problems', problems]);
    expect(run.stdout).toMatch(/Не сопоставлено: 5 000 строк/);
    expect(run.stdout).toContain('… и ещё 4 900 строк (все — с параметром --problems ФАЙЛ.csv)');
    expect(run.stdout.split('\n').length).toBeLessThan(150);
    const lines = fs.readFileSync(problems, 'utf8').trimEnd().split('\r\n');
    expect(lines.filter((l) => l.includes('школа не найдена'))).toHaveLength(5000);
    expect(lines[1]).toMatch(/^предупреждение\tege\.txt\t2\t\t\t.*«990000»/);
  });
});
