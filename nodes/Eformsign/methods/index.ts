import * as listSearch from './listSearch';
import * as loadOptions from './loadOptions';
import { getTemplateFields } from './resourceMapping';

export const methods = { listSearch, loadOptions, resourceMapping: { getTemplateFields } };
