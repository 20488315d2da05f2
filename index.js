// n8n loads the nodes and the credential from the paths in package.json → "n8n"; nothing is exported here.
module.exports = {};
