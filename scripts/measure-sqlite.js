#!/usr/bin/env node
// `npm run measure:sqlite`: at which concurrency does n8n on SQLite start failing webhook
// executions, with the eformsign Trigger and with n8n's built-in Webhook node, and what does
// Postgres do with the same load? One n8n per database (the default SQLite, then a private
// Postgres cluster), both workflows published in it, and rounds of signed deliveries at rising
// concurrency, each sent for a fixed time (so a busy machine sends fewer, not for longer). Prints
// one line per database, node and concurrency, and the machine's load.
//   --levels 10,20,40        the concurrency levels (default)
//   --seconds 20             how long each level sends, per node
//   --only sqlite|postgres   one database
//   --keep                   keep the temp folder (user folders, logs)
//   answers are counted by status; for anything but 200 with the start of n8n's message
// Results for docs/scaling.md ("SQLite or Postgres"). Every process it starts stops at the end.
const { createPrivateKey, randomUUID, sign } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const http = require('node:http');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');

const { DEMO_CREDENTIALS, demoCredentials } = require('./lib/demo');
const { N8nInstance } = require('./lib/n8n');
const { buildAndPack, installIntoUserFolder, loadRuntime, PACKAGE } = require('./lib/package');
const { FIRST_BOOT_SAFETY_NET_MS, N8N_BOOT, deadline, explain } = require('./lib/pace');
const { PostgresCluster } = require('./lib/postgres');
const { ProcessGroup, delay, freePort, watchParent } = require('./lib/processes');
const { SandboxProcess, compileSandbox } = require('./lib/sandbox');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const at = argv.indexOf(`--${name}`);
	return at >= 0 ? argv[at + 1] : fallback;
};
const LEVELS = option('levels', '10,20,40').split(',').map(Number);
const SECONDS = Number(option('seconds', '20'));
const ONLY = option('only', undefined);
const KEEP = argv.includes('--keep');
/** n8n is stuck when no execution changed for this long (3 boots of n8n in this run). */
const STALL = [N8N_BOOT, 3, FIRST_BOOT_SAFETY_NET_MS];

const TRIGGER_HOOK = randomUUID();
const WEBHOOK_PATH = `measure-${randomUUID()}`;

