/**
 * Prints one plain closing line after jest's own summary — «jest: N passed, N failed, N skipped» —
 * so that CI (and a person skimming the log) reads the outcome the same way whatever the runner.
 */
class SummaryLine {
  onRunComplete(_contexts, results) {
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`;
    process.stdout.write(`${line}\n`);
  }
}
module.exports = SummaryLine;
