module.exports = { ...require('../../jest.preset.js'), displayName: 'intake-service', rootDir: __dirname };
