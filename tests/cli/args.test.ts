import { InputError, parseArgs, yesNo } from '../../cli/command';
// Declares the import command's yes/no flags (--preview, --replace) to parseArgs.
import { importCommand } from '../../cli/commands/import';

describe('command-line arguments', () => {
  test('a flag may stand alone or take «да»/«нет»; other options need a value', () => {
    expect(importCommand.flags).toEqual(['preview', 'replace']);
    const bare = parseArgs(['import', 'vpr', 'f.xlsx', '--preview', '--into', 'r.xlsx']);
    expect(bare.options).toEqual({ into: 'r.xlsx' });
    expect(bare.flags).toEqual({ preview: true });
    expect(parseArgs(['import', 'vpr', 'f.xlsx', '--replace', 'нет']).flags).toEqual({ replace: false });
    expect(parseArgs(['import', 'vpr', '--preview', 'f.xlsx']).positional).toEqual(['vpr', 'f.xlsx']);
    expect(parseArgs(['identify', 'd', '--year=2024']).options).toEqual({ year: '2024' });
    expect(() => parseArgs(['identify', 'd', '--out'])).toThrow(InputError);
  });

  test('--preview y is yes, bare --preview is yes, --preview нет is no; the answer is not a file', () => {
    const y = parseArgs(['import', 'vpr', 'f.xlsx', '--preview', 'y', '--into', 'r.xlsx']);
    expect(y.flags).toEqual({ preview: true });
    expect(y.positional).toEqual(['vpr', 'f.xlsx']);
    const bare = parseArgs(['import', 'vpr', 'f.xlsx', '--into', 'r.xlsx', '--preview']);
    expect(bare.flags).toEqual({ preview: true });
    expect(bare.positional).toEqual(['vpr', 'f.xlsx']);
    const no = parseArgs(['import', 'vpr', '--preview', 'нет', 'f.xlsx']);
    expect(no.flags).toEqual({ preview: false });
    expect(no.positional).toEqual(['vpr', 'f.xlsx']);
    expect(parseArgs(['import', 'vpr', 'f.xlsx', '--preview=да']).flags).toEqual({ preview: true });
    expect(() => parseArgs(['import', 'vpr', 'f.xlsx', '--preview=может'])).toThrow(InputError);
    // A command that declares no flags: --preview is an ordinary option and takes the next word.
    expect(parseArgs(['identify', 'd', '--preview', 'y']).options).toEqual({ preview: 'y' });
  });

  test('one yes/no reading', () => {
    for (const w of ['да', 'Да', 'yes', 'y', 'true', '1']) expect(yesNo(w)).toBe(true);
    for (const w of ['нет', 'no', 'n', 'false', '0']) expect(yesNo(w)).toBe(false);
    for (const w of ['f.xlsx', 'может', '']) expect(yesNo(w)).toBeNull();
  });
});
