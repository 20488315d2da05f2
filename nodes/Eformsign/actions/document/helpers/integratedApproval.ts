import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import {
	approveIntegratedApproval,
	declineIntegratedApproval,
	type ApprovalDecision,
} from '../../../../shared/api/documentSteps';
import { idParameter } from '../../../../shared/api/ids';
import { explainFailures } from '../../../../shared/errors';
import { documentLocator } from '../../common.descriptions';
import { DOCUMENT_FIELD } from './documentIds';
import type { ForItem } from '../../../../shared/transport';

/**
 * Approve and Decline (Integrated Approval): the decision of an approval step made in the
 * company's own approval system (ERP, groupware, a chat), reported to eformsign.
 */

type Decision = 'approve' | 'decline';

export function approvalProperties(decision: Decision): INodeProperties[] {
	return [
		documentLocator,
		{
			displayName: 'Approver ID',
			name: 'approverId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. erp-4711',
			description: 'Who decided, as your approval system knows them (an employee number, an e-mail address…)',
		},
		{
			displayName: 'Approver Name',
			name: 'approverName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Jisoo Park',
			description: "The approver's name, shown in the document's history",
		},
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			placeholder: decision === 'approve' ? 'e.g. Approved in Slack' : 'e.g. The salary is above the budget.',
			description:
				decision === 'approve'
					? "Note recorded with the approval in the document's history"
					: 'Why the document is declined; recorded in its history',
		},
	];
}

function requiredText(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: `Enter "${label}" (eformsign records who decided), or map it from a previous node.`,
		});
	}
	return value;
}

const NOT_WAITING = {
	message: 'The document is not waiting for an integrated approval',
	hint: 'It waits at another kind of step, or the approval has already been decided. Check its current step with Document > Get.',
};

export async function decide(
	this: IExecuteFunctions,
	itemIndex: number,
	forItem: ForItem,
	decision: Decision,
): Promise<INodeExecutionData[]> {
	const documentId = idParameter.call(this, 'documentId', DOCUMENT_FIELD, itemIndex);
	const fields: ApprovalDecision = {
		executorId: requiredText.call(this, 'approverId', 'Approver ID', itemIndex),
		executorName: requiredText.call(this, 'approverName', 'Approver Name', itemIndex),
		comment: String(this.getNodeParameter('comment', itemIndex, '') ?? ''),
	};
	const call = decision === 'approve' ? approveIntegratedApproval : declineIntegratedApproval;
	const response = await explainFailures(
		this.getNode(),
		async () => await call.call(this, documentId, fields, forItem),
		{
			'4000029': NOT_WAITING,
			'4030009': {
				message: "This member may not decide on the document's approval",
				hint: "Use a credential whose Member ID is the document's creator, an administrator or a document manager, or one without a Member ID (a company token, as an approval system would use).",
			},
		},
		itemIndex,
	);
	return [{ json: { ...response, decision: decision === 'approve' ? 'approved' : 'declined' } }];
}