function workflows() {
	const { webhook } = DEMO_CREDENTIALS;
	return {
		trigger: {
			name: 'measure: eformsign Trigger',
			nodes: [
				{
					id: randomUUID(),
					name: 'eformsign Trigger',
					type: `${PACKAGE.name}.eformsignTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId: TRIGGER_HOOK,
					parameters: { events: ['*'] },
					credentials: { [webhook.type]: { id: webhook.id, name: webhook.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
		webhook: {
			name: 'measure: Webhook node',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, options: {} },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** A signed document event with its own history ID, as eformsign sends it. */
function signedEvent(demo, historyId) {
	const key = createPrivateKey({
		key: Buffer.from(demo.webhook.privateKeyHex, 'hex'),
		format: 'der',
		type: 'pkcs8',
	});
	const body = Buffer.from(
		JSON.stringify({
			webhook_id: 'measure',
			webhook_name: 'measure',
			company_id: demo.companyId,
			event_type: 'document',
			document: {
				id: 'f'.repeat(32),
				document_title: 'Measure',
				template_id: 'e'.repeat(32),
				template_name: 'Measure',
				workflow_seq: 1,
				history_id: historyId,
				status: 'doc_complete',
				editor_id: 'measure@example.com',
				updated_date: Date.now(),
			},
		}),
	);
	return {
		body,
		headers: {
			'content-type': 'application/json',
			eformsign_signature: sign('sha256', body, { key, dsaEncoding: 'der' }).toString('hex'),
		},
	};
}

/** The status, and for anything but 200 the start of n8n's message ("503 Database is not ready!"). */
function post(agent, url, { body, headers }) {
	return new Promise((resolve) => {
		const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
			let text = '';
			response.on('data', (chunk) => {
				if (text.length < 200) text += chunk;
			});
			response.on('end', () => {
				if (response.statusCode === 200) return resolve(200);
				let message = text;
				try {
					message = JSON.parse(text).message ?? text;
				} catch {}
				resolve(`${response.statusCode} ${String(message).slice(0, 40)}`);
			});
			response.on('error', () => resolve('reset'));
		});
		request.on('error', () => resolve('reset'));
		request.end(body);
	});
}

/** Runs `job` with `concurrency` workers until `seconds` have passed; returns every result. */
async function forSeconds(seconds, concurrency, job) {
	const results = [];
	const until = Date.now() + seconds * 1000;
	const worker = async () => {
		while (Date.now() < until) results.push(await job());
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return results;
}

function tally(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

async function allExecutions(n8n, workflowId, status) {
	const all = [];
	let cursor;
	do {
		const page = await n8n.publicApi(
			'GET',
			`/executions?workflowId=${workflowId}&limit=250${status ? `&status=${status}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		all.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

/** Waits until n8n runs nothing for the workflow and has at least `expected` executions. */
async function settled(n8n, workflowId, expected) {
	let seen;
	let changedAt = Date.now();
	for (;;) {
		const all = await allExecutions(n8n, workflowId);
		const running = (await allExecutions(n8n, workflowId, 'running')).length;
		const now = `${all.length}/${running}`;
		if (all.length >= expected && running === 0) return all;
		if (now !== seen) {
			seen = now;
			changedAt = Date.now();
		} else if (Date.now() - changedAt > deadline(...STALL)) {
			// Fewer executions than 200s is a finding, not a hang: report what n8n holds.
			if (running === 0) return all;
			throw new Error(`n8n stopped making progress (${explain(...STALL)}): ${now}`);
		}
		await delay(500);
	}
}

/** Why n8n ended executions without success: `{ message: how often }`. */
async function reasons(n8n, failed) {
	const messages = [];
	for (const { id } of failed.slice(0, 50)) {
		const execution = await n8n.publicApi('GET', `/executions/${id}?includeData=true`);
		const error = execution.data?.resultData?.error;
		messages.push(String(error?.message ?? 'no error recorded').slice(0, 120));
	}
	return tally(messages);
}

async function measureDatabase(label, n8n, env, log) {
	await n8n.importCredentials(demoCredentials(env.demo, env.sandbox.url));
	await n8n.start();
	await n8n.signInOwner({
		email: 'owner@measure.example.com',
		firstName: 'Measure',
		lastName: 'Owner',
		password: 'Measure-Owner-Passw0rd',
	});
	await n8n.createApiKey('measure');
	const urls = {};
	const ids = {};
	for (const [name, workflow] of Object.entries(workflows())) {
		const created = await n8n.mustRest('POST', '/workflows', {
			...workflow,
			...(n8n.major < 2 ? { active: false } : {}),
		});
		ids[name] = created.id;
		await n8n.activate(created.id);
	}
	urls.trigger = `${n8n.url}/webhook/${TRIGGER_HOOK}/webhook`;
	urls.webhook = `${n8n.url}/webhook/${WEBHOOK_PATH}`;
	const rows = [];
	let serial = 0;
	for (const concurrency of LEVELS) {
		for (const name of ['trigger', 'webhook']) {
			const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
			const before = (await allExecutions(n8n, ids[name])).length;
			const load = loadavg()[0];
			const started = Date.now();
			const statuses = await forSeconds(SECONDS, concurrency, () =>
				post(agent, urls[name], signedEvent(env.demo, `measure-${label}-${++serial}`)),
			);
			const seconds = (Date.now() - started) / 1000;
			const count = statuses.length;
			agent.destroy();
			const accepted = statuses.filter((status) => status === 200).length;
			const all = await settled(n8n, ids[name], before + accepted);
			const fresh = all.slice(0, all.length - before);
			const failed = fresh.filter((execution) => execution.status !== 'success');
			const row = {
				database: label,
				node: name === 'trigger' ? 'eformsign Trigger' : 'Webhook node',
				concurrency,
				sent: count,
				answers: tally(statuses),
				executions: fresh.length,
				notSuccessful: failed.length,
				lost: Math.max(accepted - fresh.length, 0),
				perSecond: Number((count / seconds).toFixed(1)),
				load1: Number(load.toFixed(1)),
				reasons: failed.length ? await reasons(n8n, failed) : {},
			};
			rows.push(row);
			log(
				`${label} ${row.node.padEnd(17)} c=${String(concurrency).padStart(3)}: ${row.sent} sent, answers ${JSON.stringify(row.answers)}, executions ${row.executions}, not successful ${row.notSuccessful}, lost ${row.lost}, ${row.perSecond}/s, load ${row.load1}${failed.length ? ` — ${JSON.stringify(row.reasons)}` : ''}`,
			);
		}
	}
	await n8n.stop();
	return rows;
}

async function main() {
	const processes = new ProcessGroup();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-eformsign-measure-'));
	const log = (line) => process.stdout.write(`${line}\n`);
	let exitCode = 1;
	const finish = async (code) => {
		await processes.stopAll().catch(() => undefined);
		if (KEEP || code !== 0) log(`Files and logs kept in ${workDir}`);
		else rmSync(workDir, { recursive: true, force: true });
		process.exit(code);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void finish(130));
	watchParent(() => void finish(1));
	try {
		log(`SQLite against Postgres: concurrency ${LEVELS.join(', ')}, ${SECONDS} s each per node`);
		log(
			`machine: load ${loadavg()
				.map((value) => value.toFixed(1))
				.join(' ')} (1, 5, 15 min)`,
		);
		const runtime = await loadRuntime();
		const tarball = await buildAndPack(join(workDir, 'pack'));
		await compileSandbox();
		const sandbox = new SandboxProcess({
			processes,
			port: await freePort(),
			logFile: join(workDir, 'logs', 'sandbox.log'),
		});
		const demo = await sandbox.start();
		const env = { demo, sandbox };
		const instance = async (label, extraEnv) => {
			const userFolder = join(workDir, `n8n-${label}`);
			await installIntoUserFolder(tarball, userFolder);
			return new N8nInstance({
				runtime,
				userFolder,
				port: await freePort(),
				brokerPort: await freePort(),
				processes,
				logFile: join(workDir, 'logs', `n8n-${label}.log`),
				logLevel: 'warn',
				extraEnv,
			});
		};
		const rows = [];
		if (ONLY !== 'postgres') {
			rows.push(...(await measureDatabase('sqlite', await instance('sqlite', {}), env, log)));
		}
		if (ONLY !== 'sqlite') {
			const postgres = new PostgresCluster({
				processes,
				port: await freePort(),
				logFile: join(workDir, 'logs', 'postgres.log'),
			});
			await postgres.start();
			rows.push(
				...(await measureDatabase(
					'postgres',
					await instance('postgres', postgres.n8nEnv()),
					env,
					log,
				)),
			);
			await postgres.stop();
		}
		log('');
		for (const database of ['sqlite', 'postgres']) {
			for (const node of ['eformsign Trigger', 'Webhook node']) {
				const ours = rows.filter((row) => row.database === database && row.node === node);
				if (ours.length === 0) continue;
				const first = ours.find(
					(row) =>
						row.notSuccessful > 0 ||
						row.lost > 0 ||
						!row.answers[200] ||
						row.answers[200] !== row.sent,
				);
				log(
					`${database} ${node}: ${first ? `first failures at concurrency ${first.concurrency}` : `no failure up to concurrency ${ours[ours.length - 1].concurrency}`}`,
				);
			}
		}
		log(
			`machine: load ${loadavg()
				.map((value) => value.toFixed(1))
				.join(' ')} (1, 5, 15 min)`,
		);
		log(`MEASURE_JSON ${JSON.stringify(rows)}`);
		exitCode = 0;
	} catch (error) {
		log(`The measurement stopped: ${error.stack ?? error}`);
	}
	await finish(exitCode);
}

void main();
