/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// n8n-core ships its own copies of @n8n/di and @n8n/backend-common; the DI container and the Logger
// that node contexts use are the ones n8n-core resolves, so load them from n8n-core's location.
import { createRequire } from 'node:module';

import type * as BackendCommon from '@n8n/backend-common';
import type * as Di from '@n8n/di';

const requireFromCore = createRequire(require.resolve('n8n-core'));

export const { Container } = requireFromCore('@n8n/di') as typeof Di;
export const { Logger } = requireFromCore('@n8n/backend-common') as typeof BackendCommon;

type BackendNetwork = {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a DI service class, constructed by the container
	OutboundHttp: new (...args: any[]) => { requests(): { request(options: unknown): Promise<unknown> } };
};

/** n8n's own HTTP client, the one behind helpers.httpRequest (for tests of the token module alone). */
export async function n8nHttpRequest(options: unknown): Promise<unknown> {
	const { OutboundHttp } = requireFromCore('@n8n/backend-network') as BackendNetwork;
	return await Container.get(OutboundHttp).requests().request(options);
}
