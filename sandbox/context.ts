// What every route handler gets: the data, the server clock, the token store and the webhook
// dispatcher. Kept in its own file so routes and the server do not import each other.

import type { TokenStore } from './auth';
import type { SandboxState } from './state';
import type { DemoData } from './types';
import type { WebhookDispatcher } from './webhooks';

export interface ResolvedOptions {
	port: number;
	tokenLifetimeSeconds: number;
	refreshLifetimeSeconds: number;
	clockWindowSeconds: number;
	pdfPendingPolls: number;
	seed: boolean;
	multiDownloadLimit: number;
}

/** The server's clock: real time plus an offset tests can move (token expiry, 4000002). */
export class Clock {
	offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}
}

export interface SandboxContext {
	state: SandboxState;
	demo: DemoData;
	options: ResolvedOptions;
	clock: Clock;
	tokens: TokenStore;
	webhooks: WebhookDispatcher;
	/** 'http://127.0.0.1:<port>', known once the server listens; returned as api_url. */
	url: string;
}
