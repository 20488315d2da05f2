import { createPrivateKey } from 'node:crypto';

/**
 * Runs after every test in the package: fails the test if any secret shows up in what the nodes
 * produced (output items, error messages and descriptions, log lines). Secrets are registered by the
 * harness (credential values, issued tokens); what is inspected is registered by whoever produced it.
 */
const secrets = new Set<string>();
const inspected: Array<{ where: string; text: string }> = [];

function add(value: unknown): void {
	if (typeof value === 'string' && value.trim().length >= 8) secrets.add(value.trim());
}

export function registerSecrets(...values: unknown[]): void {
	for (const value of values) {
		add(value);
		if (typeof value !== 'string') continue;
		add(Buffer.from(value).toString('base64'));
		const compact = value.replace(/\s+/g, '');
		if (/^[0-9a-fA-F]{60,}$/.test(compact)) {
			add(compact.toLowerCase());
			add(compact.slice(-64).toLowerCase());
			try {
				add(createPrivateKey({ key: Buffer.from(compact, 'hex'), format: 'der', type: 'pkcs8' })
					.export({ type: 'pkcs8', format: 'pem' })
					.toString());
			} catch {
				// not a private key: the hex forms are enough
			}
		}
	}
}

export function registerBasicSecret(id: string, password: string): void {
	registerSecrets(password, `${id}:${password}`);
}

function textOf(value: unknown): string {
	if (value instanceof Error) {
		const extra = value as Error & { description?: unknown; messages?: unknown; context?: unknown; cause?: unknown };
		return [value.message, String(extra.description ?? ''), JSON.stringify(extra.messages ?? ''), safeJson(extra.context), value.stack ?? '', textOfCause(extra.cause)].join('\n');
	}
	return typeof value === 'string' ? value : safeJson(value);
}

function textOfCause(cause: unknown): string {
	return cause instanceof Error ? `${cause.message}\n${safeJson(cause)}` : '';
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, inner: unknown) => {
			if (inner && typeof inner === 'object') {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
			}
			if (Buffer.isBuffer(inner)) return `[buffer ${inner.length}]`;
			return inner;
		}) ?? '';
	} catch {
		return String(value);
	}
}

export function inspectForSecrets(where: string, value: unknown): void {
	inspected.push({ where, text: textOf(value) });
}

export function findLeaks(): string[] {
	const leaks: string[] = [];
	for (const { where, text } of inspected) {
		for (const secret of secrets) {
			if (text.includes(secret)) leaks.push(`${where} contains a secret (${secret.slice(0, 4)}…, ${secret.length} chars)`);
		}
	}
	return leaks;
}

// Benchmarks reuse the harness outside jest, where there is no afterEach.
if (typeof afterEach === 'function') {
	afterEach(() => {
		const leaks = findLeaks();
		inspected.length = 0;
		if (leaks.length > 0) throw new Error(`Secrets leaked:\n${leaks.join('\n')}`);
	});
}

/** For the guard's own test only: forget what was inspected so far. */
export function clearInspected(): void {
	inspected.length = 0;
}
