const { parallel, src, dest } = require('gulp');

// tsc compiles the TypeScript and the codex JSON; n8n loads icons straight from dist, so copy them too.
function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// Output schemas (nodes/X/__schema__/v1.0.0/<resource>/<operation>.json), served by n8n from next to
// the node file. tsc emits them too (tsconfig includes nodes/**/*.json); copying them here keeps the
// build independent of that, as `n8n-node build` does.
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json', { base: '.' }).pipe(dest('dist'));
}

// package.json "main" points into dist, so that the package ships nothing but dist (plus README, LICENSE).
function copyIndex() {
	return src('index.js').pipe(dest('dist'));
}

exports['build:icons'] = parallel(buildIcons, copySchemas, copyIndex);
