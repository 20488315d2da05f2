// Every eformsign route the sandbox serves. Patterns with fixed segments and :params never
// overlap for the same method, so the order only matters for readability.

import type { Route } from '../router';
import { authRoutes } from './auth';
import { companyRoutes } from './company';
import { documentActionRoutes } from './documentActions';
import { documentFileRoutes } from './documentFiles';
import { documentListRoutes } from './documentList';
import { documentRoutes } from './documents';
import { groupRoutes } from './groups';
import { massRoutes } from './mass';
import { memberRoutes } from './members';
import { stampRoutes } from './stamps';
import { templateImageRoutes } from './templateImages';
import { templatePermissionRoutes } from './templatePermissions';
import { templateRoutes } from './templates';
import { completedDocumentRoutes } from './completedDocuments';
import { documentStepRoutes } from './documentSteps';
import { multiDownloadRoutes } from './multiDownload';

export const allRoutes: Route[] = [
	...authRoutes,
	...documentRoutes,
	...documentListRoutes,
	...documentFileRoutes,
	...documentActionRoutes,
	...massRoutes,
	...companyRoutes,
	...templateRoutes,
	...templatePermissionRoutes,
	...templateImageRoutes,
	...stampRoutes,
	...memberRoutes,
	...groupRoutes,
	// Beyond the basic guide (docs/api/eformsign-api-notes.md, "Download several documents" … "Integrated approval")
	...multiDownloadRoutes,
	...documentStepRoutes,
	...completedDocumentRoutes,
];
