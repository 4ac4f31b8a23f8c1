/**
 * The `shnor` command line: the same engine as the spreadsheets, on a file or a folder.
 * Commands live in cli/commands/, one file each, registered in COMMANDS below.
 */
import { type Command, InputError, type Io, defaultIo, parseArgs } from './command';
import { identifyCommand } from './commands/identify';
import { importCommand } from './commands/import';
import { reportCommand } from './commands/report';
import { roadmapStatusCommand } from './commands/roadmap-status';
import { templateCommand } from './commands/template';
import { terminalSafe } from './terminal';

/** Every command, in the order the usage text lists them. */
export const COMMANDS: Command[] = [
  identifyCommand,
  reportCommand,
  importCommand,
  templateCommand,
  roadmapStatusCommand,
];

export function usage(): string {
  return `ШНОР Монитор — идентификация школ с низкими образовательными результатами (ШНОР)
и школ, функционирующих в неблагоприятных социальных условиях (ШФНСУ).

Использование:
${COMMANDS.map((c) => c.usage).join('\n\n')}

Коды завершения: 0 — готово (предупреждения перечислены), 2 — ошибки во входных данных
(с листом, строкой и столбцом; если их много — первые по каждому листу и столбцу и сколько ещё,
все — в файле с --problems ФАЙЛ.csv), 1 — внутренняя ошибка программы.`;
}

/**
 * Runs the command line and returns the exit code; never throws. Everything it prints passes
 * terminalSafe: control characters from the data are shown escaped, never sent raw.
 */
export async function main(argv: string[], rawIo: Io = defaultIo): Promise<number> {
  const io: Io = { ...rawIo, stdout: (t) => rawIo.stdout(terminalSafe(t)), stderr: (t) => rawIo.stderr(terminalSafe(t)) };
  try {
    const args = parseArgs(argv);
    if (!args.command || args.options.help || args.command === 'help') {
      io.stdout(`${usage()}\n`);
      return args.command || args.options.help ? 0 : 2;
    }
    const command = COMMANDS.find((c) => c.name === args.command);
    if (!command) throw new InputError(`Неизвестная команда «${args.command}».\n\n${usage()}`);
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    io.stderr(`Внутренняя ошибка программы: ${(e as Error).message}\nСообщите разработчикам; подробности — с переменной SHNOR_DEBUG=1.\n`);
    if (process.env.SHNOR_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 1;
  }
}
