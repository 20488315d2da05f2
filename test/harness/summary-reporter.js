/**
 * Ends the run with the line CI reads: "N passed, N failed". Suites that fail to load count as
 * failed tests too, so a broken file can never look green.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `${results.numPassedTests} passed, ${failed} failed`;
		process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
	}
}

module.exports = SummaryReporter;
