import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

/** Filters of Get Many, sent in the body of the document list (shared/api/documents.ts). */
export const listFilterProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: [
		{
			displayName: 'Content Contains',
			name: 'content',
			type: 'string',
			default: '',
			placeholder: 'e.g. Jane Doe',
			description: 'A keyword in the field values of the document',
		},
		{
			displayName: 'Created After',
			name: 'startCreateDate',
			type: 'dateTime',
			default: '',
			description: 'Only documents created at or after this moment',
		},
		{
			displayName: 'Created Before',
			name: 'endCreateDate',
			type: 'dateTime',
			default: '',
			description: 'Only documents created at or before this moment',
		},
		{
			displayName: 'Template Names or IDs',
			name: 'templateIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTemplates' },
			default: [],
			description:
				'Only documents made from these templates. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Title Contains',
			name: 'title',
			type: 'string',
			default: '',
			placeholder: 'e.g. Employment Contract',
			description: 'A keyword in the document title',
		},
		{
			displayName: 'Title or Content Contains',
			name: 'titleAndContent',
			type: 'string',
			default: '',
			description: 'A keyword in the title or in the field values',
		},
		{
			displayName: 'Updated After',
			name: 'startUpdateDate',
			type: 'dateTime',
			default: '',
			description: 'Only documents last changed at or after this moment',
		},
		{
			displayName: 'Updated Before',
			name: 'endUpdateDate',
			type: 'dateTime',
			default: '',
			description: 'Only documents last changed at or before this moment',
		},
	],
};

const DATE_FILTERS: Array<[string, string, string]> = [
	['startCreateDate', 'start_create_date', 'Created After'],
	['endCreateDate', 'end_create_date', 'Created Before'],
	['startUpdateDate', 'start_update_date', 'Updated After'],
	['endUpdateDate', 'end_update_date', 'Updated Before'],
];
/** eformsign launched long after 2000; anything outside this range is a typo or a unit mix-up. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** n8n date values (ISO text, a Date, or epoch ms) → eformsign's epoch milliseconds. */
function epochMs(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms =
		typeof value === 'number'
			? value
			: value instanceof Date
				? value.getTime()
				: typeof value === 'string' && /^\d{12,14}$/.test(value.trim())
					? Number(value.trim())
					: Date.parse(String(value));
	if (!Number.isFinite(ms)) {
		throw new NodeOperationError(this.getNode(), `"${label}" is not a date: ${String(value)}`, {
			itemIndex,
			description: 'Pick a date in the date picker, or map an ISO date such as 2025-03-01T00:00:00+09:00.',
		});
	}
	if (ms < EARLIEST || ms >= LATEST) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" is out of range: ${new Date(ms).toISOString()}`,
			{
				itemIndex,
				description:
					'Use a date between the years 2000 and 2099. A number is read as epoch milliseconds, not seconds.',
			},
		);
	}
	return ms;
}

/** The filter part of the document list's body; keys and value types as eformsign expects them. */
export function listFilterBody(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {};
	for (const [parameter, key] of [
		['title', 'title'],
		['content', 'content'],
		['titleAndContent', 'title_and_content'],
	]) {
		const keyword = String(filters[parameter] ?? '').trim();
		if (keyword) body[key] = keyword;
	}
	const templateIds = filters.templateIds;
	const ids = (Array.isArray(templateIds) ? templateIds : String(templateIds ?? '').split(','))
		.map((id) => String(id).trim())
		.filter(Boolean);
	if (ids.length > 0) body.template_ids = ids;

	for (const [parameter, key, label] of DATE_FILTERS) {
		const ms = epochMs.call(this, filters[parameter], label, itemIndex);
		if (ms !== undefined) body[key] = ms;
	}
	for (const [from, to, what] of [
		['start_create_date', 'end_create_date', 'Created'],
		['start_update_date', 'end_update_date', 'Updated'],
	]) {
		if (body[from] !== undefined && body[to] !== undefined && Number(body[from]) > Number(body[to])) {
			throw new NodeOperationError(this.getNode(), `"${what} After" is later than "${what} Before"`, {
				itemIndex,
				description: `Swap the two dates, or remove one of them: no document can match "${what} After" ${new Date(Number(body[from])).toISOString()} and "${what} Before" ${new Date(Number(body[to])).toISOString()}.`,
			});
		}
	}
	return body;
}
