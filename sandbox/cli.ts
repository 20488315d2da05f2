/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// `npm run sandbox` (compiled to .build/sandbox/cli.js): start the sandbox in the foreground and
// print everything needed to point an n8n credential at it. Ctrl+C (or SIGTERM) stops it.
//
//   node .build/sandbox/cli.js [--port 8787] [--webhook-url URL] [--webhook-verification signature]
//                              [--pdf-pending-polls N]

import { startSandbox } from './sandbox';
import type { WebhookVerification } from './types';

interface CliOptions {
	port: number;
	webhookUrl?: string;
	webhookVerification: WebhookVerification;
	pdfPendingPolls: number;
}

const USAGE =
	'usage: sandbox [--port N] [--webhook-url URL] [--webhook-verification none|bearer|basic|signature] [--pdf-pending-polls N]';

function parseArguments(argv: string[]): CliOptions {
	const options: CliOptions = { port: 8787, webhookVerification: 'signature', pdfPendingPolls: 0 };
	for (let index = 0; index < argv.length; index++) {
		const [name, inlineValue] = argv[index].split(/=(.*)/s, 2);
		const value = () => inlineValue ?? argv[++index];
		switch (name) {
			case '--port':
				options.port = Number(value());
				break;
			case '--webhook-url':
				options.webhookUrl = value();
				break;
			case '--webhook-verification':
				options.webhookVerification = value() as WebhookVerification;
				break;
			case '--pdf-pending-polls':
				options.pdfPendingPolls = Number(value());
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${name}\n${USAGE}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		throw new Error(`--port must be 0..65535\n${USAGE}`);
	}
	if (!Number.isInteger(options.pdfPendingPolls) || options.pdfPendingPolls < 0) {
		throw new Error(`--pdf-pending-polls must be a non-negative integer\n${USAGE}`);
	}
	return options;
}

async function main(): Promise<void> {
	const options = parseArguments(process.argv.slice(2));
	const sandbox = await startSandbox({ port: options.port, pdfPendingPolls: options.pdfPendingPolls });
	if (options.webhookUrl) {
		sandbox.setWebhook({ url: options.webhookUrl, verification: options.webhookVerification });
	}
	const { demo } = sandbox;
	const lines = [
		`eformsign sandbox listening on ${sandbox.url}`,
		'',
		`Token host (credential "Token Host URL"): ${sandbox.url}`,
		`Company ID:          ${demo.companyId}`,
		`Member ID:           ${demo.memberId}   (admin: ${demo.adminId})`,
		'',
		'API keys',
		`  signature  API key      ${demo.signature.apiKey}`,
		`             private key  ${demo.signature.privateKeyHex}`,
		`  bearer     API key      ${demo.bearer.apiKey}`,
		`             token        ${demo.bearer.token}`,
		`  basic      API key      ${demo.basic.apiKey}`,
		`             id/password  ${demo.basic.id} / ${demo.basic.password}`,
		`  inactive   API key      ${demo.inactive.apiKey}   (answers 4030001)`,
		'',
		'Templates',
		...demo.templates.map((template) => `  ${template.id}  ${template.name}${template.enabled ? '' : '  (disabled)'}`),
		'',
		'Documents',
		...demo.documents.map((document) => `  ${document.id}  ${document.status_type}  ${document.name}`),
		'',
		`Webhook public key (signature verification): ${demo.webhook.publicKeyHex}`,
		options.webhookUrl
			? `Webhook: POST ${options.webhookUrl} (${options.webhookVerification})`
			: `Webhook: off (PUT ${sandbox.url}/_sandbox/webhook {"url":"…","verification":"signature"})`,
		'',
		'Advance the document waiting for an external signer by one step:',
		`  curl -X POST ${sandbox.url}/_sandbox/documents/${demo.documentIds.waitingExternal}/advance -H 'content-type: application/json' -d '{"action":"accept"}'`,
		'',
		'Ctrl+C stops the sandbox.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error.message);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
