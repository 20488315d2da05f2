// Headless Debian Chromium driven by playwright-core (no browser download: executablePath is the
// system one), with the flags this machine needs, and a record of every console error, page error
// and failed request so the suite can tell the package's problems from n8n's own noise.
const { existsSync, mkdirSync, mkdtempSync } = require('node:fs');
const { join } = require('node:path');

const { deadline } = require('../../scripts/lib/pace');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// From .library/env/machines/node.md: without the background-networking flags Chromium keeps
// trying to reach Google's hosts on a closed network.
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const PACKAGE_HINT = /eformsign/i;

/** `profileParent` gets a new, empty profile folder for every launch. */
async function launchBrowser({ profileParent, baseUrl }) {
	let chromium;
	try {
		({ chromium } = require('playwright-core'));
	} catch {
		throw new Error('playwright-core is not installed (npm ci installs it as a devDependency)');
	}
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	}
	mkdirSync(profileParent, { recursive: true });
	const userDataDir = mkdtempSync(join(profileParent, 'chromium-profile-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: FLAGS,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	const events = { packageProblems: [], otherErrors: [], notes: [], external: [] };
	const origin = new URL(baseUrl).origin;
	// Nothing outside this machine is reachable; n8n's editor looks the package up on the npm
	// registry (community node details), which is n8n's behaviour, not the package's.
	await context.route('**/*', (route) => {
		const url = route.request().url();
		if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
			return route.continue();
		events.external.push(url);
		return route.abort('internetdisconnected');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const text = message.text();
		const location = message.location()?.url ?? '';
		// Failed loads are judged by their URL in the response handler below.
		if (/^Failed to load resource/.test(text)) return;
		(PACKAGE_HINT.test(text) || PACKAGE_HINT.test(location)
			? events.packageProblems
			: events.otherErrors
		).push(`console: ${text}`);
	});
	page.on('pageerror', (error) => {
		const text = `${error.message}\n${error.stack ?? ''}`;
		(PACKAGE_HINT.test(text) ? events.packageProblems : events.otherErrors).push(
			`page error: ${error.message}`,
		);
	});
	page.on('response', (response) => {
		const url = response.url();
		if (!url.startsWith(origin) || response.status() < 400) return;
		// Calls the editor makes for the package: list searches, load options, resource mappers,
		// credential tests, node and credential types, icons.
		const packageCall =
			/\/rest\/dynamic-node-parameters\//.test(url) ||
			/\/rest\/credentials\/test/.test(url) ||
			PACKAGE_HINT.test(decodeURIComponent(url));
		const line = `HTTP ${response.status()} ${response.request().method()} ${url.slice(origin.length)}`;
		// n8n asks for optional output schemas (/schemas/<type>/<version>.json); other nodes may have
		// none, but every eformsign node ships them (nodes/*/__schema__), so a 404 for one is a fault.
		if (response.status() === 404 && /\/schemas\//.test(url) && !packageCall)
			events.notes.push(line);
		else (packageCall ? events.packageProblems : events.otherErrors).push(line);
	});
	return { context, page, events };
}

/**
 * A picture of the page once it has settled: web fonts loaded (Korean needs a CJK font, Debian's
 * fonts-noto-cjk), and CSS transitions and animations finished, so a dialog that is fading in shows
 * as it ends up rather than half transparent over the panel behind it.
 */
async function screenshot(page, directory, name) {
	mkdirSync(directory, { recursive: true });
	const path = join(directory, `${name}.png`);
	await page.evaluate(async () => await document.fonts.ready).catch(() => undefined);
	await page
		.waitForFunction(
			() =>
				document
					.getAnimations()
					.every(
						(animation) =>
							animation.playState !== 'running' ||
							animation.effect?.getTiming().iterations === Infinity,
					),
			undefined,
			{ timeout: 5_000 },
		)
		.catch(() => undefined);
	await page.screenshot({ path, animations: 'disabled' });
	return path;
}

/** Signing in on the first editor page: the unit of the editor checks' waits, measured per run. */
const SIGN_IN = 'editorSignIn';

/**
 * How long an editor wait may take: `multiple` × this run's sign-in, never less than `floorMs`
 * (what the wait needs on an idle machine), so a busy machine gets proportionally more.
 */
function uiTimeout(multiple, floorMs) {
	return Math.max(deadline(SIGN_IN, multiple, floorMs * 4), floorMs);
}

module.exports = { SIGN_IN, launchBrowser, screenshot, uiTimeout };
