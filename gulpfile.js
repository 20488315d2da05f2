const { parallel, src, dest } = require('gulp');

// tsc compiles the TypeScript and the codex JSON; n8n loads icons straight from dist, so copy them too.
function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// package.json "main" points into dist, so that the package ships nothing but dist (plus README, LICENSE).
function copyIndex() {
	return src('index.js').pipe(dest('dist'));
}

exports['build:icons'] = parallel(buildIcons, copyIndex);
