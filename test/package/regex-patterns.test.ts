import type { INodeType } from 'n8n-workflow';

import { Eformsign } from '../../nodes/Eformsign/Eformsign.node';
import { EformsignPollTrigger } from '../../nodes/EformsignPollTrigger/EformsignPollTrigger.node';
import { EformsignTrigger } from '../../nodes/EformsignTrigger/EformsignTrigger.node';

// n8n runs every `regex` a node declares (resource-locator validation) with a 250 ms guard
// against catastrophic backtracking. The jest harness lifts that guard's limit so a busy machine
// cannot trip it (test/harness/regex-engine.ts); this test keeps the guarantee it stood for: each
// declared pattern is linear, so the guard can never fire in a user's n8n either.
function declaredPatterns(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) for (const item of value) declaredPatterns(item, found);
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (key === 'regex' && typeof inner === 'string') found.push(inner);
			else declaredPatterns(inner, found);
		}
	}
	return found;
}

/** A quantified group that itself contains a quantifier, or a back-reference: the shapes that backtrack. */
function backtrackingShape(pattern: string): string | undefined {
	if (/\\[1-9]/.test(pattern)) return 'a back-reference';
	const stack: boolean[] = [];
	for (let index = 0; index < pattern.length; index++) {
		const char = pattern[index];
		if (char === '\\') {
			index++;
			continue;
		}
		if (char === '[') {
			while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
			continue;
		}
		if (char === '(') stack.push(false);
		else if (char === ')') {
			const innerQuantified = stack.pop();
			if (innerQuantified && /^[*+{]/.test(pattern.slice(index + 1))) return 'a quantified group containing a quantifier';
			if (innerQuantified && stack.length > 0) stack[stack.length - 1] = true;
		} else if (/[*+{?]/.test(char) && stack.length > 0) stack[stack.length - 1] = true;
	}
	return undefined;
}

describe('regular expressions the nodes declare', () => {
	const nodes: INodeType[] = [new Eformsign(), new EformsignTrigger(), new EformsignPollTrigger()];
	const patterns = [...new Set(nodes.flatMap((node) => declaredPatterns(node.description.properties)))];

	it('are found (the check below looks at something)', () => {
		expect(patterns.length).toBeGreaterThan(0);
	});

	it.each(patterns)('%s cannot backtrack catastrophically', (pattern) => {
		expect(backtrackingShape(pattern)).toBeUndefined();
	});

	it('the shape check itself spots the classic catastrophic patterns', () => {
		expect(backtrackingShape('^(a+)+$')).toBe('a quantified group containing a quantifier');
		expect(backtrackingShape('^(\\w*x?)*$')).toBe('a quantified group containing a quantifier');
		expect(backtrackingShape('^(a)\\1$')).toBe('a back-reference');
		expect(backtrackingShape('^[0-9a-f]{32}$')).toBeUndefined();
		expect(backtrackingShape('^(?:[a-z]+)$')).toBeUndefined();
	});
});
