import type { IDataObject } from 'n8n-workflow';

import { STEP_TYPES, documentStatusName, nameOf } from '../../../../shared/codes';

/**
 * Answers of create, decline and resend carry `document_status` / `step_type` codes outside the
 * document object; this adds their readable names next to the raw codes.
 */
export function withStatusNames(value: IDataObject): IDataObject {
	const result: IDataObject = { ...value };
	const status = documentStatusName(value.document_status);
	if (status) result.document_status_name = status;
	const step = nameOf(STEP_TYPES, value.step_type);
	if (step) result.step_type_name = step;
	if (value.document && typeof value.document === 'object' && !Array.isArray(value.document)) {
		result.document = withStatusNames(value.document as IDataObject);
	}
	return result;
}
