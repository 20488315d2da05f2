// Imports what the suite runs: the demo credentials and examples/ (exactly as `npm run dev` does)
// plus the e2e workflows, with the n8n CLI, before the server starts.
const { checkExampleIds, demoCredentials, exampleWorkflows } = require('../../scripts/lib/demo');
const { PACKAGE, nodeDescription } = require('../../scripts/lib/package');
const { unknownParameters } = require('./expectedFields');
const { extraWorkflows } = require('./documentExtras.e2e');
const {
	pollRestartWorkflow,
	pollSchedulerWorkflows,
	pollWorkflow,
	workflows,
} = require('./workflows');
const { stampsTemplatesContent } = require('./stampsTemplates.e2e');

/** Every eformsign node of the workflows names only parameters the packed node has. */
function checkParameters(all) {
	const problems = [];
	for (const workflow of all) {
		for (const node of workflow.nodes.filter((entry) =>
			entry.type.startsWith(`${PACKAGE.name}.`),
		)) {
			const description = nodeDescription(node.type.slice(PACKAGE.name.length + 1));
			if (!description) {
				problems.push(
					`${workflow.name} › ${node.name}: ${node.type} is not in package.json n8n.nodes`,
				);
				continue;
			}
			// pollTimes belongs to n8n's scheduler, added to every polling node.
			for (const name of unknownParameters(description, node.parameters, ['pollTimes'])) {
				problems.push(`${workflow.name} › ${node.name}: unknown parameter "${name}"`);
			}
		}
	}
	if (problems.length > 0)
		throw new Error(`workflows out of step with the nodes:\n  ${problems.join('\n  ')}`);
}

async function importContent(env) {
	const examples = exampleWorkflows();
	checkExampleIds(examples, env.demo);
	const stampsTemplates = stampsTemplatesContent(env);
	await env.timed('n8n import:credentials', () =>
		env.n8n.importCredentials([
			...demoCredentials(env.demo, env.sandbox.url),
			...stampsTemplates.credentials,
		]),
	);
	const all = [
		...examples,
		...Object.values(workflows(env.demo)),
		pollWorkflow(env.demo),
		pollRestartWorkflow(env.demo),
		...stampsTemplates.workflows,
		...extraWorkflows(env.demo),
		...pollSchedulerWorkflows(env.demo),
	];
	checkParameters(all);
	await env.timed('n8n import:workflow', () => env.n8n.importWorkflows(all));
}

module.exports = { checkParameters, importContent };
