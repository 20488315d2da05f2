import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { getUsage } from '../../../shared/api/company';
import type { ForItem } from '../../../shared/transport';

/** The company's usage of one month or one year; the company ID comes with the token. */
const properties: INodeProperties[] = [
	{
		displayName: 'Term',
		name: 'term',
		type: 'options',
		options: [
			{ name: 'Monthly', value: 'monthly', description: 'Usage of one month' },
			{ name: 'Yearly', value: 'yearly', description: 'Usage of one year, month by month' },
		],
		default: 'monthly',
	},
	{
		displayName: 'Month',
		name: 'month',
		type: 'string',
		default: '',
		placeholder: 'e.g. 202409',
		description: 'The month as YYYYMM (or YYYY-MM). Leave empty for the current month.',
		displayOptions: { show: { term: ['monthly'] } },
	},
	{
		displayName: 'Year',
		name: 'year',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024',
		description: 'The year as YYYY. Leave empty for the current year.',
		displayOptions: { show: { term: ['yearly'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['usage'], operation: ['getUsage'] } },
	properties,
);

/** Today's year and month in the workflow's time zone. */
function currentPeriod(this: IExecuteFunctions): { year: string; month: string } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: this.getTimezone(),
		year: 'numeric',
		month: '2-digit',
	}).formatToParts(new Date());
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
	return { year: part('year'), month: part('month') };
}

function usageDate(this: IExecuteFunctions, term: string, itemIndex: number): string {
	const now = currentPeriod.call(this);
	if (term === 'yearly') {
		const year = String(this.getNodeParameter('year', itemIndex, '') ?? '').trim() || now.year;
		if (!/^(19|20)\d{2}$/.test(year)) {
			throw new NodeOperationError(this.getNode(), `"${year}" is not a year`, {
				itemIndex,
				description: 'Enter the year as four digits, for example 2024.',
			});
		}
		return year;
	}
	const text = String(this.getNodeParameter('month', itemIndex, '') ?? '').trim();
	const match = /^((?:19|20)\d{2})[-./]?(\d{2})$/.exec(text || `${now.year}${now.month}`);
	const month = match ? Number(match[2]) : 0;
	if (!match || month < 1 || month > 12) {
		throw new NodeOperationError(this.getNode(), `"${text}" is not a month`, {
			itemIndex,
			description: 'Enter the month as YYYYMM, for example 202409 for September 2024.',
		});
	}
	return `${match[1]}${match[2]}`;
}

export const readOnly = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
): Promise<INodeExecutionData[]> {
	const term = this.getNodeParameter('term', itemIndex, 'monthly') as string;
	if (term !== 'monthly' && term !== 'yearly') {
		throw new NodeOperationError(this.getNode(), `"${term}" is not a term`, {
			itemIndex,
			description: 'Set Term to Monthly or Yearly.',
		});
	}
	const date = usageDate.call(this, term, itemIndex);
	const response = await getUsage.call(this, term, date, forItem);
	return [{ json: { period: date, period_term: term, ...response } }];
}
