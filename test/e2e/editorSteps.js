// Page steps for the editor checks: n8n 2.41's own test IDs (data-test-id), used the way a user
// clicks through the canvas, the node panel (NDV), the node creator and the credential dialog.
const { assert } = require('./harness');
const { visibleParameters } = require('./expectedFields');
const { uiTimeout } = require('./browser');

async function dismissPopups(page) {
	// n8n's first-visit panels (the Production Checklist of a published workflow) cover the canvas.
	const close = page.locator('[data-test-id="suggested-actions-close"]');
	if (await close.isVisible().catch(() => false)) await close.click();
	await page.keyboard.press('Escape');
}

async function openNodeCreator(page) {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page
		.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input')
		.first();
	await search.fill('eformsign');
}

async function expectPanel(page, description, values) {
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: uiTimeout(8, 15_000) });
	const expected = visibleParameters(description, values);
	assert.ok(expected.length >= 3, `too few parameters expected for ${JSON.stringify(values)}`);
	for (const parameter of expected) {
		const where = ndv.locator('[data-test-id="node-parameters"]');
		if (parameter.type === 'notice') {
			await where
				.getByText(parameter.displayName.replace(/<[^>]+>/g, '').slice(0, 40))
				.first()
				.waitFor({ timeout: uiTimeout(3, 5_000) });
		} else if (parameter.type === 'resourceMapper') {
			// n8n renders a resource mapper only once the parameters it depends on are set.
			continue;
		} else if (['collection', 'fixedCollection'].includes(parameter.type)) {
			await where
				.getByText(parameter.displayName, { exact: true })
				.first()
				.waitFor({ timeout: uiTimeout(3, 5_000) });
		} else {
			await where
				.locator(`[data-test-id="parameter-input-${parameter.name}"]`)
				.first()
				.waitFor({ timeout: uiTimeout(3, 5_000) });
		}
	}
	return expected;
}

async function closePanel(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden', timeout: uiTimeout(3, 5_000) });
}

/** After a failed check: back to the bare canvas, so the next check starts clean. */
async function recover(page) {
	await closeDialogs(page).catch(() => undefined);
	if (
		await page
			.locator('[data-test-id="ndv"]')
			.isVisible()
			.catch(() => false)
	)
		await closePanel(page).catch(() => undefined);
	await page.keyboard.press('Escape').catch(() => undefined);
}

/** Lets the canvas finish fading nodes in before a screenshot. */
async function settle(page) {
	await page.waitForTimeout(800);
}

async function closeDialogs(page) {
	// Closing an edited, unsaved credential asks for confirmation in some n8n versions.
	const confirm = page.getByRole('button', {
		name: /Close without saving|Leave without saving|Discard|Close/,
	});
	if (
		await confirm
			.first()
			.isVisible()
			.catch(() => false)
	)
		await confirm.first().click();
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	if (await modal.isVisible().catch(() => false))
		await modal
			.locator('button[aria-label="Close this dialog"], .el-dialog__headerbtn')
			.first()
			.click();
	await modal.waitFor({ state: 'hidden', timeout: uiTimeout(3, 5_000) });
}

function resourceName(description, value) {
	return description.properties
		.find((property) => property.name === 'resource')
		.options.find((option) => option.value === value).name;
}

function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

module.exports = {
	closeDialogs,
	closePanel,
	dismissPopups,
	escape,
	expectPanel,
	openNodeCreator,
	recover,
	resourceName,
	settle,
};
