/**
 * An offline check of manifest.xml (Microsoft's validator needs the network): well-formed (parsed
 * by office-addin-manifest's own CLI), a GUID id, every resid resolves to a resource of the right
 * kind, every URL and icon exists in the build, icons have their declared sizes, Russian default
 * with English overrides, and the production URL rewrite leaves no localhost behind.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const DIST = path.join(ROOT, 'dist/addin');
const DEV = 'https://localhost:3000/';

function attrs(tag: string, attr: string, xml = MANIFEST): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]);
}

/** id → element name of every resource (bt:Image, bt:Url, bt:String under Short/LongStrings). */
function resources(): Map<string, string> {
  const out = new Map<string, string>();
  const block = MANIFEST.slice(MANIFEST.indexOf('<Resources>'));
  for (const m of block.matchAll(/<bt:(Image|Url|String)\s+id="([^"]+)"/g)) {
    if (out.has(m[2])) throw new Error(`duplicate resource id ${m[2]}`);
    out.set(m[2], m[1]);
  }
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  it('parses with office-addin-manifest (well-formed XML, the fields it knows)', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/office-addin-manifest/cli.js'), 'info', 'manifest.xml'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/Id: 0d6dde69-2279-4075-9776-37d17021ed31/);
    expect(out).toMatch(/Type: TaskPaneApp/);
    expect(out).toMatch(/Default Locale: ru-RU/);
    expect(out).toMatch(/Permissions: ReadWriteDocument/);
    expect(out).toMatch(/Hosts: Workbook/);
  });

  it('fails the same parser on a broken copy (so the check above means something)', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'manifest-'));
    fs.writeFileSync(path.join(dir, 'm.xml'), MANIFEST.replace('</OfficeApp>', ''));
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'node_modules/office-addin-manifest/cli.js'), 'info', 'm.xml'], { cwd: dir, stdio: 'pipe' })).toThrow();
  });

  it('has a GUID id and version a.b.c.d', () => {
    expect(MANIFEST).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/Id>/);
    expect(MANIFEST).toMatch(/<Version>\d+\.\d+\.\d+\.\d+<\/Version>/);
  });

  it('resolves every resid to a resource of the right kind, and uses every resource', () => {
    const res = resources();
    const used = new Set<string>();
    const expectKind = (id: string, kind: string) => {
      expect([id, res.get(id)]).toEqual([id, kind]);
      used.add(id);
    };
    for (const m of MANIFEST.matchAll(/<(\w+:)?(\w+)\b[^>]*\bresid="([^"]+)"/g)) {
      const element = m[2];
      const id = m[3];
      if (element === 'Image') expectKind(id, 'Image');
      else if (['SourceLocation', 'Runtime', 'FunctionFile', 'LearnMoreUrl'].includes(element)) expectKind(id, 'Url');
      else expectKind(id, 'String');
    }
    expect([...res.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('is Russian by default with an English override for every text', () => {
    expect(MANIFEST).toContain('<DefaultLocale>ru-RU</DefaultLocale>');
    const texts = [...MANIFEST.matchAll(/<(DisplayName|Description|bt:String)\b([^>]*)DefaultValue="([^"]*)"(\/?)>/g)]
      .filter((m) => !/id="Functions.Namespace"/.test(m[0]));
    expect(texts.length).toBeGreaterThanOrEqual(7);
    for (const m of texts) {
      expect(m[3]).toMatch(/[А-Яа-яЁё]/);
      expect(m[4]).toBe(''); // not self-closing: it holds the override
    }
    expect((MANIFEST.match(/Override Locale="en-US"/g) ?? []).length).toBe(texts.length);
  });

  it('declares the shared runtime, the SHNOR namespace, the ribbon button and ReadWriteDocument', () => {
    expect(MANIFEST).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    // Charts, conditional formats, data validation, getRangeByIndexes and freeze panes need ExcelApi 1.8.
    expect(MANIFEST).toMatch(/<Set Name="ExcelApi" MinVersion="1.8"\/>/);
    expect(MANIFEST).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(MANIFEST).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="SHNOR"\/>/);
    expect(MANIFEST).toMatch(/<bt:String id="TaskpaneButton.Label" DefaultValue="Идентификация ШНОР">/);
    expect(MANIFEST).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(attrs('Page', 'resid')).toEqual([]);
    expect(MANIFEST).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
  });

  it('has icons in the required sizes', () => {
    const res = new Map([...MANIFEST.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    for (const m of MANIFEST.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)) {
      const url = res.get(m[2])!;
      const size = pngSize(path.join(ROOT, 'addin', url.slice(DEV.length)));
      expect([m[2], size.width, size.height]).toEqual([m[2], Number(m[1]), Number(m[1])]);
    }
    expect(pngSize(path.join(ROOT, 'addin/assets/icon-32.png')).width).toBe(32);
    expect(pngSize(path.join(ROOT, 'addin/assets/icon-64.png')).width).toBe(64);
    expect(MANIFEST).toContain('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>');
    expect(MANIFEST).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>');
  });

  it('points every URL at a file of the build', () => {
    const urls = [...MANIFEST.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    expect(urls.every((u) => u.startsWith(DEV))).toBe(true);
    const built = fs.existsSync(path.join(DIST, 'manifest.xml'));
    for (const u of urls) {
      const rel = u.slice(DEV.length);
      if (built) expect([rel, fs.existsSync(path.join(DIST, rel))]).toEqual([rel, true]);
      else expect(['taskpane.html', 'functions.js', 'functions.json', 'help.html'].includes(rel) || fs.existsSync(path.join(ROOT, 'addin', rel))).toBe(true);
    }
  });

  it('ADDIN_URL rewrites every development URL in the built manifest (the one place to change)', () => {
    const saved = process.env.ADDIN_URL;
    process.env.ADDIN_URL = 'https://edu.example.ru/shnor';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const configs = require('../webpack.config.js')({}, { mode: 'production' }) as { name: string; plugins: { patterns?: { to: string; transform?: (c: Buffer) => string }[] }[] }[];
      const addin = configs.find((c) => c.name === 'addin')!;
      const pattern = addin.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.to === 'manifest.xml')!;
      const out = pattern.transform!(Buffer.from(MANIFEST));
      expect(out).not.toContain('localhost');
      expect(out).toContain('<AppDomain>https://edu.example.ru</AppDomain>');
      expect(out).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://edu.example.ru/shnor/taskpane.html"/>');
      const urls = [...out.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
      expect(urls.length).toBe([...MANIFEST.matchAll(/DefaultValue="(https:[^"]+)"/g)].length);
      expect(urls.every((u) => u.startsWith('https://edu.example.ru/shnor/'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved;
    }
  });
});
