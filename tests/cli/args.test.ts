import { InputError, parseArgs } from '../../cli/command';

describe('command-line arguments', () => {
  test('a flag may stand alone or take «да»/«нет»; other options need a value', () => {
    expect(parseArgs(['import', 'vpr', 'f.xlsx', '--preview', '--into', 'r.xlsx']).options).toEqual({ preview: 'да', into: 'r.xlsx' });
    expect(parseArgs(['import', 'vpr', 'f.xlsx', '--replace', 'нет']).options).toEqual({ replace: 'нет' });
    expect(parseArgs(['import', 'vpr', '--preview', 'f.xlsx']).positional).toEqual(['vpr', 'f.xlsx']);
    expect(parseArgs(['identify', 'd', '--year=2024']).options).toEqual({ year: '2024' });
    expect(() => parseArgs(['identify', 'd', '--out'])).toThrow(InputError);
  });
});
