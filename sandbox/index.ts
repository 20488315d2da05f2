// Public entry point of the sandbox: `startSandbox()` and the types tests use.

export { startSandbox } from './sandbox';
export type {
	DemoData,
	DemoDocument,
	DemoGroup,
	DemoMember,
	DemoTemplate,
	DocumentInit,
	DocumentStatusInit,
	Fault,
	RequestLogEntry,
	Sandbox,
	SandboxOptions,
	TokenExpirySignal,
	TokenKind,
	WebhookConfig,
	WebhookDelivery,
	WebhookVerification,
} from './types';
export { MAX_LIST_LIMIT } from './routes/documentList';
export { MAX_MASS_DOCUMENTS } from './routes/mass';
export { MULTI_DOWNLOAD_LIMIT } from './routes/multiDownload';
export type {
	CompanyRecord,
	DocumentPhase,
	DocumentRecord,
	DocumentStep,
	FieldValue,
	GroupRecord,
	HistoryRecord,
	MemberRecord,
	Party,
	RecipientRecord,
	SandboxState,
	TemplateField,
	TemplateRecord,
	TemplateStep,
} from './state';
