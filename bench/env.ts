/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// n8n-core reads these when first imported, so this module is imported before anything else.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = join(tmpdir(), 'n8n-nodes-eformsign-bench');
mkdirSync(base, { recursive: true });
process.env.N8N_USER_FOLDER = mkdtempSync(join(base, 'n8n-home-'));
// The folder lives as long as this process: every run got a new one, and none was removed.
const userFolder = process.env.N8N_USER_FOLDER;
process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';
export const benchHome = process.env.N8N_USER_FOLDER;
