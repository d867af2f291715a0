const path = require('node:path');
const { src, dest, task } = require('gulp');

// Nodes and credentials name their icons as `file:../icons/...` (relative to the compiled file),
// so the icons live once in dist/icons, beside dist/nodes and dist/credentials.
function copyIcons() {
	return src('icons/*.svg').pipe(dest(path.resolve(__dirname, 'dist/icons')));
}

task('build:icons', copyIcons);
