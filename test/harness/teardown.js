const { rmSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async () => {
	rmSync(join(__dirname, '..', '..', '.tmp'), { recursive: true, force: true });
};
