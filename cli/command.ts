/**
 * What every `shnor` command shares: parsed arguments, output streams, the input-error type.
 */

/** Flags that may stand alone (`--preview`) or take «да»/«нет» (`--preview да`). */
const BOOLEAN_FLAGS = new Set(['preview', 'replace']);
const YES_NO = /^(да|нет|yes|no|true|false|1|0)$/i;

/** Bad input the user can fix: reported in Russian, exit code 2. */
export class InputError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

export const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY,
};

export interface Args {
  command: string | undefined;
  positional: string[];
  options: Record<string, string>;
}

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') options.help = 'yes';
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else {
        const name = a.slice(2);
        const value = argv[i + 1];
        if (BOOLEAN_FLAGS.has(name) && (value === undefined || value.startsWith('--') || !YES_NO.test(value))) {
          options[name] = 'да';
          continue;
        }
        if (value === undefined || value.startsWith('--')) throw new InputError(`Параметру ${a} нужно значение`);
        options[name] = value;
        i++;
      }
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options };
}

/** Rejects options a command does not know (a typo should not be ignored silently). */
export function checkOptions(args: Args, known: string[]): void {
  const unknown = Object.keys(args.options).filter((k) => k !== 'help' && !known.includes(k));
  if (unknown.length) throw new InputError(`Неизвестный параметр: ${unknown.map((k) => `--${k}`).join(', ')}`);
}

/** One `shnor` command: its name, its lines in the usage text, and what it does. */
export interface Command {
  name: string;
  usage: string;
  run(args: Args, io: Io): Promise<number>;
}

/** `--year YYYY`, when given. */
export function yearOption(args: Args): number | undefined {
  if (args.options.year === undefined) return undefined;
  const year = Number(args.options.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InputError(`--year: ожидался год, например 2025, указано «${args.options.year}»`);
  return year;
}
