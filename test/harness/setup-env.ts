/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// n8n-core reads these when it is first imported, so they are set before any test file loads it.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

const base = join(__dirname, '..', '..', '.tmp');
mkdirSync(base, { recursive: true });
process.env.N8N_USER_FOLDER = mkdtempSync(join(base, 'n8n-home-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
