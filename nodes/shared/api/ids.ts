import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

/**
 * The one rule for the IDs a user maps into the node. Every ID is checked here before anything is
 * sent, and the checked ID is what the rest of the code uses; only the endpoint modules put it into
 * a URL (see docs/api/eformsign-api-notes.md, "IDs").
 */

/** Document, template, group and stamp IDs: dash-less UUIDs, which eformsign writes in lower case. */
export const HEX_ID_REGEX = '[0-9a-fA-F]{32}';
const HEX_ID = new RegExp(`^${HEX_ID_REGEX}$`);

/** What each kind of ID looks like at eformsign. */
const ID_FORMS = {
	document: {
		pattern: HEX_ID,
		looksLike:
			'An eformsign document ID is 32 hexadecimal characters, e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	},
	template: {
		pattern: HEX_ID,
		looksLike:
			'An eformsign template ID is 32 hexadecimal characters, e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	},
	group: {
		pattern: HEX_ID,
		looksLike:
			'An eformsign group ID is 32 hexadecimal characters, e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	},
	stamp: {
		pattern: HEX_ID,
		looksLike:
			'An eformsign company stamp ID is 32 hexadecimal characters, e.g. 61b05d369b2a4a10b5c4c8a1373abc0d',
	},
	member: {
		// Login e-mails; nothing that could add or climb out of a URL path segment.
		pattern: /^[^\s/\\?#%@]+@[^\s/\\?#%@]+$/,
		looksLike: 'A member ID is the e-mail address the member signs in with, e.g. name@example.com',
	},
} as const;

type IdKind = keyof typeof ID_FORMS;

/**
 * The placeholders of the console's Test delivery (Integration > API / Webhook > Manage Webhook >
 * Test): an event with these IDs names no real document or template.
 */
const CONSOLE_TEST_IDS: readonly string[] = ['test_doc_id', 'test_template_id', 'test_document_history_id'];

export interface IdField {
	kind: IdKind;
	/** The parameter as the editor shows it, e.g. "Document" or "Document IDs". */
	field: string;
}

/** The checked ID (hex IDs in lower case, as eformsign writes them), or a NodeOperationError. */
export function checkedId(
	node: INode,
	value: unknown,
	{ kind, field }: IdField,
	itemIndex?: number,
): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) {
		throw new NodeOperationError(node, `The ${kind} ID is empty`, {
			itemIndex,
			description: `Enter the ${kind} in "${field}", or map it from a previous node.`,
		});
	}
	const form = ID_FORMS[kind];
	if (!form.pattern.test(text)) {
		const origin = CONSOLE_TEST_IDS.includes(text)
			? ` "${text}" comes from the console's test delivery (the Test button of the webhook in eformsign), which names no real ${kind}: test with a real event instead.`
			: '';
		throw new NodeOperationError(node, `The ${kind} ID "${text}" in "${field}" is not a valid ID`, {
			itemIndex,
			description: `${form.looksLike}. Check the value mapped into "${field}".${origin}`,
		});
	}
	return kind === 'member' ? text : text.toLowerCase();
}

/** The checked ID of a parameter (a resource locator's value, or a plain string). */
export function idParameter(
	this: IExecuteFunctions,
	parameter: string,
	field: IdField,
	itemIndex: number,
): string {
	const value = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	return checkedId(this.getNode(), value, field, itemIndex);
}
