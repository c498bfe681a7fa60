#!/usr/bin/env node
// `npx lastri …` runs the TypeScript entry through SWC, like the repository's other scripts: the
// CLI is a development and operations tool and is never built. The workspace tsconfig is named
// explicitly so the command works from any directory.
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.resolve(__dirname, '../../../tsconfig.json');
require('@swc-node/register');
require('../lastri.ts');
