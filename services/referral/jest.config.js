module.exports = { ...require('../../jest.preset.js'), displayName: 'referral-service', rootDir: __dirname };
