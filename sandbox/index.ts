// Public entry point of the sandbox: `startSandbox()` and the types tests use.

export { startSandbox } from './sandbox';
export type {
	DemoData,
	Fault,
	RequestLogEntry,
	Sandbox,
	SandboxOptions,
	TokenExpirySignal,
	WebhookVerification,
} from './types';
export { MULTI_DOWNLOAD_LIMIT } from './routes/multiDownload';
