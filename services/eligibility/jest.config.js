module.exports = { ...require('../../jest.preset.js'), displayName: 'eligibility-service', rootDir: __dirname };
