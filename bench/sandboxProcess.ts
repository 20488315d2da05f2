/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// The sandbox in a process of its own, on loopback: what is measured is then only the n8n side,
// as it would be against eformsign itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { DemoData } from '../sandbox';

export interface SandboxProcess {
	url: string;
	demo: DemoData;
	control(path: string, body?: unknown): Promise<unknown>;
	stop(): void;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
	const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'sandbox', 'cli.js'), '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let seen = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			seen += chunk.toString();
			const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	child.stdout?.resume();
	const control = async (path: string, body?: unknown) => {
		const response = await fetch(`${url}/_sandbox/${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await response.json();
	};
	const demo = (await control('demo')) as DemoData;
	return { url, demo, control, stop: () => child.kill() };
}
