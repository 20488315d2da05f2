import type { IdField } from '../../../../shared/api/ids';

export const TEMPLATE_FIELD: IdField = { kind: 'template', field: 'Template' };
