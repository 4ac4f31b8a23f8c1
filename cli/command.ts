/**
 * What every `shnor` command shares: parsed arguments, output streams, the input-error type.
 */
import { isYmd } from '../shared/roadmap/dates';

/** A yes/no answer: group 1 matches a yes, group 2 a no. */
const YES_NO = /^(?:(да|yes|y|true|1)|(нет|no|n|false|0))$/i;

/** `text` as yes (true) or no (false); null when it is neither. */
export function yesNo(text: string): boolean | null {
  const m = YES_NO.exec(text.trim());
  return m ? m[1] !== undefined : null;
}

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
  /** The command's yes/no flags (Command.flags) that were given: `--preview` is true, `--preview нет` false. */
  flags: Record<string, boolean>;
}

/** Yes/no flags by command name, as the commands declare them (defineCommand). */
const commandFlags = new Map<string, readonly string[]>();

/**
 * Parses the command line. A flag the command declares (Command.flags, or `flags` here) may stand
 * alone or take a yes/no word (`--preview`, `--preview да`, `--preview=нет`); any other option needs
 * a value.
 */
export function parseArgs(argv: string[], flags?: readonly string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const given: Record<string, boolean> = {};
  const isFlag = (name: string) => (flags ?? (positional.length ? commandFlags.get(positional[0]) : undefined) ?? []).includes(name);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') options.help = 'yes';
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
      if (isFlag(name)) {
        const answer = value === undefined ? null : yesNo(value);
        if (eq > 0 && answer === null) throw new InputError(`${a.slice(0, eq)}: ожидалось «да» или «нет», указано «${value}»`);
        given[name] = answer ?? true;
        if (eq < 0 && answer !== null) i++;
      } else if (eq > 0) options[name] = value!;
      else {
        if (value === undefined || value.startsWith('--')) throw new InputError(`Параметру ${a} нужно значение`);
        options[name] = value;
        i++;
      }
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options, flags: given };
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
  /** Its yes/no flags: parseArgs puts them into Args.flags (declare the command with defineCommand). */
  flags?: readonly string[];
  run(args: Args, io: Io): Promise<number>;
}

/** A command whose yes/no flags parseArgs knows from now on. */
export function defineCommand(command: Command): Command {
  if (command.flags?.length) commandFlags.set(command.name, command.flags);
  return command;
}

/** `--year YYYY`, when given. */
export function yearOption(args: Args): number | undefined {
  if (args.options.year === undefined) return undefined;
  const year = Number(args.options.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InputError(`--year: ожидался год, например 2025, указано «${args.options.year}»`);
  return year;
}

/**
 * `--date`: a date as officials write it, ДД.ММ.ГГГГ (05.04.2025), or ISO ГГГГ-ММ-ДД (2025-04-05).
 * Returns the ISO date; undefined when not given.
 */
export function dateOption(args: Args): string | undefined {
  const text = args.options.date;
  if (text === undefined) return undefined;
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  const iso = ru ? `${ru[3]}-${ru[2].padStart(2, '0')}-${ru[1].padStart(2, '0')}` : text.trim();
  if (!isYmd(iso)) throw new InputError(`--date: ожидалась дата ДД.ММ.ГГГГ, например 05.04.2025 (или 2025-04-05), указано «${text}»`);
  return iso;
}
