import '../harness/engine';
import { Container, Logger } from '../harness/n8n-internals';
import { clearInspected, findLeaks, inspectForSecrets, registerSecrets } from '../harness/secret-guard';

// The guard runs after every test in the package; these prove that its silence means something.
describe('the secret guard', () => {
	afterEach(() => clearInspected());

	it('notices a secret in an output item', () => {
		registerSecrets('guard-check-output-secret-1');
		inspectForSecrets('output', [{ json: { note: 'token guard-check-output-secret-1' } }]);
		expect(findLeaks()).toEqual([expect.stringContaining('output contains a secret')]);
	});

	it('notices the base64 form of a secret, as in a Basic or API-key header', () => {
		registerSecrets('guard-check-api-key-2');
		inspectForSecrets('error', new Error(`Authorization: Bearer ${Buffer.from('guard-check-api-key-2').toString('base64')}`));
		expect(findLeaks()).toHaveLength(1);
	});

	it('notices a secret in a log line written through the logger node contexts use', () => {
		registerSecrets('guard-check-log-secret-3');
		Container.get(Logger).warn('refused a delivery', { header: 'guard-check-log-secret-3' });
		expect(findLeaks()).toEqual([expect.stringContaining('log line (warn) contains a secret')]);
	});

	it('stays quiet for clean text', () => {
		registerSecrets('guard-check-unused-secret-4');
		inspectForSecrets('output', { json: { id: 'abc' } });
		Container.get(Logger).info('nothing to hide');
		expect(findLeaks()).toEqual([]);
	});
});
